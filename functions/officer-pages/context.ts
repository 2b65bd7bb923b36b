import { linkKeyring } from '../../shared/adapters/secrets/link-keys.ts';
import { masterDataReader, referenceRepository } from '../../shared/adapters/wiring/wiring.ts';
import { NotYoursError, ReferenceNotFoundError } from '../../shared/domain/errors.ts';
import { formToken } from '../../shared/domain/links/form-token.ts';
import type { LinkClaims } from '../../shared/domain/links/token.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import { fieldsOf } from '../../shared/triggers/http/form.ts';
import { scopedReference } from '../../shared/use-cases/scope.ts';

/** One rule for every page's language, with the page errors' (Hindi unless the browser asks for English). */
export { pageLanguage } from '../../shared/triggers/http/page-errors.ts';

export async function formContext(
  token: string,
  extra: { issues?: never[]; values?: Record<string, string> } = {},
) {
  return { action: `/o/${token}`, formToken: formToken(token, await linkKeyring()), ...extra };
}

/** Post/redirect/get: a reload shows the page instead of repeating the action. */
export const redirectTo = (location: string) => ({
  statusCode: 303,
  headers: { location, 'cache-control': 'no-store' },
  body: '',
});

/** Form fields from a urlencoded body, as strings; percent-encoding that is not UTF-8 is a 400. */
export function formFields(body: string): Record<string, string> {
  return fieldsOf(body);
}

/** datetime-local gives IST wall-clock time without a zone; read it as IST. */
export function istLocalToIso(value: string | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return value || undefined;
  const date = new Date(`${value.length === 16 ? `${value}:00` : value}+05:30`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * The reference a station's or supervisor's link points at, if it is theirs now, as the attachments
 * function's pages read it: 'missing' or 'not-yours' for their own refusal pages.
 */
export async function loadScoped(claims: LinkClaims): Promise<Reference | 'missing' | 'not-yours'> {
  try {
    return await scopedReference(claims, {
      references: referenceRepository(),
      // Uncached: a supervisor's post must match the current master data, not five minutes ago's.
      officers: (district) => masterDataReader().store.officers(district),
    });
  } catch (error) {
    if (error instanceof ReferenceNotFoundError) return 'missing';
    if (error instanceof NotYoursError) return 'not-yours';
    throw error;
  }
}

export { notFound, notYours } from './refusals.ts';

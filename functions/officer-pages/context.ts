import { dynamodbClient } from '../../shared/adapters/clients/dynamodb.ts';
import { DynamoLinkUseLedger } from '../../shared/adapters/dynamodb/link-use-ledger.ts';
import { linkKeyring } from '../../shared/adapters/link-keys.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { mainTableName, masterDataReader, referenceRepository } from '../../shared/adapters/wiring.ts';
import { intEnv } from '../../shared/config.ts';
import { NotYoursError, ReferenceNotFoundError } from '../../shared/domain/errors.ts';
import { formToken } from '../../shared/domain/links/form-token.ts';
import { type LinkClaims, signLinkToken } from '../../shared/domain/links/token.ts';
import type { QueuePort } from '../../shared/domain/ports.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import type { HttpRequest } from '../../shared/triggers/http/request.ts';
import type { DistrictCellDeps } from '../../shared/use-cases/assign-from-triage.ts';
import type { GiveFeedbackDeps } from '../../shared/use-cases/give-feedback.ts';
import type { CellDeskDeps } from '../../shared/use-cases/open-cell-desk.ts';
import type { FeedbackFormDeps } from '../../shared/use-cases/open-feedback-form.ts';
import type { RandomChecksDeps } from '../../shared/use-cases/open-random-checks.ts';
import type { ReferencePageDeps } from '../../shared/use-cases/open-reference.ts';
import type { StationInboxDeps } from '../../shared/use-cases/open-station-inbox.ts';
import { type OfficersPort, scopedReference } from '../../shared/use-cases/scope.ts';
import type { StepDeps } from '../../shared/use-cases/steps.ts';

/** The adapters every officer page's use cases take, built once per container. */

let queue: Promise<QueuePort> | undefined;
/** SQS loads with the first send: page views, and the attachments function, never queue anything. */
const sqsQueue = (): Promise<QueuePort> =>
  (queue ??= import('../../shared/triggers/sqs/queues.ts')
    .then(({ notificationsQueue }) => notificationsQueue())
    .catch((error: unknown) => {
      queue = undefined; // a missing setting fails this send, not every later one
      throw error;
    }));
const notifications: QueuePort = { send: async (body) => (await sqsQueue()).send(body) };

let ledger: DynamoLinkUseLedger | undefined;
const links = () => (ledger ??= new DynamoLinkUseLedger(dynamodbClient(), mainTableName()));

type OfficerPageDeps = StepDeps &
  OfficersPort &
  DistrictCellDeps &
  GiveFeedbackDeps &
  ReferencePageDeps &
  StationInboxDeps &
  CellDeskDeps &
  RandomChecksDeps &
  FeedbackFormDeps;

let deps: OfficerPageDeps | undefined;
export const pageDeps = (): OfficerPageDeps =>
  (deps ??= {
    references: referenceRepository(),
    masterData: masterDataReader(),
    // Uncached: a supervisor's post must match the current master data, not five minutes ago's.
    officers: (district) => masterDataReader().store.officers(district),
    notifications,
    clock: systemClock,
    links: links(),
    feedbackWindowDays: intEnv('FEEDBACK_WINDOW_DAYS', 7),
    referenceLink: async (claims) =>
      `/o/${signLinkToken({ purpose: 'reference', ...claims }, await linkKeyring(), systemClock.now())}`,
  });

export const pageLanguage = (request: HttpRequest) => (request.language === 'en' ? 'en' : 'hi');

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

/** Form fields from a urlencoded body, as strings. */
export function formFields(body: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body)) fields[key] = value;
  return fields;
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
    return await scopedReference(claims, pageDeps());
  } catch (error) {
    if (error instanceof ReferenceNotFoundError) return 'missing';
    if (error instanceof NotYoursError) return 'not-yours';
    throw error;
  }
}

export { notFound, notYours } from './refusals.ts';

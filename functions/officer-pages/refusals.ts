import {
  InvalidFieldsError,
  NotYoursError,
  OutOfScopeError,
  ReferenceNotFoundError,
} from '../../shared/domain/errors.ts';
import type { Language } from '../../shared/domain/language.ts';
import { LinkError } from '../../shared/domain/links/errors.ts';
import { TransitionError } from '../../shared/domain/reference/lifecycle.ts';
import type { HttpResponse } from '../../shared/triggers/http/response.ts';
import { bi, errorPage, html, linkErrorPage, notice, type SafeHtml } from '../../shared/views/html/index.ts';

/**
 * How the officers' and complainants' pages show a refusal, in one place: as a whole page (a link
 * that does not open, a reference that is not there or not theirs, a step no longer possible) or as
 * a notice on the page the form came from (a desk or list that stays in front of the person).
 */

export const notFound = () =>
  errorPage(
    404,
    { en: 'Not found', hi: 'नहीं मिला' },
    { en: 'This reference does not exist.', hi: 'यह सन्दर्भ मौजूद नहीं है।' },
  );

export const notYours = () =>
  errorPage(
    403,
    { en: 'Not for this link', hi: 'इस लिंक हेतु नहीं' },
    { en: 'This reference is not with your station or circle.', hi: 'यह सन्दर्भ आपके थाने या सर्किल का नहीं है।' },
  );

export const alreadyAnswered = () =>
  errorPage(
    409,
    { en: 'Already answered', hi: 'पहले ही उत्तर दिया गया' },
    {
      en: 'Feedback on this disposal was already recorded. Thank you.',
      hi: 'इस निस्तारण पर फीडबैक पहले ही दर्ज हो चुका है। धन्यवाद।',
    },
  );

/** A refusal as a page of its own; undefined for anything that is not a refusal (it propagates). */
export function refusalPage(error: unknown, language: Language): HttpResponse | undefined {
  if (error instanceof LinkError) return linkErrorPage(error, language);
  if (error instanceof ReferenceNotFoundError) return notFound();
  if (error instanceof NotYoursError) return notYours();
  if (error instanceof TransitionError)
    return errorPage(409, { en: 'Not possible now', hi: 'अभी संभव नहीं' }, error.explanation);
  return undefined;
}

/** A refusal as a notice on the page the form came from, with its status; undefined if not one. */
export function refusalNotice(error: unknown): { status: number; message: SafeHtml } | undefined {
  const danger = (status: number, message: Parameters<typeof notice>[0]) => ({
    status,
    message: notice(message, 'danger'),
  });
  if (error instanceof InvalidFieldsError)
    return danger(422, html`${error.issues.map((i) => bi(i.message))}`);
  if (error instanceof TransitionError) return danger(409, bi(error.explanation));
  if (error instanceof OutOfScopeError)
    return danger(
      403,
      bi({ en: 'That reference is not in this district.', hi: 'वह सन्दर्भ इस जनपद का नहीं है।' }),
    );
  if (error instanceof NotYoursError)
    return danger(409, bi({ en: 'Not in this district', hi: 'इस जनपद का नहीं' }));
  return undefined;
}

import { InvalidFieldsError, NotYoursError, OutOfScopeError } from '../../shared/domain/errors.ts';
import { TransitionError } from '../../shared/domain/reference/lifecycle.ts';
import {
  bi,
  errorPage,
  html,
  notice,
  notYoursPage,
  referenceNotFoundPage,
  type SafeHtml,
} from '../../shared/views/html/index.ts';

/**
 * How the officers' and complainants' pages show a refusal, in one place: as a whole page (a link
 * that does not open, a reference that is not there or not theirs, a step no longer possible) or as
 * a notice on the page the form came from (a desk or list that stays in front of the person).
 */

export const notFound = referenceNotFoundPage;
export const notYours = notYoursPage;

export const alreadyAnswered = () =>
  errorPage(
    409,
    { en: 'Already answered', hi: 'पहले ही उत्तर दिया गया' },
    {
      en: 'Feedback on this disposal was already recorded. Thank you.',
      hi: 'इस निस्तारण पर फीडबैक पहले ही दर्ज हो चुका है। धन्यवाद।',
    },
  );

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

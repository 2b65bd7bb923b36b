import {
  DomainError,
  NotYoursError,
  OutOfScopeError,
  ReferenceNotFoundError,
  UnavailableError,
} from '../../domain/errors.ts';
import type { Language } from '../../domain/language.ts';
import { LinkError } from '../../domain/links/errors.ts';
import { AttachmentRefusedError } from '../../domain/officer-work/attachments.ts';
import { TransitionError } from '../../domain/reference/lifecycle.ts';
import {
  bi,
  errorPage,
  html,
  linkErrorPage,
  notYoursPage,
  referenceNotFoundPage,
} from '../../views/html/index.ts';
import { domainErrorToProblem } from './domain-errors.ts';
import { HttpProblem } from './problem.ts';
import { problemResponse } from './problem-response.ts';
import type { HttpRequest } from './request.ts';
import type { HttpResponse } from './response.ts';
import { isDependencyUnavailable, RETRY_AFTER_SECONDS } from './unavailable.ts';

/**
 * Officer and complainant pages are in Hindi unless the browser asks for English. The API's own
 * negotiation falls back to English, so a request with no Accept-Language (a basic phone's
 * browser, a link opened from an SMS app) is read here as Hindi, not as that fallback.
 */
export const pageLanguage = (request: HttpRequest): Language =>
  request.headers['accept-language'] && request.language === 'en' ? 'en' : 'hi';

/**
 * The answer to an error on the pages behind signed links (/o/{token}...), in one place: a refused
 * link (altered, expired, used, out of scope, a forged form) gets its bilingual refusal page, an
 * action the reference's state no longer allows a 409 page, a backing service down a page saying
 * to try again (503 with Retry-After), a refused attachment its reason with the way back to the
 * form, a request refused before its handler ran (a part too long) its reason, never a 500.
 * Anything else is answered as the JSON API
 * answers it (./problem-response.ts). Errors a page shows inside its own form (a field to correct,
 * a reference of another district) are the handler's to render, not errors here.
 */
export function pageErrorResponse(error: unknown, request: HttpRequest): HttpResponse {
  if (error instanceof LinkError) return linkErrorPage(error, pageLanguage(request));
  if (error instanceof ReferenceNotFoundError) return referenceNotFoundPage();
  if (error instanceof NotYoursError) return notYoursPage();
  if (error instanceof OutOfScopeError) {
    // A district desk's link opened on another district's reference (`?ref=`).
    return errorPage(
      403,
      { en: 'Not for this link', hi: 'इस लिंक हेतु नहीं' },
      { en: "This reference is not in this link's district.", hi: 'यह सन्दर्भ इस लिंक के जनपद का नहीं है।' },
      { lang: pageLanguage(request) },
    );
  }
  if (error instanceof TransitionError) {
    return errorPage(409, { en: 'Not possible now', hi: 'अभी संभव नहीं' }, error.explanation);
  }
  if (error instanceof AttachmentRefusedError) {
    // The same words the JSON actions answer with, on a page with the way back to the form.
    const problem = domainErrorToProblem(error);
    const token = request.pathParameters.token ?? '';
    return errorPage(problem.status, problem.title, problem.options.detail ?? problem.title, {
      lang: pageLanguage(request),
      next: html`<p><a href="/o/${token}#attach">${bi({ en: 'Back to the reference', hi: 'सन्दर्भ पर वापस' })}</a></p>`,
    });
  }
  if (
    error instanceof UnavailableError ||
    (!(error instanceof DomainError) && isDependencyUnavailable(error))
  ) {
    const page = errorPage(
      503,
      { en: 'Briefly unavailable', hi: 'कुछ क्षण के लिए अनुपलब्ध' },
      {
        en: 'The service could not be reached just now. Please reload the page in a few seconds before acting again.',
        hi: 'सेवा से अभी सम्पर्क नहीं हो सका। कृपया कुछ सेकंड बाद पृष्ठ पुनः खोलें, फिर कार्रवाई करें।',
      },
      { lang: pageLanguage(request) },
    );
    return { ...page, headers: { ...page.headers, 'retry-after': String(RETRY_AFTER_SECONDS) } };
  }
  // A request refused before the handler ran (a part over its length cap): a person followed a
  // link, so they get its words on a page, not the API's problem+json.
  if (error instanceof HttpProblem && error.status < 500) {
    return errorPage(error.status, error.title, error.options.detail ?? error.title, {
      lang: pageLanguage(request),
    });
  }
  return problemResponse(error, request);
}

import {
  type DomainError,
  IdempotencyMismatchError,
  InvalidFieldsError,
  RateLimitedError,
  UnavailableError,
} from '../../domain/errors.ts';
import { HttpProblem } from './problem.ts';

/** The HTTP meaning of each domain error; the domain itself knows nothing of HTTP. */
export function domainErrorToProblem(error: DomainError): HttpProblem {
  if (error instanceof InvalidFieldsError) {
    return new HttpProblem(
      422,
      'validation',
      { en: 'Some fields are missing or invalid', hi: 'कुछ फ़ील्ड अनुपस्थित या अमान्य हैं' },
      { errors: error.issues },
    );
  }
  if (error instanceof RateLimitedError && error.kind === 'tracking-attempts') {
    return new HttpProblem(
      429,
      'too-many-attempts',
      {
        en: 'Too many attempts for this reference number; try again later',
        hi: 'इस सन्दर्भ संख्या के लिए बहुत अधिक प्रयास; बाद में प्रयास करें',
      },
      { headers: { 'retry-after': String(error.retryAfterSeconds) } },
    );
  }
  if (error instanceof RateLimitedError) {
    return new HttpProblem(
      429,
      'too-many-complaints',
      {
        en: 'This mobile number has reached its monthly limit of complaints',
        hi: 'इस मोबाइल नंबर से इस माह की शिकायतों की सीमा पूरी हो गई है',
      },
      {
        detail: {
          en: `At most ${error.limit} new complaints per mobile number per month. Existing complaints can still be tracked.`,
          hi: `एक मोबाइल नंबर से एक माह में अधिकतम ${error.limit} नई शिकायतें। पुरानी शिकायतें अब भी देखी जा सकती हैं।`,
        },
        headers: { 'retry-after': String(error.retryAfterSeconds) },
      },
    );
  }
  if (error instanceof IdempotencyMismatchError) {
    return new HttpProblem(422, 'idempotency-key-reused', {
      en: 'This Idempotency-Key was already used with a different request',
      hi: 'यह Idempotency-Key पहले किसी अन्य अनुरोध के साथ उपयोग हो चुकी है',
    });
  }
  if (error instanceof UnavailableError) {
    return new HttpProblem(
      503,
      'unavailable',
      {
        en: 'The complaint could not be registered just now; nothing was saved. Please try again.',
        hi: 'शिकायत अभी दर्ज नहीं हो सकी; कुछ भी सहेजा नहीं गया। कृपया फिर से प्रयास करें।',
      },
      { headers: { 'retry-after': '5' }, cause: error },
    );
  }
  return new HttpProblem(400, 'bad-request', {
    en: 'The request cannot be processed',
    hi: 'अनुरोध संसाधित नहीं हो सकता',
  });
}

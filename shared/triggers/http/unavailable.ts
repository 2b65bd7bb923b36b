import { HttpProblem } from './problem.ts';

/** Network failures of a call to a backing service: it could not be reached, or went away. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What AWS services answer when they are busy or briefly unable to serve. */
const BUSY_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);

/**
 * True when a request failed because a backing service (DynamoDB, SQS, Secrets Manager...) could
 * not be reached, or answered that it was busy or failing, after the SDK's own retries: the request
 * may well succeed when repeated, so it is a 503 with Retry-After, never a 500. Follows `cause`.
 */
export function isDependencyUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return false;
    const e = current as {
      code?: unknown;
      name?: unknown;
      $fault?: unknown;
      $metadata?: { httpStatusCode?: number };
      cause?: unknown;
    };
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
    if (typeof e.name === 'string' && BUSY_NAMES.has(e.name)) return true;
    // An AWS SDK error the service itself blamed on its side (a 5xx answer).
    if (e.$metadata && (e.$fault === 'server' || (e.$metadata.httpStatusCode ?? 0) >= 500)) return true;
    current = e.cause;
  }
  return false;
}

export const RETRY_AFTER_SECONDS = 5;

export const unavailableTitle = {
  en: 'The service is briefly unavailable. Please try again in a few seconds.',
  hi: 'सेवा कुछ क्षण के लिए उपलब्ध नहीं है। कृपया कुछ सेकंड बाद फिर प्रयास करें।',
};

/** The 503 for a request a backing service failed; nothing of the failure's inside is shown. */
export function unavailableProblem(cause: unknown): HttpProblem {
  return new HttpProblem(503, 'service-unavailable', unavailableTitle, {
    headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
    cause,
  });
}

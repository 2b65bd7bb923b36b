import { maskText } from './observability/log-masking.ts';
import { logger } from './powertools.ts';

/**
 * One correlation id follows a reference's journey: the API request that filed it (its
 * X-Correlation-Id header when the caller sends a sound one, else API Gateway's request id), the
 * routing message, the notifications it leads to. It travels between functions as an SQS message
 * attribute, and sits on every log line as Powertools' `correlation_id`.
 */
export const CORRELATION_HEADER = 'x-correlation-id';
export const CORRELATION_ATTRIBUTE = 'correlationId';

/** Visible ASCII without quotes or backslashes, at most 128 characters: safe in a log line and a header. */
const SOUND = /^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}$/;

/**
 * A sound id is also free of personal data: one carrying a mobile number or an email address
 * (the caller's own, say) would be masked on every log line and sent on unmasked in the queue
 * messages of the journey, so it is replaced like any other unsound id.
 */
export function isSoundCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && SOUND.test(value) && maskText(value) === value;
}

/** The given id when it is sound, else the fallback (a request or message id). */
export function correlationIdOr(given: unknown, fallback: string): string {
  return isSoundCorrelationId(given) ? given : fallback;
}

export function setCorrelationId(id: string): void {
  logger.setCorrelationId(id);
}

/** The id of the journey being served now, for the messages it sends on. */
export function currentCorrelationId(): string | undefined {
  const id = logger.getCorrelationId();
  return typeof id === 'string' ? id : undefined;
}

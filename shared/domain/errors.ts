import type { Bilingual } from './language.ts';

/** A field the domain found wrong after the schema passed (unknown district, station elsewhere...). */
export interface FieldIssue {
  pointer: string;
  code: string;
  message: Bilingual;
}

export class DomainError extends Error {
  override name = 'DomainError';
}

export class InvalidFieldsError extends DomainError {
  override name = 'InvalidFieldsError';
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.pointer}: ${i.code}`).join(', '));
  }
}

export class RateLimitedError extends DomainError {
  override name = 'RateLimitedError';
  constructor(
    readonly retryAfterSeconds: number,
    readonly limit: number,
    readonly kind: 'monthly-complaints' | 'tracking-attempts' = 'monthly-complaints',
  ) {
    super(`${kind} limit of ${limit} reached; retry after ${retryAfterSeconds} s`);
  }
}

/** The Idempotency-Key was used before with a different request body. */
export class IdempotencyMismatchError extends DomainError {
  override name = 'IdempotencyMismatchError';
}

/** A dependency failed and nothing was kept; the client may retry (with the same Idempotency-Key). */
export class UnavailableError extends DomainError {
  override name = 'UnavailableError';
}

/** No reference has this number. */
export class ReferenceNotFoundError extends DomainError {
  override name = 'ReferenceNotFoundError';
}

/** The link's holder may not act on this reference (another station's, or not their circle's). */
export class NotYoursError extends DomainError {
  override name = 'NotYoursError';
}

/** The reference is not in this district: a district cell's link never reaches another district's. */
export class OutOfScopeError extends DomainError {
  override name = 'OutOfScopeError';
}

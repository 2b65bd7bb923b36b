import type { Category, District, Station } from './masterdata/types.ts';
import type { MobileHashes } from './reference/mobile-hash.ts';
import type { Reference } from './reference/types.ts';

/** What the domain needs from the outside world; adapters in shared/adapters implement these. */

export interface MasterDataReader {
  district(code: string): Promise<District | undefined>;
  station(districtCode: string, code: string): Promise<Station | undefined>;
  category(code: string): Promise<Category | undefined>;
}

export interface ReferenceRepository {
  /** Stores a new reference; false when the number is taken (the caller draws another). */
  create(
    reference: Reference,
    keys: { mobileHash: string; istMonth: string; istDate: string },
  ): Promise<boolean>;
  get(referenceNo: string): Promise<Reference | undefined>;
  /**
   * Removes a reference intake takes back before answering: its routing message failed, or another
   * request with its Idempotency-Key finished first.
   */
  discard(referenceNo: string): Promise<void>;
}

export interface IntakeLimiter {
  /**
   * Counts one complaint for the mobile in the month; false (and no count) once the limit is reached.
   * `alsoCounted` are the number's hashes under older keys: their counts for the month count too, so
   * a rotation of the mobile hash key does not give a number a fresh allowance.
   */
  take(mobileHash: string, month: string, limit: number, alsoCounted?: readonly string[]): Promise<boolean>;
  /** Gives back a count taken for a complaint that was then not stored. */
  giveBack(mobileHash: string, month: string): Promise<void>;
}

/** A finished request remembered under its Idempotency-Key. */
export interface IdempotencyRecord {
  requestHash: string;
  response: unknown;
}

export interface IdempotencyStore {
  /** The finished request recorded under the key, unless it has expired. */
  find(key: string): Promise<IdempotencyRecord | undefined>;
  /**
   * Records a finished request under the key, unless another finished first: then nothing is
   * written and the other's record is returned.
   */
  record(
    key: string,
    requestHash: string,
    response: unknown,
    expiresAt: Date,
  ): Promise<IdempotencyRecord | undefined>;
}

/** A queue that carries messages of one kind, M, to their consumer. */
export interface QueuePort<M> {
  send(body: M): Promise<void>;
}

/** The routing queue's message: route this new reference. */
export interface RouteRequest {
  type: 'route';
  referenceNo: string;
}

/** The keyed hashes of a mobile number (shared/domain/reference/mobile-hash.ts), key held outside. */
export interface MobileHasher {
  hashes(mobile: string): Promise<MobileHashes>;
}

export interface Clock {
  now(): Date;
}

export interface RandomSource {
  digits(count: number): string;
  /** Unambiguous characters for secrets people type. */
  secret(length: number): string;
}

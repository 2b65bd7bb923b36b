import type { Category, District, Station } from './masterdata/types.ts';
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
  /** Removes a reference that was never acknowledged to anyone (its routing message failed). */
  discard(referenceNo: string): Promise<void>;
  /** The complainant's references filed since the given instant, newest first, at most `limit`. */
  recentByMobile(mobileHash: string, sinceIso: string, limit: number): Promise<Reference[]>;
}

export interface IntakeLimiter {
  /** Counts one complaint for the mobile in the month; false (and no count) once the limit is reached. */
  take(mobileHash: string, month: string, limit: number): Promise<boolean>;
  /** Gives back a count taken for a complaint that was then not stored. */
  giveBack(mobileHash: string, month: string): Promise<void>;
}

export type IdempotencyBegin =
  | { state: 'new' }
  | { state: 'in-progress' }
  | { state: 'completed'; requestHash: string; response: unknown };

export interface IdempotencyStore {
  begin(key: string, requestHash: string, expiresAt: Date): Promise<IdempotencyBegin>;
  complete(key: string, requestHash: string, response: unknown, expiresAt: Date): Promise<void>;
  abandon(key: string): Promise<void>;
}

export interface QueuePort {
  send(body: Record<string, unknown>, options?: { deduplicationId?: string }): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export interface RandomSource {
  digits(count: number): string;
  /** Unambiguous characters for secrets people type. */
  secret(length: number): string;
}

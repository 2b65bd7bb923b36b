import type { Actor, Reference } from '../domain/reference/types.ts';
import {
  fillKey,
  PERSONAL_DATA,
  type PersonalDataDeclaration,
  type PersonalObjects,
  type PersonalRecord,
  redactReference,
} from '../domain/retention/personal-data.ts';
import { dueForRedaction, RETENTION_POLICY, type RetentionPolicy } from '../domain/retention/policy.ts';
import { istMonth } from '../domain/time/ist.ts';

/** Where personal data is kept, as the declaration names it (shared/domain/retention/personal-data.ts). */
export interface PersonalDataPort {
  /** The reference read consistently, with the hash of the mobile it is filed under (if still filed). */
  read(referenceNo: string): Promise<{ reference: Reference; mobileHash?: string } | undefined>;
  /**
   * Replaces the stored reference by its redacted form, without the declared storage attributes;
   * only if it is still the one read (version and history length). False when it moved on.
   */
  saveRedacted(before: Reference, after: Reference, declaration: PersonalDataDeclaration): Promise<boolean>;
  /** Deletes the record's items under the key; with `keepFromMonth`, those whose month is not before it stay. */
  deleteRecords(record: PersonalRecord, pk: string, options?: { keepFromMonth?: string }): Promise<number>;
}

export interface PersonalObjectsPort {
  /** Deletes every object under the prefix; the count deleted. */
  deletePrefix(objects: PersonalObjects, prefix: string): Promise<number>;
}

export interface RedactDeps {
  personalData: PersonalDataPort;
  objects: PersonalObjectsPort;
  policy?: RetentionPolicy;
  declaration?: PersonalDataDeclaration;
}

export interface RedactOptions {
  reason: 'retention' | 'erasure';
  at: Date;
  actor: Actor;
  /** Recorded in the reference's redaction event (the policy version, the erasure's audit id). */
  details: Record<string, string>;
}

export interface RedactOutcome {
  referenceNo: string;
  /** False: unknown, or (retention) not due after all, e.g. reopened since the index was read. */
  redacted: boolean;
  objectsDeleted: number;
  recordsDeleted: number;
}

export class RedactionConflictError extends Error {
  override name = 'RedactionConflictError';
}

const ATTEMPTS = 5;

/**
 * Removes one reference's personal data from every copy the declaration names: its files first, then
 * the records beside it, and the reference itself last, since rewriting it is what takes it off the
 * retention list; a run stopped half-way finds it there again and finishes. A step another writer
 * wins (an officer's append) is read again and redone.
 */
export async function redactOneReference(
  referenceNo: string,
  options: RedactOptions,
  deps: RedactDeps,
): Promise<RedactOutcome> {
  const declaration = deps.declaration ?? PERSONAL_DATA;
  const outcome: RedactOutcome = { referenceNo, redacted: false, objectsDeleted: 0, recordsDeleted: 0 };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const found = await deps.personalData.read(referenceNo);
    if (!found) return outcome;
    const { reference, mobileHash } = found;
    if (
      options.reason === 'retention' &&
      !dueForRedaction(reference, options.at, deps.policy ?? RETENTION_POLICY)
    )
      return outcome;
    const ids = { referenceNo, ...(mobileHash ? { mobileHash } : {}) };
    for (const objects of declaration.objects) {
      const prefix = fillKey(objects.prefix, ids);
      if (prefix) outcome.objectsDeleted += await deps.objects.deletePrefix(objects, prefix);
    }
    for (const record of declaration.records) {
      const pk = fillKey(record.pk, ids);
      if (!pk) continue;
      // The job leaves this month's count (other references of the mobile use it); an erasure does not.
      const keep = record.keepRunningMonth && options.reason === 'retention';
      outcome.recordsDeleted += await deps.personalData.deleteRecords(
        record,
        pk,
        keep ? { keepFromMonth: istMonth(options.at) } : {},
      );
    }
    const after = redactReference(reference, {
      at: options.at,
      reason: options.reason,
      actor: options.actor,
      details: options.details,
      declaration,
    });
    if (await deps.personalData.saveRedacted(reference, after, declaration)) {
      outcome.redacted = true;
      return outcome;
    }
  }
  throw new RedactionConflictError(`${referenceNo} kept changing while its personal data was removed`);
}

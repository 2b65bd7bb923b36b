import type { Clock, MobileHasher } from '../domain/ports.ts';
import { allMobileHashes } from '../domain/reference/mobile-hash.ts';
import { fillKey, PERSONAL_DATA } from '../domain/retention/personal-data.ts';
import { type RedactDeps, redactOneReference } from './redact-reference.ts';

/** Why personal data is erased ahead of the schedule. */
export const ERASURE_REASONS = ['complainant-request', 'court-order', 'legal-obligation'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

/** Whose data: one reference, or every reference filed from one mobile number (E.164, +91...). */
export type ErasureTarget = { referenceNo: string } | { mobile: string };

export interface ErasureRequest {
  target: ErasureTarget;
  reason: ErasureReason;
  /** The request's own number (a letter, an RTI or grievance number); never personal data. */
  requestRef?: string;
  /** Who erased: the administrator's id as the caller states it, or a verified token's subject. */
  operator: string;
}

/**
 * The audit entry of one erasure: who, when, why and what. No personal data: the mobile number is
 * neither kept nor hashed here, only the numbers of the references it led to.
 */
export interface ErasureAudit {
  id: string;
  at: string;
  operator: string;
  reason: ErasureReason;
  requestRef?: string;
  scope: 'reference' | 'mobile';
  referenceNos: string[];
  objectsDeleted: number;
  recordsDeleted: number;
}

export interface EraseDeps extends RedactDeps {
  /** Numbers of the references still filed under any of the mobile's hashes (the `complainant` index). */
  referencesOfMobile(mobileHashes: readonly string[]): Promise<string[]>;
  /** The mobile's hashes under every key of the ring: references filed before a rotation are found too. */
  mobileHasher: MobileHasher;
  audit: { record(entry: ErasureAudit): Promise<void> };
  clock: Clock;
  newId(): string;
}

export type ErasureResult = { kind: 'erased'; audit: ErasureAudit } | { kind: 'unknown-reference' };

/**
 * An administrator erases a complainant's personal data now, as the retention job would after the
 * windows, whatever the reference's state; then records the audit entry. A repeated request erases
 * nothing more and records another entry (it was asked again).
 */
export async function eraseComplainant(request: ErasureRequest, deps: EraseDeps): Promise<ErasureResult> {
  const at = deps.clock.now();
  const id = deps.newId();
  const byReference = 'referenceNo' in request.target;
  const referenceNos =
    'referenceNo' in request.target
      ? [request.target.referenceNo]
      : await deps.referencesOfMobile(allMobileHashes(await deps.mobileHasher.hashes(request.target.mobile)));
  const audit: ErasureAudit = {
    id,
    at: at.toISOString(),
    operator: request.operator,
    reason: request.reason,
    ...(request.requestRef ? { requestRef: request.requestRef } : {}),
    scope: byReference ? 'reference' : 'mobile',
    referenceNos: [],
    objectsDeleted: 0,
    recordsDeleted: 0,
  };
  for (const referenceNo of referenceNos) {
    const outcome = await redactOneReference(
      referenceNo,
      { reason: 'erasure', at, actor: { role: 'administrator' }, details: { erasure: id } },
      deps,
    );
    if (!outcome.redacted) continue;
    audit.referenceNos.push(referenceNo);
    audit.objectsDeleted += outcome.objectsDeleted;
    audit.recordsDeleted += outcome.recordsDeleted;
  }
  if (byReference && audit.referenceNos.length === 0) return { kind: 'unknown-reference' };
  if ('mobile' in request.target) {
    // Records kept under the mobile alone (the month's count) go even when no reference is left.
    const hashes = allMobileHashes(await deps.mobileHasher.hashes(request.target.mobile));
    for (const record of (deps.declaration ?? PERSONAL_DATA).records) {
      if (!record.pk.includes('{mobileHash}')) continue;
      for (const mobileHash of hashes)
        audit.recordsDeleted += await deps.personalData.deleteRecords(
          record,
          fillKey(record.pk, { referenceNo: '', mobileHash })!,
        );
    }
  }
  await deps.audit.record(audit);
  return { kind: 'erased', audit };
}

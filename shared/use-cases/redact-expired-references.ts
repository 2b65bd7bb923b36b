import type { District } from '../domain/masterdata/types.ts';
import { PERSONAL_DATA } from '../domain/retention/personal-data.ts';
import { disposedBefore, RETENTION_POLICY } from '../domain/retention/policy.ts';
import { type RedactDeps, redactOneReference } from './redact-reference.ts';

export interface RetentionJobDeps extends RedactDeps {
  masterData: { districts(): Promise<District[]> };
  /** The retention index: numbers of a district's references disposed before the instant, page by page. */
  dueList: {
    disposedBefore(districtCode: string, beforeIso: string, pageSize: number): AsyncIterable<string[]>;
  };
}

export interface RetentionJobOptions {
  /** Asked before each reference: true stops the run (a Lambda near its timeout); the next run resumes. */
  shouldStop?: () => boolean;
  pageSize?: number;
}

export interface RetentionJobResult {
  runAt: string;
  policyVersion: string;
  disposedBefore: string;
  districts: number;
  /** Numbers the retention index listed. */
  listed: number;
  redacted: number;
  objectsDeleted: number;
  recordsDeleted: number;
  /** False when stopped before the end of the list; the next run carries on from what is left. */
  complete: boolean;
}

/**
 * The retention schedule's run: every reference whose last disposal is older than the reopen and
 * appeal windows loses the complainant's personal data, wherever the declaration says it is kept.
 * Idempotent and resumable without a cursor: a redacted reference leaves the retention index, so a
 * second run, or a run after one that stopped, finds only what is still to do.
 */
export async function redactExpiredReferences(
  at: Date,
  deps: RetentionJobDeps,
  options: RetentionJobOptions = {},
): Promise<RetentionJobResult> {
  const policy = deps.policy ?? RETENTION_POLICY;
  const before = disposedBefore(at, policy).toISOString();
  const districts = await deps.masterData.districts();
  const result: RetentionJobResult = {
    runAt: at.toISOString(),
    policyVersion: policy.version,
    disposedBefore: before,
    districts: districts.length,
    listed: 0,
    redacted: 0,
    objectsDeleted: 0,
    recordsDeleted: 0,
    complete: true,
  };
  for (const { code } of districts) {
    for await (const page of deps.dueList.disposedBefore(code, before, options.pageSize ?? 25)) {
      for (const referenceNo of page) {
        if (options.shouldStop?.()) {
          result.complete = false;
          return result;
        }
        result.listed++;
        const outcome = await redactOneReference(
          referenceNo,
          {
            reason: 'retention',
            at,
            actor: { role: 'system' },
            details: { policy: policy.version },
          },
          { ...deps, policy, declaration: deps.declaration ?? PERSONAL_DATA },
        );
        if (outcome.redacted) result.redacted++;
        result.objectsDeleted += outcome.objectsDeleted;
        result.recordsDeleted += outcome.recordsDeleted;
      }
    }
  }
  return result;
}

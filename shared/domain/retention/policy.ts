import type { Reference } from '../reference/types.ts';

/**
 * How long each kind of record keeps personal data, as data: the retention job, the bucket
 * lifecycle rules (infra/constructs/data.ts) and the README read this one object. Change a window
 * here; a new kind of record is added here and, if it holds personal data, in personal-data.ts.
 */
export interface RetentionPolicy {
  /** Named in every redaction event, so a reader knows which rules applied. */
  version: string;
  /**
   * A disposed reference keeps the complainant's personal data until its last disposal is older
   * than both windows: the complainant may still answer the feedback link and reopen it, then appeal.
   */
  reference: { reopenWindowDays: number; appealWindowDays: number };
  /** S3 objects, as the buckets' lifecycle rules. */
  buckets: {
    attachments: {
      /** A redacted reference's files are deleted by the job; S3 keeps the old version this long. */
      noncurrentVersionDays: number;
      /** A backstop for files of references that never reach disposal (or a missed deletion). */
      expireAfterDays: number;
    };
    exports: {
      /** Ranking exports hold no personal data (counts and scores of units): kept as statistics. */
      expireAfterDays: number;
      noncurrentVersionDays: number;
    };
  };
  /** Records that expire on their own (DynamoDB TTL), for the README's table; their adapters set them. */
  expiring: Readonly<Record<string, { days: number; holds: string }>>;
}

export const RETENTION_POLICY: RetentionPolicy = {
  version: 'retention-v1',
  // The feedback link (and with it reopening) lives 7 days; an appeal against a disposal is
  // accepted within 30 days of it (CPGRAMS' rule, which IGRS follows).
  reference: { reopenWindowDays: 7, appealWindowDays: 30 },
  buckets: {
    attachments: { noncurrentVersionDays: 7, expireAfterDays: 3 * 365 },
    exports: { expireAfterDays: 10 * 365, noncurrentVersionDays: 30 },
  },
  expiring: {
    idempotency: { days: 1, holds: 'the 201 answer: reference number and tracking secret' },
    'intake-limit': { days: 62, holds: 'a count per hash of the mobile number and IST month' },
    'tracking-guard': { days: 0.1, holds: 'failed tracking attempts per reference number and hour' },
    'notification-ledger': { days: 90, holds: 'which channels a notification went on, provider message ids' },
    announcement: { days: 180, holds: 'which references a digest told an officer about' },
    'link-use': { days: 1, holds: 'spent single-use link nonces, a day past the link expiry' },
  },
};

const DAY_MS = 86_400_000;

/** The days from a reference's last disposal to the redaction of its personal data. */
export const referenceRetentionDays = (policy: RetentionPolicy = RETENTION_POLICY): number =>
  policy.reference.reopenWindowDays + policy.reference.appealWindowDays;

/** References disposed before this instant are due for redaction at `now`. */
export function disposedBefore(now: Date, policy: RetentionPolicy = RETENTION_POLICY): Date {
  return new Date(now.getTime() - referenceRetentionDays(policy) * DAY_MS);
}

/**
 * Whether the retention job may redact the reference at `now`: disposed (not reopened since), its
 * last disposal past the windows, no random check waiting to call the complainant, and not
 * redacted since that disposal. The job checks the item itself, not only the index's copy of it.
 */
export function dueForRedaction(
  reference: Pick<Reference, 'status' | 'disposal' | 'randomCheck' | 'redaction'>,
  now: Date,
  policy: RetentionPolicy = RETENTION_POLICY,
): boolean {
  const disposal = reference.disposal;
  if (!disposal || (reference.status !== 'resolved' && reference.status !== 'closed')) return false;
  if (reference.randomCheck && !reference.randomCheck.result) return false;
  if (reference.redaction && reference.redaction.at >= disposal.disposedAt) return false;
  return disposal.disposedAt < disposedBefore(now, policy).toISOString();
}

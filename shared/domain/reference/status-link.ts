import type { StatusLinkClaims } from '../links/status-token.ts';
import type { Reference } from './types.ts';

const DAY_MS = 86_400_000;

/** Why a genuine status link no longer opens its reference. */
export type StatusLinkRefusal = 'revoked' | 'expired';

/**
 * Whether a genuine status link still opens its reference: only the latest version does (a newer
 * one was issued, or the links were revoked), and none does once the reference has stood disposed
 * for `daysAfterDisposal` days. An open reference's link never expires: the complainant is waiting.
 */
export function statusLinkRefusal(
  reference: Pick<Reference, 'statusLinkVersion' | 'status' | 'disposal'>,
  claims: StatusLinkClaims,
  now: Date,
  daysAfterDisposal: number,
): StatusLinkRefusal | undefined {
  if (claims.version !== (reference.statusLinkVersion ?? 0)) return 'revoked';
  const disposed = reference.status === 'resolved' || reference.status === 'closed';
  if (disposed && reference.disposal) {
    const until = new Date(reference.disposal.disposedAt).getTime() + daysAfterDisposal * DAY_MS;
    if (now.getTime() >= until) return 'expired';
  }
  return undefined;
}

/**
 * Whether the complainant may still answer the feedback request on the current disposal: it is
 * disposed, this disposal has no answer yet, and the window (as recordFeedback judges it) is open.
 */
export function feedbackOpen(reference: Reference, now: Date, windowDays: number): boolean {
  if ((reference.status !== 'resolved' && reference.status !== 'closed') || !reference.disposal) return false;
  if (reference.feedback?.disposalNumber === (reference.disposalCount ?? 1)) return false;
  return now.getTime() - new Date(reference.disposal.disposedAt).getTime() <= windowDays * DAY_MS;
}

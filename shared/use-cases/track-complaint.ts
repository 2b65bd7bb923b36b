import { RateLimitedError } from '../domain/errors.ts';
import { credentialMatches, type TrackingCredential } from '../domain/intake/tracking.ts';
import type { ReferenceRepository } from '../domain/ports.ts';
import { publicView } from '../domain/reference/public-view.ts';

export interface TrackingGuard {
  /** Failed attempts on this reference number in the current window. */
  failures(referenceNo: string): Promise<number>;
  recordFailure(referenceNo: string): Promise<void>;
  windowSecondsLeft(): number;
}

export interface TrackDeps {
  references: Pick<ReferenceRepository, 'get'>;
  guard: TrackingGuard;
  maxFailuresPerWindow: number;
}

/**
 * A complainant's view of their reference, given its tracking secret or the registered mobile's
 * last four digits. An unknown number and a wrong credential give the same answer (undefined),
 * and both count toward the attempt limit, so neither existence nor the last four digits can be
 * probed.
 */
export async function trackComplaint(referenceNo: string, credential: TrackingCredential, deps: TrackDeps) {
  if ((await deps.guard.failures(referenceNo)) >= deps.maxFailuresPerWindow) {
    throw new RateLimitedError(
      deps.guard.windowSecondsLeft(),
      deps.maxFailuresPerWindow,
      'tracking-attempts',
    );
  }
  const reference = await deps.references.get(referenceNo);
  const matches = reference !== undefined && credentialMatches(reference, credential);
  if (!matches) {
    await deps.guard.recordFailure(referenceNo);
    return undefined;
  }
  return publicView(reference);
}

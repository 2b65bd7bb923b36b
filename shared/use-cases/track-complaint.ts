import { RateLimitedError } from '../domain/errors.ts';
import type { AttemptLimiter, AttemptSlot, AttemptWindow } from '../domain/intake/attempt-window.ts';
import { credentialMatches, type TrackingCredential } from '../domain/intake/tracking.ts';
import type { ReferenceRepository } from '../domain/ports.ts';
import { publicStatus } from '../domain/reference/public-view.ts';
import type { Reference } from '../domain/reference/types.ts';
import { type RevokeStatusLinksDeps, revokeStatusLinks } from './revoke-status-links.ts';

export interface TrackDeps {
  references: Pick<ReferenceRepository, 'get'>;
  limiter: AttemptLimiter;
  /** Failures from one client address (see clientAddressKey) in the window. */
  perAddress: AttemptWindow;
  /** Failures on one reference number from all addresses together: a higher ceiling. */
  perReference: AttemptWindow;
}

export const addressKey = (client: string) => `ADDR#${client}`;
export const referenceKey = (referenceNo: string) => `REF#${referenceNo}`;

/**
 * The reference the credential opens, or undefined (an unknown number and a wrong credential alike).
 * The rule, so that guessing is bounded and no stranger can lock a complainant out:
 *
 * - Every attempt first takes a place under its client address's ceiling, before anything is
 *   checked; an address over its ceiling is refused (429) whatever it sends. A correct attempt gives
 *   its place back, so only failures stay counted, and a stranger's failures fill only the
 *   stranger's own address.
 * - The last four digits of the mobile (10,000 values) also take a place under the reference's own,
 *   higher ceiling, counted from all addresses together, so many addresses cannot share out the
 *   guessing of one reference. Once strangers fill it, the last four digits wait for the window to
 *   slide; the tracking secret (40 bits) and the status link still open it.
 * - A wrong secret is counted on the reference too, but the secret is never refused for the
 *   reference's count: a correct secret from any address succeeds unless that address itself is over.
 * - The status link (/t/{token}) never reads or writes these counters.
 */
async function openWithCredential(
  referenceNo: string,
  credential: TrackingCredential,
  client: string,
  deps: TrackDeps,
): Promise<Reference | undefined> {
  const address = await deps.limiter.take(addressKey(client), deps.perAddress);
  if (!address.ok) {
    throw new RateLimitedError(address.retryAfterSeconds, deps.perAddress.ceiling, 'tracking-attempts');
  }
  let onReference: AttemptSlot | undefined;
  if ('mobileLast4' in credential) {
    const taken = await deps.limiter.take(referenceKey(referenceNo), deps.perReference);
    if (!taken.ok) {
      // Nothing was checked: the address has not failed.
      await deps.limiter.giveBack(address.slot);
      throw new RateLimitedError(taken.retryAfterSeconds, deps.perReference.ceiling, 'tracking-attempts');
    }
    onReference = taken.slot;
  }
  const reference = await deps.references.get(referenceNo);
  if (reference !== undefined && credentialMatches(reference, credential)) {
    await Promise.all([
      deps.limiter.giveBack(address.slot),
      onReference ? deps.limiter.giveBack(onReference) : undefined,
    ]);
    return reference;
  }
  if (!onReference) await deps.limiter.record(referenceKey(referenceNo), deps.perReference);
  return undefined;
}

/**
 * A complainant's view of their reference (with its outcome once disposed, as the status page), given its tracking secret or the registered mobile's
 * last four digits, from client address `client`. An unknown number and a wrong credential give
 * the same answer (undefined), and both count as failures.
 */
export async function trackComplaint(
  referenceNo: string,
  credential: TrackingCredential,
  client: string,
  deps: TrackDeps,
) {
  const reference = await openWithCredential(referenceNo, credential, client, deps);
  return reference && publicStatus(reference);
}

export interface StatusLinkDeps extends TrackDeps, RevokeStatusLinksDeps {
  /** The full status URL for a version of the reference's link. */
  statusLink(request: { referenceNo: string; version: number }): string;
}

/**
 * The complainant, with the tracking secret, withdraws every status link issued for the reference
 * (one was forwarded, or a phone was lost) and gets a new one. Only the secret does this: the last
 * four digits are too easily known to someone close. Undefined when the secret does not open it.
 */
export async function reissueStatusLink(
  referenceNo: string,
  secret: string,
  client: string,
  deps: StatusLinkDeps,
): Promise<{ statusUrl: string; version: number } | undefined> {
  const reference = await openWithCredential(referenceNo, { secret }, client, deps);
  if (!reference) return undefined;
  const version = await revokeStatusLinks(referenceNo, 'complainant', deps);
  if (version === undefined) return undefined;
  return { statusUrl: deps.statusLink({ referenceNo, version }), version };
}

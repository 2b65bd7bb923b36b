import type { Clock } from '../domain/ports.ts';
import type { HistoryEvent } from '../domain/reference/types.ts';

export interface RevokeStatusLinksDeps {
  /** Bumps the reference's statusLinkVersion and records the event; the new version (undefined: no such reference). */
  revokeStatusLinks(referenceNo: string, event: HistoryEvent): Promise<number | undefined>;
  clock: Clock;
}

/**
 * Withdraws every status link issued for a reference: from then on they answer 410, and only a link
 * of the new version opens the page. The complainant does it with the tracking secret
 * (reissueStatusLink); an administrator with `npm run status-link -- revoke <referenceNo>`. The
 * history records who, not why: nothing here is shown in the complainant's timeline.
 */
export function revokeStatusLinks(
  referenceNo: string,
  by: 'complainant' | 'administrator',
  deps: RevokeStatusLinksDeps,
): Promise<number | undefined> {
  return deps.revokeStatusLinks(referenceNo, {
    at: deps.clock.now().toISOString(),
    actor: { role: by },
    action: 'status-links-revoked',
  });
}

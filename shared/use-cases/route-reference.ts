import type { NotificationMessage } from '../domain/notifications/message-types.ts';
import { stepMessage } from '../domain/notifications/messages.ts';
import type { Clock, MobileHasher, QueuePort } from '../domain/ports.ts';
import { contactKey } from '../domain/reference/contact.ts';
import { allMobileHashes } from '../domain/reference/mobile-hash.ts';
import { routeToStation, sendToTriage } from '../domain/reference/transitions.ts';
import type { Reference } from '../domain/reference/types.ts';
import {
  type DuplicateLookup,
  type DuplicateSettings,
  findPossibleDuplicate,
} from '../domain/routing/possible-duplicate.ts';
import { type RoutingLookups, resolveStation } from '../domain/routing/resolve-station.ts';

export interface RoutingDeps {
  references: DuplicateLookup & {
    get(referenceNo: string): Promise<Reference | undefined>;
    saveTransition(before: Reference, after: Reference): Promise<boolean>;
  };
  lookups: RoutingLookups;
  duplicates: DuplicateSettings;
  notifications: QueuePort<NotificationMessage>;
  mobileHasher: MobileHasher;
  clock: Clock;
}

export type RoutingOutcome = 'assigned' | 'triaged' | 'already-routed' | 'missing';

/**
 * What routing queues: the complainant's acknowledgement and the notice to the station (or the
 * district cell) as one bundle, as the lifecycle table says for the route and triage steps. Intake
 * queues only the routing message; the acknowledgement follows routing, within the second or so the
 * router takes, and the notifier sends each at most once however often the bundle is queued.
 */
const routedMessage = (reference: Reference) =>
  stepMessage(reference.status === 'triage' ? 'triage' : 'route', reference);

/** Still where routing (or the district cell after it) put it: its routing notices still stand. */
const stillRouted = (reference: Reference) =>
  reference.status === 'triage' ||
  (reference.stationCode !== undefined &&
    (reference.status === 'assigned' || reference.status === 'returned'));

/**
 * Routes one reference: decides its station (or triage) and whether it possibly repeats an earlier
 * complaint, writes both and their history in one conditional update, then queues the notification
 * and the acknowledgement in one message. Safe to repeat: a reference that has moved on is left
 * alone, and the message is queued again for the notifier to skip what is already sent, so a crash
 * between the write and the queue loses nothing.
 */
export async function routeReference(referenceNo: string, deps: RoutingDeps): Promise<RoutingOutcome> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const reference = await deps.references.get(referenceNo);
    // Taken back at intake after its routing message was sent: nothing to route.
    if (!reference) return 'missing';
    if (reference.status !== 'registered') {
      const message = routedMessage(reference);
      if (
        message &&
        stillRouted(reference) &&
        reference.history.some((e) => e.action === 'routed' || e.action === 'triaged')
      ) {
        await deps.notifications.send({ ...message });
      }
      return 'already-routed';
    }
    const now = deps.clock.now();
    const [decision, duplicateOf] = await Promise.all([
      resolveStation(reference, deps.lookups),
      findPossibleDuplicate(
        reference,
        allMobileHashes(await deps.mobileHasher.hashes(contactKey(reference.complainant))),
        deps.references,
        deps.duplicates,
      ),
    ]);
    const actor = { role: 'system' as const, districtCode: reference.districtCode };
    // The link goes in with the routing decision: one write, and the station sees it from the start.
    const flagged: Reference = duplicateOf
      ? {
          ...reference,
          possibleDuplicateOf: duplicateOf,
          history: [
            ...reference.history,
            {
              at: now.toISOString(),
              actor: { role: 'system' },
              action: 'flagged-possible-duplicate',
              details: { of: duplicateOf },
            },
          ],
        }
      : reference;
    let after: Reference;
    if (decision.kind === 'assign') {
      const category = await deps.lookups.category(reference.categoryCode);
      after = routeToStation(flagged, {
        stationCode: decision.stationCode,
        deadlineDays: category?.deadlineDays,
        at: now,
        actor,
        rule: decision.rule,
      });
    } else {
      after = sendToTriage(flagged, {
        reason: decision.reason,
        candidates: decision.candidates,
        at: now,
        actor,
      });
    }
    if (await deps.references.saveTransition(reference, after)) {
      const message = routedMessage(after);
      if (message) await deps.notifications.send({ ...message });
      return decision.kind === 'assign' ? 'assigned' : 'triaged';
    }
    // Someone else changed it meanwhile: read it again and decide from what is stored.
  }
  throw new Error(`${referenceNo}: kept changing while being routed`);
}

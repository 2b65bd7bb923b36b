import { secretMobileHasher } from '../../shared/adapters/secrets/mobile-hash-keys.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import {
  duplicateSettings,
  masterDataReader,
  referenceRepository,
} from '../../shared/adapters/wiring/wiring.ts';
import { count, logger } from '../../shared/triggers/powertools.ts';
import { sqsHandler } from '../../shared/triggers/sqs/handler.ts';
import { routingMessage } from '../../shared/triggers/sqs/messages.ts';
import { notificationsQueue } from '../../shared/triggers/sqs/queues.ts';
import { type RoutingDeps, routeReference } from '../../shared/use-cases/route-reference.ts';

let deps: RoutingDeps | undefined;

/** Consumer of the routing queue: finds each reference's station, or hands it to the district cell. */
export const handler = sqsHandler(routingMessage, async ({ referenceNo }) => {
  deps ??= {
    references: referenceRepository(),
    // Uncached: a station deleted a minute ago must send its references to triage, not to it.
    lookups: masterDataReader().store,
    notifications: notificationsQueue(),
    mobileHasher: secretMobileHasher,
    clock: systemClock,
    duplicates: duplicateSettings(),
  };
  const outcome = await routeReference(referenceNo, deps);
  if (outcome === 'assigned') count('ReferencesRouted');
  if (outcome === 'triaged') count('ReferencesTriaged');
  logger.info('routed', { referenceNo, outcome });
});

import { notificationsQueue } from '../../shared/adapters/notifications-wiring.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { duplicateSettings, masterDataReader, referenceRepository } from '../../shared/adapters/wiring.ts';
import { logger } from '../../shared/observability/logger.ts';
import { sqsHandler } from '../../shared/sqs/handler.ts';
import { type RoutingDeps, routeReference } from '../../shared/use-cases/route-reference.ts';

let deps: RoutingDeps | undefined;

/** Consumer of the routing queue: finds each reference's station, or hands it to the district cell. */
export const handler = sqsHandler(async (body) => {
  const { referenceNo } = (body ?? {}) as { referenceNo?: unknown };
  if (typeof referenceNo !== 'string' || !/^\d{11}$/.test(referenceNo))
    throw new Error('not a routing message');
  deps ??= {
    references: referenceRepository(),
    // Uncached: a station deleted a minute ago must send its references to triage, not to it.
    lookups: masterDataReader().store,
    notifications: notificationsQueue(),
    clock: systemClock,
    duplicates: duplicateSettings(),
  };
  const outcome = await routeReference(referenceNo, deps);
  logger.info('routed', { referenceNo, outcome });
});

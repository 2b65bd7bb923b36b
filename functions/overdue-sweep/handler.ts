import { systemClock } from '../../shared/adapters/system.ts';
import { masterDataReader, referenceRepository } from '../../shared/adapters/wiring/wiring.ts';
import { scheduledInstant } from '../../shared/domain/time/clock.ts';
import { count, logger } from '../../shared/triggers/powertools.ts';
import { scheduleHandler } from '../../shared/triggers/schedule/handler.ts';
import { notificationsQueue } from '../../shared/triggers/sqs/queues.ts';
import { type SweepDeps, sweepOverdue } from '../../shared/use-cases/sweep-overdue.ts';

let deps: SweepDeps | undefined;

/**
 * The hourly overdue sweep (EventBridge Scheduler). Its "now" is the schedule's
 * <aws.scheduler.scheduled-time>, so a retried invocation is the same run and finds its own work.
 */
export const handler = scheduleHandler({ job: 'overdue-sweep' }, async (event: unknown) => {
  deps ??= {
    references: referenceRepository(),
    masterData: masterDataReader(),
    notifications: notificationsQueue(),
  };
  const result = await sweepOverdue(scheduledInstant(event, systemClock.now()), deps);
  count('Defaulters', result.marked);
  if (result.unannounced.length > 0)
    logger.warn('defaulters with nobody on record to tell', { referenceNos: result.unannounced });
  logger.info('overdue sweep done', { ...result, unannounced: result.unannounced.length });
  return result;
});

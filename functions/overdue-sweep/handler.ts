import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { notificationsQueue } from '../../shared/adapters/notifications-wiring.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { masterDataReader, referenceRepository } from '../../shared/adapters/wiring.ts';
import { scheduledInstant } from '../../shared/domain/time/clock.ts';
import { logger } from '../../shared/observability/logger.ts';
import { type SweepResult, sweepOverdue } from '../../shared/use-cases/sweep-overdue.ts';

/**
 * The hourly overdue sweep (EventBridge Scheduler). Its "now" is the schedule's
 * <aws.scheduler.scheduled-time>, so a retried invocation is the same run and finds its own work.
 */
export const handler = middy<unknown, SweepResult, Error, Context>().handler(async (event, context) => {
  logger.setContext({ requestId: context.awsRequestId, job: 'overdue-sweep' });
  const result = await sweepOverdue(scheduledInstant(event, systemClock.now()), {
    references: referenceRepository(),
    masterData: masterDataReader(),
    notifications: notificationsQueue(),
  });
  if (result.unannounced.length > 0)
    logger.warn('defaulters with nobody on record to tell', { referenceNos: result.unannounced });
  logger.info('overdue sweep done', { ...result, unannounced: result.unannounced.length });
  return result;
});

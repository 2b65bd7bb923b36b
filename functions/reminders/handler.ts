import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { sqsClient } from '../../shared/adapters/clients/sqs.ts';
import { SqsQueue } from '../../shared/adapters/queue.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { masterDataReader, queueUrl, referenceRepository } from '../../shared/adapters/wiring.ts';
import { scheduledInstant } from '../../shared/domain/time/clock.ts';
import { logger } from '../../shared/observability/logger.ts';
import {
  type ReminderDeps,
  type ReminderResult,
  runDailyReminders,
} from '../../shared/use-cases/sweep-overdue.ts';

let deps: ReminderDeps | undefined;

/**
 * The daily reminders (EventBridge Scheduler): each station's next three days, and each district's
 * near-defaulter list for its senior officers, at the schedule's <aws.scheduler.scheduled-time>.
 */
export const handler = middy<unknown, ReminderResult, Error, Context>().handler(async (event, context) => {
  logger.setContext({ requestId: context.awsRequestId, job: 'reminders' });
  const now = scheduledInstant(event, systemClock.now());
  deps ??= {
    references: referenceRepository(),
    masterData: masterDataReader(),
    notifications: new SqsQueue(sqsClient(), queueUrl('notifications')),
  };
  const result = await runDailyReminders(now, deps);
  logger.info('reminders done', { ...result });
  return result;
});

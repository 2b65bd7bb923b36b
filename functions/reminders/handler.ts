import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { notificationsQueue } from '../../shared/adapters/notifications-wiring.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { masterDataReader, referenceRepository } from '../../shared/adapters/wiring.ts';
import { scheduledInstant } from '../../shared/domain/time/clock.ts';
import { logger } from '../../shared/observability/logger.ts';
import { type ReminderResult, sendReminders } from '../../shared/use-cases/send-reminders.ts';

/**
 * The daily reminders (EventBridge Scheduler): each station's next three days, and each district's
 * near-defaulter list for its senior officers, at the schedule's <aws.scheduler.scheduled-time>.
 */
export const handler = middy<unknown, ReminderResult, Error, Context>().handler(async (event, context) => {
  logger.setContext({ requestId: context.awsRequestId, job: 'reminders' });
  const result = await sendReminders(scheduledInstant(event, systemClock.now()), {
    references: referenceRepository(),
    masterData: masterDataReader(),
    notifications: notificationsQueue(),
  });
  logger.info('reminders done', { ...result });
  return result;
});

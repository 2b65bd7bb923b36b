import { systemClock } from '../../shared/adapters/system.ts';
import { masterDataReader, referenceRepository } from '../../shared/adapters/wiring/wiring.ts';
import { scheduledInstant } from '../../shared/domain/time/clock.ts';
import { logger } from '../../shared/triggers/powertools.ts';
import { scheduleHandler } from '../../shared/triggers/schedule/handler.ts';
import { notificationsQueue } from '../../shared/triggers/sqs/queues.ts';
import { type ReminderDeps, sendReminders } from '../../shared/use-cases/send-reminders.ts';

let deps: ReminderDeps | undefined;

/**
 * The daily reminders (EventBridge Scheduler): each station's next three days, and each district's
 * near-defaulter list for its senior officers, at the schedule's <aws.scheduler.scheduled-time>.
 */
export const handler = scheduleHandler({ job: 'reminders' }, async (event: unknown) => {
  deps ??= {
    references: referenceRepository(),
    masterData: masterDataReader(),
    notifications: notificationsQueue(),
  };
  const result = await sendReminders(scheduledInstant(event, systemClock.now()), deps);
  logger.info('reminders done', { ...result });
  return result;
});

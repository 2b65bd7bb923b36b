import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import { parseScheduleExpression } from '../../platform/cron.ts';
import type { ScheduleDefinition } from '../../platform/types.ts';

/**
 * EventBridge Scheduler: runs each declared schedule in its time zone (Asia/Kolkata) and passes the
 * declared input, with the context placeholders Scheduler substitutes
 * (<aws.scheduler.scheduled-time> and friends). Any schedule can be run by hand with trigger().
 */
export class LocalScheduler {
  private readonly jobs: Cron[] = [];

  constructor(
    private readonly schedules: Record<string, ScheduleDefinition>,
    private readonly invoke: (functionName: string, event: unknown) => Promise<unknown>,
    private readonly onError: (schedule: string, error: unknown) => void,
  ) {}

  start(): void {
    for (const [name, schedule] of Object.entries(this.schedules)) {
      const { cronerPattern } = parseScheduleExpression(schedule.expression);
      this.jobs.push(
        new Cron(cronerPattern, { timezone: schedule.timezone, protect: true, name }, async (job: Cron) => {
          const scheduledTime = job.currentRun() ?? new Date();
          await this.trigger(name, scheduledTime).catch((error) => this.onError(name, error));
        }),
      );
    }
  }

  nextRuns(): Record<string, string | null> {
    return Object.fromEntries(this.jobs.map((job) => [job.name ?? '', job.nextRun()?.toISOString() ?? null]));
  }

  /** Runs a schedule now; `overrides` are merged over its input (e.g. {month} for the ranking). */
  async trigger(
    name: string,
    scheduledTime = new Date(),
    overrides: Record<string, unknown> = {},
  ): Promise<unknown> {
    const schedule = this.schedules[name];
    if (!schedule)
      throw new Error(`No schedule named '${name}' (have ${Object.keys(this.schedules).join(', ')})`);
    const event = substitute(schedule.input, {
      '<aws.scheduler.scheduled-time>': scheduledTime.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      '<aws.scheduler.execution-id>': randomUUID(),
      '<aws.scheduler.attempt-number>': '1',
      '<aws.scheduler.schedule-arn>': `arn:aws:scheduler:ap-south-1:000000000000:schedule/default/${name}`,
    });
    return this.invoke(schedule.function, { ...(event as Record<string, unknown>), ...overrides });
  }

  stop(): void {
    for (const job of this.jobs) job.stop();
  }
}

function substitute(value: unknown, placeholders: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return Object.entries(placeholders).reduce(
      (text, [key, replacement]) => text.replaceAll(key, replacement),
      value,
    );
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, placeholders));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, placeholders)]));
  }
  return value;
}

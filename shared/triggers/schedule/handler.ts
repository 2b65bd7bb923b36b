import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { setCorrelationId } from '../correlation.ts';
import { logContext, publishMetrics } from '../middleware.ts';
import { count, logger, type MetricName } from '../powertools.ts';

export interface ScheduleOptions {
  /** The job's name on every log line (overdue-sweep, reminders, ...). */
  job: string;
  /** Counted once for each run that finishes (RankingRuns for the monthly ranking). */
  runMetric?: MetricName;
}

export type ScheduledJob<E, R> = (event: E, context: Context) => Promise<R>;

/**
 * The one middleware stack for EventBridge Scheduler targets: the Lambda context on every log line,
 * metrics published at the end, the job's name and a correlation id (the invocation's request id,
 * which every message the run queues carries on) on every line, a finished run counted, and a
 * failed one logged and rethrown so that the scheduler's retry policy applies.
 */
export function scheduleHandler<E, R>(options: ScheduleOptions, run: ScheduledJob<E, R>) {
  return middy<E, R, Error, Context>()
    .use(logContext())
    .use(publishMetrics())
    .use(scheduledRun<E, R>(options))
    .handler(run);
}

function scheduledRun<E, R>(options: ScheduleOptions): MiddlewareObj<E, R, Error, Context> {
  return {
    before: function startRun(request) {
      setCorrelationId(request.context.awsRequestId);
      logger.appendKeys({ job: options.job });
    },
    after: function runFinished() {
      if (options.runMetric) count(options.runMetric);
    },
    onError: function runFailed(request) {
      logger.error('scheduled run failed', { error: request.error });
    },
  };
}

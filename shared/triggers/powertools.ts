import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { MaskingLogFormatter } from './observability/log-masking.ts';

/**
 * The one place Powertools for AWS Lambda is set up, once per container. `logger` writes JSON lines
 * with personal data masked (./observability/log-masking.ts); `metrics` writes CloudWatch EMF in
 * the `Nivaran` namespace, each function under its own `service` dimension (POWERTOOLS_SERVICE_NAME,
 * which the stack and the local runner set to the function's name). The trigger factories (http/,
 * sqs/, schedule/) add the Lambda context and the correlation id to every line and flush the
 * metrics after each invocation; handlers only log and count.
 */
const serviceName = process.env.POWERTOOLS_SERVICE_NAME || 'nivaran';

export const logger = new Logger({ serviceName, logFormatter: new MaskingLogFormatter() });

export const METRICS_NAMESPACE = 'Nivaran';
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });

/** What Nivaran counts (each a Count); alarms and the dashboard read these names. */
export const METRIC_NAMES = [
  'ComplaintsFiled',
  'ReferencesRouted',
  'ReferencesTriaged',
  'Defaulters',
  'NotificationsSent',
  'NotificationsFailed',
  'RankingRuns',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** Adds to a count; the factory publishes it when the invocation ends. */
export function count(name: MetricName, value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

/** One complaint filed, by channel: a line of its own, so the dimension applies to it alone. */
export function countComplaintFiled(channel: string): void {
  metrics.singleMetric().addDimension('channel', channel).addMetric('ComplaintsFiled', MetricUnit.Count, 1);
}

import {
  type aws_apigatewayv2 as apigw,
  aws_cloudwatch as cloudwatch,
  Duration,
  type aws_dynamodb as dynamodb,
  type aws_lambda as lambda,
  Stack,
  aws_scheduler as scheduler,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { leaveOutOfLogicalIds } from './logical-ids.ts';
import { pascal } from './names.ts';
import type { DeclaredQueue } from './queues.ts';
import type { DeclaredSchedule } from './schedules.ts';
import { validateProps } from './validation.ts';

/**
 * The application's own figures, emitted by Powertools Metrics as EMF under `metricsNamespace`
 * with the dimension `service` (the function's POWERTOOLS_SERVICE_NAME), ComplaintsFiled also by
 * `channel`. The dashboard finds them by search, whichever function emits them; each line is
 * labelled with the dimension named here.
 */
export const APPLICATION_METRICS = [
  { metricName: 'ComplaintsFiled', title: 'Complaints filed, by channel', labelDimension: 'channel' },
  { metricName: 'ReferencesRouted', title: 'References routed to a station', labelDimension: 'service' },
  { metricName: 'ReferencesTriaged', title: 'References sent to district triage', labelDimension: 'service' },
  { metricName: 'Defaulters', title: 'References marked defaulters', labelDimension: 'service' },
  { metricName: 'NotificationsSent', title: 'Notifications sent', labelDimension: 'service' },
  { metricName: 'NotificationsFailed', title: 'Notifications failed', labelDimension: 'service' },
  { metricName: 'RankingRuns', title: 'Monthly ranking runs', labelDimension: 'service' },
] as const;

export interface MonitoringProps {
  /** What every alarm does when it fires (the alarm topic). Default: the alarms only show. */
  readonly alarmAction?: cloudwatch.IAlarmAction;
  /** Functions by their key in the declaration: each gets an errors and a throttles alarm. Default: none. */
  readonly functions?: Record<string, lambda.IFunction>;
  /** The HTTP API: a 5xx alarm. Default: none. */
  readonly httpApi?: apigw.IHttpApi;
  /** Declared queues: an alarm on the age of the oldest message of each. Default: none. */
  readonly queues?: Record<string, DeclaredQueue>;
  /** Declared schedules: alarms on EventBridge Scheduler's target errors and lost invocations. Default: none. */
  readonly schedules?: Record<string, DeclaredSchedule>;
  /** Tables: an alarm on their read and write throttle events. Default: none. */
  readonly tables?: Record<string, dynamodb.ITable>;
  /** Alarms on the account's SES bounce and complaint rates (reputation metrics). Default: false. */
  readonly mail?: boolean;
  /**
   * Alarm when the month's SMS spend (AWS End User Messaging SMS, TextMessageMonthlySpend) passes
   * this many US dollars. Default: no alarm.
   */
  readonly smsMonthlySpendAlarmUsd?: number;
  /** Alarms made elsewhere (the dead-letter queues'), shown with these on the dashboard. Default: none. */
  readonly otherAlarms?: cloudwatch.IAlarm[];
  /** The EMF namespace of APPLICATION_METRICS. Default: 'Nivaran'. */
  readonly metricsNamespace?: string;
  /** Default: `<stack name>-<region>` (dashboard names are per account, not per region). */
  readonly dashboardName?: string;
  /** The period each alarm evaluates. Default: 5 minutes. */
  readonly alarmPeriod?: Duration;
}

/**
 * What tells an operator that something is wrong, beyond the dead-letter queues' own alarms:
 *
 * - every function: errors (a crash or a timeout; expected refusals are responses, and a queue
 *   consumer reports failed messages as batch item failures, which are not errors) and throttles;
 * - the HTTP API: any 5xx answer;
 * - every queue: a message older than its visibility timeout times its receive count, i.e. one
 *   that has outlived every retry its redrive policy allows (the consumer is stopped or behind);
 * - the schedules: EventBridge Scheduler failing to invoke a target, and an invocation lost
 *   (dropped, or not delivered to the dead-letter queue). A run that fails inside its function is
 *   that function's errors alarm, whose description names the schedule.
 *
 * Each alarm fires on one bad period and treats missing data as fine (no traffic is no trouble).
 * The dashboard shows every alarm, the API, the application's own figures, the functions, the
 * queues and the schedules.
 */
export class Monitoring extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps = {}) {
    super(scope, id);
    leaveOutOfLogicalIds(this);
    const period = props.alarmPeriod ?? Duration.minutes(5);
    const namespace = props.metricsNamespace ?? 'Nivaran';
    validateProps(this, [
      {
        condition: period.toSeconds() >= 60 && period.toSeconds() % 60 === 0,
        message: `alarmPeriod: ${period.toHumanString()} is not a whole number of minutes`,
      },
      {
        condition: props.smsMonthlySpendAlarmUsd === undefined || props.smsMonthlySpendAlarmUsd > 0,
        message: `smsMonthlySpendAlarmUsd: ${props.smsMonthlySpendAlarmUsd} must be above 0`,
      },
      {
        condition: /^[^:]{1,255}$/.test(namespace) && !namespace.startsWith('AWS/'),
        message: `metricsNamespace: '${namespace}' is not a custom CloudWatch namespace`,
      },
    ]);
    const functions = Object.entries(props.functions ?? {});
    const queues = Object.entries(props.queues ?? {});
    const schedules = Object.entries(props.schedules ?? {});
    const sum = { period, statistic: cloudwatch.Stats.SUM };

    const alarm = (
      alarmId: string,
      alarmDescription: string,
      metric: cloudwatch.IMetric,
      threshold = 0,
      comparisonOperator = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    ) => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        alarmDescription,
        metric,
        threshold,
        comparisonOperator,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      if (props.alarmAction) created.addAlarmAction(props.alarmAction);
      this.alarms.push(created);
      return created;
    };

    for (const [name, fn] of functions) {
      const role = [
        ...schedules
          .filter(([, s]) => s.definition.function === name)
          .map(
            ([s]) =>
              `it runs the ${s} schedule (Lambda retries a failed run twice, then puts it in the function's failed-runs queue)`,
          ),
        ...queues
          .filter(([, q]) => q.definition.consumer === name)
          .map(
            ([q]) => `it consumes the ${q} queue (a failed message is received again, then goes to the DLQ)`,
          ),
      ];
      alarm(
        `${pascal(name)}FunctionErrorsAlarm`,
        `The ${name} function raised errors or timed out${role.length ? `: ${role.join('; ')}` : ''}. Its log lines carry the request ids.`,
        fn.metricErrors(sum),
      );
      alarm(
        `${pascal(name)}FunctionThrottlesAlarm`,
        `Lambda throttled the ${name} function: the account's concurrency (or its reserved concurrency) is used up`,
        fn.metricThrottles(sum),
      );
    }

    if (props.httpApi) {
      alarm(
        'ApiServerErrorsAlarm',
        'The HTTP API answered 5xx: a function failed or timed out (see the access log and the functions alarms)',
        props.httpApi.metricServerError(sum),
      );
    }

    for (const [name, { queue, definition }] of queues) {
      const retriesSeconds = definition.visibilityTimeoutSeconds * definition.maxReceiveCount;
      alarm(
        `${pascal(name)}QueueAgeAlarm`,
        `A message has waited in the ${name} queue over ${retriesSeconds} s (visibility timeout x receive count): its consumer is stopped or behind`,
        queue.metricApproximateAgeOfOldestMessage({ period, statistic: cloudwatch.Stats.MAXIMUM }),
        retriesSeconds,
      );
    }

    for (const [name, table] of Object.entries(props.tables ?? {})) {
      // On demand still throttles: past twice the previous peak, or one partition's limits.
      const dimensionsMap = { TableName: table.tableName };
      alarm(
        `${pascal(name)}TableThrottlesAlarm`,
        `DynamoDB throttled reads or writes of the ${name} table (indexes included): requests failed or were retried; see the table's metrics by operation`,
        new cloudwatch.MathExpression({
          expression: 'FILL(reads, 0) + FILL(writes, 0)',
          usingMetrics: {
            reads: new cloudwatch.Metric({
              namespace: 'AWS/DynamoDB',
              metricName: 'ReadThrottleEvents',
              dimensionsMap,
              ...sum,
            }),
            writes: new cloudwatch.Metric({
              namespace: 'AWS/DynamoDB',
              metricName: 'WriteThrottleEvents',
              dimensionsMap,
              ...sum,
            }),
          },
          period,
          label: 'Throttle events',
        }),
      );
    }

    if (props.mail) {
      // SES reviews an account at a 5% bounce or 0.1% complaint rate and may pause sending at 10%
      // or 0.5%: these fire at the review level, while there is time to act.
      alarm(
        'MailBounceRateAlarm',
        "SES's bounce rate for this account reached 5%, where SES puts it under review (sending may be paused at 10%): check the mail events topic for the addresses and the complainants' data",
        new cloudwatch.Metric({
          namespace: 'AWS/SES',
          metricName: 'Reputation.BounceRate',
          period,
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        0.05,
        cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      );
      alarm(
        'MailComplaintRateAlarm',
        "SES's complaint rate for this account reached 0.1%, where SES puts it under review (sending may be paused at 0.5%): check the mail events topic and what was sent",
        new cloudwatch.Metric({
          namespace: 'AWS/SES',
          metricName: 'Reputation.ComplaintRate',
          period,
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        0.001,
        cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      );
    }

    if (props.smsMonthlySpendAlarmUsd !== undefined) {
      alarm(
        'SmsMonthlySpendAlarm',
        `This month's SMS spend passed USD ${props.smsMonthlySpendAlarmUsd}: at the account's spend limit AWS End User Messaging SMS stops sending; raise the limit or find the cause`,
        new cloudwatch.Metric({
          namespace: 'AWS/SMSVoice',
          metricName: 'TextMessageMonthlySpend',
          period,
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        props.smsMonthlySpendAlarmUsd,
        cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      );
    }

    // Scheduler publishes per schedule group. Every schedule here is in the default group, which
    // it shares with any other schedule of the account that names no group.
    const scheduleGroup =
      schedules.length > 0
        ? scheduler.ScheduleGroup.fromDefaultScheduleGroup(this, 'DefaultScheduleGroup')
        : undefined;
    if (scheduleGroup) {
      alarm(
        'ScheduleTargetErrorsAlarm',
        'EventBridge Scheduler could not invoke a schedule target; it retries, then puts the invocation in the schedule dead-letter queue',
        scheduleGroup.metricTargetErrors(sum),
      );
      alarm(
        'ScheduleInvocationsLostAlarm',
        "EventBridge Scheduler dropped a schedule invocation or could not put it in the dead-letter queue: that run is lost; invoke the schedule's function with its input by hand",
        new cloudwatch.MathExpression({
          expression: 'FILL(dropped, 0) + FILL(unsent, 0)',
          usingMetrics: {
            dropped: scheduleGroup.metricDropped(sum),
            unsent: scheduleGroup.metricFailedToBeSentToDLQ(undefined, sum),
          },
          period,
          label: 'Invocations lost',
        }),
      );
    }

    const stack = Stack.of(this);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName ?? `${stack.stackName}-${stack.region}`,
      defaultInterval: Duration.days(1),
    });
    const allAlarms = [...this.alarms, ...(props.otherAlarms ?? [])];
    const graph = (title: string, metrics: cloudwatch.IMetric[], width = 8) =>
      new cloudwatch.GraphWidget({ title, left: metrics, width, height: 6 });
    const perFunction = (
      title: string,
      metric: (fn: lambda.IFunction, label: string) => cloudwatch.IMetric,
    ) =>
      graph(
        title,
        functions.map(([name, fn]) => metric(fn, name)),
        6,
      );
    const search = (metricName: string, labelDimension: string) =>
      new cloudwatch.SearchExpression({
        expression: `SEARCH('Namespace="${namespace}" MetricName="${metricName}"', 'Sum', ${period.toSeconds()})`,
        // A CloudWatch dynamic label: each line is named by its dimension value.
        label: `\${PROP('Dim.${labelDimension}')}`,
        period,
      });

    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: allAlarms, width: 24, height: 4 }),
    );
    if (props.httpApi) {
      const api = props.httpApi;
      this.dashboard.addWidgets(
        graph('API requests', [api.metricCount(sum)]),
        graph('API 4xx and 5xx', [api.metricClientError(sum), api.metricServerError(sum)]),
        graph('API latency (p50, p99)', [
          api.metricLatency({ period, statistic: cloudwatch.Stats.percentile(50) }),
          api.metricLatency({ period, statistic: cloudwatch.Stats.percentile(99) }),
        ]),
      );
    }
    this.dashboard.addWidgets(
      ...APPLICATION_METRICS.map((m) => graph(m.title, [search(m.metricName, m.labelDimension)], 6)),
    );
    if (functions.length > 0) {
      this.dashboard.addWidgets(
        perFunction('Invocations', (fn, label) => fn.metricInvocations({ ...sum, label })),
        perFunction('Errors', (fn, label) => fn.metricErrors({ ...sum, label })),
        perFunction('Throttles', (fn, label) => fn.metricThrottles({ ...sum, label })),
        perFunction('Duration p99 (ms)', (fn, label) =>
          fn.metricDuration({ period, statistic: cloudwatch.Stats.percentile(99), label }),
        ),
      );
    }
    const deadLetterQueues = [
      ...queues.map(([name, q]) => ({ label: `${name} queue`, queue: q.deadLetterQueue })),
      ...schedules.map(([name, s]) => ({ label: `${name} schedule`, queue: s.deadLetterQueue })),
    ];
    if (queues.length > 0 || deadLetterQueues.length > 0) {
      this.dashboard.addWidgets(
        graph(
          'Messages waiting',
          queues.map(([name, q]) =>
            q.queue.metricApproximateNumberOfMessagesVisible({ period, label: name }),
          ),
        ),
        graph(
          'Age of the oldest message (s)',
          queues.map(([name, q]) =>
            q.queue.metricApproximateAgeOfOldestMessage({
              period,
              statistic: cloudwatch.Stats.MAXIMUM,
              label: name,
            }),
          ),
        ),
        graph(
          'Messages in dead-letter queues',
          deadLetterQueues.map(({ label, queue }) =>
            queue.metricApproximateNumberOfMessagesVisible({ period, label }),
          ),
        ),
      );
    }
    if (scheduleGroup) {
      this.dashboard.addWidgets(
        graph(
          'Schedules: invocations, target errors, sent to DLQ',
          [
            scheduleGroup.metricAttempts({ ...sum, label: 'invocation attempts' }),
            scheduleGroup.metricTargetErrors({ ...sum, label: 'target errors' }),
            scheduleGroup.metricSentToDLQ({ ...sum, label: 'sent to DLQ' }),
          ],
          24,
        ),
      );
    }
  }
}

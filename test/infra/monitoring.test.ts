import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { APPLICATION_METRICS } from '../../infra/constructs/monitoring.ts';
import type { Platform } from '../../infra/platform/types.ts';
import { platform } from '../../infra/platform.ts';
import { NivaranStack } from '../../infra/stack.ts';
import { appWithoutBundling, richPlatform } from './fixtures.ts';
import {
  asArray,
  type CfnResource,
  getAtt,
  logicalIdOf,
  mentions,
  ofType,
  type Resources,
} from './template.ts';

function synth(declaration: Platform) {
  const app = appWithoutBundling();
  const stack = new NivaranStack(app, 'Test', { platform: declaration, env: { region: 'ap-south-1' } });
  const resources = Template.fromStack(stack).toJSON().Resources as Resources;
  return { stack, resources };
}

interface AlarmProperties {
  AlarmDescription: string;
  AlarmActions?: unknown;
  MetricName?: string;
  Namespace?: string;
  Dimensions?: { Name: string; Value: unknown }[];
  Statistic?: string;
  Threshold: number;
  ComparisonOperator: string;
  EvaluationPeriods: number;
  TreatMissingData?: string;
  Metrics?: {
    Id: string;
    Expression?: string;
    MetricStat?: { Metric: { MetricName: string; Namespace: string; Dimensions: unknown } };
  }[];
}

/** The dashboard body with every CloudFormation token replaced by its JSON, parsed. */
function dashboardBody(dashboard: CfnResource): {
  widgets: { type: string; properties: Record<string, unknown> }[];
} {
  const body = dashboard.Properties?.DashboardBody as string | { 'Fn::Join': [string, unknown[]] };
  const text =
    typeof body === 'string'
      ? body
      : body['Fn::Join'][1]
          .map((part) => (typeof part === 'string' ? part : JSON.stringify(part).replaceAll('"', "'")))
          .join('');
  return JSON.parse(text);
}

describe.each([
  ['the real platform', platform],
  ['the richer test platform', richPlatform],
])('alarms and dashboard of the stack built from %s', (_label, declaration) => {
  const { stack, resources } = synth(declaration);
  const alarms = ofType(resources, 'AWS::CloudWatch::Alarm').map(
    ([id, alarm]) => [id, alarm.Properties as unknown as AlarmProperties] as const,
  );
  const topicId = logicalIdOf(stack, stack.alarmTopic.topic);
  const fnId = (name: string) => logicalIdOf(stack, stack.functions[name]!);
  const alarmsOn = (namespace: string, metricName: string, dimension: unknown) =>
    alarms.filter(
      ([, a]) =>
        a.Namespace === namespace && a.MetricName === metricName && mentions(a.Dimensions, String(dimension)),
    );

  it('sends every alarm in the template, dead-letter alarms included, to the alarm topic', () => {
    expect(alarms.length).toBeGreaterThan(0);
    for (const [id, alarm] of alarms) {
      expect(asArray(alarm.AlarmActions), id).toEqual([{ Ref: topicId }]);
      expect(alarm.AlarmDescription.trim(), id).not.toBe('');
      // No traffic is no trouble: a quiet function or queue must not page anyone.
      expect(alarm.TreatMissingData, id).toBe('notBreaching');
    }
  });

  it('alarms on every function’s errors and throttles, from the first one', () => {
    for (const name of Object.keys(declaration.functions)) {
      for (const metricName of ['Errors', 'Throttles']) {
        const found = alarmsOn('AWS/Lambda', metricName, fnId(name));
        expect(found, `${metricName} alarm of ${name}`).toHaveLength(1);
        expect(found[0]![1]).toMatchObject({
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId(name) } }],
          Statistic: 'Sum',
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
          EvaluationPeriods: 1,
        });
      }
    }
  });

  it('names the schedule a function runs and the queue it consumes in its errors alarm', () => {
    for (const [schedule, def] of Object.entries(declaration.schedules)) {
      const [[, alarm]] = alarmsOn('AWS/Lambda', 'Errors', fnId(def.function)) as [[string, AlarmProperties]];
      expect(alarm.AlarmDescription).toContain(`the ${schedule} schedule`);
    }
    for (const [queue, def] of Object.entries(declaration.queues)) {
      if (def.consumer === undefined) continue;
      const [[, alarm]] = alarmsOn('AWS/Lambda', 'Errors', fnId(def.consumer)) as [[string, AlarmProperties]];
      expect(alarm.AlarmDescription).toContain(`the ${queue} queue`);
    }
  });

  it('alarms on any 5xx answer of the HTTP API', () => {
    const apiId = logicalIdOf(stack, stack.api);
    const found = alarmsOn('AWS/ApiGateway', '5xx', apiId);
    expect(found).toHaveLength(1);
    expect(found[0]![1]).toMatchObject({
      Dimensions: [{ Name: 'ApiId', Value: { Ref: apiId } }],
      Statistic: 'Sum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('alarms on a message older than every retry of its queue’s redrive policy allows', () => {
    for (const [name, def] of Object.entries(declaration.queues)) {
      const queueId = logicalIdOf(stack, stack.queues[name]!.queue);
      const found = alarmsOn('AWS/SQS', 'ApproximateAgeOfOldestMessage', queueId);
      expect(found, `age alarm of ${name}`).toHaveLength(1);
      expect(found[0]![1]).toMatchObject({
        Dimensions: [{ Name: 'QueueName', Value: getAtt(queueId, 'QueueName') }],
        Statistic: 'Maximum',
        Threshold: def.visibilityTimeoutSeconds * def.maxReceiveCount,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
    // Dead-letter queues are alarmed on their depth, not their age.
    for (const { deadLetterQueue } of Object.values(stack.queues)) {
      expect(
        alarmsOn('AWS/SQS', 'ApproximateAgeOfOldestMessage', logicalIdOf(stack, deadLetterQueue)),
      ).toEqual([]);
    }
  });

  it('alarms when EventBridge Scheduler cannot invoke a target or loses an invocation', () => {
    const scheduleGroup = [{ Name: 'ScheduleGroup', Value: 'default' }];
    const targetErrors = alarms.filter(
      ([, a]) => a.Namespace === 'AWS/Scheduler' && a.MetricName === 'TargetErrorCount',
    );
    expect(targetErrors).toHaveLength(1);
    expect(targetErrors[0]![1]).toMatchObject({ Dimensions: scheduleGroup, Statistic: 'Sum', Threshold: 0 });

    const lost = alarms.filter(([, a]) =>
      a.Metrics?.some((m) => m.MetricStat?.Metric.MetricName === 'InvocationDroppedCount'),
    );
    expect(lost).toHaveLength(1);
    const metrics = lost[0]![1].Metrics!;
    expect(
      metrics
        .map((m) => m.MetricStat?.Metric.MetricName)
        .filter(Boolean)
        .sort(),
    ).toEqual(['InvocationDroppedCount', 'InvocationsFailedToBeSentToDeadLetterCount']);
    for (const m of metrics.filter((m) => m.MetricStat)) {
      expect(m.MetricStat!.Metric).toMatchObject({ Namespace: 'AWS/Scheduler', Dimensions: scheduleGroup });
    }
    expect(metrics.find((m) => m.Expression)?.Expression).toMatch(/dropped.*\+.*unsent/);
  });

  describe('the dashboard', () => {
    const dashboards = ofType(resources, 'AWS::CloudWatch::Dashboard');
    const body = dashboardBody(dashboards[0]![1]);
    const graphs = body.widgets.filter((w) => w.type === 'metric');
    const graph = (title: string) => {
      const found = graphs.find((w) => w.properties.title === title);
      expect(found, `a graph titled '${title}'`).toBeDefined();
      return found!.properties.metrics as unknown[][];
    };

    it('is one dashboard, named after the stack and region', () => {
      expect(dashboards).toHaveLength(1);
      expect(dashboards[0]![1].Properties?.DashboardName).toBe('Test-ap-south-1');
    });

    it('shows the state of every alarm in the template', () => {
      const statuses = body.widgets.filter((w) => w.type === 'alarm');
      expect(statuses).toHaveLength(1);
      const shown = JSON.stringify(statuses[0]!.properties.alarms);
      for (const [id] of alarms) expect(shown, id).toContain(`'${id}'`);
    });

    it('graphs every Powertools metric of the application by search in its namespace', () => {
      expect(APPLICATION_METRICS.map((m) => m.metricName).sort()).toEqual(
        [
          'ComplaintsFiled',
          'Defaulters',
          'NotificationsFailed',
          'NotificationsSent',
          'RankingRuns',
          'ReferencesRouted',
          'ReferencesTriaged',
        ].sort(),
      );
      for (const m of APPLICATION_METRICS) {
        const [[expression]] = graph(m.title) as [[{ expression: string; label: string }]];
        expect(expression.expression).toBe(
          `SEARCH('Namespace="Nivaran" MetricName="${m.metricName}"', 'Sum', 300)`,
        );
        expect(expression.label).toBe(`\${PROP('Dim.${m.labelDimension}')}`);
      }
      expect(APPLICATION_METRICS.find((m) => m.metricName === 'ComplaintsFiled')?.labelDimension).toBe(
        'channel',
      );
    });

    it('graphs each function’s invocations, errors, throttles and p99 duration, one line per function', () => {
      for (const [title, metricName] of [
        ['Invocations', 'Invocations'],
        ['Errors', 'Errors'],
        ['Throttles', 'Throttles'],
        ['Duration p99 (ms)', 'Duration'],
      ] as const) {
        const lines = graph(title);
        expect(lines, title).toHaveLength(Object.keys(declaration.functions).length);
        for (const name of Object.keys(declaration.functions)) {
          const line = lines.find((l) => (l.at(-1) as { label?: string }).label === name);
          expect(line, `${title}: ${name}`).toBeDefined();
          expect(line!.slice(0, 2)).toEqual(['AWS/Lambda', metricName]);
          expect(JSON.stringify(line)).toContain(`'${fnId(name)}'`);
        }
      }
    });

    it('graphs the API, every queue and every dead-letter queue', () => {
      expect(JSON.stringify(graph('API 4xx and 5xx'))).toContain('"5xx"');
      const waiting = JSON.stringify(graph('Messages waiting'));
      const dead = JSON.stringify(graph('Messages in dead-letter queues'));
      for (const q of Object.values(stack.queues)) {
        expect(waiting).toContain(`'${logicalIdOf(stack, q.queue)}'`);
        expect(dead).toContain(`'${logicalIdOf(stack, q.deadLetterQueue)}'`);
      }
      for (const s of Object.values(stack.schedules)) {
        expect(dead).toContain(`'${logicalIdOf(stack, s.deadLetterQueue)}'`);
      }
    });
  });
});

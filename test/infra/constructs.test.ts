import { App, Duration, aws_lambda as lambda, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { Api } from '../../infra/constructs/api.ts';
import { DeadLetterQueue } from '../../infra/constructs/dead-letter-queue.ts';
import { Monitoring } from '../../infra/constructs/monitoring.ts';
import { Queues } from '../../infra/constructs/queues.ts';
import { Schedules } from '../../infra/constructs/schedules.ts';
import { ConstructPropsError } from '../../infra/constructs/validation.ts';

const stack = () => new Stack(new App(), 'S');

/** The construct's error, so a test can read every message of its validation table. */
function propsError(build: () => unknown): ConstructPropsError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(ConstructPropsError);
    return error as ConstructPropsError;
  }
  throw new Error('expected a ConstructPropsError');
}

describe('construct props validation', () => {
  it('DeadLetterQueue: names the construct, the value and what SQS allows', () => {
    const error = propsError(
      () =>
        new DeadLetterQueue(stack(), 'Dlq', { alarmDescription: ' ', retentionPeriod: Duration.days(15) }),
    );
    expect(error.message).toContain('S/Dlq: invalid props');
    expect(error.message).toContain("retentionPeriod: 15 days is outside SQS's 1 minute to 14 days");
    expect(error.message).toContain('alarmDescription: empty');
  });

  it('Queues: reports every bad queue at once', () => {
    const queue = { maxReceiveCount: 5, batchSize: 10, maxBatchingWindowSeconds: 0 };
    const error = propsError(
      () =>
        new Queues(stack(), 'Queues', {
          queues: {
            slow: { ...queue, visibilityTimeoutSeconds: 50_000 },
            old: {
              ...queue,
              visibilityTimeoutSeconds: 30,
              retentionPeriodDays: 30,
              maxBatchingWindowSeconds: 301,
            },
          },
        }),
    );
    expect(error.message).toContain("queues.slow.visibilityTimeoutSeconds: 50000 is outside SQS's 0-43200");
    expect(error.message).toContain("queues.old.retentionPeriodDays: 30 is outside SQS's 1-14");
    expect(error.message).toContain("queues.old.maxBatchingWindowSeconds: 301 is outside Lambda's 0-300");
  });

  it('Api: refuses a throttle that would block every request and a JWT authorizer without audience', () => {
    const error = propsError(
      () =>
        new Api(stack(), 'Api', {
          throttle: { rateLimitPerSecond: 0, burstLimit: 1.5 },
          adminJwt: { issuer: 'https://issuer.example', audience: [] },
        }),
    );
    expect(error.message).toContain('throttle.rateLimitPerSecond: 0 must be above 0');
    expect(error.message).toContain('throttle.burstLimit: 1.5 must be a whole number from 0');
    expect(error.message).toContain('adminJwt.audience: empty');
  });

  it('Schedules: refuses a schedule whose target function was not given', () => {
    const error = propsError(
      () =>
        new Schedules(stack(), 'Schedules', {
          schedules: {
            nightly: {
              expression: 'cron(0 1 * * ? *)',
              timezone: 'Asia/Kolkata',
              function: 'sweeper',
              input: {},
              description: 'nightly',
            },
          },
          targets: {},
          retryAttempts: 200,
        }),
    );
    expect(error.message).toContain("schedules.nightly.function: no target function 'sweeper' was given");
    expect(error.message).toContain("retryAttempts: 200 is outside EventBridge Scheduler's 0-185");
  });

  it('Monitoring: refuses a period CloudWatch alarms cannot evaluate and an AWS namespace', () => {
    const error = propsError(
      () =>
        new Monitoring(stack(), 'Monitoring', {
          alarmPeriod: Duration.seconds(90),
          metricsNamespace: 'AWS/Lambda',
        }),
    );
    expect(error.message).toContain('alarmPeriod: 1 minute 30 seconds is not a whole number of minutes');
    expect(error.message).toContain("metricsNamespace: 'AWS/Lambda' is not a custom CloudWatch namespace");
  });

  it('builds each construct from its defaults alone', () => {
    const s = stack();
    new Queues(s, 'Queues');
    new Schedules(s, 'Schedules');
    new Monitoring(s, 'Monitoring', {
      functions: {
        fn: new lambda.Function(s, 'Fn', {
          code: lambda.Code.fromInline('export const handler = () => {}'),
          handler: 'index.handler',
          runtime: lambda.Runtime.NODEJS_24_X,
        }),
      },
    });
    expect(s.node.findAll().length).toBeGreaterThan(0);
  });
});

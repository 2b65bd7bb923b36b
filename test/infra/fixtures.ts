import { App } from 'aws-cdk-lib';
import type { Platform } from '../../infra/platform/types.ts';
import { platform } from '../../infra/platform.ts';

const HANDLER = 'functions/health/handler.ts';

/**
 * The real declaration plus one of everything it does not have yet (a queue with its consumer, a
 * schedule, a bucket, a secret), so the stack's code paths for them are exercised and nagged
 * before a feature needs them. Every new function reuses the health handler as its entry.
 */
export const richPlatform: Platform = {
  ...platform,
  queues: {
    ...platform.queues,
    intakeEvents: {
      visibilityTimeoutSeconds: 180,
      maxReceiveCount: 5,
      batchSize: 7,
      maxBatchingWindowSeconds: 2,
      consumer: 'intakeWorker',
      retentionPeriodDays: 7,
    },
  },
  buckets: { ...platform.buckets, exports: { description: 'Monthly ranking exports' } },
  secrets: { ...platform.secrets, linkKey: { description: 'Signs officer action links' } },
  functions: {
    ...platform.functions,
    submit: {
      entry: HANDLER,
      description: 'Test: accepts a complaint and hands it on',
      timeoutSeconds: 15,
      memoryMb: 512,
      http: [
        { method: 'POST', path: '/complaints' },
        { method: 'GET', path: '/complaints/{referenceNo}' },
      ],
      access: { tables: { main: 'readWrite' }, queues: { intakeEvents: 'send' } },
    },
    intakeWorker: {
      entry: HANDLER,
      description: 'Test: consumes intake events',
      timeoutSeconds: 30,
      memoryMb: 1024,
      access: {
        tables: { main: 'readWrite' },
        buckets: { exports: 'readWrite' },
        secrets: ['linkKey'],
        email: true,
      },
      environment: { WORKER_MODE: 'test' },
    },
    sweeper: {
      entry: HANDLER,
      description: 'Test: scheduled sweep',
      timeoutSeconds: 120,
      memoryMb: 384,
      access: { tables: { main: 'read' }, queues: { intakeEvents: 'inspect' }, buckets: { exports: 'read' } },
    },
  },
  schedules: {
    ...platform.schedules,
    overdueSweep: {
      expression: 'cron(5 * * * ? *)',
      timezone: 'Asia/Kolkata',
      function: 'sweeper',
      input: { kind: 'overdue-sweep', dryRun: false },
      description: 'Test: hourly overdue sweep',
    },
  },
};

/** An app that skips asset bundling: synth stays fast and needs no esbuild run. `context` is what `-c` passes. */
export const appWithoutBundling = (outdir?: string, context: Record<string, unknown> = {}): App =>
  new App({ ...(outdir ? { outdir } : {}), context: { 'aws:cdk:bundling-stacks': [], ...context } });

/** A production configuration with every setting real (no placeholder), as `-c` would give it. */
export const PRODUCTION_CONTEXT = {
  env: 'production',
  senderEmail: 'no-reply@igrs.uppolice.gov.in',
  smsDltEntityId: '1201159100000000001',
  smsDltTemplateIds: 'acknowledgement-hi=1207161000000000001,acknowledgement-en=1207161000000000002',
  smsOriginationIdentity: 'arn:aws:sms-voice:ap-south-1:111122223333:sender-id/UPPIGR/IN',
  customDomain: 'igrs.uppolice.gov.in',
  alarmEmail: 'igrs-oncall@uppolice.gov.in',
  alarmHttpsEndpoint: 'https://alerts.uppolice.gov.in/hooks/nivaran',
  adminJwtIssuer: 'https://login.uppolice.gov.in/realms/igrs',
  adminJwtAudience: 'nivaran-admin',
};

import { MAIN_TABLE } from '../shared/adapters/tables.ts';
import type { Platform, TableDefinition } from './platform/types.ts';

/**
 * Nivaran's one platform declaration. The CDK stack (infra/stack.ts) and the local runner
 * (infra/local/) are both built from this object: adding a route, queue or schedule is one edit
 * here. See infra/platform/types.ts for what each field means.
 */
export const platform: Platform = {
  name: 'Nivaran',
  api: {
    // Per-stage throttle on the HTTP API; a district's busiest hour is far below this.
    throttle: { rateLimitPerSecond: 200, burstLimit: 400 },
    maxPayloadBytes: 6 * 1024 * 1024,
  },
  tables: {
    main: {
      ...MAIN_TABLE,
      globalIndexes: MAIN_TABLE.globalIndexes.map((index) => ({ ...index })),
    } as TableDefinition,
  },
  queues: {},
  buckets: {},
  secrets: {},
  functions: {
    health: {
      entry: 'functions/health/handler.ts',
      description: 'Reports whether each backing service answers',
      timeoutSeconds: 10,
      memoryMb: 256,
      http: [{ method: 'GET', path: '/health' }],
      access: { tables: { main: 'read' }, email: true, sms: true },
      environment: { HEALTH_PROBE_EMAIL: 'true', HEALTH_PROBE_SMS: 'true' },
    },
  },
  schedules: {},
};

import { MAIN_TABLE } from '../shared/adapters/dynamodb/tables.ts';
import { RETENTION_POLICY } from '../shared/domain/retention/policy.ts';
import type { FunctionDefinition, Platform, TableDefinition } from './platform/types.ts';

/**
 * Nivaran's one platform declaration. The CDK stack (infra/stack.ts) and the local runner
 * (infra/local/) are both built from this object: adding a route, queue or schedule is one edit
 * here. See infra/platform/types.ts for what each field means.
 */

const QUEUES: Platform['queues'] = {
  // Each accepted complaint's reference number, for the router to find its station.
  routing: {
    // Six times the router's 30 s timeout, as AWS asks for a queue that triggers Lambda.
    visibilityTimeoutSeconds: 180,
    maxReceiveCount: 5,
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    consumer: 'router',
  },
  // Messages to people (SMS and email), each sent once per channel by the notifier; a `bundle`
  // carries several (the router's acknowledgement and station notice).
  notifications: {
    visibilityTimeoutSeconds: 180,
    maxReceiveCount: 5,
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    consumer: 'notifier',
    // SES sends 14 mails a second on a new production account and an SMS sender id has its own
    // messages-per-second quota: past them every call is throttled, the batch fails and each failure
    // spends one of the 5 receives before the DLQ. Capped, a surge waits in the queue instead (the
    // age alarm shows it). Matches the notifier's reserved concurrency.
    maxConcurrency: 5,
  },
};

/**
 * Placeholders so the local cloud can send; a deployment sets real values in cdk.json's
 * environments (or `-c smsDltEntityId=... -c smsDltTemplateIds=...`), and production refuses these
 * (infra/deployment.ts; README, Deploying to AWS and Go-live).
 */
const SMS_SETTINGS = {
  SMS_DLT_ENTITY_ID: '1001000000000000000',
  SMS_DLT_TEMPLATE_IDS: [
    'acknowledgement-hi=1007000000000000001',
    'acknowledgement-en=1007000000000000002',
    'station-assigned=1007000000000000003',
    'triaged=1007000000000000004',
    // Officers' digests from the scheduled jobs (shared/domain/sweep).
    'defaulter-digest=1007000000000000101',
    'due-digest=1007000000000000102',
    'near-defaulter-digest=1007000000000000103',
    'report-submitted=1007000000000000005',
    'report-returned=1007000000000000006',
    'reopened=1007000000000000007',
    'disposed-hi=1007000000000000008',
    'disposed-en=1007000000000000009',
    'random-check=1007000000000000010',
    // My complaints by OTP (functions/my-complaints).
    'otp=1007000000000000201',
  ].join(','),
};

const api = (fn: Omit<FunctionDefinition, 'timeoutSeconds' | 'memoryMb'> & Partial<FunctionDefinition>) => ({
  timeoutSeconds: 10,
  memoryMb: 512,
  ...fn,
});

export const platform: Platform = {
  name: 'Nivaran',
  api: {
    // Per-stage throttle on the HTTP API; a whole state's busiest hour is far below this.
    throttle: { rateLimitPerSecond: 200, burstLimit: 400 },
    maxPayloadBytes: 6 * 1024 * 1024,
  },
  tables: {
    main: {
      ...MAIN_TABLE,
      globalIndexes: MAIN_TABLE.globalIndexes.map((index) => ({ ...index })),
    } as TableDefinition,
  },
  queues: QUEUES,
  buckets: {
    // Files attached to action-taken reports: attachments/<referenceNo>/<uuid>.<pdf|jpg|png>.
    attachments: {
      description: 'Files stations attach to action-taken reports (PDF, JPEG, PNG)',
      lifecycle: RETENTION_POLICY.buckets.attachments,
    },
    // The monthly ranking's CSV, JSON and HTML, under rankings/<yyyy-mm>/<policyVersion>/rev-<n>/.
    exports: {
      description: 'Monthly ranking exports (CSV, JSON, HTML) for state administrators',
      lifecycle: RETENTION_POLICY.buckets.exports,
    },
  },
  secrets: {
    open311ApiKey: { description: 'api_key that Open311 GeoReport v2 clients send with POST requests' },
    linkSigningKey: {
      description: "Keyring that signs officers' and complainants' links (JSON {current, keys})",
    },
    adminToken: {
      description:
        'Bearer token of state administrators for GET /v1/rankings (used when no JWT issuer is configured)',
    },
    mobileHashKey: {
      description:
        'Keyring of the HMAC that hashes mobile numbers in keys and indexes (one key, or JSON {current, keys, legacy})',
    },
  },
  functions: {
    health: api({
      entry: 'functions/health/handler.ts',
      description: 'Reports whether each backing service answers',
      memoryMb: 256,
      http: [{ method: 'GET', path: '/health', throttle: { rateLimitPerSecond: 5, burstLimit: 10 } }],
      access: {
        tables: { main: 'read' },
        queues: Object.fromEntries(Object.keys(QUEUES).map((name) => [name, 'inspect'])),
        // Asks SES and SMS whether they answer; may not send either.
        email: 'probe',
        sms: 'probe',
      },
      environment: { HEALTH_PROBE_EMAIL: 'true', HEALTH_PROBE_SMS: 'true' },
    }),
    fileComplaint: api({
      entry: 'functions/file-complaint/handler.ts',
      description: 'POST /v1/complaints: registers a complaint and queues it for routing',
      http: [
        { method: 'POST', path: '/v1/complaints', throttle: { rateLimitPerSecond: 50, burstLimit: 100 } },
      ],
      // DeleteItem: takes back a reference whose routing message could not be queued (discard).
      access: {
        tables: { main: { readWrite: ['DeleteItem'] } },
        queues: { routing: 'send' },
        secrets: ['mobileHashKey'],
      },
    }),
    trackComplaint: api({
      entry: 'functions/track-complaint/handler.ts',
      description: "GET /v1/complaints/{referenceNo}: the complainant's view of a reference",
      http: [
        {
          method: 'GET',
          path: '/v1/complaints/{referenceNo}',
          throttle: { rateLimitPerSecond: 50, burstLimit: 100 },
        },
        // Issue 15: a new status link, revoking the earlier ones (tracking secret required).
        {
          method: 'POST',
          path: '/v1/complaints/{referenceNo}/status-link',
          throttle: { rateLimitPerSecond: 10, burstLimit: 20 },
        },
      ],
      access: { tables: { main: 'readWrite' }, secrets: ['linkSigningKey'] },
    }),
    masterData: api({
      entry: 'functions/master-data/handler.ts',
      description: 'Districts, stations and categories, in Hindi and English',
      memoryMb: 256,
      http: [
        { method: 'GET', path: '/v1/districts', throttle: { rateLimitPerSecond: 100, burstLimit: 200 } },
        {
          method: 'GET',
          path: '/v1/districts/{code}/stations',
          throttle: { rateLimitPerSecond: 100, burstLimit: 200 },
        },
        { method: 'GET', path: '/v1/categories', throttle: { rateLimitPerSecond: 100, burstLimit: 200 } },
      ],
      access: { tables: { main: 'read' } },
    }),
    apiDocs: api({
      entry: 'functions/api-docs/handler.ts',
      description: 'GET /v1/openapi.json: the OpenAPI 3.1 document, generated from the request schemas',
      memoryMb: 256,
      http: [
        { method: 'GET', path: '/v1/openapi.json', throttle: { rateLimitPerSecond: 10, burstLimit: 20 } },
      ],
    }),
    open311: api({
      entry: 'functions/open311/handler.ts',
      description: 'Open311 GeoReport v2: discovery, services, and service requests in XML and JSON',
      // Path parameters are whole segments in API Gateway; the handler reads the .xml/.json suffix.
      http: [
        {
          method: 'GET',
          path: '/open311/v2/{document}',
          throttle: { rateLimitPerSecond: 20, burstLimit: 40 },
        },
        {
          method: 'POST',
          path: '/open311/v2/{document}',
          throttle: { rateLimitPerSecond: 10, burstLimit: 20 },
        },
        {
          method: 'GET',
          path: '/open311/v2/services/{serviceFile}',
          throttle: { rateLimitPerSecond: 20, burstLimit: 40 },
        },
        {
          method: 'GET',
          path: '/open311/v2/requests/{requestFile}',
          throttle: { rateLimitPerSecond: 20, burstLimit: 40 },
        },
      ],
      access: {
        // DeleteItem: files complaints as POST /v1/complaints does, with its discard.
        tables: { main: { readWrite: ['DeleteItem'] } },
        queues: { routing: 'send' },
        secrets: ['open311ApiKey', 'mobileHashKey'],
      },
    }),
    officerPages: api({
      entry: 'functions/officer-pages/handler.ts',
      description: "Pages behind officers' signed links: reference, station inbox, district IGRS cell",
      http: [
        { method: 'GET', path: '/o/{token}', throttle: { rateLimitPerSecond: 50, burstLimit: 100 } },
        { method: 'POST', path: '/o/{token}', throttle: { rateLimitPerSecond: 20, burstLimit: 40 } },
      ],
      access: {
        tables: { main: 'readWrite' },
        queues: { notifications: 'send' },
        secrets: ['linkSigningKey'],
      },
    }),
    attachments: api({
      entry: 'functions/attachments/handler.ts',
      description: "Files attached to a station's report: page uploads, presigned PUTs, presigned downloads",
      // Apart from the pages so only this bundle carries the S3 client.
      // Confirming a 20 MB upload parses or decodes it whole (up to 25 megapixels, 100 MB decoded):
      // more memory (and with it CPU) and time than a page, within API Gateway's 30 s.
      memoryMb: 1024,
      timeoutSeconds: 29,
      http: [
        {
          method: 'POST',
          path: '/o/{token}/attachments',
          throttle: { rateLimitPerSecond: 10, burstLimit: 20 },
        },
        {
          method: 'GET',
          path: '/o/{token}/attachments/{file}',
          throttle: { rateLimitPerSecond: 20, burstLimit: 40 },
        },
      ],
      access: {
        tables: { main: 'readWrite' },
        buckets: { attachments: 'readWrite' },
        secrets: ['linkSigningKey'],
      },
    }),
    randomChecks: {
      entry: 'functions/random-check/handler.ts',
      description: 'Draws recent disposals per district for supervisors to re-verify',
      timeoutSeconds: 120,
      memoryMb: 512,
      access: { tables: { main: 'readWrite' }, queues: { notifications: 'send' } },
      environment: { RANDOM_CHECKS_PER_DISTRICT: '5' },
    },
    rankingsApi: api({
      entry: 'functions/rankings-api/handler.ts',
      description: 'GET /v1/rankings/{month}: the monthly ranking for state administrators (JSON, CSV, HTML)',
      timeoutSeconds: 29,
      memoryMb: 1024,
      // `authorizer: 'admin'`: a JWT authorizer in AWS when one is configured, else the adminToken.
      http: [
        {
          method: 'GET',
          path: '/v1/rankings/{month}',
          authorizer: 'admin',
          throttle: { rateLimitPerSecond: 5, burstLimit: 10 },
        },
      ],
      access: { tables: { main: 'read' }, buckets: { exports: 'read' }, secrets: ['adminToken'] },
    }),
    rankingPolicies: api({
      entry: 'functions/ranking-policies/handler.ts',
      description:
        'GET /v1/rankings (ranked months and policies); POST /v1/rankings/policies (publish a policy)',
      http: [
        {
          method: 'GET',
          path: '/v1/rankings',
          authorizer: 'admin',
          throttle: { rateLimitPerSecond: 5, burstLimit: 10 },
        },
        {
          method: 'POST',
          path: '/v1/rankings/policies',
          authorizer: 'admin',
          throttle: { rateLimitPerSecond: 1, burstLimit: 2 },
        },
      ],
      // readWrite: publishing a policy writes its one immutable item.
      access: { tables: { main: 'readWrite' }, secrets: ['adminToken'] },
    }),
    monthlyRanking: {
      entry: 'functions/monthly-ranking/handler.ts',
      description:
        'Monthly: scores and ranks every district and station for the previous IST month and writes the exports',
      timeoutSeconds: 900,
      memoryMb: 1024,
      // BatchWriteItem: writes the month's ranking rows in batches.
      access: { tables: { main: { readWrite: ['BatchWriteItem'] } }, buckets: { exports: 'readWrite' } },
    },
    router: {
      entry: 'functions/router/handler.ts',
      description: 'Finds the station for each new reference, or hands it to the district IGRS cell',
      timeoutSeconds: 30,
      memoryMb: 512,
      access: {
        tables: { main: 'readWrite' },
        queues: { notifications: 'send' },
        secrets: ['mobileHashKey'],
      },
    },
    notifier: {
      entry: 'functions/notifier/handler.ts',
      description: 'Sends SMS and email to complainants, each message once',
      timeoutSeconds: 30,
      memoryMb: 512,
      access: { tables: { main: 'readWrite' }, email: true, sms: true, secrets: ['linkSigningKey'] },
      environment: SMS_SETTINGS,
      // Reserved so an intake surge cannot starve it, and capped with the notifications queue's
      // maxConcurrency: SES's and the SMS sender id's sending rates are the limit, not Lambda.
      reservedConcurrency: 5,
    },
    overdueSweep: {
      entry: 'functions/overdue-sweep/handler.ts',
      description:
        'Hourly: marks references past their deadline as defaulters and queues one digest per officer',
      timeoutSeconds: 300,
      memoryMb: 512,
      access: { tables: { main: 'readWrite' }, queues: { notifications: 'send' } },
    },
    reminders: {
      entry: 'functions/reminders/handler.ts',
      description:
        "Daily: queues each station's next-three-days digest and each district's near-defaulter list",
      timeoutSeconds: 300,
      memoryMb: 512,
      access: { tables: { main: 'read' }, queues: { notifications: 'send' } },
    },
    // Retention and erasure (shared/domain/retention): what they remove is PERSONAL_DATA, when is RETENTION_POLICY.
    retention: {
      entry: 'functions/retention/handler.ts',
      description:
        "Daily: removes complainants' personal data from references disposed longer ago than the retention windows",
      timeoutSeconds: 900,
      memoryMb: 512,
      access: { tables: { main: 'readWrite' }, buckets: { attachments: 'readWrite' } },
    },
    erasureApi: api({
      entry: 'functions/erasure-api/handler.ts',
      description: "POST /v1/admin/erasures: erases one reference's or one mobile number's personal data now",
      timeoutSeconds: 29,
      http: [
        {
          method: 'POST',
          path: '/v1/admin/erasures',
          authorizer: 'admin',
          throttle: { rateLimitPerSecond: 2, burstLimit: 5 },
        },
      ],
      access: {
        tables: { main: 'readWrite' },
        buckets: { attachments: 'readWrite' },
        secrets: ['adminToken', 'mobileHashKey'],
      },
    }),
    // Issue 15: the complainant's status page behind the short link in the acknowledgement SMS.
    statusPage: api({
      entry: 'functions/status-page/handler.ts',
      description: "GET /t/{token}: the complainant's status page from the signed link in their SMS and mail",
      memoryMb: 256,
      http: [{ method: 'GET', path: '/t/{token}', throttle: { rateLimitPerSecond: 50, burstLimit: 100 } }],
      access: { tables: { main: 'read' }, secrets: ['linkSigningKey'] },
    }),
    // My complaints by OTP: a code by SMS, then the number's references of the last 12 months.
    myComplaints: api({
      entry: 'functions/my-complaints/handler.ts',
      description:
        'My complaints by OTP: a code by SMS to a mobile number, then its references (JSON and pages)',
      http: [
        { method: 'POST', path: '/v1/otp', throttle: { rateLimitPerSecond: 5, burstLimit: 10 } },
        { method: 'POST', path: '/v1/otp/verify', throttle: { rateLimitPerSecond: 5, burstLimit: 10 } },
        { method: 'GET', path: '/v1/my/complaints', throttle: { rateLimitPerSecond: 20, burstLimit: 40 } },
        { method: 'GET', path: '/my', throttle: { rateLimitPerSecond: 20, burstLimit: 40 } },
        { method: 'POST', path: '/my/otp', throttle: { rateLimitPerSecond: 5, burstLimit: 10 } },
        { method: 'POST', path: '/my/verify', throttle: { rateLimitPerSecond: 5, burstLimit: 10 } },
      ],
      access: { tables: { main: 'readWrite' }, sms: true, secrets: ['linkSigningKey', 'mobileHashKey'] },
      environment: SMS_SETTINGS,
    }),
  },
  schedules: {
    randomChecks: {
      expression: 'cron(0 9 * * ? *)',
      timezone: 'Asia/Kolkata',
      function: 'randomChecks',
      input: { job: 'random-checks', scheduledTime: '<aws.scheduler.scheduled-time>' },
      description: "09:00 IST: draws the previous day's disposals in each district for re-verification",
    },
    overdueSweep: {
      // Every hour at :05 IST; the run's time is the scheduled time, so a retry is the same run.
      expression: 'cron(5 * * * ? *)',
      timezone: 'Asia/Kolkata',
      function: 'overdueSweep',
      input: { job: 'overdue-sweep', scheduledTime: '<aws.scheduler.scheduled-time>' },
      description: 'Marks overdue references defaulters and tells supervisors and the district cell',
    },
    dailyReminders: {
      expression: 'cron(0 8 * * ? *)',
      timezone: 'Asia/Kolkata',
      function: 'reminders',
      input: { job: 'reminders', scheduledTime: '<aws.scheduler.scheduled-time>' },
      description: "08:00 IST: stations' three-day digests and districts' near-defaulter lists",
    },
    monthlyRanking: {
      // 00:30 IST on the 1st: the previous IST month is complete. A retry carries the same
      // scheduled time, so it ranks the same month (as a new revision).
      expression: 'cron(30 0 1 * ? *)',
      timezone: 'Asia/Kolkata',
      function: 'monthlyRanking',
      input: { job: 'monthly-ranking', scheduledTime: '<aws.scheduler.scheduled-time>' },
      description:
        "00:30 IST on the 1st: ranks the previous month's districts and stations, writes the exports",
    },
    retention: {
      // 02:30 IST, after the day's work; the run's time is the scheduled time, so a retry is the same run.
      expression: 'cron(30 2 * * ? *)',
      timezone: 'Asia/Kolkata',
      function: 'retention',
      input: { job: 'retention', scheduledTime: '<aws.scheduler.scheduled-time>' },
      description:
        "02:30 IST: removes complainants' personal data once the reopen and appeal windows have passed",
    },
  },
};

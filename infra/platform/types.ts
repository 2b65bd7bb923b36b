/**
 * The shape of the one platform declaration. Plain data, no aws-cdk-lib import: the CDK stack and
 * the local runner both read it, so nothing here may depend on either of them.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';

export interface HttpRoute {
  method: HttpMethod;
  /** API Gateway HTTP API route path: literal segments, {param} and a trailing {proxy+}. */
  path: string;
  /**
   * 'admin': for state administrators. In AWS a JWT authorizer guards the route when the stack is
   * given an issuer (-c adminJwtIssuer=... -c adminJwtAudience=...); otherwise, and locally, the
   * handler checks the `adminToken` secret as a bearer token.
   */
  authorizer?: 'admin';
}

export interface KeyAttribute {
  name: string;
  type: 'S' | 'N';
}

export interface TableIndex {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /**
   * What the index copies. KEYS_ONLY or a short INCLUDE list keeps writes cheap: an update touching
   * no projected attribute does not write to the index. Default ALL.
   */
  projection?: 'ALL' | 'KEYS_ONLY' | { include: string[] };
}

export interface TableDefinition {
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  globalIndexes: TableIndex[];
  /**
   * Enabled in AWS and on DynamoDB Local; dynalite has no TTL, and AWS deletes expired items only
   * within days, so code that relies on expiry checks it itself.
   */
  timeToLiveAttribute?: string;
}

export interface QueueDefinition {
  /** Must be at least the consumer's timeout; AWS recommends six times it. */
  visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the queue's dead-letter queue. */
  maxReceiveCount: number;
  batchSize: number;
  maxBatchingWindowSeconds: number;
  /**
   * The function that consumes this queue, by its key in `functions`. A queue may be declared before
   * its consumer exists: messages then wait (up to the retention period) until one is deployed.
   */
  consumer?: string;
  retentionPeriodDays?: number;
}

export type TableAccess = 'read' | 'readWrite';
export type BucketAccess = 'read' | 'readWrite';

/** A bucket: what it holds and, optionally, how long S3 keeps its objects (lifecycle rules). */
export interface BucketDefinition {
  description: string;
  /**
   * Current objects expire this many days after they were written; older (noncurrent) versions
   * this many days after they were replaced or deleted. Default: kept until deleted.
   */
  lifecycle?: { expireAfterDays?: number; noncurrentVersionDays?: number };
}
/** `send`: SendMessage; `inspect`: GetQueueAttributes (health, depth reports). Consumers get receive rights from their trigger. */
export type QueueAccess = 'send' | 'inspect';

export interface FunctionAccess {
  tables?: Record<string, TableAccess>;
  queues?: Record<string, QueueAccess>;
  buckets?: Record<string, BucketAccess>;
  /** SES SendEmail from the configured sender identity. */
  email?: boolean;
  /** AWS End User Messaging SMS SendTextMessage. */
  sms?: boolean;
  /** Secrets Manager secrets the function reads, by key in `secrets`. */
  secrets?: string[];
}

export interface FunctionDefinition {
  /** Path of the handler module from the repository root; its export is `handler`. */
  entry: string;
  description: string;
  timeoutSeconds: number;
  memoryMb: number;
  http?: HttpRoute[];
  access?: FunctionAccess;
  /** Static configuration; names are upper snake case and documented in the README. */
  environment?: Record<string, string>;
}

export interface ScheduleDefinition {
  /** EventBridge Scheduler expression, `cron(min hour day-of-month month day-of-week year)`. */
  expression: string;
  /** Always Asia/Kolkata: deadlines and ranking months are Indian Standard Time. */
  timezone: 'Asia/Kolkata';
  function: string;
  /** The event the target receives, as EventBridge Scheduler passes a JSON input to Lambda. */
  input: Record<string, unknown>;
  description: string;
}

export interface SecretDefinition {
  description: string;
}

export interface ApiDefinition {
  throttle: { rateLimitPerSecond: number; burstLimit: number };
  /** Lambda's synchronous payload cap, reproduced by the local runner. */
  maxPayloadBytes: number;
}

export interface Platform {
  name: string;
  api: ApiDefinition;
  tables: Record<string, TableDefinition>;
  queues: Record<string, QueueDefinition>;
  buckets: Record<string, BucketDefinition>;
  secrets: Record<string, SecretDefinition>;
  functions: Record<string, FunctionDefinition>;
  schedules: Record<string, ScheduleDefinition>;
}

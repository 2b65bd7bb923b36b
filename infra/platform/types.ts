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
  /**
   * This route's own throttle in AWS (the stage's RouteSettings), below the stage's: the routes that
   * write or cost most get the lowest. Default: the stage's throttle.
   */
  throttle?: Throttle;
}

export interface Throttle {
  rateLimitPerSecond: number;
  burstLimit: number;
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
  /**
   * At least six times the consumer's timeout (validatePlatform refuses less), as AWS asks for a
   * queue that triggers Lambda: a batch's retries by the event source mapping must not make a
   * message visible again while it is still being worked on.
   */
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
  /**
   * The most concurrent invocations the event source mapping runs for this queue (2-1000). Set it
   * where the consumer calls a service with a rate quota, so the queue waits instead of throttled
   * calls spending receives. Default: no cap. The local runner does not apply it.
   */
  maxConcurrency?: number;
}

/**
 * `read`: GetItem, BatchGetItem, Query (table and indexes), ConditionCheckItem, DescribeTable.
 * `readWrite`: read plus PutItem and UpdateItem. `{ readWrite: [...] }`: readWrite plus the named
 * extra actions, for the function that needs them. No function may Scan.
 */
export type TableAccess = 'read' | 'readWrite' | { readWrite: TableWriteExtra[] };
export type TableWriteExtra = 'DeleteItem' | 'BatchWriteItem';
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
  /**
   * `true`: SES SendEmail from the configured sender identity. `'probe'`: only ses:GetAccount, to
   * report whether SES answers (health), never sending.
   */
  email?: boolean | 'probe';
  /**
   * `true`: SendTextMessage from the configured origination identity. `'probe'`: only
   * DescribeAccountAttributes (health), never sending.
   */
  sms?: boolean | 'probe';
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
  /**
   * Concurrency reserved for (and capping) this function in AWS, where a downstream quota demands a
   * cap. Default: none, the account's unreserved pool. The local runner does not apply it.
   */
  reservedConcurrency?: number;
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
  throttle: Throttle;
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

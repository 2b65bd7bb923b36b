import {
  Duration,
  aws_dynamodb as dynamodb,
  type aws_kms as kms,
  RemovalPolicy,
  aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { BucketDefinition, KeyAttribute, TableDefinition, TableIndex } from '../platform/types.ts';
import { leaveOutOfLogicalIds } from './logical-ids.ts';
import { pascal } from './names.ts';

export interface DataProps {
  /** DynamoDB tables by their key in the declaration. Default: none. */
  readonly tables?: Record<string, TableDefinition>;
  /** S3 buckets by their key in the declaration; an access-log bucket comes with them. Default: none. */
  readonly buckets?: Record<string, BucketDefinition>;
  /**
   * Encrypts the tables and the declared buckets. Default: AWS-owned table keys and SSE-S3. The
   * access-log bucket keeps SSE-S3 either way: S3 server access logging delivers only to it.
   */
  readonly encryptionKey?: kms.IKey;
}

/**
 * What holds data: the tables (on demand, PITR, deletion protection, encryption) and the buckets
 * (private, TLS-only, versioned, access-logged). All retained when the stack is deleted.
 */
export class Data extends Construct {
  readonly tables: Record<string, dynamodb.Table> = {};
  readonly buckets: Record<string, s3.Bucket> = {};
  /** Receives the buckets' server access logs; present only when there is a bucket. */
  readonly accessLogBucket?: s3.Bucket;

  constructor(scope: Construct, id: string, props: DataProps = {}) {
    super(scope, id);
    leaveOutOfLogicalIds(this);
    for (const [name, def] of Object.entries(props.tables ?? {})) {
      this.tables[name] = createTable(this, `${pascal(name)}Table`, def, props.encryptionKey);
    }

    const bucketNames = Object.keys(props.buckets ?? {});
    if (bucketNames.length === 0) return;
    // cdk-nag's S1 counts a bucket that receives other buckets' access logs as compliant, so the
    // access-log bucket needs no acknowledgement (logging it into itself would loop).
    this.accessLogBucket = new s3.Bucket(this, 'AccessLogBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    for (const name of bucketNames) {
      this.buckets[name] = new s3.Bucket(this, `${pascal(name)}Bucket`, {
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        ...(props.encryptionKey
          ? {
              encryption: s3.BucketEncryption.KMS,
              encryptionKey: props.encryptionKey,
              bucketKeyEnabled: true,
            }
          : { encryption: s3.BucketEncryption.S3_MANAGED }),
        enforceSSL: true,
        versioned: true,
        removalPolicy: RemovalPolicy.RETAIN,
        serverAccessLogsBucket: this.accessLogBucket,
        serverAccessLogsPrefix: `${name}/`,
        lifecycleRules: lifecycleRules(props.buckets![name]!),
      });
    }
  }
}

/**
 * The bucket's retention as lifecycle rules (the days come from RETENTION_POLICY through the
 * platform): without a noncurrent-version rule a versioned bucket keeps every deleted or replaced
 * object for ever, so a deletion would never reach the data. Unfinished multipart uploads go too.
 */
function lifecycleRules(bucket: BucketDefinition): s3.LifecycleRule[] | undefined {
  const { expireAfterDays, noncurrentVersionDays } = bucket.lifecycle ?? {};
  if (expireAfterDays === undefined && noncurrentVersionDays === undefined) return undefined;
  return [
    {
      id: 'retention',
      abortIncompleteMultipartUploadAfter: Duration.days(1),
      ...(expireAfterDays !== undefined ? { expiration: Duration.days(expireAfterDays) } : {}),
      ...(noncurrentVersionDays !== undefined
        ? { noncurrentVersionExpiration: Duration.days(noncurrentVersionDays) }
        : {}),
    },
  ];
}

const attribute = (key: KeyAttribute): dynamodb.Attribute => ({
  name: key.name,
  type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
});

const projection = (
  index: TableIndex,
): Pick<dynamodb.GlobalSecondaryIndexProps, 'projectionType' | 'nonKeyAttributes'> =>
  index.projection === 'KEYS_ONLY'
    ? { projectionType: dynamodb.ProjectionType.KEYS_ONLY }
    : typeof index.projection === 'object'
      ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: index.projection.include }
      : { projectionType: dynamodb.ProjectionType.ALL };

function createTable(
  scope: Construct,
  id: string,
  def: TableDefinition,
  key: kms.IKey | undefined,
): dynamodb.Table {
  const table = new dynamodb.Table(scope, id, {
    partitionKey: attribute(def.partitionKey),
    sortKey: def.sortKey ? attribute(def.sortKey) : undefined,
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    ...(key
      ? { encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: key }
      : { encryption: dynamodb.TableEncryption.AWS_MANAGED }),
    removalPolicy: RemovalPolicy.RETAIN,
    timeToLiveAttribute: def.timeToLiveAttribute,
  });
  for (const index of def.globalIndexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: attribute(index.partitionKey),
      sortKey: index.sortKey ? attribute(index.sortKey) : undefined,
      ...projection(index),
    });
  }
  return table;
}

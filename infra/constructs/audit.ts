import {
  aws_cloudtrail as cloudtrail,
  type aws_dynamodb as dynamodb,
  type aws_kms as kms,
  aws_logs as logs,
  RemovalPolicy,
  aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { leaveOutOfLogicalIds } from './logical-ids.ts';

export interface AuditProps {
  /** Encrypts the trail's log files, its bucket and its log group; its policy must let CloudTrail and Logs use it (Keys.logsKey). */
  readonly key: kms.IKey;
  /** Tables whose every item read and write is recorded. */
  readonly tables: dynamodb.ITable[];
  /** Buckets whose every object read and write is recorded. */
  readonly buckets: s3.IBucket[];
  /** Receives the trail bucket's server access logs. */
  readonly accessLogBucket?: s3.IBucket;
}

/**
 * Who touched personal data: a CloudTrail trail of this region's management events and the data
 * events (every item or object read and write) of the complaints table and the attachments
 * bucket, with log file validation, written to a KMS-encrypted, versioned, retained bucket and to a
 * log group kept a year. Data events are billed per event (USD 0.10 per 100,000 in 2026).
 */
export class Audit extends Construct {
  readonly trail: cloudtrail.Trail;
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AuditProps) {
    super(scope, id);
    leaveOutOfLogicalIds(this);
    this.bucket = new s3.Bucket(this, 'TrailBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: props.accessLogBucket ? 'trail/' : undefined,
    });
    const logGroup = new logs.LogGroup(this, 'TrailLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.trail = new cloudtrail.Trail(this, 'DataTrail', {
      bucket: this.bucket,
      encryptionKey: props.key,
      enableFileValidation: true,
      isMultiRegionTrail: false,
      includeGlobalServiceEvents: false,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: logGroup,
      managementEvents: cloudtrail.ReadWriteType.ALL,
    });
    if (props.buckets.length > 0) {
      this.trail.addS3EventSelector(
        props.buckets.map((bucket) => ({ bucket })),
        { readWriteType: cloudtrail.ReadWriteType.ALL, includeManagementEvents: true },
      );
    }
    if (props.tables.length > 0) {
      // The L2's DataResourceType lists only S3 objects and Lambda functions; CloudTrail's basic
      // event selectors also take DynamoDB tables under this type name.
      this.trail.addEventSelector(
        'AWS::DynamoDB::Table' as cloudtrail.DataResourceType,
        props.tables.map((table) => table.tableArn),
        { readWriteType: cloudtrail.ReadWriteType.ALL, includeManagementEvents: true },
      );
    }
  }
}

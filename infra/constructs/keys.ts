import { aws_iam as iam, aws_kms as kms, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { leaveOutOfLogicalIds } from './logical-ids.ts';

/**
 * The customer-managed KMS keys, rotated yearly and retained when the stack is deleted (data
 * encrypted under a deleted key is lost):
 *
 * - `dataKey`: the table, the buckets (except the access-log bucket: S3 server access logging
 *   delivers only to SSE-S3 buckets), every queue and every secret. Grants to functions name the
 *   KMS actions they need (infra/constructs/functions.ts).
 * - `logsKey`: the CloudWatch Logs groups and the CloudTrail trail and its bucket. Its policy lets
 *   CloudWatch Logs in this region use it for this account's log groups, and CloudTrail for this
 *   account's trails.
 *
 * The alarm topic has its own key (AlarmTopic), which CloudWatch and SES may use.
 */
export class Keys extends Construct {
  readonly dataKey: kms.Key;
  readonly logsKey: kms.Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    leaveOutOfLogicalIds(this);
    const stack = Stack.of(this);
    this.dataKey = new kms.Key(this, 'DataKey', {
      description: 'Nivaran: table, buckets, queues and secrets',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.logsKey = new kms.Key(this, 'LogsKey', {
      description: 'Nivaran: CloudWatch Logs and the CloudTrail trail',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.logsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsOfThisAccount',
        principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
          },
        },
      }),
    );
    this.logsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailOfThisAccount',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${stack.partition}:cloudtrail:*:${stack.account}:trail/*`,
          },
          StringEquals: { 'aws:SourceAccount': stack.account },
        },
      }),
    );
    this.logsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailDescribe',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
      }),
    );
  }
}

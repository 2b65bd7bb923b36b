import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { platform } from '../../infra/platform.ts';
import { NivaranStack } from '../../infra/stack.ts';
import { MAIN_TABLE } from '../../shared/adapters/dynamodb/tables.ts';
import { RETENTION_POLICY } from '../../shared/domain/retention/policy.ts';
import { appWithoutBundling } from './fixtures.ts';
import { functionStatements, logicalIdOf, mentions, ofType, type Resources } from './template.ts';

const app = appWithoutBundling();
const stack = new NivaranStack(app, 'Test', { platform, env: { region: 'ap-south-1' } });
const resources = Template.fromStack(stack).toJSON().Resources as Resources;
const bucketProperties = (name: string) => resources[logicalIdOf(stack, stack.buckets[name]!)]!.Properties!;

describe('retention in the synthesized stack', () => {
  it('It should expire old versions and, as the policy says, current objects in the attachments bucket', () => {
    const { attachments } = RETENTION_POLICY.buckets;
    expect(bucketProperties('attachments').LifecycleConfiguration).toEqual({
      Rules: [
        {
          Id: 'retention',
          Status: 'Enabled',
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          ExpirationInDays: attachments.expireAfterDays,
          NoncurrentVersionExpiration: { NoncurrentDays: attachments.noncurrentVersionDays },
        },
      ],
    });
  });

  it('It should expire old versions and, after the policy years, the exports', () => {
    const { exports } = RETENTION_POLICY.buckets;
    expect(bucketProperties('exports').LifecycleConfiguration).toEqual({
      Rules: [
        {
          Id: 'retention',
          Status: 'Enabled',
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          ExpirationInDays: exports.expireAfterDays,
          NoncurrentVersionExpiration: { NoncurrentDays: exports.noncurrentVersionDays },
        },
      ],
    });
  });

  it('It should run the retention job daily at 02:30 in Asia/Kolkata with the scheduled time as its input', () => {
    const fnId = logicalIdOf(stack, stack.functions.retention!);
    const schedules = ofType(resources, 'AWS::Scheduler::Schedule').filter(([, s]) =>
      mentions(s.Properties?.Target, fnId),
    );
    expect(schedules).toHaveLength(1);
    const properties = schedules[0]![1].Properties!;
    expect(properties.ScheduleExpression).toBe('cron(30 2 * * ? *)');
    expect(properties.ScheduleExpressionTimezone).toBe('Asia/Kolkata');
    expect(JSON.parse((properties.Target as { Input: string }).Input)).toEqual({
      job: 'retention',
      scheduledTime: '<aws.scheduler.scheduled-time>',
    });
  });

  it('It should let the retention job and the erasure route list and delete attachments', () => {
    for (const name of ['retention', 'erasureApi']) {
      const statements = functionStatements(resources, logicalIdOf(stack, stack.functions[name]!));
      const actions = statements.flatMap((s) => [s.Action].flat());
      expect(actions, name).toContain('s3:DeleteObject');
      expect(actions, name).toContain('s3:ListBucket');
      expect(actions, name).toContain('dynamodb:Query');
    }
  });

  it('It should give the table the retention index, keys only', () => {
    const table = resources[logicalIdOf(stack, stack.tables.main!)]!.Properties!;
    const index = (table.GlobalSecondaryIndexes as { IndexName: string; Projection: unknown }[]).find(
      (i) => i.IndexName === 'retention',
    );
    expect(index?.Projection).toEqual({ ProjectionType: 'KEYS_ONLY' });
    expect(MAIN_TABLE.globalIndexes.map((i) => i.name)).toContain('retention');
  });
});

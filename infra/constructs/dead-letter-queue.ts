import { aws_cloudwatch as cloudwatch, Duration, type aws_kms as kms, aws_sqs as sqs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { leaveOutOfLogicalIds } from './logical-ids.ts';
import { validateProps } from './validation.ts';

export interface DeadLetterQueueProps {
  /** Says what reached the queue and what to do, in the alarm's notification. */
  readonly alarmDescription: string;
  /** What the alarm does when a message arrives (the alarm topic). Default: nothing, the alarm only shows. */
  readonly alarmAction?: cloudwatch.IAlarmAction;
  /** How long a message waits for someone to redrive it. Default: 14 days, SQS's maximum. */
  readonly retentionPeriod?: Duration;
  /** The customer-managed key that encrypts the queue. Default: SQS-managed encryption. */
  readonly encryptionKey?: kms.IKey;
}

/**
 * Where messages go that could not be delivered (a queue's poison messages, a schedule's failed
 * invocations): an encrypted, TLS-only queue, and an alarm as soon as one message is in it.
 *
 * Its children are `<id>Queue` and `<id>Alarm`, and its own id stays out of their logical ids
 * (logical-ids.ts): `RoutingDeadLetter` makes `RoutingDeadLetterQueue` and `RoutingDeadLetterAlarm`.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    leaveOutOfLogicalIds(this);
    const retentionPeriod = props.retentionPeriod ?? Duration.days(14);
    validateProps(this, [
      {
        condition: retentionPeriod.toSeconds() >= 60 && retentionPeriod.toSeconds() <= 14 * 86_400,
        message: `retentionPeriod: ${retentionPeriod.toHumanString()} is outside SQS's 1 minute to 14 days`,
      },
      { condition: props.alarmDescription.trim() !== '', message: 'alarmDescription: empty' },
    ]);
    this.queue = new sqs.Queue(this, `${id}Queue`, {
      retentionPeriod,
      ...queueEncryption(props.encryptionKey),
      enforceSSL: true,
    });
    this.alarm = new cloudwatch.Alarm(this, `${id}Alarm`, {
      alarmDescription: props.alarmDescription,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmAction) this.alarm.addAlarmAction(props.alarmAction);
  }
}

/** A customer-managed key when one is given, else SQS-managed encryption. */
export const queueEncryption = (
  key: kms.IKey | undefined,
): Pick<sqs.QueueProps, 'encryption' | 'encryptionMasterKey'> =>
  key
    ? { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key }
    : { encryption: sqs.QueueEncryption.SQS_MANAGED };

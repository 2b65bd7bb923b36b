import {
  type aws_cloudwatch as cloudwatch,
  Duration,
  type aws_kms as kms,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { QueueDefinition } from '../platform/types.ts';
import { DeadLetterQueue, queueEncryption } from './dead-letter-queue.ts';
import { leaveOutOfLogicalIds } from './logical-ids.ts';
import { pascal } from './names.ts';
import { validateProps } from './validation.ts';

export interface QueuesProps {
  /** Standard queues by their key in the declaration. Default: none. */
  readonly queues?: Record<string, QueueDefinition>;
  /** Passed to every dead-letter queue's alarm. Default: the alarms only show. */
  readonly alarmAction?: cloudwatch.IAlarmAction;
  /** Encrypts every queue and dead-letter queue. Default: SQS-managed encryption. */
  readonly encryptionKey?: kms.IKey;
}

export interface DeclaredQueue {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly deadLetterAlarm: cloudwatch.Alarm;
  readonly definition: QueueDefinition;
}

/**
 * The hand-off queues: each encrypted and TLS-only, with its receive count before its dead-letter
 * queue (DeadLetterQueue, alarmed). Consumers are wired by Functions, which knows the functions.
 */
export class Queues extends Construct {
  readonly queues: Record<string, DeclaredQueue> = {};

  constructor(scope: Construct, id: string, props: QueuesProps = {}) {
    super(scope, id);
    leaveOutOfLogicalIds(this);
    const queues = Object.entries(props.queues ?? {});
    validateProps(
      this,
      queues.flatMap(([name, def]) => [
        {
          condition: def.visibilityTimeoutSeconds >= 0 && def.visibilityTimeoutSeconds <= 43_200,
          message: `queues.${name}.visibilityTimeoutSeconds: ${def.visibilityTimeoutSeconds} is outside SQS's 0-43200`,
        },
        {
          condition: (def.retentionPeriodDays ?? 4) >= 1 && (def.retentionPeriodDays ?? 4) <= 14,
          message: `queues.${name}.retentionPeriodDays: ${def.retentionPeriodDays} is outside SQS's 1-14`,
        },
        {
          condition: def.maxBatchingWindowSeconds >= 0 && def.maxBatchingWindowSeconds <= 300,
          message: `queues.${name}.maxBatchingWindowSeconds: ${def.maxBatchingWindowSeconds} is outside Lambda's 0-300`,
        },
      ]),
    );
    for (const [name, def] of queues) {
      const deadLetter = new DeadLetterQueue(this, `${pascal(name)}DeadLetter`, {
        alarmDescription: `Messages reached the ${name} dead-letter queue: inspect and redrive them`,
        alarmAction: props.alarmAction,
        encryptionKey: props.encryptionKey,
      });
      const queue = new sqs.Queue(this, `${pascal(name)}Queue`, {
        visibilityTimeout: Duration.seconds(def.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(def.retentionPeriodDays ?? 4),
        ...queueEncryption(props.encryptionKey),
        enforceSSL: true,
        deadLetterQueue: { queue: deadLetter.queue, maxReceiveCount: def.maxReceiveCount },
      });
      this.queues[name] = {
        queue,
        deadLetterQueue: deadLetter.queue,
        deadLetterAlarm: deadLetter.alarm,
        definition: def,
      };
    }
  }
}

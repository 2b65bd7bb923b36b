import {
  type aws_cloudwatch as cloudwatch,
  Duration,
  aws_iam as iam,
  type aws_kms as kms,
  type aws_lambda as lambda,
  aws_scheduler as scheduler,
  aws_scheduler_targets as schedulerTargets,
  type aws_sqs as sqs,
  TimeZone,
  Validations,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { ScheduleDefinition } from '../platform/types.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import { leaveOutOfLogicalIds } from './logical-ids.ts';
import { pascal } from './names.ts';
import { validateProps } from './validation.ts';

export interface SchedulesProps {
  /** Schedules by their key in the declaration. Default: none. */
  readonly schedules?: Record<string, ScheduleDefinition>;
  /** The functions the schedules invoke, by their key in the declaration. */
  readonly targets?: Record<string, lambda.IFunction>;
  /** Passed to every dead-letter queue's alarm. Default: the alarms only show. */
  readonly alarmAction?: cloudwatch.IAlarmAction;
  /** Times EventBridge Scheduler retries an invocation it could not make. Default: 3. */
  readonly retryAttempts?: number;
  /** Encrypts the dead-letter and failed-run queues. Default: SQS-managed encryption. */
  readonly encryptionKey?: kms.IKey;
}

export interface FailedRuns {
  /** Where Lambda puts a run that failed after its retries: the event and the error. */
  readonly queue: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;
  /** The schedules that run this function. */
  readonly schedules: string[];
}

export interface DeclaredSchedule {
  readonly schedule: scheduler.Schedule;
  readonly deadLetterQueue: sqs.Queue;
  readonly deadLetterAlarm: cloudwatch.Alarm;
  readonly definition: ScheduleDefinition;
}

/**
 * The EventBridge Scheduler schedules, in Asia/Kolkata, each invoking its function with the
 * declared input. An invocation Scheduler gives up on goes to the schedule's own dead-letter queue
 * (DeadLetterQueue, alarmed).
 */
export class Schedules extends Construct {
  readonly schedules: Record<string, DeclaredSchedule> = {};
  /**
   * Per scheduled function, by its key: the on-failure destination of its asynchronous invocations.
   * EventBridge Scheduler invokes Lambda asynchronously, so the schedule's dead-letter queue sees
   * only invocations Scheduler could not hand over; a run that fails inside the function (an error
   * or a timeout, after Lambda's two retries) lands here instead, and its alarm fires.
   */
  readonly failedRuns: Record<string, FailedRuns> = {};

  constructor(scope: Construct, id: string, props: SchedulesProps = {}) {
    super(scope, id);
    leaveOutOfLogicalIds(this);
    const retryAttempts = props.retryAttempts ?? 3;
    const schedules = Object.entries(props.schedules ?? {});
    validateProps(this, [
      {
        condition: Number.isInteger(retryAttempts) && retryAttempts >= 0 && retryAttempts <= 185,
        message: `retryAttempts: ${retryAttempts} is outside EventBridge Scheduler's 0-185`,
      },
      ...schedules.map(([name, def]) => ({
        condition: props.targets?.[def.function] !== undefined,
        message: `schedules.${name}.function: no target function '${def.function}' was given`,
      })),
    ]);

    for (const [name, def] of schedules) {
      const deadLetter = new DeadLetterQueue(this, `${pascal(name)}ScheduleDeadLetter`, {
        alarmDescription: `Invocations of the ${name} schedule failed and reached its dead-letter queue`,
        alarmAction: props.alarmAction,
        encryptionKey: props.encryptionKey,
      });
      Validations.of(deadLetter.queue).acknowledge({
        id: 'AwsSolutions::AwsSolutions-SQS3',
        reason: `This queue is the dead-letter queue of the ${name} schedule's target (EventBridge Scheduler puts invocations it gave up on here); it is the end of the line and is alarmed, so it has no DLQ of its own.`,
      });
      const schedule = new scheduler.Schedule(this, `${pascal(name)}Schedule`, {
        description: def.description,
        schedule: scheduler.ScheduleExpression.expression(def.expression, TimeZone.ASIA_KOLKATA),
        target: new ExactLambdaInvoke(props.targets![def.function]!, {
          input: scheduler.ScheduleTargetInput.fromObject(def.input),
          deadLetterQueue: deadLetter.queue,
          retryAttempts,
          encryptionKey: props.encryptionKey,
        }),
      });
      this.schedules[name] = {
        schedule,
        deadLetterQueue: deadLetter.queue,
        deadLetterAlarm: deadLetter.alarm,
        definition: def,
      };
    }

    for (const fnName of new Set(schedules.map(([, def]) => def.function))) {
      const names = schedules.filter(([, def]) => def.function === fnName).map(([name]) => name);
      const failed = new DeadLetterQueue(this, `${pascal(fnName)}FailedRuns`, {
        alarmDescription: `A run of the ${fnName} function (schedule ${names.join(', ')}) failed after Lambda's retries: the message in its failed-runs queue holds the input and the error; fix the cause, then invoke the function with that input`,
        alarmAction: props.alarmAction,
        encryptionKey: props.encryptionKey,
      });
      Validations.of(failed.queue).acknowledge({
        id: 'AwsSolutions::AwsSolutions-SQS3',
        reason: `This queue is the on-failure destination of the ${fnName} function's asynchronous (scheduled) invocations; it is the end of the line and is alarmed, so it has no DLQ of its own.`,
      });
      props.targets![fnName]!.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
        onFailure: new QueueDestination(failed.queue, props.encryptionKey),
      });
      this.failedRuns[fnName] = { queue: failed.queue, alarm: failed.alarm, schedules: names };
    }
  }
}

/**
 * Lambda's on-failure destination on a queue, granting the function exactly what sending needs
 * (SqsDestination grants kms:GenerateDataKey* and kms:ReEncrypt* as well).
 */
class QueueDestination implements lambda.IDestination {
  constructor(
    private readonly queue: sqs.IQueue,
    private readonly key: kms.IKey | undefined,
  ) {}

  bind(_scope: Construct, fn: lambda.IFunction): lambda.DestinationConfig {
    this.queue.grant(fn, 'sqs:SendMessage');
    this.key?.grant(fn, 'kms:GenerateDataKey', 'kms:Decrypt');
    return { destination: this.queue.queueArn };
  }
}

/**
 * LambdaInvoke grants the scheduler role lambda:InvokeFunction on the function and on `<arn>:*`
 * (every version and alias). A schedule invokes the unqualified function, so the role gets exactly
 * that ARN and nothing else.
 */
class ExactLambdaInvoke extends schedulerTargets.LambdaInvoke {
  private readonly target: lambda.IFunction;
  private readonly encryptionKey: kms.IKey | undefined;

  constructor(
    target: lambda.IFunction,
    props: schedulerTargets.ScheduleTargetBaseProps & { encryptionKey?: kms.IKey },
  ) {
    const { encryptionKey, ...base } = props;
    super(target, base);
    this.target = target;
    this.encryptionKey = encryptionKey;
  }

  protected override addTargetActionToRole(role: iam.IRole): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.target.functionArn] }),
    );
    // Putting an invocation into the (encrypted) dead-letter queue.
    this.encryptionKey?.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');
  }
}

import {
  type aws_cloudwatch as cloudwatch,
  aws_iam as iam,
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
        }),
      });
      this.schedules[name] = {
        schedule,
        deadLetterQueue: deadLetter.queue,
        deadLetterAlarm: deadLetter.alarm,
        definition: def,
      };
    }
  }
}

/**
 * LambdaInvoke grants the scheduler role lambda:InvokeFunction on the function and on `<arn>:*`
 * (every version and alias). A schedule invokes the unqualified function, so the role gets exactly
 * that ARN and nothing else.
 */
class ExactLambdaInvoke extends schedulerTargets.LambdaInvoke {
  private readonly target: lambda.IFunction;

  constructor(target: lambda.IFunction, props: schedulerTargets.ScheduleTargetBaseProps) {
    super(target, props);
    this.target = target;
  }

  protected override addTargetActionToRole(role: iam.IRole): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.target.functionArn] }),
    );
  }
}

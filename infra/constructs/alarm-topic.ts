import { aws_cloudwatch_actions as cloudwatchActions, aws_kms as kms, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  /** Shown in notifications. Default: 'Operational alarms'. */
  readonly displayName?: string;
}

/**
 * The SNS topic every alarm notifies. How it is encrypted and who is subscribed (issue #17) is
 * decided here, in one place; today it uses the AWS managed SNS key and operators subscribe
 * themselves (README, Deploying to AWS).
 */
export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;
  /** The alarm action that notifies this topic; pass it to every alarm. */
  readonly alarmAction: cloudwatchActions.SnsAction;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    // 'Default' keeps the topic's logical id what it was before this construct existed.
    this.topic = new sns.Topic(this, 'Default', {
      displayName: props.displayName ?? 'Operational alarms',
      enforceSSL: true,
      masterKey: kms.Alias.fromAliasName(this, 'SnsManagedKey', 'alias/aws/sns'),
    });
    this.alarmAction = new cloudwatchActions.SnsAction(this.topic);
  }
}

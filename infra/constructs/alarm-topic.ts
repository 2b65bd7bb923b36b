import {
  CfnOutput,
  aws_cloudwatch_actions as cloudwatchActions,
  aws_iam as iam,
  aws_kms as kms,
  RemovalPolicy,
  Stack,
  aws_sns as sns,
  aws_sns_subscriptions as subscriptions,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { validateProps } from './validation.ts';

export interface AlarmTopicProps {
  /** Shown in notifications. Default: 'Operational alarms'. */
  readonly displayName?: string;
  /** Addresses subscribed by email (each confirms the subscription once). Default: none. */
  readonly emails?: string[];
  /** HTTPS endpoints subscribed (an incident tool's webhook; it confirms the subscription). Default: none. */
  readonly httpsEndpoints?: string[];
}

/**
 * The SNS topic every alarm notifies.
 *
 * It is encrypted with its own customer-managed key, because CloudWatch cannot use the AWS managed
 * SNS key (alias/aws/sns) and an alarm on a topic so encrypted notifies nobody. The key's policy
 * lets CloudWatch and SES use it (it also encrypts the mail events topic, Mail), and the topic's
 * policy lets this account's alarms publish. The subscriptions come from the deployment's
 * configuration (alarmEmail, alarmHttpsEndpoint); the topic's ARN is an output.
 */
export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;
  /** The alarm action that notifies this topic; pass it to every alarm. */
  readonly alarmAction: cloudwatchActions.SnsAction;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    const emails = props.emails ?? [];
    const httpsEndpoints = props.httpsEndpoints ?? [];
    validateProps(this, [
      ...emails.map((email) => ({
        condition: /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email),
        message: `emails: '${email}' is not an email address`,
      })),
      ...httpsEndpoints.map((url) => ({
        condition: url.startsWith('https://'),
        message: `httpsEndpoints: '${url}' is not an https:// URL`,
      })),
    ]);
    const stack = Stack.of(this);
    this.key = new kms.Key(this, 'Key', {
      description: 'Nivaran: the alarm topic (CloudWatch alarms and SES events publish to it)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // As AWS documents for services publishing to an encrypted topic: the service principal, no
    // condition (SNS makes these KMS calls for the publisher, which KMS sees without a source ARN).
    // Who may publish is scoped in the topic's policy below and, for SES, by the configuration set.
    for (const [sid, service] of [
      ['CloudWatchAlarms', 'cloudwatch.amazonaws.com'],
      ['SesEventPublishing', 'ses.amazonaws.com'],
    ] as const) {
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid,
          principals: [new iam.ServicePrincipal(service)],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
        }),
      );
    }
    // 'Default' keeps the topic's logical id what it was before this construct existed.
    this.topic = new sns.Topic(this, 'Default', {
      displayName: props.displayName ?? 'Operational alarms',
      enforceSSL: true,
      masterKey: this.key,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*`,
          },
        },
      }),
    );
    for (const email of emails) this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    for (const url of httpsEndpoints) this.topic.addSubscription(new subscriptions.UrlSubscription(url));
    this.alarmAction = new cloudwatchActions.SnsAction(this.topic);
    new CfnOutput(this, 'AlarmTopicArn', {
      description: 'SNS topic every alarm notifies; subscribe the on-call address or incident tool to it',
      value: this.topic.topicArn,
    });
  }
}

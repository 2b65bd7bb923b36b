import { CfnOutput, type aws_kms as kms, Stack, aws_ses as ses, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { leaveOutOfLogicalIds } from './logical-ids.ts';
import { validateProps } from './validation.ts';

export interface MailProps {
  /** The address mail is sent from; its domain becomes the SES identity. */
  readonly senderEmail: string;
  /** Encrypts the mail events topic; its policy must let SES use it (AlarmTopic's key does). */
  readonly eventsKey: kms.IKey;
}

/**
 * Mail as SES sends it: the sender's domain as an SES identity, signed with Easy DKIM (2048-bit),
 * whose three CNAME records are outputs for the domain's DNS (NIC for gov.in); a configuration set,
 * the identity's default, with reputation metrics (the bounce and complaint rate alarms read them),
 * TLS required, and bounced and complained-about addresses suppressed; and its bounces, complaints,
 * rejections and delivery delays published to an encrypted SNS topic for operators.
 */
export class Mail extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly eventsTopic: sns.Topic;
  readonly domain: string;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    leaveOutOfLogicalIds(this);
    this.domain = props.senderEmail.split('@')[1] ?? '';
    validateProps(this, [
      {
        condition: /^[^@\s]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(props.senderEmail),
        message: `senderEmail: '${props.senderEmail}' is not an address on a domain`,
      },
    ]);
    this.configurationSet = new ses.ConfigurationSet(this, 'MailConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.eventsTopic = new sns.Topic(this, 'MailEventsTopic', {
      displayName: 'Mail bounces and complaints',
      enforceSSL: true,
      masterKey: props.eventsKey,
    });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.snsTopic(this.eventsTopic),
      events: [
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
        ses.EmailSendingEvent.REJECT,
        ses.EmailSendingEvent.DELIVERY_DELAY,
      ],
    });
    this.identity = new ses.EmailIdentity(this, 'MailIdentity', {
      identity: ses.Identity.domain(this.domain),
      configurationSet: this.configurationSet,
      dkimSigning: true,
      dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
    });
    this.identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `MailDkimRecord${index + 1}`, {
        description: `DKIM CNAME ${index + 1} of 3 for ${this.domain}: publish it in the domain's DNS`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
    new CfnOutput(this, 'MailEventsTopicArn', {
      description:
        'SNS topic of mail bounces, complaints, rejections and delays; subscribe the mail administrator',
      value: this.eventsTopic.topicArn,
    });
  }

  /** What sending may name in IAM: the identity and the configuration set. */
  get sendingArns(): string[] {
    const stack = Stack.of(this);
    return [
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: this.domain }),
      stack.formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: this.configurationSet.configurationSetName,
      }),
    ];
  }
}

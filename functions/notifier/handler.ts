import { dynamodbClient, sesClient, smsClient } from '../../shared/adapters/aws/clients.ts';
import { DynamoAnnouncementLedger } from '../../shared/adapters/dynamodb/announcement-ledger.ts';
import { DynamoNotificationLedger } from '../../shared/adapters/dynamodb/notification-ledger.ts';
import { linkKeyring } from '../../shared/adapters/secrets/link-keys.ts';
import { SesEmailSender } from '../../shared/adapters/ses/email.ts';
import { EndUserMessagingSmsSender } from '../../shared/adapters/sms/sms.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { mainTableName, masterDataReader, referenceRepository } from '../../shared/adapters/wiring/wiring.ts';
import { intEnv, optionalEnv, requireEnv } from '../../shared/config.ts';
import { signStatusToken } from '../../shared/domain/links/status-token.ts';
import { epochSeconds, signLinkToken } from '../../shared/domain/links/token.ts';
import { count, logger } from '../../shared/triggers/powertools.ts';
import { sqsHandler } from '../../shared/triggers/sqs/handler.ts';
import { notificationMessage } from '../../shared/triggers/sqs/messages.ts';
import { type NotifyDeps, notify } from '../../shared/use-cases/notifications/send-notification.ts';

/** Parses "key=id,key=id" into a map; DLT template ids are configuration, not code. */
const parseTemplateIds = (raw: string) =>
  Object.fromEntries(
    raw
      .split(',')
      .map((pair) => pair.split('=').map((s) => s.trim()))
      .filter((pair): pair is [string, string] => pair.length === 2 && pair[0] !== '' && pair[1] !== ''),
  );

const publicBaseUrl = () => optionalEnv('PUBLIC_BASE_URL', 'http://127.0.0.1:3000');
let deps: NotifyDeps | undefined;
const build = (): NotifyDeps => ({
  references: referenceRepository(),
  ledger: new DynamoNotificationLedger(dynamodbClient(), mainTableName()),
  announcements: new DynamoAnnouncementLedger(dynamodbClient(), mainTableName()),
  sms: new EndUserMessagingSmsSender(smsClient(), {
    entityId: requireEnv('SMS_DLT_ENTITY_ID'),
    templateIds: parseTemplateIds(requireEnv('SMS_DLT_TEMPLATE_IDS')),
    ...(process.env.SMS_ORIGINATION_IDENTITY
      ? { originationIdentity: process.env.SMS_ORIGINATION_IDENTITY }
      : {}),
  }),
  email: new SesEmailSender(sesClient(), requireEnv('SENDER_EMAIL')),
  masterData: masterDataReader(),
  signedLink: async (request) => {
    const token = signLinkToken(
      { ...request, expiresAt: epochSeconds(request.expiresAt) },
      await linkKeyring(),
      systemClock.now(),
    );
    return `${publicBaseUrl()}/o/${token}`;
  },
  statusLink: async (request) => `${publicBaseUrl()}/t/${signStatusToken(request, await linkKeyring())}`,
  publicBaseUrl: publicBaseUrl(),
  feedbackWindowDays: intEnv('FEEDBACK_WINDOW_DAYS', 7),
});

/** Consumer of the notifications queue: SMS and email to complainants and officers, each sent once. */
export const handler = sqsHandler(
  notificationMessage,
  async (message) => {
    deps ??= build();
    const result = await notify(message, deps);
    count('NotificationsSent', result.sent.length);
    const first = message.type === 'bundle' ? message.notifications[0]! : message;
    logger.info('notified', {
      type: message.type === 'bundle' ? message.notifications.map((n) => n.type).join('+') : message.type,
      ...('referenceNo' in first ? { referenceNo: first.referenceNo } : {}),
      ...('officerId' in first ? { officerId: first.officerId } : {}),
      ...('districtCode' in first ? { districtCode: first.districtCode } : {}),
      sent: result.sent,
    });
  },
  { failureMetric: 'NotificationsFailed' },
);

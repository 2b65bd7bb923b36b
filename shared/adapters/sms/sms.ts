import { type PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';

export interface DltSettings {
  /** The principal entity id registered on India's DLT platform. */
  entityId: string;
  /** DLT template id per message kind (templateKey), e.g. acknowledgement-hi. */
  templateIds: Record<string, string>;
  /** Sender id or origination number, when the account has one. */
  originationIdentity?: string;
}

/**
 * AWS End User Messaging SMS. Every message to India carries the DLT entity and template ids, as
 * Indian carriers require; a kind without a registered template is refused here, before sending.
 */
export class EndUserMessagingSmsSender {
  constructor(
    private readonly client: PinpointSMSVoiceV2Client,
    private readonly dlt: DltSettings,
  ) {}

  async send(to: string, text: string, templateKey: string): Promise<string> {
    const templateId = this.dlt.templateIds[templateKey];
    if (!templateId) throw new Error(`No DLT template id configured for '${templateKey}'`);
    const result = await this.client.send(
      new SendTextMessageCommand({
        DestinationPhoneNumber: to,
        MessageBody: text,
        MessageType: 'TRANSACTIONAL',
        ...(this.dlt.originationIdentity ? { OriginationIdentity: this.dlt.originationIdentity } : {}),
        DestinationCountryParameters: { IN_ENTITY_ID: this.dlt.entityId, IN_TEMPLATE_ID: templateId },
      }),
    );
    return result.MessageId ?? '';
  }
}

/** Parses "key=id,key=id" (SMS_DLT_TEMPLATE_IDS) into a map; DLT template ids are configuration, not code. */
export const parseTemplateIds = (raw: string): Record<string, string> =>
  Object.fromEntries(
    raw
      .split(',')
      .map((pair) => pair.split('=').map((s) => s.trim()))
      .filter((pair): pair is [string, string] => pair.length === 2 && pair[0] !== '' && pair[1] !== ''),
  );

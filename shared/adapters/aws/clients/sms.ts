import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';

/** The container's one sms client (see ../clients.ts). */
let client: PinpointSMSVoiceV2Client | undefined;
export const smsClient = (): PinpointSMSVoiceV2Client => (client ??= new PinpointSMSVoiceV2Client({}));

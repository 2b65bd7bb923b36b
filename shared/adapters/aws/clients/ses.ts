import { SESv2Client } from '@aws-sdk/client-sesv2';

/** The container's one ses client (see ../clients.ts). */
let client: SESv2Client | undefined;
export const sesClient = (): SESv2Client => (client ??= new SESv2Client({}));

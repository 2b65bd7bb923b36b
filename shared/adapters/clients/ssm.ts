import { SSMClient } from '@aws-sdk/client-ssm';

/** The container's one ssm client (see ../clients.ts). */
let client: SSMClient | undefined;
export const ssmClient = (): SSMClient => (client ??= new SSMClient({}));

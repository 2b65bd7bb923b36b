import { SQSClient } from '@aws-sdk/client-sqs';

/** The container's one sqs client (see ../clients.ts). */
let client: SQSClient | undefined;
export const sqsClient = (): SQSClient => (client ??= new SQSClient({ useQueueUrlAsEndpoint: false }));

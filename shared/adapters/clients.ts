import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';

/**
 * The one place SDK clients are built. Endpoints come from the SDK's own service-specific
 * variables (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_SQS, ...), which the local runner sets and
 * AWS leaves unset, so no adapter branches on where it runs. Each client lives for the container's
 * life, as Lambda reuses it across invocations. One function per service, so a bundle carries only
 * the clients its handler uses.
 */
let dynamodb: DynamoDBClient | undefined;
let sqs: SQSClient | undefined;
let s3: S3Client | undefined;
let ses: SESv2Client | undefined;
let sms: PinpointSMSVoiceV2Client | undefined;
let ssm: SSMClient | undefined;

export const dynamodbClient = (): DynamoDBClient => (dynamodb ??= new DynamoDBClient({}));
export const sqsClient = (): SQSClient => (sqs ??= new SQSClient({ useQueueUrlAsEndpoint: false }));
// Local S3 answers on one host, so it needs path-style addressing.
export const s3Client = (): S3Client =>
  (s3 ??= new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' }));
export const sesClient = (): SESv2Client => (ses ??= new SESv2Client({}));
export const smsClient = (): PinpointSMSVoiceV2Client => (sms ??= new PinpointSMSVoiceV2Client({}));
export const ssmClient = (): SSMClient => (ssm ??= new SSMClient({}));

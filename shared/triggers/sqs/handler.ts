import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../observability/logger.ts';

export type RecordHandler = (body: unknown, record: SQSRecord, context: Context) => Promise<void>;

/**
 * The one middleware stack for queue consumers. Records are handled one by one; each failure is
 * reported alone (ReportBatchItemFailures), so one poison message never holds up its batch and
 * reaches the dead-letter queue after the queue's maxReceiveCount.
 */
export function sqsHandler(handle: RecordHandler) {
  return middy<SQSEvent, SQSBatchResponse, Error, Context>().handler(async (event, context) => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      logger.setContext({
        requestId: context.awsRequestId,
        messageId: record.messageId,
        receiveCount: Number(record.attributes.ApproximateReceiveCount),
      });
      try {
        let body: unknown;
        try {
          body = JSON.parse(record.body);
        } catch {
          throw new Error('message body is not JSON');
        }
        await handle(body, record, context);
      } catch (error) {
        logger.error('message failed', { error });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  });
}

import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { CORRELATION_ATTRIBUTE, correlationIdOr, setCorrelationId } from '../correlation.ts';
import { logContext, publishMetrics } from '../middleware.ts';
import { count, logger, type MetricName } from '../powertools.ts';

/** What parses a message body: the zod schemas of ./messages.ts. */
export interface MessageSchema<M> {
  safeParse(value: unknown): { success: true; data: M } | { success: false; error: { issues: Issue[] } };
}
interface Issue {
  path: PropertyKey[];
  message: string;
}

export type MessageHandler<M> = (message: M, record: SQSRecord, context: Context) => Promise<void>;

export interface SqsHandlerOptions {
  /** Counted once for each record that fails (poison or not). */
  failureMetric?: MetricName;
}

/** A record whose body is not JSON or not a message of this queue: retrying cannot help. */
export class PoisonMessageError extends Error {
  override name = 'PoisonMessageError';
}

/**
 * The one middleware stack for queue consumers: the Lambda context on every log line, metrics
 * published at the end, and Powertools' batch processor. Records are handled one after another,
 * each with its own message id and correlation id on the log lines; each body is parsed with the
 * queue's schema first. A record that fails (a poison message included) is reported alone
 * (ReportBatchItemFailures), so it never holds up its batch and reaches the dead-letter queue
 * after the queue's maxReceiveCount; a batch whose every record failed is reported the same way.
 */
export function sqsHandler<M>(
  schema: MessageSchema<M>,
  handle: MessageHandler<M>,
  options: SqsHandlerOptions = {},
) {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord, context: Context): Promise<void> => {
    logger.appendKeys({
      messageId: record.messageId,
      receiveCount: Number(record.attributes.ApproximateReceiveCount),
    });
    setCorrelationId(
      correlationIdOr(record.messageAttributes?.[CORRELATION_ATTRIBUTE]?.stringValue, record.messageId),
    );
    try {
      await handle(readMessage(record, schema), record, context);
    } catch (error) {
      logger.error('message failed', { error });
      if (options.failureMetric) count(options.failureMetric);
      throw error;
    } finally {
      logger.removeKeys(['messageId', 'receiveCount', 'correlation_id']);
    }
  };
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(logContext())
    .use(publishMetrics())
    .handler((event, context) =>
      processPartialResponse(event, (record: SQSRecord) => handleRecord(record, context), processor, {
        context,
        processInParallel: false,
        throwOnFullBatchFailure: false,
      }),
    );
}

/** The record's body as a message of its queue; nothing of the body goes into the error (it may be personal). */
export function readMessage<M>(record: SQSRecord, schema: MessageSchema<M>): M {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new PoisonMessageError('message body is not JSON');
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
  throw new PoisonMessageError(`not a message of this queue: ${where}`);
}

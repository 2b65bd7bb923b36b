import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueuePort } from '../../domain/ports.ts';

/** Checks a message before it is sent: the same schema its consumer parses it with. */
export interface OutgoingSchema<M> {
  parse(value: unknown): M;
}

export interface SqsQueueOptions<M> {
  schema: OutgoingSchema<M>;
  /** The journey's correlation id, sent on as the `correlationId` message attribute. */
  correlationId?: () => string | undefined;
}

/**
 * A standard SQS queue. Consumers are idempotent, so at-least-once delivery is enough. A message
 * its consumer would refuse is never sent: the error is the producer's, at the producer.
 */
export class SqsQueue<M> implements QueuePort<M> {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
    private readonly options: SqsQueueOptions<M>,
  ) {}

  async send(body: M): Promise<void> {
    this.options.schema.parse(body);
    const correlationId = this.options.correlationId?.();
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(body),
        ...(correlationId
          ? { MessageAttributes: { correlationId: { DataType: 'String', StringValue: correlationId } } }
          : {}),
      }),
    );
  }
}

import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueuePort } from '../domain/ports.ts';

/** A standard SQS queue. Consumers are idempotent, so at-least-once delivery is enough. */
export class SqsQueue implements QueuePort {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(body: Record<string, unknown>): Promise<void> {
    await this.client.send(
      new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(body) }),
    );
  }
}

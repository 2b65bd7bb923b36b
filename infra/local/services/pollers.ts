import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse } from 'aws-lambda';
import type { QueueDefinition } from '../../platform/types.ts';
import { buildSqsEvent } from '../events/sqs.ts';
import type { LocalQueue } from './sqs.ts';

export interface PollerOptions {
  endpoint: string;
  region: string;
  queues: Record<string, { definition: QueueDefinition; local: LocalQueue }>;
  invoke: (functionName: string, event: unknown) => Promise<unknown>;
  onError: (queue: string, error: unknown) => void;
}

/**
 * Lambda's SQS event source mapping: long-polls each queue, gathers up to batchSize messages within
 * the batching window, invokes the consumer and deletes what succeeded. With
 * ReportBatchItemFailures, listed failures stay on the queue until their visibility timeout ends;
 * a thrown error leaves the whole batch. The queue's redrive policy then moves a message that
 * keeps failing to its dead-letter queue.
 */
export class SqsPollers {
  private readonly client: SQSClient;
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];
  private inFlight = 0;

  constructor(private readonly options: PollerOptions) {
    this.client = new SQSClient({
      endpoint: options.endpoint,
      region: options.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      useQueueUrlAsEndpoint: false,
    });
  }

  start(): void {
    for (const [name, { definition, local }] of Object.entries(this.options.queues)) {
      if (definition.consumer !== undefined) this.loops.push(this.poll(name, definition, local));
    }
  }

  /** Batches being processed now; tests wait for zero before they look at the result. */
  get busy(): number {
    return this.inFlight;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled(this.loops);
    this.client.destroy();
  }

  private async poll(name: string, definition: QueueDefinition, queue: LocalQueue): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        const messages = await this.gather(definition, queue);
        if (messages.length === 0) continue;
        this.inFlight++;
        try {
          await this.deliver(definition, queue, messages);
        } finally {
          this.inFlight--;
        }
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.options.onError(name, error);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private async gather(definition: QueueDefinition, queue: LocalQueue): Promise<Message[]> {
    const windowEnds = Date.now() + definition.maxBatchingWindowSeconds * 1000;
    const messages: Message[] = [];
    do {
      // Rounded down: a long poll that overshoots the window can outlast the messages' visibility
      // timeout (tests shorten it to a second) and bring the same message back into the batch.
      const waitSeconds =
        messages.length === 0 ? 1 : Math.max(0, Math.floor((windowEnds - Date.now()) / 1000));
      const received = await this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: queue.url,
          MaxNumberOfMessages: Math.min(10, definition.batchSize - messages.length),
          WaitTimeSeconds: Math.min(waitSeconds, 1),
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
        { abortSignal: this.abort.signal },
      );
      for (const message of received.Messages ?? []) {
        // Lambda never puts one message in a batch twice; should SQS hand it over again, keep the
        // latest receipt handle, the only one that can still delete it.
        const seen = messages.findIndex((m) => m.MessageId === message.MessageId);
        if (seen >= 0) messages[seen] = message;
        else messages.push(message);
      }
      if (messages.length === 0) return messages;
      if (!received.Messages?.length) break;
    } while (messages.length < definition.batchSize && Date.now() < windowEnds);
    return messages;
  }

  private async deliver(definition: QueueDefinition, queue: LocalQueue, messages: Message[]): Promise<void> {
    const event = buildSqsEvent(messages, queue.arn, this.options.region);
    let failed: Set<string>;
    try {
      const result = (await this.options.invoke(definition.consumer!, event)) as SQSBatchResponse | null;
      failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      this.options.onError(queue.name, error);
      return;
    }
    const done = messages.filter((m) => !failed.has(m.MessageId!));
    if (done.length === 0) return;
    await this.client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
  }
}

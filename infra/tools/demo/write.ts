import { BatchWriteItemCommand, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { toItem } from '../../../shared/adapters/dynamodb/dynamo-item.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Puts the items with BatchWriteItem (25 a request, a few requests in flight), retrying what comes back. */
export async function putAll(
  client: DynamoDBClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
  options: { concurrency?: number; onProgress?: (written: number, total: number) => void } = {},
): Promise<void> {
  const batches = Math.ceil(items.length / 25);
  let next = 0;
  let written = 0;
  const worker = async () => {
    for (let b = next++; b < batches; b = next++) {
      // Marshalled batch by batch, so the CPU work overlaps the writes in flight.
      let pending: WriteRequest[] = items
        .slice(b * 25, b * 25 + 25)
        .map((item) => ({ PutRequest: { Item: toItem(item) } }));
      const size = pending.length;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 10) throw new Error(`DynamoDB left ${pending.length} items unwritten`);
        if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
        const result = await client.send(
          new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }),
        );
        pending = result.UnprocessedItems?.[tableName] ?? [];
      }
      written += size;
      options.onProgress?.(written, items.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 6 }, worker));
}

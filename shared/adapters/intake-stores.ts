import {
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { IdempotencyRecord, IdempotencyStore, IntakeLimiter } from '../domain/ports.ts';
import { fromItem, isConditionFailure, toItem } from './dynamo-item.ts';

/**
 * Per-mobile monthly counters: one item per mobile hash and IST month, incremented with a
 * conditional ADD so two concurrent requests can never both take the last place.
 */
export class DynamoIntakeLimiter implements IntakeLimiter {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  private key(mobileHash: string, month: string) {
    return toItem({ pk: `LIMIT#${mobileHash}`, sk: month });
  }

  async take(mobileHash: string, month: string, limit: number): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.key(mobileHash, month),
          UpdateExpression: 'ADD #count :one SET expiresAtEpoch = if_not_exists(expiresAtEpoch, :expires)',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: toItem({
            ':one': 1,
            ':limit': limit,
            // Kept for two months after creation; TTL removes it in AWS.
            ':expires': Math.floor(Date.now() / 1000) + 62 * 86_400,
          }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async giveBack(mobileHash: string, month: string): Promise<void> {
    await this.client
      .send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.key(mobileHash, month),
          UpdateExpression: 'ADD #count :minus',
          ConditionExpression: '#count > :zero',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: toItem({ ':minus': -1, ':zero': 0 }),
        }),
      )
      .catch((error) => {
        if (!isConditionFailure(error)) throw error;
      });
  }
}

/**
 * Idempotency records IDEMP#<key>, written once per request that sends a key: after its reference
 * is accepted, with the answer (see shared/domain/intake/file-complaint.ts). Expiry is checked here
 * because the local engine has no TTL; in AWS, TTL also deletes expired records. Records an older
 * version left `in-progress` carry no answer and are treated as absent.
 */
export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  private key(key: string) {
    return toItem({ pk: `IDEMP#${key}`, sk: 'IDEMP' });
  }

  async find(key: string): Promise<IdempotencyRecord | undefined> {
    const existing = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: this.key(key), ConsistentRead: true }),
    );
    if (!existing.Item) return undefined;
    const record = fromItem<{ requestHash: string; response?: string; expiresAtEpoch?: number }>(
      existing.Item,
    );
    if (!record.response || (record.expiresAtEpoch ?? 0) < Math.floor(Date.now() / 1000)) return undefined;
    return { requestHash: record.requestHash, response: JSON.parse(record.response) };
  }

  async record(
    key: string,
    requestHash: string,
    response: unknown,
    expiresAt: Date,
  ): Promise<IdempotencyRecord | undefined> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem({
            pk: `IDEMP#${key}`,
            sk: 'IDEMP',
            state: 'completed',
            requestHash,
            response: JSON.stringify(response),
            expiresAtEpoch: Math.floor(expiresAt.getTime() / 1000),
          }),
          ConditionExpression:
            'attribute_not_exists(pk) OR expiresAtEpoch < :now OR attribute_not_exists(#response)',
          ExpressionAttributeNames: { '#response': 'response' },
          ExpressionAttributeValues: toItem({ ':now': Math.floor(Date.now() / 1000) }),
        }),
      );
      return undefined;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const first = await this.find(key);
    if (!first) throw new Error('Idempotency-Key record refused but not found');
    // This very write, landed once already (its reply lost, the SDK's retry refused): not another
    // request's, so the caller must keep its reference rather than take it back.
    if (first.requestHash === requestHash && JSON.stringify(first.response) === JSON.stringify(response))
      return undefined;
    return first;
  }
}

/** Failed tracking attempts per reference number per UTC hour, counted with an atomic ADD. */
export class DynamoTrackingGuard {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  private key(referenceNo: string) {
    return toItem({ pk: `TRACKFAIL#${referenceNo}`, sk: new Date().toISOString().slice(0, 13) });
  }

  async failures(referenceNo: string): Promise<number> {
    const result = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: this.key(referenceNo) }),
    );
    return result.Item ? Number(fromItem<{ count?: number }>(result.Item).count ?? 0) : 0;
  }

  async recordFailure(referenceNo: string): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: this.key(referenceNo),
        UpdateExpression: 'ADD #count :one SET expiresAtEpoch = :expires',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: toItem({ ':one': 1, ':expires': Math.floor(Date.now() / 1000) + 7200 }),
      }),
    );
  }

  windowSecondsLeft(): number {
    const now = new Date();
    return 3600 - (now.getUTCMinutes() * 60 + now.getUTCSeconds());
  }
}

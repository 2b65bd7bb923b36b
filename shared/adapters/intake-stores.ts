import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { IdempotencyBegin, IdempotencyStore, IntakeLimiter } from '../domain/ports.ts';
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

/** How long a request may hold its Idempotency-Key before another attempt may take it over. */
const LOCK_SECONDS = 60;

/**
 * Idempotency records. The first request with a key puts an in-progress record (conditional on no
 * live record); the finished response replaces it. Expiry is checked here because the local engine
 * has no TTL; in AWS, TTL also deletes expired records.
 */
export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  private key(key: string) {
    return toItem({ pk: `IDEMP#${key}`, sk: 'IDEMP' });
  }

  async begin(key: string, requestHash: string, expiresAt: Date): Promise<IdempotencyBegin> {
    const nowEpoch = Math.floor(Date.now() / 1000);
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem({
            pk: `IDEMP#${key}`,
            sk: 'IDEMP',
            state: 'in-progress',
            requestHash,
            lockedUntilEpoch: nowEpoch + LOCK_SECONDS,
            expiresAtEpoch: Math.floor(expiresAt.getTime() / 1000),
          }),
          ConditionExpression:
            'attribute_not_exists(pk) OR expiresAtEpoch < :now OR (#state = :progress AND lockedUntilEpoch < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: toItem({ ':now': nowEpoch, ':progress': 'in-progress' }),
        }),
      );
      return { state: 'new' };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const existing = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: this.key(key), ConsistentRead: true }),
    );
    if (!existing.Item) return { state: 'in-progress' };
    const record = fromItem<{ state: string; requestHash: string; response?: string }>(existing.Item);
    if (record.state === 'completed' && record.response) {
      return { state: 'completed', requestHash: record.requestHash, response: JSON.parse(record.response) };
    }
    return { state: 'in-progress' };
  }

  async complete(key: string, requestHash: string, response: unknown, expiresAt: Date): Promise<void> {
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
      }),
    );
  }

  async abandon(key: string): Promise<void> {
    await this.client
      .send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: this.key(key),
          ConditionExpression: '#state = :progress',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: toItem({ ':progress': 'in-progress' }),
        }),
      )
      .catch((error) => {
        if (!isConditionFailure(error)) throw error;
      });
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

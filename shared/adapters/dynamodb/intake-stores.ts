import { randomUUID } from 'node:crypto';
import {
  BatchGetItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  type AttemptLimiter,
  type AttemptSlot,
  type AttemptWindow,
  bucketStart,
  currentAllowance,
  secondsUntilAllowed,
} from '../../domain/intake/attempt-window.ts';
import type { IdempotencyRecord, IdempotencyStore, IntakeLimiter } from '../../domain/ports.ts';
import { fromItem, isConditionFailure, toItem } from './dynamo-item.ts';

/**
 * Per-mobile monthly counters: one item per mobile hash and IST month, incremented with a
 * conditional ADD so two concurrent requests can never both take the last place. A retried write
 * is recognised by its token, except when another request for the same mobile wrote in between
 * (then the count may be off by one for that month).
 */
export class DynamoIntakeLimiter implements IntakeLimiter {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  private key(mobileHash: string, month: string) {
    return toItem({ pk: `LIMIT#${mobileHash}`, sk: month });
  }

  async take(
    mobileHash: string,
    month: string,
    limit: number,
    alsoCounted: readonly string[] = [],
  ): Promise<boolean> {
    // Counts under older keys of the mobile hash are read, not moved: they stop changing once the
    // key is rotated, so what is left of the allowance is the limit less their sum.
    const earlier = await this.countsOf(alsoCounted, month);
    if (earlier >= limit) return false;
    limit -= earlier;
    // Each take and give-back leaves its own token on the item, so the SDK's retry of a write that
    // landed but whose reply was lost is refused and recognised, not counted twice.
    const token = randomUUID();
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.key(mobileHash, month),
          UpdateExpression:
            'ADD #count :one SET expiresAtEpoch = if_not_exists(expiresAtEpoch, :expires), #taken = :token',
          ConditionExpression:
            '(attribute_not_exists(#count) OR #count < :limit) AND (attribute_not_exists(#taken) OR #taken <> :token)',
          ExpressionAttributeNames: { '#count': 'count', '#taken': 'lastTaken' },
          ExpressionAttributeValues: toItem({
            ':one': 1,
            ':limit': limit,
            ':token': token,
            // Kept for two months after creation; TTL removes it in AWS.
            ':expires': Math.floor(Date.now() / 1000) + 62 * 86_400,
          }),
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return (await this.lastTokens(mobileHash, month)).lastTaken === token;
    }
  }

  async giveBack(mobileHash: string, month: string): Promise<void> {
    const token = randomUUID();
    await this.client
      .send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.key(mobileHash, month),
          UpdateExpression: 'ADD #count :minus SET #given = :token',
          ConditionExpression: '#count > :zero AND (attribute_not_exists(#given) OR #given <> :token)',
          ExpressionAttributeNames: { '#count': 'count', '#given': 'lastGiven' },
          ExpressionAttributeValues: toItem({ ':minus': -1, ':zero': 0, ':token': token }),
        }),
      )
      .catch((error) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  /** The month's counts under the given hashes, summed: one BatchGetItem, none without hashes. */
  private async countsOf(hashes: readonly string[], month: string): Promise<number> {
    if (hashes.length === 0) return 0;
    let keys = hashes.map((hash) => this.key(hash, month));
    let total = 0;
    for (let attempt = 0; keys.length > 0; attempt++) {
      if (attempt === 5) throw new Error('monthly counts under older mobile hash keys could not be read');
      const result = await this.client.send(
        new BatchGetItemCommand({
          RequestItems: {
            [this.tableName]: {
              Keys: keys,
              ConsistentRead: true,
              ProjectionExpression: '#count',
              ExpressionAttributeNames: { '#count': 'count' },
            },
          },
        }),
      );
      for (const item of result.Responses?.[this.tableName] ?? [])
        total += Number(fromItem<{ count?: number }>(item).count ?? 0);
      keys = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as typeof keys;
    }
    return total;
  }

  private async lastTokens(mobileHash: string, month: string) {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: this.key(mobileHash, month),
        ConsistentRead: true,
      }),
    );
    return Item ? fromItem<{ lastTaken?: string }>(Item) : {};
  }
}

/**
 * Idempotency records IDEMP#<key>, written once per request that sends a key: after its reference
 * is accepted, with the answer (see shared/domain/intake/file-complaint.ts). Expiry is checked here
 * because TTL deletes expired records only eventually (in AWS within days; dynalite never). Records an older
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

/**
 * Failed tracking attempts per key (a client address or a reference number) in a sliding window
 * over two fixed buckets, one small item each: TRACKFAIL#<key> / <bucket start, epoch seconds,
 * ten digits>, removed by TTL two windows after its bucket ends. A take reads both buckets with one
 * Query, then adds one to the current bucket in one conditional UpdateItem whose condition holds
 * the ceiling (less the previous bucket's weighted count, which can no longer change), so however
 * many attempts arrive at once, DynamoDB lets through only as many as there is room for.
 */
export class DynamoAttemptLimiter implements AttemptLimiter {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private static sk = (bucket: number) => String(bucket).padStart(10, '0');

  private async counts(key: string, current: number, window: AttemptWindow) {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :previous AND :current',
        ExpressionAttributeValues: toItem({
          ':pk': `TRACKFAIL#${key}`,
          ':previous': DynamoAttemptLimiter.sk(current - window.seconds),
          ':current': DynamoAttemptLimiter.sk(current),
        }),
        ConsistentRead: true,
      }),
    );
    const count = (bucket: number) =>
      Number(
        fromItem<{ sk: string; count?: number }>(
          Items.find((item) => item.sk?.S === DynamoAttemptLimiter.sk(bucket)) ?? {},
        ).count ?? 0,
      );
    return { previous: count(current - window.seconds), current: count(current) };
  }

  private add(
    key: string,
    bucket: number,
    window: AttemptWindow,
    delta: number,
    condition?: { allowance: number },
  ) {
    return new UpdateItemCommand({
      TableName: this.tableName,
      Key: toItem({ pk: `TRACKFAIL#${key}`, sk: DynamoAttemptLimiter.sk(bucket) }),
      UpdateExpression: 'ADD #count :delta SET expiresAtEpoch = :expires',
      ...(condition
        ? { ConditionExpression: 'attribute_not_exists(#count) OR #count < :allowance' }
        : delta < 0
          ? { ConditionExpression: '#count > :zero' }
          : {}),
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: toItem({
        ':delta': delta,
        ':expires': bucket + 3 * window.seconds,
        ...(condition ? { ':allowance': condition.allowance } : {}),
        ...(!condition && delta < 0 ? { ':zero': 0 } : {}),
      }),
    });
  }

  async take(
    key: string,
    window: AttemptWindow,
  ): Promise<{ ok: true; slot: AttemptSlot } | { ok: false; retryAfterSeconds: number }> {
    const now = this.clock();
    const bucket = bucketStart(now, window);
    const counts = await this.counts(key, bucket, window);
    const allowance = currentAllowance(counts.previous, now, window);
    const refused = () => ({
      ok: false as const,
      retryAfterSeconds: secondsUntilAllowed(counts, now, window),
    });
    if (counts.current >= allowance) return refused();
    try {
      await this.client.send(this.add(key, bucket, window, 1, { allowance }));
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Concurrent attempts filled the room between the read and this write.
      counts.current = Math.max(counts.current, Math.ceil(allowance));
      return refused();
    }
    return { ok: true, slot: { key, bucket, window } };
  }

  async giveBack(slot: AttemptSlot): Promise<void> {
    await this.client.send(this.add(slot.key, slot.bucket, slot.window, -1)).catch((error) => {
      if (!isConditionFailure(error)) throw error;
    });
  }

  async record(key: string, window: AttemptWindow): Promise<void> {
    await this.client.send(this.add(key, bucketStart(this.clock(), window), window, 1));
  }
}

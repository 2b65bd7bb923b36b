import {
  BatchGetItemCommand,
  type DynamoDBClient,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { DerivedKeysStore, StoredKeys } from '../../use-cases/backfill-derived-keys.ts';
import { type Item, isConditionFailure, toItem } from './dynamo-item.ts';
import { derivedIndexKeys, referenceKey, toReference } from './reference-item.ts';

/** Which index each derived key attribute belongs to (MAIN_TABLE in tables.ts). */
const INDEX_OF: Readonly<Record<string, string>> = {
  inboxPk: 'inbox',
  inboxSk: 'inbox',
  duePk: 'due',
  dueSk: 'due',
  retainPk: 'retention',
  retainSk: 'retention',
  updatedPk: 'updated',
  updatedSk: 'updated',
};

/** A month partition is read a page at a time: the page's items are then read by key in one batch. */
const PAGE_SIZE = 100;

/**
 * What a stored reference item lacks or holds otherwise among the index keys its state puts it
 * under (derivedIndexKeys, the very function every write uses). The rankView copy is left alone:
 * the ranking reads it, and the overdue sweep leaves it behind until the next whole change, so
 * rewriting it here could change a recomputed month.
 */
export function staleIndexKeys(item: Item): StoredKeys {
  const reference = toReference(item);
  const changes: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(derivedIndexKeys(reference))) {
    const stored = item[name]?.S;
    if (value === undefined ? item[name] !== undefined : stored !== value) changes[name] = value ?? null;
  }
  const indexes = [...new Set(Object.keys(changes).map((name) => INDEX_OF[name] ?? name))].sort();
  return { referenceNo: reference.referenceNo, version: reference.version, changes, indexes };
}

/** The upgrade backfill's reads and writes on the main table: Queries and keyed reads, never a Scan. */
export class DynamoDerivedKeysStore implements DerivedKeysStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async *filedIn(districtCode: string, month: string): AsyncIterable<string[]> {
    let startKey: Item | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'month',
          KeyConditionExpression: 'monthPk = :pk',
          ExpressionAttributeValues: toItem({ ':pk': `MONTH#${districtCode}#${month}` }),
          ProjectionExpression: 'pk',
          Limit: PAGE_SIZE,
          ExclusiveStartKey: startKey,
        }),
      );
      const numbers = (page.Items ?? []).map((item) => (item.pk?.S ?? '').slice('REF#'.length));
      if (numbers.length > 0) yield numbers;
      startKey = page.LastEvaluatedKey as Item | undefined;
    } while (startKey);
  }

  /** Consistent reads (the version must be the stored one), a hundred keys a request. */
  async read(referenceNos: readonly string[]): Promise<StoredKeys[]> {
    const found: StoredKeys[] = [];
    for (let i = 0; i < referenceNos.length; i += 100) {
      let keys: Item[] = referenceNos.slice(i, i + 100).map((no) => toItem(referenceKey(no)));
      for (let retry = 0; keys.length > 0; retry++) {
        // Keys left unprocessed (throttled) are asked again after a growing pause, as AWS advises.
        if (retry > 0) await new Promise((wait) => setTimeout(wait, Math.min(50 * 2 ** retry, 5_000)));
        const result = await this.client.send(
          new BatchGetItemCommand({
            RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } },
          }),
        );
        found.push(...(result.Responses?.[this.tableName] ?? []).map((item) => staleIndexKeys(item)));
        keys = (result.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined) ?? [];
      }
    }
    const order = new Map(referenceNos.map((no, i) => [no, i]));
    return found.sort((a, b) => order.get(a.referenceNo)! - order.get(b.referenceNo)!);
  }

  async write(keys: StoredKeys): Promise<boolean> {
    const names: Record<string, string> = { '#version': 'version' };
    const values: Record<string, unknown> = { ':version': keys.version };
    const sets: string[] = [];
    const removes: string[] = [];
    Object.entries(keys.changes).forEach(([attribute, value], i) => {
      names[`#k${i}`] = attribute;
      if (value === null) removes.push(`#k${i}`);
      else {
        values[`:k${i}`] = value;
        sets.push(`#k${i} = :k${i}`);
      }
    });
    if (sets.length + removes.length === 0) return true;
    const expression = [
      sets.length ? `SET ${sets.join(', ')}` : '',
      removes.length ? `REMOVE ${removes.join(', ')}` : '',
    ].join(' ');
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: toItem(referenceKey(keys.referenceNo)),
          UpdateExpression: expression.trim(),
          // The version alone: every change of a reference's state bumps it; a write that does not
          // (a history append, a status-link revocation) moves no index key.
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: toItem(values),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

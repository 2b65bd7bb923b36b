import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import type { Reference } from '../../domain/reference/types.ts';
import type { PersonalDataDeclaration, PersonalRecord } from '../../domain/retention/personal-data.ts';
import { istDate, istMonth } from '../../domain/time/ist.ts';
import type { ErasureAudit } from '../../use-cases/erase-complainant.ts';
import type { PersonalDataPort } from '../../use-cases/redact-reference.ts';
import { fromItem, type Item, isConditionFailure, queryItems, toItem } from './dynamo-item.ts';
import { referenceItem, referenceKey, toReference } from './reference-item.ts';

/**
 * The table's side of retention and erasure: the `retention` index, references read and rewritten
 * whole without their personal data, the records beside them deleted, and erasure audit entries
 * AUDIT#ERASURE#<yyyy-mm> / <at>#<id>, kept with the table (no TTL).
 */
export class DynamoPersonalDataStore implements PersonalDataPort {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** A district's references on the retention list disposed before the instant, a page at a time. */
  async *disposedBefore(districtCode: string, beforeIso: string, pageSize: number): AsyncIterable<string[]> {
    let startKey: Item | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'retention',
          KeyConditionExpression: 'retainPk = :pk AND retainSk < :before',
          ExpressionAttributeValues: toItem({ ':pk': `RETAIN#${districtCode}`, ':before': beforeIso }),
          Limit: pageSize,
          ExclusiveStartKey: startKey,
        }),
      );
      const numbers = (page.Items ?? []).map((item) => (item.pk?.S ?? '').slice('REF#'.length));
      if (numbers.length > 0) yield numbers;
      startKey = page.LastEvaluatedKey as Item | undefined;
    } while (startKey);
  }

  async read(referenceNo: string): Promise<{ reference: Reference; mobileHash?: string } | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: toItem(referenceKey(referenceNo)),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const filedUnder = Item.complainantPk?.S;
    return {
      reference: toReference(Item),
      ...(filedUnder?.startsWith('MOBILE#') ? { mobileHash: filedUnder.slice('MOBILE#'.length) } : {}),
    };
  }

  /**
   * A whole-item put rather than an update: nothing of the old item survives that the new one does
   * not name (a packed description, an index key), and every index copy follows in the same write.
   */
  async saveRedacted(
    before: Reference,
    after: Reference,
    declaration: PersonalDataDeclaration,
  ): Promise<boolean> {
    const filed = new Date(after.createdAt);
    const item = referenceItem(after, { mobileHash: '', istMonth: istMonth(filed), istDate: istDate(filed) });
    for (const name of declaration.storageAttributes) delete item[name];
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem(item),
          ConditionExpression: '#version = :version AND size(#history) = :events',
          ExpressionAttributeNames: { '#version': 'version', '#history': 'history' },
          ExpressionAttributeValues: toItem({ ':version': before.version, ':events': before.history.length }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async deleteRecords(
    record: PersonalRecord,
    pk: string,
    options: { keepFromMonth?: string } = {},
  ): Promise<number> {
    const items = await queryItems(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: record.skPrefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
      ExpressionAttributeValues: toItem({
        ':pk': pk,
        ...(record.skPrefix ? { ':prefix': record.skPrefix } : {}),
      }),
      ProjectionExpression: 'pk, sk',
    });
    let deleted = 0;
    for (const item of items) {
      const sk = item.sk?.S ?? '';
      if (options.keepFromMonth && sk >= options.keepFromMonth) continue;
      await this.client.send(
        new DeleteItemCommand({ TableName: this.tableName, Key: { pk: item.pk!, sk: item.sk! } }),
      );
      deleted++;
    }
    return deleted;
  }

  /** Every reference still filed under any of the mobile's hashes (one Query each, all pages). */
  async referencesOfMobile(mobileHashes: readonly string[]): Promise<string[]> {
    const numbers = new Set<string>();
    for (const mobileHash of mobileHashes) {
      const items = await queryItems(this.client, {
        TableName: this.tableName,
        IndexName: 'complainant',
        KeyConditionExpression: 'complainantPk = :pk',
        ExpressionAttributeValues: toItem({ ':pk': `MOBILE#${mobileHash}` }),
      });
      for (const item of items) numbers.add((item.pk?.S ?? '').slice('REF#'.length));
    }
    return [...numbers];
  }

  async recordErasure(entry: ErasureAudit): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: toItem({
          pk: `AUDIT#ERASURE#${istMonth(new Date(entry.at))}`,
          sk: `${entry.at}#${entry.id}`,
          itemType: 'erasure-audit',
          ...entry,
        }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** The erasures recorded in an IST month, oldest first. */
  async erasures(month: string): Promise<ErasureAudit[]> {
    const items = await queryItems(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: toItem({ ':pk': `AUDIT#ERASURE#${month}` }),
    });
    return items.map((item) => {
      const {
        pk: _pk,
        sk: _sk,
        itemType: _type,
        ...entry
      } = fromItem<ErasureAudit & Record<string, unknown>>(item);
      return entry as ErasureAudit;
    });
  }
}

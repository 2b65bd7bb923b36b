import {
  BatchGetItemCommand,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import type { ReferenceRepository } from '../domain/ports.ts';
import { OPEN_STATUSES, type Reference } from '../domain/reference/types.ts';
import { fromItem, type Item, isConditionFailure, toItem } from './dynamo-item.ts';

export const referenceKey = (referenceNo: string) => ({ pk: `REF#${referenceNo}`, sk: 'REF' });

const INDEX_ATTRIBUTES = [
  'pk',
  'sk',
  'inboxPk',
  'inboxSk',
  'duePk',
  'dueSk',
  'monthPk',
  'monthSk',
  'complainantPk',
  'complainantSk',
  'dayPk',
  'daySk',
  'itemType',
  'expiresAtEpoch',
] as const;

/** A stored item back to the domain's Reference, without the key attributes. */
export function toReference(item: Item): Reference {
  const raw = fromItem<Record<string, unknown>>(item);
  for (const name of INDEX_ATTRIBUTES) delete raw[name];
  return raw as unknown as Reference;
}

/**
 * The index keys a reference carries for its state. Sparse: an open reference with a station sits
 * in that station's inbox; an open one with a deadline sits in its district's due list.
 */
export function indexKeys(reference: Reference): Record<string, string | undefined> {
  const open = OPEN_STATUSES.includes(reference.status);
  return {
    inboxPk: open && reference.stationCode ? `STATION#${reference.stationCode}` : undefined,
    inboxSk: open && reference.stationCode ? `${reference.deadlineAt}#${reference.referenceNo}` : undefined,
    duePk: open ? `DUE#${reference.districtCode}` : undefined,
    dueSk: open ? `${reference.deadlineAt}#${reference.referenceNo}` : undefined,
  };
}

export class DynamoReferenceRepository implements ReferenceRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async create(
    reference: Reference,
    keys: { mobileHash: string; istMonth: string; istDate: string },
  ): Promise<boolean> {
    const item = {
      ...referenceKey(reference.referenceNo),
      itemType: 'reference',
      ...reference,
      // A newly registered reference is not yet at a station: only the due list and the fixed indexes.
      ...indexKeys(reference),
      monthPk: `MONTH#${reference.districtCode}#${keys.istMonth}`,
      monthSk: `${reference.createdAt}#${reference.referenceNo}`,
      complainantPk: `MOBILE#${keys.mobileHash}`,
      complainantSk: reference.createdAt,
      dayPk: `DAY#${keys.istDate}`,
      daySk: `${reference.createdAt}#${reference.referenceNo}`,
    };
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem(item),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async get(referenceNo: string): Promise<Reference | undefined> {
    const result = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: toItem(referenceKey(referenceNo)),
        ConsistentRead: true,
      }),
    );
    return result.Item ? toReference(result.Item) : undefined;
  }

  async discard(referenceNo: string): Promise<void> {
    await this.client.send(
      new DeleteItemCommand({
        TableName: this.tableName,
        Key: toItem(referenceKey(referenceNo)),
        // Only a reference nothing has happened to yet may be taken back.
        ConditionExpression: '#v = :one',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: toItem({ ':one': 1 }),
      }),
    );
  }

  async recentByMobile(mobileHash: string, sinceIso: string, limit: number): Promise<Reference[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'complainant',
        KeyConditionExpression: 'complainantPk = :pk AND complainantSk >= :since',
        ExpressionAttributeValues: toItem({ ':pk': `MOBILE#${mobileHash}`, ':since': sinceIso }),
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => toReference(item));
  }

  /**
   * Numbers of the references filed on one IST day (the `day` index) whose createdAt lies in
   * [fromIso, toIso], newest first. The index holds keys only, so this reads little however busy
   * the day was.
   */
  async referenceNosFiledOn(istDay: string, fromIso: string, toIso: string): Promise<string[]> {
    const numbers: string[] = [];
    let startKey: Item | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'day',
          KeyConditionExpression: 'dayPk = :pk AND daySk BETWEEN :from AND :to',
          // daySk is <createdAt>#<referenceNo>; '#~' sorts after every number, so toIso is included.
          ExpressionAttributeValues: toItem({
            ':pk': `DAY#${istDay}`,
            ':from': fromIso,
            ':to': `${toIso}#~`,
          }),
          ScanIndexForward: false,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of result.Items ?? []) {
        const sortKey = item.daySk?.S ?? '';
        numbers.push(sortKey.slice(sortKey.lastIndexOf('#') + 1));
      }
      startKey = result.LastEvaluatedKey as Item | undefined;
    } while (startKey);
    return numbers;
  }

  /** References by their numbers, in one round trip per hundred. */
  async getMany(referenceNos: string[]): Promise<Reference[]> {
    const found: Reference[] = [];
    for (let i = 0; i < referenceNos.length; i += 100) {
      let keys: Item[] = referenceNos.slice(i, i + 100).map((no) => toItem(referenceKey(no)));
      while (keys.length > 0) {
        const result = await this.client.send(
          new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }),
        );
        found.push(...(result.Responses?.[this.tableName] ?? []).map((item) => toReference(item)));
        keys = (result.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined) ?? [];
      }
    }
    return found;
  }
}

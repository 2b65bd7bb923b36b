import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { isConditionFailure, toItem } from './dynamo-item.ts';

/** Where an entry lives in the table. */
export interface EntryKey {
  pk: string;
  sk: string;
}

/**
 * Entries written once, the ledgers' one mechanism: a conditional PutItem that succeeds only when no
 * entry has the key, so of two concurrent claims exactly one wins. With an owner, a claim also
 * succeeds over an entry the same owner holds (a redelivery of the same message claims again what it
 * already holds). Entries carry expiresAtEpoch: TTL removes them in AWS; locally they stay.
 */
export class PutOnceLedger {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** Writes the entry unless one is there (another owner's, with `owner`): true when this call holds it. */
  async claim(key: EntryKey, attributes: Record<string, unknown>, owner?: string): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem({ ...key, ...attributes, ...(owner === undefined ? {} : { owner }) }),
          ...(owner === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'attribute_not_exists(pk) OR #owner = :owner',
                ExpressionAttributeNames: { '#owner': 'owner' },
                ExpressionAttributeValues: toItem({ ':owner': owner }),
              }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Whether the entry was written (read consistently; reads only the key). */
  async has(key: EntryKey): Promise<boolean> {
    const result = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: toItem({ ...key }),
        ConsistentRead: true,
        ProjectionExpression: 'pk',
      }),
    );
    return result.Item !== undefined;
  }
}

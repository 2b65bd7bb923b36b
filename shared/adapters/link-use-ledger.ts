import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { LinkUseLedger } from '../domain/links/ports.ts';
import { isConditionFailure, toItem } from './dynamo-item.ts';

/** Kept a day past the link's expiry, so clock skew can never let an expired-but-forgotten nonce in. */
const KEEP_AFTER_EXPIRY_SECONDS = 86_400;

/**
 * Spent single-use link nonces: one item each, put on condition that none exists, so of two
 * concurrent uses exactly one wins. TTL (expiresAtEpoch) removes them in AWS; locally they stay.
 */
export class DynamoLinkUseLedger implements LinkUseLedger {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  private key(nonce: string) {
    return { pk: `LINKUSE#${nonce}`, sk: 'LINKUSE' };
  }

  async consume(nonce: string, expiresAt: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem({
            ...this.key(nonce),
            usedAt: new Date().toISOString(),
            expiresAtEpoch: expiresAt + KEEP_AFTER_EXPIRY_SECONDS,
          }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async wasUsed(nonce: string): Promise<boolean> {
    const result = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: toItem(this.key(nonce)),
        ConsistentRead: true,
        ProjectionExpression: 'pk',
      }),
    );
    return result.Item !== undefined;
  }
}

import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { ClaimResult, NotificationLedger } from '../domain/notifications/deliver.ts';
import { isConditionFailure, toItem } from './dynamo-item.ts';

const CLAIM_SECONDS = 120;
const KEEP_DAYS = 90;

/** Ledger items NOTIFY#<key>: one conditional write per claim, one per completion. */
export class DynamoNotificationLedger implements NotificationLedger {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  private key(key: string) {
    return { pk: `NOTIFY#${key}`, sk: 'NOTIFY' };
  }

  async claim(key: string): Promise<ClaimResult> {
    const now = Math.floor(Date.now() / 1000);
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem({
            ...this.key(key),
            state: 'sending',
            claimedUntilEpoch: now + CLAIM_SECONDS,
            expiresAtEpoch: now + KEEP_DAYS * 86_400,
          }),
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND claimedUntilEpoch < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: toItem({ ':sending': 'sending', ':now': now }),
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const current = await this.client.send(
        new GetItemCommand({ TableName: this.tableName, Key: toItem(this.key(key)), ConsistentRead: true }),
      );
      return current.Item?.state?.S === 'sent' ? 'already-sent' : 'claimed-elsewhere';
    }
  }

  async markSent(key: string, messageId: string): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: toItem(this.key(key)),
        UpdateExpression: 'SET #state = :sent, messageId = :id, sentAt = :at REMOVE claimedUntilEpoch',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: toItem({
          ':sent': 'sent',
          ':id': messageId,
          ':at': new Date().toISOString(),
        }),
      }),
    );
  }

  async release(key: string): Promise<void> {
    await this.client.send(
      new DeleteItemCommand({
        TableName: this.tableName,
        Key: toItem(this.key(key)),
        ConditionExpression: '#state = :sending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: toItem({ ':sending': 'sending' }),
      }),
    );
  }
}

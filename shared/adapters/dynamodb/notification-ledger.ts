import { randomUUID } from 'node:crypto';
import { type DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { ClaimResult, NotificationLedger } from '../../use-cases/notifications/deliver-once.ts';
import { fromItem, isConditionFailure, toItem } from './dynamo-item.ts';

const CLAIM_SECONDS = 120;
const KEEP_DAYS = 90;

/**
 * Ledger items NOTIFY#<key>, one per notification whatever its channels: a conditional claim and
 * one settlement, each a write of a small item (see shared/use-cases/notifications/deliver-once.ts). `sent`
 * maps each channel sent to its provider message id; `doneAt` marks a notification fully sent.
 */
export class DynamoNotificationLedger implements NotificationLedger {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  private key(key: string) {
    return toItem({ pk: `NOTIFY#${key}`, sk: 'NOTIFY' });
  }

  async claim(key: string): Promise<ClaimResult> {
    const now = Math.floor(Date.now() / 1000);
    // Names this attempt's claim: if the reply to a claim that landed is lost, the SDK's retry is
    // refused by that very claim, and the id shows it is ours rather than another sender's.
    const claimId = randomUUID();
    try {
      const result = await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.key(key),
          UpdateExpression:
            'SET claimedUntilEpoch = :until, claimId = :claim, expiresAtEpoch = :expires, sent = if_not_exists(sent, :none)',
          // Not settled, and no live claim: new, released after a failed send, or left by a crash.
          ConditionExpression:
            'attribute_not_exists(doneAt) AND (attribute_not_exists(claimedUntilEpoch) OR claimedUntilEpoch < :now)',
          ExpressionAttributeValues: toItem({
            ':until': now + CLAIM_SECONDS,
            ':expires': now + KEEP_DAYS * 86_400,
            ':none': {},
            ':now': now,
            ':claim': claimId,
          }),
          // The old item says which channels an earlier attempt sent, without another read.
          ReturnValues: 'ALL_OLD',
        }),
      );
      const sent = result.Attributes
        ? fromItem<{ sent?: Record<string, string> }>(result.Attributes).sent
        : {};
      return { state: 'claimed', sent: Object.keys(sent ?? {}) };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const current = await this.client.send(
        new GetItemCommand({ TableName: this.tableName, Key: this.key(key), ConsistentRead: true }),
      );
      const stored = current.Item
        ? fromItem<{ doneAt?: string; claimId?: string; sent?: Record<string, string> }>(current.Item)
        : undefined;
      if (stored?.doneAt) return { state: 'already-sent' };
      if (stored?.claimId === claimId) return { state: 'claimed', sent: Object.keys(stored.sent ?? {}) };
      return { state: 'claimed-elsewhere' };
    }
  }

  async settle(key: string, sent: Readonly<Record<string, string>>, done: boolean): Promise<void> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = Object.entries(sent).map(([channel, messageId], i) => {
      names[`#c${i}`] = channel;
      values[`:id${i}`] = messageId;
      return `sent.#c${i} = :id${i}`;
    });
    if (done) {
      sets.push('doneAt = :at');
      values[':at'] = new Date().toISOString();
    }
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: this.key(key),
        UpdateExpression: `${sets.length ? `SET ${sets.join(', ')} ` : ''}REMOVE claimedUntilEpoch, claimId`,
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ...(Object.keys(values).length ? { ExpressionAttributeValues: toItem(values) } : {}),
      }),
    );
  }
}

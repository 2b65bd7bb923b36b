import { type DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDynamoDb } from '../../infra/local/services/dynamodb.ts';
import { fromItem, toItem } from '../../shared/adapters/dynamodb/dynamo-item.ts';
import { DynamoNotificationLedger } from '../../shared/adapters/dynamodb/notification-ledger.ts';
import { deliverOnce, NotificationInFlightError } from '../../shared/use-cases/notifications/deliver-once.ts';
import { startMainTable } from '../fixtures/support.ts';

/**
 * The delivery ledger on the local engine: one entry per notification, a claim and a settlement,
 * and what each guarantee looks like to the recipient (what was sent, how often).
 */

let dynamo: LocalDynamoDb;
let client: DynamoDBClient;
let table: string;
let ledger: DynamoNotificationLedger;

beforeAll(async () => {
  ({ dynamo, client, table } = await startMainTable('l'));
  ledger = new DynamoNotificationLedger(client, table);
});

afterAll(async () => {
  client?.destroy();
  await dynamo?.stop();
});

/** Channels that record each send, and can be told to fail. */
function channels() {
  const sent: string[] = [];
  const failing = new Set<string>();
  const send = (channel: string) => async () => {
    if (failing.has(channel)) throw new Error(`${channel} provider unavailable`);
    sent.push(channel);
    return `${channel}-${sent.length}`;
  };
  return { sent, failing, sends: { sms: send('sms'), email: send('email') } };
}

const entry = async (key: string) => {
  const { Item } = await client.send(
    new GetItemCommand({
      TableName: table,
      Key: toItem({ pk: `NOTIFY#${key}`, sk: 'NOTIFY' }),
      ConsistentRead: true,
    }),
  );
  return Item ? fromItem<Record<string, unknown>>(Item) : undefined;
};

describe('the notification ledger', () => {
  it('sends each channel once however often the notification is delivered, in one entry', async () => {
    const c = channels();
    expect(await deliverOnce(ledger, 'once#1', c.sends)).toEqual(['sms', 'email']);
    expect(await deliverOnce(ledger, 'once#1', c.sends)).toEqual([]);
    expect(c.sent).toEqual(['sms', 'email']);
    expect(await entry('once#1')).toMatchObject({ sent: { sms: 'sms-1', email: 'email-2' } });
    expect(await entry('once#1')).toHaveProperty('doneAt');
    expect(await entry('once#1')).not.toHaveProperty('claimedUntilEpoch');
  });

  it('retries a failed send and sends only what did not go', async () => {
    const c = channels();
    c.failing.add('email');
    await expect(deliverOnce(ledger, 'retry#1', c.sends)).rejects.toThrow(/email provider/);
    expect(c.sent).toEqual(['sms']);
    c.failing.clear();
    expect(await deliverOnce(ledger, 'retry#1', c.sends)).toEqual(['email']);
    expect(await deliverOnce(ledger, 'retry#1', c.sends)).toEqual([]);
    expect(c.sent).toEqual(['sms', 'email']);
  });

  it('lets one of two concurrent deliveries send; the other fails to be retried, then skips', async () => {
    const c = channels();
    // Sends that take a while, so the second delivery arrives while the first is sending.
    const slow = Object.fromEntries(
      Object.entries(c.sends).map(([channel, send]) => [
        channel,
        () => new Promise<string>((resolve) => setTimeout(() => resolve(send()), 50)),
      ]),
    );
    const results = await Promise.allSettled([
      deliverOnce(ledger, 'race#1', slow),
      deliverOnce(ledger, 'race#1', slow),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(NotificationInFlightError);
    expect(c.sent).toEqual(['sms', 'email']);
    expect(await deliverOnce(ledger, 'race#1', c.sends)).toEqual([]);
  });

  it("refuses a crashed sender's live claim, and sends once it has expired", async () => {
    const c = channels();
    expect((await ledger.claim('crash#1')).state).toBe('claimed'); // and then the sender died
    await expect(deliverOnce(ledger, 'crash#1', c.sends)).rejects.toBeInstanceOf(NotificationInFlightError);
    expect(c.sent).toEqual([]);
    // Two minutes later (the claim's length), as far as the ledger can tell.
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: toItem({ pk: 'NOTIFY#crash#1', sk: 'NOTIFY' }),
        UpdateExpression: 'SET claimedUntilEpoch = :past',
        ExpressionAttributeValues: toItem({ ':past': Math.floor(Date.now() / 1000) - 1 }),
      }),
    );
    expect(await deliverOnce(ledger, 'crash#1', c.sends)).toEqual(['sms', 'email']);
    expect(await deliverOnce(ledger, 'crash#1', c.sends)).toEqual([]);
  });

  it('writes nothing for a recipient with no channel', async () => {
    expect(await deliverOnce(ledger, 'none#1', {})).toEqual([]);
    expect(await entry('none#1')).toBeUndefined();
  });
});

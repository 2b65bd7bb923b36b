import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDynamoDb } from '../../infra/local/services/dynamodb.ts';
import { toItem } from '../../shared/adapters/dynamodb/dynamo-item.ts';
import { DynamoIdempotencyStore, DynamoIntakeLimiter } from '../../shared/adapters/dynamodb/intake-stores.ts';
import { DynamoNotificationLedger } from '../../shared/adapters/dynamodb/notification-ledger.ts';
import { referenceKey } from '../../shared/adapters/dynamodb/reference-item.ts';
import { DynamoReferenceRepository } from '../../shared/adapters/dynamodb/reference-repository.ts';
import { deliverOnce } from '../../shared/use-cases/notifications/deliver-once.ts';
import { LOCAL_CREDENTIALS, startMainTable } from '../fixtures/support.ts';
import { aReference } from '../unit/ranking-fixtures.ts';

/**
 * A write that lands but whose reply never arrives: the SDK retries it, and a conditional put then
 * finds its own item. Intake must treat that as success, not as a taken number (which would leave
 * the first copy unrouted while filing the complaint again), nor as another request's Idempotency-Key
 * (which would take back the reference it is about to answer with), nor as another sender's claim on
 * a notification (which would hold the message back until the claim expired).
 */

let dynamo: LocalDynamoDb;
let table: string;
let plain: DynamoDBClient;

beforeAll(async () => {
  ({ dynamo, client: plain, table } = await startMainTable('lost'));
});

afterAll(async () => {
  plain?.destroy();
  await dynamo?.stop();
});

/** A client whose next write of `operation` reaches the engine, after which its reply is lost. */
function clientLosingReply(operation: string): { client: DynamoDBClient; lost: () => number } {
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'ap-south-1',
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 3,
  });
  let armed = true;
  let lost = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (armed && context.commandName === `${operation}Command`) {
        armed = false;
        lost++;
        // Classified as transient by the SDK, so its standard retry sends the write again.
        throw Object.assign(new Error('reply lost after the write landed'), { name: 'TimeoutError' });
      }
      return result;
    },
    { step: 'deserialize', name: 'loseOneReply' },
  );
  return { client, lost: () => lost };
}

/** A reference filed as intake files it, through a client whose replies all arrive. */
async function filed(no: string) {
  const reference = aReference({ no, station: 'chandauli-sakaldiha', district: 'chandauli' });
  const keys = { mobileHash: 'h', istMonth: '2026-10', istDate: '2026-10-15' };
  expect(await new DynamoReferenceRepository(plain, table).create(reference, keys)).toBe(true);
  return reference;
}

describe('a lost reply to a write that landed', () => {
  it('a new reference is stored once and reported stored, so intake files it under one number', async () => {
    const { client, lost } = clientLosingReply('PutItem');
    const repository = new DynamoReferenceRepository(client, table);
    const reference = aReference({
      no: '10000000017',
      station: 'chandauli-sakaldiha',
      district: 'chandauli',
    });
    const keys = { mobileHash: 'h', istMonth: '2026-10', istDate: '2026-10-15' };

    expect(await repository.create(reference, keys)).toBe(true);
    expect(lost()).toBe(1);
    const { Items = [] } = await plain.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: toItem({ ':pk': referenceKey(reference.referenceNo).pk }),
      }),
    );
    expect(Items).toHaveLength(1);

    // Another complaint drawing the same number is still refused.
    const other = { ...reference, trackingSecretHash: 'another', createdAt: '2026-10-16T00:00:00.000Z' };
    expect(await new DynamoReferenceRepository(plain, table).create(other, keys)).toBe(false);
    client.destroy();
  });

  it("an Idempotency-Key record is this request's own, not another's to replay", async () => {
    const { client, lost } = clientLosingReply('PutItem');
    const store = new DynamoIdempotencyStore(client, table);
    const expires = new Date(Date.now() + 3_600_000);
    const answer = { referenceNo: '10000000025', trackingSecret: 'abcd1234' };

    expect(await store.record('key-lost', 'hash-1', answer, expires)).toBeUndefined();
    expect(lost()).toBe(1);
    expect(await store.find('key-lost')).toEqual({ requestHash: 'hash-1', response: answer });

    // A second request with the same key gets the first one's answer to replay.
    const again = await new DynamoIdempotencyStore(plain, table).record(
      'key-lost',
      'hash-1',
      { referenceNo: '10000000033', trackingSecret: 'efgh5678' },
      expires,
    );
    expect(again).toEqual({ requestHash: 'hash-1', response: answer });
    client.destroy();
  });

  it('a monthly count is taken once and given back once', async () => {
    const count = async () => {
      const { Items = [] } = await plain.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: toItem({ ':pk': 'LIMIT#mobile-lost' }),
        }),
      );
      return Number(Items[0]?.count?.N ?? 0);
    };
    const taking = clientLosingReply('UpdateItem');
    expect(await new DynamoIntakeLimiter(taking.client, table).take('mobile-lost', '2026-11', 10)).toBe(true);
    expect(taking.lost()).toBe(1);
    expect(await count()).toBe(1);
    // At the cap, the lost reply's retry is still this take's own: admitted, counted once.
    const atCap = clientLosingReply('UpdateItem');
    expect(await new DynamoIntakeLimiter(atCap.client, table).take('mobile-lost', '2026-11', 2)).toBe(true);
    expect(atCap.lost()).toBe(1);
    expect(await count()).toBe(2);
    expect(await new DynamoIntakeLimiter(plain, table).take('mobile-lost', '2026-11', 2)).toBe(false);

    const giving = clientLosingReply('UpdateItem');
    await new DynamoIntakeLimiter(giving.client, table).giveBack('mobile-lost', '2026-11');
    expect(giving.lost()).toBe(1);
    expect(await count()).toBe(1);
    for (const c of [taking, atCap, giving]) c.client.destroy();
  });

  it("a notification's claim is this delivery's own: sent now, once", async () => {
    const { client, lost } = clientLosingReply('UpdateItem');
    const sends: string[] = [];
    const sent = await deliverOnce(new DynamoNotificationLedger(client, table), 'ack:10000000041', {
      sms: async () => {
        sends.push('sms');
        return 'sms-1';
      },
      email: async () => {
        sends.push('email');
        return 'email-1';
      },
    });
    expect(lost()).toBe(1);
    expect(sent).toEqual(['sms', 'email']);
    expect(sends).toEqual(['sms', 'email']);
    // A duplicate delivery of the same message sends nothing more.
    expect(
      await deliverOnce(new DynamoNotificationLedger(plain, table), 'ack:10000000041', {
        sms: async () => 'again',
      }),
    ).toEqual([]);
    client.destroy();
  });

  it('a state change is reported saved, so its notifications still go', async () => {
    const reference = await filed('10000000058');
    const at = new Date().toISOString();
    const after = {
      ...reference,
      version: reference.version + 1,
      updatedAt: at,
      history: [...reference.history, { at, actor: { role: 'system' as const }, action: 'checked' }],
    };

    const { client, lost } = clientLosingReply('UpdateItem');
    expect(await new DynamoReferenceRepository(client, table).saveTransition(reference, after)).toBe(true);
    expect(lost()).toBe(1);
    const stored = await new DynamoReferenceRepository(plain, table).get(reference.referenceNo);
    expect(stored?.version).toBe(after.version);
    expect(stored?.history.filter((e) => e.action === 'checked')).toHaveLength(1);
    // The same change offered again (a duplicate message computing its own time) is refused.
    const late = { ...after, updatedAt: new Date(Date.now() + 1).toISOString() };
    expect(await new DynamoReferenceRepository(plain, table).saveTransition(reference, late)).toBe(false);
    client.destroy();
  });

  it('of two changes made in the same millisecond, only the one that landed is reported saved', async () => {
    const reference = await filed('10000000066');
    // Two officers' reports computed from the same state at the same instant: same version, status
    // and update time, different content.
    const at = new Date().toISOString();
    const change = (officer: string) => ({
      ...reference,
      version: reference.version + 1,
      updatedAt: at,
      history: [
        ...reference.history,
        { at, actor: { role: 'station-officer' as const, officerId: officer }, action: 'checked' },
      ],
    });
    const saved = await Promise.all([
      new DynamoReferenceRepository(plain, table).saveTransition(reference, change('first')),
      new DynamoReferenceRepository(plain, table).saveTransition(reference, change('second')),
    ]);
    expect(saved.sort()).toEqual([false, true]);
    const stored = await new DynamoReferenceRepository(plain, table).get(reference.referenceNo);
    expect(stored?.history.filter((e) => e.action === 'checked')).toHaveLength(1);
    expect(stored).not.toHaveProperty('writeId');
  });
});

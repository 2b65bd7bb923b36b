import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type DynamoDbEngine,
  DynamoDbEngineError,
  engineChoice,
  type LocalDynamoDb,
  startDynamoDb,
} from '../../infra/local/services/dynamodb.ts';
import { checkJava } from '../../infra/local/services/dynamodb-local/engine.ts';
import { PortInUseError } from '../../infra/local/services/listen.ts';
import type { TableDefinition } from '../../infra/platform/types.ts';
import { MAIN_TABLE } from '../../shared/adapters/dynamodb/tables.ts';
import { dynamoClient, LOCAL_CREDENTIALS } from '../fixtures/support.ts';

/**
 * The two local DynamoDB engines behind one interface (infra/local/services/dynamodb.ts): where
 * each listens, the fault switch the faults suite uses, data kept across a restart, and the
 * differences from AWS the README lists under "Deviations from AWS", shown here on both.
 */

const TABLES = {
  main: { ...MAIN_TABLE, globalIndexes: MAIN_TABLE.globalIndexes.map((i) => ({ ...i })) } as TableDefinition,
};
const java = await checkJava();
const ENGINES: { engine: DynamoDbEngine; available: boolean }[] = [
  { engine: 'dynamodb-local', available: java.ok },
  { engine: 'dynalite', available: true },
];

const started: LocalDynamoDb[] = [];
const folders: string[] = [];
afterAll(async () => {
  for (const engine of started) await engine.stop();
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

async function start(engine: DynamoDbEngine, dataDir: string | null, port = 0): Promise<LocalDynamoDb> {
  const dynamo = await startDynamoDb({
    dataDir,
    port,
    tables: TABLES,
    tablePrefix: 'engines',
    credentials: LOCAL_CREDENTIALS,
    engine,
  });
  started.push(dynamo);
  return dynamo;
}

const put = (client: DynamoDBClient, table: string, pk: string, text = 'रखा गया') =>
  client.send(
    new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, sk: { S: 'x' }, text: { S: text } } }),
  );
const get = async (client: DynamoDBClient, table: string, pk: string) =>
  (
    await client.send(
      new GetItemCommand({ TableName: table, Key: { pk: { S: pk }, sk: { S: 'x' } }, ConsistentRead: true }),
    )
  ).Item?.text?.S;

/** Whether something accepts TCP connections at host:port. */
const accepts = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });

/** This machine's first address that is not loopback, if it has one. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

describe('DYNAMODB_ENGINE', () => {
  it('takes dynamodb-local, dynalite or auto, and refuses anything else by name', () => {
    expect(engineChoice(undefined)).toBe('auto');
    expect(engineChoice('')).toBe('auto');
    expect(engineChoice('dynalite')).toBe('dynalite');
    expect(engineChoice('dynamodb-local')).toBe('dynamodb-local');
    expect(() => engineChoice('dynamodb')).toThrow(DynamoDbEngineError);
    expect(() => engineChoice('dynamodb')).toThrow(/DYNAMODB_ENGINE must be/);
  });
});

/** One in-memory instance of each engine, shared by the tests below (each JVM takes seconds). */
const inMemory = new Map<DynamoDbEngine, Promise<LocalDynamoDb>>();
const memoryEngine = (engine: DynamoDbEngine) => {
  if (!inMemory.has(engine)) inMemory.set(engine, start(engine, null));
  return inMemory.get(engine)!;
};

describe.each(ENGINES)('$engine', ({ engine, available }) => {
  it.skipIf(!available)('listens on 127.0.0.1 only', async () => {
    const dynamo = await memoryEngine(engine);
    const url = new URL(dynamo.endpoint);
    expect(url.hostname).toBe('127.0.0.1');
    expect(dynamo.engine).toBe(engine);
    expect(await accepts('127.0.0.1', Number(url.port))).toBe(true);
    if (outsideAddress) expect(await accepts(outsideAddress, Number(url.port))).toBe(false);
  });

  it.skipIf(!available)('names DYNAMODB_PORT when its port is taken', async () => {
    const port = Number(new URL((await memoryEngine(engine)).endpoint).port);
    const error = await start(engine, null, port).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as PortInUseError).variable).toBe('DYNAMODB_PORT');
  });

  /** Written, stopped (nothing listens), started on the same port: the data is there. */
  async function survivesAStop(dynamo: LocalDynamoDb, client: DynamoDBClient) {
    const table = dynamo.tableNames.main!;
    await put(client, table, 'before');
    const port = Number(new URL(dynamo.endpoint).port);
    await dynamo.stopEngine();
    expect(await accepts('127.0.0.1', port)).toBe(false);
    await dynamo.startEngine();
    expect(await get(client, table, 'before')).toBe('रखा गया');
    await put(client, table, 'after');
    expect(await get(client, table, 'after')).toBe('रखा गया');
  }

  it.skipIf(!available)('stops and starts on the same port with its data, in memory', async () => {
    const dynamo = await memoryEngine(engine);
    const client = dynamoClient(dynamo.endpoint);
    try {
      await survivesAStop(dynamo, client);
    } finally {
      client.destroy();
    }
  });

  it.skipIf(!available)(
    'on disk: stops and starts with its data, and keeps it across a restart, as npm start does',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), `nivaran-${engine}-`));
      folders.push(dataDir);
      const first = await start(engine, dataDir);
      let client = dynamoClient(first.endpoint);
      await survivesAStop(first, client);
      client.destroy();
      await first.stop();
      const second = await start(engine, dataDir);
      client = dynamoClient(second.endpoint);
      try {
        expect(await get(client, second.tableNames.main!, 'before')).toBe('रखा गया');
        expect(await get(client, second.tableNames.main!, 'after')).toBe('रखा गया');
      } finally {
        client.destroy();
      }
    },
    // Two engine starts (for DynamoDB Local, two JVMs) on disk.
    60_000,
  );
});

/** The differences between the engines, each as the README's "Deviations from AWS" states it. */
describe.skipIf(!java.ok)('where dynalite differs from DynamoDB Local (and AWS)', () => {
  const clients: DynamoDBClient[] = [];
  const both = async () => {
    const [localEngine, liteEngine] = await Promise.all([
      memoryEngine('dynamodb-local'),
      memoryEngine('dynalite'),
    ]);
    const local = { dynamo: localEngine, client: dynamoClient(localEngine.endpoint) };
    const lite = { dynamo: liteEngine, client: dynamoClient(liteEngine.endpoint) };
    clients.push(local.client, lite.client);
    return { local, lite };
  };
  afterAll(() => {
    for (const client of clients) client.destroy();
  });

  it('sizes strings by UTF-16 code units: dynalite stores a Hindi item over 400 KB that AWS refuses', async () => {
    const { local, lite } = await both();
    // 140,000 Devanagari letters: 420,000 bytes in UTF-8, which dynalite counts as 140,000.
    const text = 'क'.repeat(140_000);
    await expect(put(local.client, local.dynamo.tableNames.main!, 'big', text)).rejects.toThrow(
      /maximum allowed size/,
    );
    await expect(put(lite.client, lite.dynamo.tableNames.main!, 'big', text)).resolves.toBeDefined();
  });

  it('refuses an empty key value in a Query, as AWS does, where dynalite answers it', async () => {
    const { local, lite } = await both();
    const query = (client: DynamoDBClient, table: string) =>
      client.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: '' } },
        }),
      );
    await expect(query(local.client, local.dynamo.tableNames.main!)).rejects.toThrow(/empty string/);
    await expect(query(lite.client, lite.dynamo.tableNames.main!)).resolves.toBeDefined();
  });

  it('has no transactions in dynalite', async () => {
    const { local, lite } = await both();
    const transact = (client: DynamoDBClient, table: string) =>
      client.send(
        new TransactWriteItemsCommand({
          ClientRequestToken: 'engines-once',
          TransactItems: [{ Put: { TableName: table, Item: { pk: { S: 't' }, sk: { S: 'x' } } } }],
        }),
      );
    await expect(transact(local.client, local.dynamo.tableNames.main!)).resolves.toBeDefined();
    await expect(transact(lite.client, lite.dynamo.tableNames.main!)).rejects.toThrow();
  });

  it('has time to live enabled only on DynamoDB Local, as the stack enables it', async () => {
    const { local, lite } = await both();
    const status = async (client: DynamoDBClient, table: string) =>
      (await client.send(new DescribeTimeToLiveCommand({ TableName: table }))).TimeToLiveDescription;
    expect(await status(local.client, local.dynamo.tableNames.main!)).toMatchObject({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: MAIN_TABLE.timeToLiveAttribute,
    });
    expect((await status(lite.client, lite.dynamo.tableNames.main!))?.TimeToLiveStatus).toBe('DISABLED');
  });

  it('counts neither UTF-8 sizes nor index writes in dynalite’s consumed capacity', async () => {
    const { local, lite } = await both();
    // 600 Devanagari letters: 1,800 bytes in UTF-8 (2 write units in AWS); dynalite counts 600 (1).
    const capacity = async (client: DynamoDBClient, table: string) =>
      (
        await client.send(
          new PutItemCommand({
            TableName: table,
            Item: {
              pk: { S: 'sized' },
              sk: { S: 'x' },
              text: { S: 'क'.repeat(600) },
              inboxPk: { S: 'STATION#s' },
              inboxSk: { S: 'due' },
            },
            ReturnConsumedCapacity: 'INDEXES',
          }),
        )
      ).ConsumedCapacity;
    expect(await capacity(local.client, local.dynamo.tableNames.main!)).toMatchObject({
      CapacityUnits: 3,
      Table: { CapacityUnits: 2 },
      GlobalSecondaryIndexes: { inbox: { CapacityUnits: 1 } },
    });
    const liteCapacity = await capacity(lite.client, lite.dynamo.tableNames.main!);
    expect(liteCapacity).toMatchObject({ CapacityUnits: 1 });
    expect(liteCapacity?.GlobalSecondaryIndexes).toBeUndefined();
  });
});

import { mkdir } from 'node:fs/promises';
import { Server as HttpServer, type Server } from 'node:http';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { TableDefinition, TableIndex } from '../../platform/types.ts';
import { checkJava, DynamoDbLocalPortInUseError, startDynamoDbLocal } from './dynamodb-local/engine.ts';
import { assertPortFree, close, listen, PortInUseError } from './listen.ts';

/**
 * Which engine answers DynamoDB's API locally:
 * - `dynamodb-local`: AWS's own DynamoDB Local (Java 17+), with transactions, TTL and AWS's sizes
 *   and validation; data in SQLite under DATA_DIR/dynamodb-local.
 * - `dynalite`: pure JavaScript on LevelDB under DATA_DIR/dynamodb, the fallback where Java is
 *   missing; no transactions, TTL, PartiQL or Streams, strings sized in UTF-16 (README, "Deviations
 *   from AWS").
 * `auto` (the default) takes DynamoDB Local when Java 17+ with its compiler is here, else dynalite.
 * DYNAMODB_ENGINE forces one.
 */
export type DynamoDbEngine = 'dynamodb-local' | 'dynalite';
export type DynamoDbEngineChoice = DynamoDbEngine | 'auto';

export const DYNAMODB_ENGINE_VARIABLE = 'DYNAMODB_ENGINE';

/** DYNAMODB_ENGINE names no engine, or one that cannot run here. */
export class DynamoDbEngineError extends Error {
  override name = 'DynamoDbEngineError';
}

export interface LocalDynamoDb {
  endpoint: string;
  tableNames: Record<string, string>;
  /** The engine behind endpoint; `external` is one this process did not start (the tests' shared one). */
  engine: DynamoDbEngine | 'external';
  /** For people: `DynamoDB Local 3.3.1`, `dynalite`, or dynalite with why DynamoDB Local is not. */
  description: string;
  /**
   * Fault injection (tests only; nothing calls these otherwise): stops the engine, then starts it
   * again on the same port. Requests in flight at the stop are answered first; the data survives,
   * in memory too. DynamoDB Local stays up and only closes its listener (see dynamodb-local/); on
   * disk dynalite's LevelDB store is closed and reopened, in memory only its listener stops. An
   * external engine cannot be stopped by one cloud.
   */
  stopEngine(): Promise<void>;
  startEngine(): Promise<void>;
  stop(): Promise<void>;
}

export interface DynamoDbOptions {
  /** Where the data lives (kept across restarts); null keeps it in memory. */
  dataDir: string | null;
  port: number;
  tables: Record<string, TableDefinition>;
  tablePrefix: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Defaults to DYNAMODB_ENGINE, else `auto`. */
  engine?: DynamoDbEngineChoice;
  /** Lines the engine writes itself (DynamoDB Local's warnings and errors). */
  onLog?: (line: string) => void;
}

/** The engine to run: the option, else DYNAMODB_ENGINE, else auto; a bad value is refused. */
export function engineChoice(value = process.env[DYNAMODB_ENGINE_VARIABLE]): DynamoDbEngineChoice {
  if (value === undefined || value === '') return 'auto';
  if (value === 'auto' || value === 'dynamodb-local' || value === 'dynalite') return value;
  throw new DynamoDbEngineError(
    `${DYNAMODB_ENGINE_VARIABLE} must be dynamodb-local, dynalite or auto, got '${value}'`,
  );
}

/**
 * Starts the chosen engine on 127.0.0.1 and creates the platform's tables (with their indexes and,
 * where the engine has TTL, time to live), as the CDK stack does.
 */
export async function startDynamoDb(options: DynamoDbOptions): Promise<LocalDynamoDb> {
  const choice = options.engine ?? engineChoice();
  if (choice !== 'dynalite') {
    const java = await checkJava();
    if (java.ok) {
      const local = await startDynamoDbLocalEngine(options, java.java);
      try {
        return { ...local, tableNames: await createTables(local.endpoint, options) };
      } catch (error) {
        await local.stop();
        throw error;
      }
    }
    if (choice === 'dynamodb-local')
      throw new DynamoDbEngineError(
        `${DYNAMODB_ENGINE_VARIABLE}=dynamodb-local needs Java 17 or newer with its compiler (a JDK): ${java.reason}. Install one, or set ${DYNAMODB_ENGINE_VARIABLE}=dynalite.`,
      );
    return startDynalite(options, `dynalite, since DynamoDB Local needs Java 17+ and ${java.reason}`);
  }
  return startDynalite(options, 'dynalite');
}

/**
 * An engine already running (the tests' one DynamoDB Local per run): only the tables, under their
 * own prefix so that clouds sharing the engine never meet. stop() deletes them.
 */
export async function connectDynamoDb(options: {
  endpoint: string;
  tables: Record<string, TableDefinition>;
  tablePrefix: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}): Promise<LocalDynamoDb> {
  const tableNames = await createTables(options.endpoint, options);
  const refuse = async () => {
    throw new Error('A shared DynamoDB engine cannot be stopped by one cloud; give the cloud its own');
  };
  return {
    endpoint: options.endpoint,
    tableNames,
    engine: 'external',
    description: `shared engine, tables ${options.tablePrefix}-*`,
    stopEngine: refuse,
    startEngine: refuse,
    stop: async () => {
      const client = dynamoDbClient(options.endpoint, options.credentials);
      try {
        for (const tableName of Object.values(tableNames))
          await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
      } finally {
        client.destroy();
      }
    },
  };
}

async function startDynamoDbLocalEngine(
  options: DynamoDbOptions,
  java: Parameters<typeof startDynamoDbLocal>[0]['java'],
): Promise<Omit<LocalDynamoDb, 'tableNames'>> {
  // Seconds sooner than the JVM would find out; the launcher still reports a port taken meanwhile.
  await assertPortFree(options.port, 'DynamoDB (DynamoDB Local)', 'DYNAMODB_PORT');
  let engine: Awaited<ReturnType<typeof startDynamoDbLocal>>;
  try {
    engine = await startDynamoDbLocal({
      java,
      port: options.port,
      dbPath: options.dataDir ? join(options.dataDir, 'dynamodb-local') : null,
      onLog: options.onLog,
    });
  } catch (error) {
    if (error instanceof DynamoDbLocalPortInUseError)
      throw new PortInUseError(options.port, 'DynamoDB (DynamoDB Local)', 'DYNAMODB_PORT');
    throw error;
  }
  let running = true;
  return {
    endpoint: engine.endpoint,
    engine: 'dynamodb-local',
    description: `DynamoDB Local ${engine.version}`,
    stopEngine: async () => {
      if (!running) return;
      running = false;
      await engine.stopListening();
    },
    startEngine: async () => {
      if (running) return;
      await engine.startListening();
      running = true;
    },
    stop: async () => {
      running = false;
      await engine.stop();
    },
  };
}

/**
 * dynalite: on LevelDB under dataDir (kept across restarts) or in memory when dataDir is null.
 */
async function startDynalite(options: DynamoDbOptions, description: string): Promise<LocalDynamoDb> {
  const path = options.dataDir ? join(options.dataDir, 'dynamodb') : undefined;
  if (path) await mkdir(path, { recursive: true });
  // Table changes are instant locally; AWS takes seconds, which nothing here waits on.
  const server: Server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const port = await listen(server, options.port, 'DynamoDB (dynalite)', 'DYNAMODB_PORT');
  const endpoint = `http://127.0.0.1:${port}`;
  let tableNames: Record<string, string>;
  try {
    tableNames = await createTables(endpoint, options);
  } catch (error) {
    await close(server);
    throw error;
  }
  let running = true;
  // dynalite's own close() also closes its store, and its listen() reopens it (store.recreate).
  const plainClose = () => closeGracefully(server, HttpServer.prototype.close);
  const stopEngine = async () => {
    if (!running) return;
    running = false;
    if (path) await closeGracefully(server);
    else await plainClose();
  };
  const startEngine = async () => {
    if (running) return;
    if (path) await listen(server, port, 'DynamoDB (dynalite)', 'DYNAMODB_PORT');
    else
      await new Promise<void>((ready, fail) => {
        server.once('error', fail);
        const plainListen = HttpServer.prototype.listen as (...args: unknown[]) => Server;
        plainListen.call(server, port, '127.0.0.1', () => {
          server.off('error', fail);
          ready();
        });
      });
    running = true;
  };
  return {
    endpoint,
    tableNames,
    engine: 'dynalite',
    description,
    stopEngine,
    startEngine,
    // Closing dynalite closes its store; after an in-memory fault stop the store is still open.
    stop: async () => {
      if (!running && path) return;
      running = false;
      await close(server);
    },
  };
}

/**
 * Stops taking connections and lets the requests already received finish (as a service that goes
 * away between requests), closing each keep-alive connection as soon as it is idle, then the store.
 */
function closeGracefully(server: Server, closeServer: Server['close'] = server.close): Promise<void> {
  return new Promise((done) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 5);
    closeServer.call(server, () => {
      clearInterval(sweep);
      done();
    });
    server.closeIdleConnections();
  });
}

function dynamoDbClient(
  endpoint: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'ap-south-1', credentials });
}

async function createTables(
  endpoint: string,
  options: Pick<DynamoDbOptions, 'tables' | 'tablePrefix' | 'credentials'>,
): Promise<Record<string, string>> {
  const client = dynamoDbClient(endpoint, options.credentials);
  try {
    const tableNames: Record<string, string> = {};
    for (const [name, def] of Object.entries(options.tables)) {
      const tableName = `${options.tablePrefix}-${name}`;
      tableNames[name] = tableName;
      await ensureTable(client, tableName, def);
    }
    return tableNames;
  } finally {
    client.destroy();
  }
}

async function ensureTable(client: DynamoDBClient, tableName: string, def: TableDefinition): Promise<void> {
  if (!(await tableExists(client, tableName))) await createTable(client, tableName, def);
  // Time to live as the stack enables it (infra/stack.ts). dynalite has none (UpdateTimeToLive is
  // an unknown operation there), and AWS deletes expired items only within days, so code that
  // relies on expiry checks it itself.
  if (!def.timeToLiveAttribute) return;
  const { TimeToLiveDescription } = await client.send(
    new DescribeTimeToLiveCommand({ TableName: tableName }),
  );
  if (TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED') return;
  await client
    .send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: def.timeToLiveAttribute, Enabled: true },
      }),
    )
    .catch((error: Error) => {
      if (error.name !== 'UnknownOperationException') throw error;
    });
}

async function tableExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

async function createTable(client: DynamoDBClient, tableName: string, def: TableDefinition): Promise<void> {
  const keys = [
    def.partitionKey,
    def.sortKey,
    ...def.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  const attributes = new Map<string, 'S' | 'N'>();
  for (const key of keys) if (key) attributes.set(key.name, key.type);
  const keySchema = (pk: { name: string }, sk?: { name: string }) => [
    { AttributeName: pk.name, KeyType: 'HASH' as const },
    ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
  ];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
        AttributeName,
        AttributeType,
      })),
      KeySchema: keySchema(def.partitionKey, def.sortKey),
      ...(def.globalIndexes.length > 0
        ? {
            GlobalSecondaryIndexes: def.globalIndexes.map((index) => ({
              IndexName: index.name,
              KeySchema: keySchema(index.partitionKey, index.sortKey),
              Projection: toProjection(index.projection),
            })),
          }
        : {}),
    }),
  );
  // dynalite finishes creating on a timer, like AWS; wait until the table is ACTIVE.
  for (let attempt = 0; attempt < 200; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`Local table ${tableName} did not become ACTIVE`);
}

function toProjection(projection: TableIndex['projection']) {
  if (projection === undefined || projection === 'ALL') return { ProjectionType: 'ALL' as const };
  if (projection === 'KEYS_ONLY') return { ProjectionType: 'KEYS_ONLY' as const };
  return { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: projection.include };
}

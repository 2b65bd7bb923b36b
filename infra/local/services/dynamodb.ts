import { mkdir } from 'node:fs/promises';
import { Server as HttpServer, type Server } from 'node:http';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { TableDefinition, TableIndex } from '../../platform/types.ts';
import { close, listen } from './listen.ts';

export interface LocalDynamoDb {
  endpoint: string;
  tableNames: Record<string, string>;
  /**
   * Fault injection (tests only; nothing calls these otherwise): stops the engine, then starts it
   * again on the same port. On disk the LevelDB store is closed and reopened, so the data survives
   * as it does across `npm start` restarts; in memory (dataDir null) only the listener stops, since
   * reopening would start from an empty store. Requests in flight at the stop are answered first.
   */
  stopEngine(): Promise<void>;
  startEngine(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * DynamoDB via dynalite: on LevelDB under dataDir (kept across restarts) or in memory when dataDir
 * is null. Tables and indexes come from the platform's table definitions, as the CDK stack's do.
 */
export async function startDynamoDb(options: {
  dataDir: string | null;
  port: number;
  tables: Record<string, TableDefinition>;
  tablePrefix: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}): Promise<LocalDynamoDb> {
  const path = options.dataDir ? join(options.dataDir, 'dynamodb') : undefined;
  if (path) await mkdir(path, { recursive: true });
  // Table changes are instant locally; AWS takes seconds, which nothing here waits on.
  const server: Server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const port = await listen(server, options.port, 'DynamoDB (dynalite)', 'DYNAMODB_PORT');
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'ap-south-1', credentials: options.credentials });

  const tableNames: Record<string, string> = {};
  for (const [name, def] of Object.entries(options.tables)) {
    const tableName = `${options.tablePrefix}-${name}`;
    tableNames[name] = tableName;
    await ensureTable(client, tableName, def);
  }
  client.destroy();

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

async function ensureTable(client: DynamoDBClient, tableName: string, def: TableDefinition): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
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

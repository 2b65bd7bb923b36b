import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { REGION } from '../../infra/local/cloud.ts';
import type { TableDefinition } from '../../infra/platform/types.ts';
import { type Item, indexWriteUnits, itemBytes, writeUnits } from './capacity.ts';
import { CREDENTIALS } from './cloud.ts';
import { entryOf } from './stats.ts';

/**
 * Counting proxies in front of the local engines, for the functions that run in worker threads
 * (where no SDK middleware of ours can reach). Each function gets its own path prefix
 * (/fn/<name>), so every call is put down to the function that made it:
 *
 * - DynamoDBCounter asks every call for ReturnConsumedCapacity 'TOTAL' and sums what dynalite
 *   returns; with index accounting it also reads the item before and after each write (by key,
 *   serialised per key) and charges the write by the AWS rules instead: the table's units from the
 *   larger of the two sizes in UTF-8 (dynalite sizes strings in UTF-16 units, a third of what Hindi
 *   text weighs), and the global secondary index writes dynalite does not report. Whole-item reads
 *   (GetItem, Query without filter or projection) are sized from what they return, in UTF-8, too.
 * - RequestCounter counts requests by operation (SQS, Secrets Manager), with SQS's billing of
 *   every 64 KB of payload as one request.
 */

/** What came back: the status, the headers (lower-case names) and the whole body. */
interface Forwarded {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Reads a whole response. */
function readAnswer(response: http.IncomingMessage): Promise<Forwarded> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('error', reject);
    response.on('end', () =>
      resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
    );
  });
}

abstract class CountingProxy {
  private server: http.Server | undefined;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  upstream: URL | undefined;
  url = '';
  /** Sees every call with its time through the proxy (diagnostics). */
  onCall: ((caller: string, operation: string, ms: number) => void) | undefined;

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const match = /^\/fn\/([^/]+)(\/.*)?$/.exec(req.url ?? '/');
        const caller = match?.[1] ?? 'bench';
        const path = match ? (match[2] ?? '/') : (req.url ?? '/');
        const started = performance.now();
        this.handle(caller, path, req, Buffer.concat(chunks))
          .then((out) => {
            this.onCall?.(caller, operationOf(req), performance.now() - started);
            const headers = { ...out.headers };
            delete headers['transfer-encoding'];
            headers['content-length'] = String(out.body.length);
            res.writeHead(out.status, headers);
            res.end(out.body);
          })
          .catch((error: Error) => {
            res.writeHead(502, { 'content-type': 'text/plain' });
            res.end(`bench proxy: ${error.message}`);
          });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  /** The endpoint a function should use, so its calls are counted under its name. */
  endpointFor(functionName: string): string {
    return `${this.url}/fn/${functionName}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.agent.destroy();
  }

  protected abstract handle(
    caller: string,
    path: string,
    req: http.IncomingMessage,
    body: Buffer,
  ): Promise<Forwarded>;

  protected forward(path: string, req: http.IncomingMessage, body: Buffer): Promise<Forwarded> {
    const upstream = this.upstream;
    if (!upstream) return Promise.reject(new Error('no upstream yet'));
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
      const out = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path,
          method: req.method,
          headers,
          agent: this.agent,
        },
        (response) => readAnswer(response).then(resolve, reject),
      );
      out.on('error', reject);
      out.end(body);
    });
  }
}

const operationOf = (req: http.IncomingMessage) =>
  String(req.headers['x-amz-target'] ?? '')
    .split('.')
    .pop() || `${req.method} (no target)`;

export interface RequestTally {
  requests: number;
  /** Billed requests: SQS counts every 64 KB chunk of a payload as one request. */
  billed: number;
}

export class RequestCounter extends CountingProxy {
  /** By caller, then operation. */
  readonly tallies: Record<string, Record<string, RequestTally>> = {};

  reset(): void {
    for (const key of Object.keys(this.tallies)) delete this.tallies[key];
  }

  protected async handle(caller: string, path: string, req: http.IncomingMessage, body: Buffer) {
    const operation = operationOf(req);
    const byOperation = entryOf(this.tallies, caller, () => ({}));
    const tally = entryOf(byOperation, operation, () => ({ requests: 0, billed: 0 }));
    tally.requests++;
    tally.billed += Math.max(1, Math.ceil(body.length / (64 * 1024)));
    return this.forward(path, req, body);
  }
}

export interface DynamoTally {
  calls: number;
  /** Read units DynamoDB returned (base table or index read). */
  readUnits: number;
  /** Write units DynamoDB returned for the base table. */
  tableWriteUnits: number;
  /** Write units the global secondary indexes took, by index (added by the bench, see above). */
  indexWriteUnits: Record<string, number>;
  /** Items returned by reads, or written. */
  items: number;
}

const sizeOf = (item: Item | undefined) => (item ? itemBytes(item) : 0);

/**
 * Read units by the AWS rules from the UTF-8 size of what a whole-item read returned (4 KB units,
 * half when eventually consistent, a Query's items summed before rounding), or undefined when the
 * answer does not show what was read (a filter or a projection).
 */
function readUnitsByUtf8(
  operation: string,
  input: Record<string, unknown>,
  output: { Item?: unknown; Items?: unknown[] },
): number | undefined {
  if (input.ProjectionExpression || input.FilterExpression || input.AttributesToGet || input.Select)
    return undefined;
  let bytes: number;
  if (operation === 'GetItem') bytes = sizeOf(output.Item as Item | undefined);
  else if (operation === 'Query')
    bytes = (output.Items ?? []).reduce<number>((n, i) => n + sizeOf(i as Item), 0);
  else return undefined;
  const units = Math.max(1, Math.ceil(bytes / 4096));
  return input.ConsistentRead ? units : units / 2;
}

const READ_OPERATIONS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const CAPACITY_OPERATIONS = new Set([
  ...READ_OPERATIONS,
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);

interface WriteTarget {
  table: string;
  key: Item;
}

export class DynamoDBCounter extends CountingProxy {
  /** By caller, then operation. */
  readonly tallies: Record<string, Record<string, DynamoTally>> = {};
  private client: DynamoDBClient | undefined;
  private readonly locks = new Map<string, Promise<void>>();
  private tables: Record<string, TableDefinition> = {};

  /**
   * With `indexAccounting` false the proxy only counts (no reads before and after each write, so
   * it slows nothing down) and reports no index write units.
   */
  constructor(private readonly indexAccounting = true) {
    super();
  }

  /** Points the proxy at dynalite, with the table definitions by their local names. */
  connect(endpoint: string, tables: Record<string, TableDefinition>): void {
    this.upstream = new URL(endpoint);
    this.tables = tables;
    this.client = new DynamoDBClient({ endpoint, region: REGION, credentials: CREDENTIALS });
  }

  reset(): void {
    for (const key of Object.keys(this.tallies)) delete this.tallies[key];
  }

  override async stop(): Promise<void> {
    this.client?.destroy();
    await super.stop();
  }

  protected async handle(caller: string, path: string, req: http.IncomingMessage, body: Buffer) {
    const operation = operationOf(req);
    const input = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
    if (
      CAPACITY_OPERATIONS.has(operation) &&
      (!input.ReturnConsumedCapacity || input.ReturnConsumedCapacity === 'NONE')
    )
      input.ReturnConsumedCapacity = 'TOTAL';
    const targets = this.indexAccounting ? this.writeTargets(operation, input) : [];
    const lockKeys = [...new Set(targets.map((t) => `${t.table}|${JSON.stringify(t.key)}`))].sort();
    const release = await this.lock(lockKeys);
    try {
      const before = await Promise.all(targets.map((t) => this.read(t)));
      const out = await this.forward(path, req, Buffer.from(JSON.stringify(input)));
      const after = out.status === 200 ? await Promise.all(targets.map((t) => this.read(t))) : before;
      this.tally(caller, operation, input, out, targets, before, after);
      return out;
    } finally {
      release();
    }
  }

  private tally(
    caller: string,
    operation: string,
    input: Record<string, unknown>,
    out: Forwarded,
    targets: WriteTarget[],
    before: (Item | undefined)[],
    after: (Item | undefined)[],
  ): void {
    const byOperation = entryOf(this.tallies, caller, () => ({}));
    // Queries are told apart by index (Query(due), Query(table)): what they read differs.
    const label =
      operation === 'Query' || operation === 'Scan'
        ? `${operation}(${String(input.IndexName ?? 'table')})`
        : operation;
    const tally = entryOf<DynamoTally>(byOperation, label, () => ({
      calls: 0,
      readUnits: 0,
      tableWriteUnits: 0,
      indexWriteUnits: {},
      items: 0,
    }));
    tally.calls++;
    let output: {
      ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[];
      Count?: number;
      Item?: unknown;
      Responses?: Record<string, unknown[]>;
      __type?: string;
    } = {};
    try {
      output = JSON.parse(out.body.toString('utf8') || '{}');
    } catch {
      // Not JSON: nothing to count but the call.
    }
    const read = READ_OPERATIONS.has(operation);
    if (out.status !== 200) {
      // A refused conditional write still costs what the item's size would have (AWS bills it).
      if (!read && String(output.__type ?? '').includes('ConditionalCheckFailed'))
        tally.tableWriteUnits += before.reduce((n, item) => n + writeUnits(item ? itemBytes(item) : 0), 0);
      return;
    }
    const consumed = output.ConsumedCapacity;
    let units = 0;
    for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : [])
      units += entry.CapacityUnits ?? 0;
    if (read) {
      const sized = this.indexAccounting ? readUnitsByUtf8(operation, input, output) : undefined;
      if (sized !== undefined) units = sized;
      // DynamoDB charges a Query at least one read unit (half when eventually consistent).
      if (operation === 'Query' && units === 0) units = input.ConsistentRead ? 1 : 0.5;
      tally.readUnits += units;
      tally.items +=
        output.Count ??
        (output.Responses ? Object.values(output.Responses).reduce((n, list) => n + list.length, 0) : 0) +
          (output.Item ? 1 : 0);
      return;
    }
    // Batch writes may leave items unprocessed, which the before/after sizes cannot tell apart.
    if (this.indexAccounting && targets.length > 0 && operation !== 'BatchWriteItem')
      units = targets.reduce((n, _, i) => n + writeUnits(Math.max(sizeOf(before[i]), sizeOf(after[i]))), 0);
    tally.tableWriteUnits += units;
    tally.items += targets.length;
    targets.forEach((target, i) => {
      const table = this.tables[target.table];
      if (!table) return;
      for (const [index, used] of Object.entries(indexWriteUnits(table, before[i], after[i])))
        tally.indexWriteUnits[index] = (tally.indexWriteUnits[index] ?? 0) + used;
    });
  }

  private writeTargets(operation: string, input: Record<string, unknown>): WriteTarget[] {
    const keyOf = (table: string, item: Item): Item => {
      const def = this.tables[table];
      if (!def) return item;
      const names = [def.partitionKey.name, ...(def.sortKey ? [def.sortKey.name] : [])];
      return Object.fromEntries(names.map((n) => [n, item[n]!])) as Item;
    };
    const table = String(input.TableName ?? '');
    switch (operation) {
      case 'PutItem':
        return [{ table, key: keyOf(table, input.Item as Item) }];
      case 'UpdateItem':
      case 'DeleteItem':
        return [{ table, key: input.Key as Item }];
      case 'BatchWriteItem': {
        const requests = input.RequestItems as Record<
          string,
          { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]
        >;
        return Object.entries(requests).flatMap(([name, list]) =>
          list.map((request) => ({
            table: name,
            key: request.PutRequest ? keyOf(name, request.PutRequest.Item) : request.DeleteRequest!.Key,
          })),
        );
      }
      default:
        return [];
    }
  }

  private async read(target: WriteTarget): Promise<Item | undefined> {
    const result = await this.client!.send(
      new GetItemCommand({ TableName: target.table, Key: target.key, ConsistentRead: true }),
    );
    return result.Item as Item | undefined;
  }

  private async lock(keys: string[]): Promise<() => void> {
    const releases: (() => void)[] = [];
    for (const key of keys) {
      const previous = this.locks.get(key) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((resolve) => {
        release = resolve;
      });
      const chained = previous.then(() => mine);
      this.locks.set(key, chained);
      await previous;
      releases.push(() => {
        release();
        if (this.locks.get(key) === chained) this.locks.delete(key);
      });
    }
    return () => {
      for (const release of releases) release();
    };
  }
}

/**
 * A pass-through in front of a local provider (the SMS outbox, SES) that sees the moment each call
 * was accepted: every request goes to the upstream unchanged, and when the upstream answers 200 the
 * request body and performance.now() at that answer go to `onAccepted`, before the answer goes back
 * to the caller. The end-to-end benchmark times sends with it on the bench's own clock; the outboxes'
 * own timestamps are wall-clock milliseconds (SMS) or whole seconds (aws-ses-v2-local).
 */
export class AcceptanceTap extends CountingProxy {
  onAccepted: ((body: Buffer, at: number) => void) | undefined;

  protected async handle(_caller: string, path: string, req: http.IncomingMessage, body: Buffer) {
    const out = await this.forward(path, req, body);
    if (out.status === 200) this.onAccepted?.(body, performance.now());
    return out;
  }
}

import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '../../infra/platform/types.ts';
import { entryOf } from './stats.ts';

/**
 * DynamoDB capacity accounting for the bench.
 *
 * - CapacityMeter: a middleware on an in-process SDK client that asks every call for
 *   ReturnConsumedCapacity 'TOTAL' and sums what DynamoDB returns, per operation.
 * - itemBytes / indexWriteUnits: the AWS sizing rules, for what dynalite leaves out. dynalite's
 *   ConsumedCapacity covers the base table only; real DynamoDB also charges a write for every
 *   global secondary index an item enters, changes in or leaves (two when its index key changes).
 */

export type Item = Record<string, AttributeValue>;

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

function numberBytes(text: string): number {
  const digits = text.replace(/^[-+]/, '').replace('.', '').replace(/e.*$/i, '').replace(/^0+/, '');
  const significant = digits.replace(/0+$/, '').length || 1;
  return Math.ceil(significant / 2) + 1 + (text.startsWith('-') ? 1 : 0);
}

function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberBytes(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((n, s) => n + utf8(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((n, s) => n + numberBytes(s), 0);
  if (value.BS !== undefined) return value.BS.reduce((n, b) => n + b.byteLength, 0);
  if (value.L !== undefined) return 3 + value.L.reduce((n, v) => n + 1 + valueBytes(v), 0);
  if (value.M !== undefined) return 3 + Object.keys(value.M).length + itemBytes(value.M);
  return 0;
}

/** An item's size as DynamoDB bills it: attribute names and values, UTF-8. */
export function itemBytes(item: Item): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += utf8(name) + valueBytes(value);
  return size;
}

export const writeUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));

type IndexDefinition = TableDefinition['globalIndexes'][number];

/** The copy of `item` an index holds, or undefined when the item lacks the index's keys. */
export function projection(table: TableDefinition, index: IndexDefinition, item: Item | undefined) {
  if (!item) return undefined;
  if (!item[index.partitionKey.name] || (index.sortKey && !item[index.sortKey.name])) return undefined;
  if (index.projection === undefined || index.projection === 'ALL') return item;
  const keep = new Set([
    table.partitionKey.name,
    ...(table.sortKey ? [table.sortKey.name] : []),
    index.partitionKey.name,
    ...(index.sortKey ? [index.sortKey.name] : []),
    ...(index.projection === 'KEYS_ONLY' ? [] : index.projection.include),
  ]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => keep.has(name))) as Item;
}

const sameValue = (a: AttributeValue | undefined, b: AttributeValue | undefined) =>
  JSON.stringify(a) === JSON.stringify(b);

const sameItem = (a: Item, b: Item) => {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const name of names) if (!sameValue(a[name], b[name])) return false;
  return true;
};

/**
 * Write units each global secondary index consumes when an item goes from `before` to `after`
 * (either may be absent), by the AWS rules: entering or leaving an index is one write of the
 * projected size; a change of index key is a delete plus a put; a change to projected attributes
 * under the same key is one write; nothing projected changing costs nothing.
 */
export function indexWriteUnits(table: TableDefinition, before: Item | undefined, after: Item | undefined) {
  const units: Record<string, number> = {};
  for (const index of table.globalIndexes) {
    const was = projection(table, index, before);
    const now = projection(table, index, after);
    let used = 0;
    if (was && now) {
      const keyChanged =
        !sameValue(was[index.partitionKey.name], now[index.partitionKey.name]) ||
        (index.sortKey !== undefined && !sameValue(was[index.sortKey.name], now[index.sortKey.name]));
      if (keyChanged) used = writeUnits(itemBytes(was)) + writeUnits(itemBytes(now));
      else if (!sameItem(was, now)) used = writeUnits(Math.max(itemBytes(was), itemBytes(now)));
    } else if (was) used = writeUnits(itemBytes(was));
    else if (now) used = writeUnits(itemBytes(now));
    if (used > 0) units[index.name] = used;
  }
  return units;
}

const CAPACITY_OPERATIONS = new Set([
  'GetItemCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'BatchWriteItemCommand',
  'TransactGetItemsCommand',
  'TransactWriteItemsCommand',
]);
const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

export interface OperationTally {
  calls: number;
  units: number;
  /** Items returned (reads) or written (BatchWriteItem counts each request). */
  items: number;
}

interface ConsumedCapacity {
  CapacityUnits?: number;
}

/**
 * Sums the capacity DynamoDB reports for every call an SDK client makes, per operation, after
 * asking for it (ReturnConsumedCapacity 'TOTAL') on every call that can return it.
 */
export class CapacityMeter {
  readonly operations: Record<string, OperationTally> = {};

  attach(client: DynamoDBClient): this {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName ?? 'Unknown';
        const input = args.input as { ReturnConsumedCapacity?: string };
        if (
          CAPACITY_OPERATIONS.has(command) &&
          (!input.ReturnConsumedCapacity || input.ReturnConsumedCapacity === 'NONE')
        )
          input.ReturnConsumedCapacity = 'TOTAL';
        const result = await next(args);
        const output = result.output as {
          ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[];
          Count?: number;
          Responses?: Record<string, unknown[]>;
        };
        const operation = command.replace(/Command$/, '');
        const tally = entryOf(this.operations, operation, () => ({ calls: 0, units: 0, items: 0 }));
        tally.calls++;
        const consumed = output.ConsumedCapacity;
        for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : [])
          tally.units += entry.CapacityUnits ?? 0;
        if (output.Count !== undefined) tally.items += output.Count;
        else if (output.Responses)
          tally.items += Object.values(output.Responses).reduce((n, list) => n + list.length, 0);
        else if (operation === 'BatchWriteItem') {
          const requests = (args.input as { RequestItems?: Record<string, unknown[]> }).RequestItems ?? {};
          tally.items += Object.values(requests).reduce((n, list) => n + list.length, 0);
        } else if (operation !== 'GetItem' && !READS.has(operation)) tally.items++;
        return result;
      },
      { step: 'initialize', name: 'benchCapacityMeter' },
    );
    return this;
  }

  get readUnits(): number {
    return Object.entries(this.operations)
      .filter(([op]) => READS.has(op))
      .reduce((n, [, t]) => n + t.units, 0);
  }

  get writeUnits(): number {
    return Object.entries(this.operations)
      .filter(([op]) => !READS.has(op))
      .reduce((n, [, t]) => n + t.units, 0);
  }

  calls(operation: string): number {
    return this.operations[operation]?.calls ?? 0;
  }
}

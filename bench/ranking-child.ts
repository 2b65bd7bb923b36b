/**
 * One measurement of benchmark 2 in a fresh process (started by bench/ranking.ts), so its heap holds
 * nothing from the generator or other sizes:
 *
 *   floor    a bare Query of the month's references through the `month` index, district by district,
 *            pages of `pageSize`, counting items and nothing more
 *   ranking  rankMonth reading through streamMonthReferences with the same page size; with `save`,
 *            the draft is then stored with RankingStore.save (its write units are the cost
 *            benchmark's snapshot share)
 *
 * Prints one JSON line: time, items and pages read, read units, Scan calls, peak and retained heap
 * and RSS over a baseline taken after a full GC, and the accumulator's state size.
 */
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { UP_DISTRICTS } from '../infra/local/seed/districts.ts';
import { UP_STATIONS } from '../infra/local/seed/stations.ts';
import { RankingStore, streamMonthReferences } from '../shared/adapters/dynamodb/ranking-store.ts';
import { COUNT_KEYS, rankMonth } from '../shared/domain/ranking/index.ts';
import { CapacityMeter, type Item } from './lib/capacity.ts';
import { benchDynamoClient } from './lib/cloud.ts';

export interface ChildInput {
  mode: 'floor' | 'ranking';
  endpoint: string;
  table: string;
  month: string;
  asOf: string;
  pageSize: number;
  save: boolean;
}

export interface ChildOutput {
  mode: 'floor' | 'ranking';
  ms: number;
  items: number;
  pages: number;
  readUnits: number;
  scans: number;
  queries: number;
  peakHeapDeltaMb: number;
  peakRssDeltaMb: number;
  retainedHeapDeltaMb: number;
  /** Units with counted references, times the counters each holds: what the accumulator keeps. */
  stateSize: number;
  unitsCounted: number;
  save?: { ms: number; writeUnits: number; items: number };
}

const input = JSON.parse(process.argv[2] ?? '{}') as ChildInput;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const client = benchDynamoClient(input.endpoint, 16);
const meter = new CapacityMeter().attach(client);
const MB = 1024 * 1024;

gc();
gc();
const base = process.memoryUsage();
let peakHeap = base.heapUsed;
let peakRss = base.rss;
const sample = () => {
  const now = process.memoryUsage();
  if (now.heapUsed > peakHeap) peakHeap = now.heapUsed;
  if (now.rss > peakRss) peakRss = now.rss;
};
const sampler = setInterval(sample, 5);

const started = performance.now();
let items = 0;
let pages = 0;
let stateSize = 0;
let unitsCounted = 0;
let draft: Awaited<ReturnType<typeof rankMonth>> | undefined;
if (input.mode === 'floor') {
  for (const district of UP_DISTRICTS) {
    let startKey: Item | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: input.table,
          IndexName: 'month',
          KeyConditionExpression: 'monthPk = :pk',
          ExpressionAttributeValues: { ':pk': { S: `MONTH#${district.code}#${input.month}` } },
          Limit: input.pageSize,
          ExclusiveStartKey: startKey,
        }),
      );
      pages++;
      items += page.Count ?? 0;
      startKey = page.LastEvaluatedKey as Item | undefined;
    } while (startKey);
  }
} else {
  const stats = { pages: 0, items: 0 };
  draft = await rankMonth({
    month: input.month,
    asOf: new Date(input.asOf),
    districts: UP_DISTRICTS,
    stations: UP_STATIONS,
    read: (districtCode, month) =>
      streamMonthReferences(client, input.table, districtCode, month, { pageSize: input.pageSize, stats }),
  });
  items = stats.items;
  pages = stats.pages;
  const counted = [...draft.districts, ...draft.stations].filter((u) => u.counts.references > 0);
  unitsCounted = counted.length;
  stateSize = unitsCounted * COUNT_KEYS.length;
}
const ms = performance.now() - started;
sample();
clearInterval(sampler);
const readUnits = meter.readUnits;
gc();
gc();
const retained = process.memoryUsage().heapUsed - base.heapUsed;

let save: ChildOutput['save'];
if (input.save && draft) {
  const before = { units: meter.writeUnits, items: meter.operations.BatchWriteItem?.items ?? 0 };
  const t0 = performance.now();
  await new RankingStore(client, input.table).save(draft);
  save = {
    ms: Math.round(performance.now() - t0),
    writeUnits: meter.writeUnits - before.units,
    items: (meter.operations.BatchWriteItem?.items ?? 0) - before.items,
  };
}

const output: ChildOutput = {
  mode: input.mode,
  ms: Math.round(ms),
  items,
  pages,
  readUnits,
  scans: meter.calls('Scan'),
  queries: meter.calls('Query'),
  peakHeapDeltaMb: Math.round(((peakHeap - base.heapUsed) / MB) * 10) / 10,
  peakRssDeltaMb: Math.round(((peakRss - base.rss) / MB) * 10) / 10,
  retainedHeapDeltaMb: Math.round((retained / MB) * 10) / 10,
  stateSize,
  unitsCounted,
  ...(save ? { save } : {}),
};
process.stdout.write(`${JSON.stringify(output)}\n`);
client.destroy();

import { type DynamoDBClient, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { UP_DISTRICTS } from '../infra/local/seed/districts.ts';
import { platform } from '../infra/platform.ts';
import type { SweepResult } from '../shared/use-cases/sweep-overdue.ts';
import { CapacityMeter, type Item } from './lib/capacity.ts';
import { benchDynamoClient, startBenchCloud } from './lib/cloud.ts';
import { DynamoDBCounter } from './lib/proxies.ts';
import { isDueAt, sweepReferences, writeItems } from './lib/references.ts';
import type { BenchResult, Check, Row } from './lib/report.ts';
import { forEachLimit, round } from './lib/stats.ts';

/**
 * Benchmark 3, overdue sweep: `total` stored references of which `due` are open past their
 * deadline, then one run of the real overdueSweep function (a scheduled trigger of the local
 * cloud). Items read come from its SweepResult.itemsRead and, independently, from what DynamoDB
 * returned to it (a counting proxy on its endpoint); both next to the number due. Its run time is
 * next to a floor doing the least the job needs: a bare Query of each district's due range and one
 * UpdateItem per due reference, at the sweep's concurrency.
 *
 * Generation is timed: if dynalite cannot write `total` items within `budgetSeconds`, the data set
 * is cut to what fits (keeping the due proportion) and a note says so.
 */

const RUN_AT = new Date('2026-11-28T06:35:00.000Z');
const CHUNK = 10_000;

async function floorRun(client: DynamoDBClient, table: string, meter: CapacityMeter) {
  const started = performance.now();
  const due: Item[] = [];
  for (const district of UP_DISTRICTS) {
    let startKey: Item | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'due',
          KeyConditionExpression: 'duePk = :pk AND dueSk < :before',
          ExpressionAttributeValues: {
            ':pk': { S: `DUE#${district.code}` },
            ':before': { S: RUN_AT.toISOString() },
          },
          ExclusiveStartKey: startKey,
        }),
      );
      due.push(...((page.Items ?? []) as Item[]));
      startKey = page.LastEvaluatedKey as Item | undefined;
    } while (startKey);
  }
  const readUnits = meter.readUnits;
  // The sweep works 8 districts at once with 10 writes each in flight.
  await forEachLimit(due.length, 80, async (i) => {
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: due[i]!.pk!, sk: due[i]!.sk! },
        UpdateExpression: 'SET benchFloorTouched = :t',
        ExpressionAttributeValues: { ':t': { N: '1' } },
      }),
    );
  });
  return { ms: performance.now() - started, items: due.length, readUnits };
}

export async function runSweep(options: {
  total: number;
  due: number;
  budgetSeconds: number;
}): Promise<BenchResult> {
  const started = performance.now();
  const counter = new DynamoDBCounter(false);
  await counter.start();
  // Each function's DynamoDB calls through the counter, under its own name.
  const functions = Object.fromEntries(
    Object.entries(platform.functions).map(([name, def]) => [
      name,
      { ...def, environment: { ...def.environment, AWS_ENDPOINT_URL_DYNAMODB: counter.endpointFor(name) } },
    ]),
  );
  const bench = await startBenchCloud({ platform: { ...platform, functions } });
  const { cloud } = bench;
  const table = cloud.tableNames.main!;
  counter.connect(cloud.dynamodbEndpoint, {});
  const client = benchDynamoClient(cloud.dynamodbEndpoint);
  const notes: string[] = [];
  let total = options.total;
  let stored = 0;
  let generateSeconds = 0;
  let result: SweepResult;
  let floor: Awaited<ReturnType<typeof floorRun>>;
  let sweepMs: number;
  try {
    const items = sweepReferences({ total: options.total, due: options.due, runAt: RUN_AT })[
      Symbol.iterator
    ]();
    const t0 = performance.now();
    while (stored < total) {
      const chunk: Item[] = [];
      for (let i = 0; i < Math.min(CHUNK, total - stored); i++) chunk.push(items.next().value as Item);
      stored += await writeItems(client, table, chunk, 8);
      const elapsed = (performance.now() - t0) / 1000;
      const projected = (elapsed / stored) * total;
      if (projected > options.budgetSeconds && total === options.total) {
        const fits = Math.max(
          CHUNK,
          Math.floor(((stored / elapsed) * options.budgetSeconds) / CHUNK) * CHUNK,
        );
        if (fits < total) {
          total = Math.max(fits, stored);
          notes.push(
            `SCALED DOWN: dynalite wrote ${Math.round(stored / elapsed)} items/s, so ${options.total.toLocaleString('en-US')} would take ~${Math.round(projected)}s against a ${options.budgetSeconds}s budget; stored ${total.toLocaleString('en-US')} instead (same due proportion)`,
          );
        }
      }
    }
    generateSeconds = (performance.now() - t0) / 1000;
    let due = 0;
    for (let n = 0; n < total; n++) if (isDueAt(n, options.total, options.due)) due++;

    const meter = new CapacityMeter().attach(client);
    floor = await floorRun(client, table, meter);
    if (floor.items !== due) notes.push(`the floor found ${floor.items} due, the generator made ${due}`);

    counter.reset();
    const t1 = performance.now();
    result = (await cloud.trigger('overdueSweep', RUN_AT)) as SweepResult;
    sweepMs = performance.now() - t1;
  } finally {
    client.destroy();
    await bench.stop();
    await counter.stop();
  }

  const due = floor.items;
  // The sweep's own calls (the notifier sending its digests meanwhile is counted apart).
  const sweepCalls = Object.entries(counter.tallies.overdueSweep ?? {});
  // Reference items: from the due index, or by key after a refused write. Master data is apart.
  const returned = sweepCalls
    .filter(([op]) => op.startsWith('Query(due') || op === 'GetItem' || op === 'BatchGetItem')
    .reduce((n, [, t]) => n + t.items, 0);
  const masterItems = sweepCalls.filter(([op]) => op === 'Query(table)').reduce((n, [, t]) => n + t.items, 0);
  const readUnits = sweepCalls.reduce((n, [, t]) => n + t.readUnits, 0);
  const scans = Object.values(counter.tallies)
    .flatMap((byOp) => Object.entries(byOp))
    .filter(([op]) => op.startsWith('Scan'))
    .reduce((n, [, t]) => n + t.calls, 0);
  const rows: Row[] = [
    {
      figure: 'items read (SweepResult.itemsRead)',
      value: result.itemsRead,
      unit: 'items',
      floor: due,
      floorLabel: 'references due',
    },
    {
      figure: 'reference items DynamoDB returned to the sweep',
      value: returned,
      unit: 'items',
      floor: due,
      floorLabel: 'references due',
    },
    {
      figure: 'read units consumed by the sweep',
      value: readUnits,
      unit: 'RRU',
      floor: floor.readUnits,
      floorLabel: 'bare Query of the due ranges',
    },
    {
      figure: 'sweep run time',
      value: sweepMs / 1000,
      unit: 's',
      floor: floor.ms / 1000,
      floorLabel: 'bare Query + one UpdateItem per due',
    },
    {
      figure: 'references marked defaulter',
      value: result.marked,
      unit: 'refs',
      floor: due,
      floorLabel: 'references due',
    },
  ];
  const ratio = result.itemsRead / due;
  const checks: Check[] = [
    {
      target: 'items read <= 1.1x the number due',
      pass: ratio <= 1.1,
      actual: `${ratio.toFixed(3)}x (${result.itemsRead} for ${due} due)`,
    },
    {
      target: 'items DynamoDB returned <= 1.1x the number due',
      pass: returned / due <= 1.1,
      actual: `${(returned / due).toFixed(3)}x`,
    },
    { target: 'no Scan', pass: scans === 0, actual: `${scans} Scan calls` },
    {
      target: 'every due reference marked',
      pass: result.marked === due,
      actual: `${result.marked} of ${due}`,
    },
  ];
  notes.push(
    `${total.toLocaleString('en-US')} stored references (${due.toLocaleString('en-US')} due, the rest open with later deadlines or disposed), generated in ${round(generateSeconds, 1)}s (${Math.round(total / generateSeconds)} items/s)`,
    `besides references the sweep read ${masterItems} master-data items (districts, officers) from the table`,
    `sweep at ${RUN_AT.toISOString()}: ${result.districts} districts, ${result.marked} marked, ${result.digests} digests queued, ${result.skipped} skipped, ${result.unannounced.length} unannounced`,
  );
  return {
    name: 'sweep',
    title: 'Hourly overdue sweep',
    seconds: round((performance.now() - started) / 1000, 1),
    rows,
    checks,
    notes,
    data: {
      requested: { total: options.total, due: options.due },
      stored: total,
      due,
      generateSeconds: round(generateSeconds, 1),
      sweepMs: Math.round(sweepMs),
      floor: { ms: Math.round(floor.ms), items: floor.items, readUnits: floor.readUnits },
      result: { ...result, unannounced: result.unannounced.length },
      dynamodb: counter.tallies,
    },
  };
}

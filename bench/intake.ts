import http from 'node:http';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { platform } from '../infra/platform.ts';
import { toItem } from '../shared/adapters/dynamodb/dynamo-item.ts';
import { referenceKey } from '../shared/adapters/dynamodb/reference-item.ts';
import { TEMPLATE_KEY } from './floor/store-and-queue.ts';
import { type Item, itemBytes } from './lib/capacity.ts';
import { benchDynamoClient, startBenchCloud } from './lib/cloud.ts';
import { complaintSource, postJson } from './lib/complaints.ts';
import type { BenchResult, Check, Row } from './lib/report.ts';
import { percentile, round } from './lib/stats.ts';

/**
 * Benchmark 1, intake: complaints per second and latency through the local HTTP API
 * (POST /v1/complaints, valid and unique bodies) at each concurrency, for a fixed time, next to the
 * floor: plain PutItem calls of an item of the stored reference's size against the same dynalite
 * at the same concurrency.
 *
 * Beside them, a second line: a minimal function behind the same HTTP runner and sandboxes that
 * stores one such item (and, in a second variant, queues one message) with no validation, limiter
 * or Idempotency-Key (bench/floor/store-and-queue.ts). It splits intake's distance from the floor
 * into what the local engine costs any function and what the product's own work adds.
 *
 * The queues' consumers (router, notifier) are detached for this benchmark: in AWS they run on
 * their own Lambda capacity and take nothing from the API, while here they would share the same
 * two cores with dynalite and the API's workers. Their messages simply wait on the queues; the
 * cost benchmark runs them.
 */

export interface IntakeOptions {
  levels: number[];
  seconds: number;
  warmupSeconds: number;
  /** Warm sandboxes per function in the local runner. */
  maxConcurrency: number;
}

interface Run {
  ok: number;
  errors: Record<string, number>;
  latencies: number[];
  seconds: number;
}

const complaint = complaintSource({
  mobileBase: 100_000_000,
  address: 'Ward 4, Chandauli town',
  tag: 'bench',
  stationCode: 'chandauli-sakaldiha',
});
const post = postJson;

/** `clients` loops, each issuing calls back to back until the time is up. */
async function closedLoop(
  clients: number,
  seconds: number,
  call: () => Promise<string | null>,
): Promise<Run> {
  const run: Run = { ok: 0, errors: {}, latencies: [], seconds };
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        let error: string | null;
        try {
          error = await call();
        } catch (e) {
          error = (e as Error).name || 'Error';
        }
        if (error === null) {
          run.ok++;
          run.latencies.push(performance.now() - t0);
        } else run.errors[error] = (run.errors[error] ?? 0) + 1;
      }
    }),
  );
  run.seconds = (performance.now() - started) / 1000;
  return run;
}

const summary = (run: Run) => ({
  perSecond: round(run.ok / run.seconds, 1),
  p50: round(percentile(run.latencies, 0.5), 2),
  p99: round(percentile(run.latencies, 0.99), 2),
  ok: run.ok,
  errors: run.errors,
  seconds: round(run.seconds, 2),
});

export async function runIntake(options: IntakeOptions): Promise<BenchResult> {
  const started = performance.now();
  const bench = await startBenchCloud({
    maxConcurrency: options.maxConcurrency,
    platform: {
      ...platform,
      functions: {
        ...platform.functions,
        benchStoreAndQueue: {
          entry: 'bench/floor/store-and-queue.ts',
          description: 'bench only: one PutItem (and with ?queue=1 one SendMessage), nothing else',
          timeoutSeconds: 10,
          memoryMb: 512,
          http: [{ method: 'POST', path: '/bench/store-and-queue' }],
          access: { tables: { main: 'readWrite' }, queues: { routing: 'send' } },
        },
      },
      queues: Object.fromEntries(
        Object.entries(platform.queues).map(([name, queue]) => [
          name,
          // Detached: no consumer, so no consumer's concurrency cap either.
          { ...queue, consumer: undefined, maxConcurrency: undefined },
        ]),
      ),
    },
  });
  const { cloud } = bench;
  const api = new URL(cloud.apiUrl);
  const dynamodb = benchDynamoClient(cloud.dynamodbEndpoint);
  const table = cloud.tableNames.main!;
  const rows: Row[] = [];
  const checks: Check[] = [];
  const notes: string[] = [];
  const data: Record<string, unknown> = { levels: {} as Record<string, unknown> };
  try {
    // One complaint first: the stored item whose size the floor writes, and warm functions.
    const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(...options.levels) });
    const first = complaint();
    const response = await post(agent, api, first.body, first.key);
    if (response.status !== 201)
      throw new Error(`POST /v1/complaints answered ${response.status}: ${response.text}`);
    const referenceNo = (JSON.parse(response.text) as { referenceNo: string }).referenceNo;
    const stored = await dynamodb.send(
      new GetItemCommand({ TableName: table, Key: toItem(referenceKey(referenceNo)), ConsistentRead: true }),
    );
    const template = stored.Item as Item;
    const bytes = itemBytes(template);
    await dynamodb.send(
      new PutItemCommand({
        TableName: table,
        Item: { ...TEMPLATE_KEY, item: { S: JSON.stringify(template) } },
      }),
    );
    data.storedItemBytes = bytes;
    notes.push(
      `floor item: a copy of a stored reference (${bytes} B with its index keys, so dynalite maintains the same index entries); API bodies ~${first.body.length} B`,
    );

    let floorSequence = 0;
    const putFloor = async () => {
      const n = floorSequence++;
      await dynamodb.send(
        new PutItemCommand({
          TableName: table,
          Item: { ...template, pk: { S: `REF#floor-${n}` }, referenceNo: { S: `floor-${n}` } },
        }),
      );
      return null;
    };
    const postComplaint = async () => {
      const next = complaint();
      const result = await post(agent, api, next.body, next.key);
      return result.status === 201 ? null : `HTTP ${result.status}`;
    };

    const postMinimal = (path: string) => async () => {
      const result = await post(agent, api, '{}', 'none', path);
      return result.status === 201 ? null : `HTTP ${result.status}`;
    };
    const storeOnly = postMinimal('/bench/store-and-queue');
    const storeAndQueue = postMinimal('/bench/store-and-queue?queue=1');

    for (const clients of options.levels) {
      await closedLoop(clients, options.warmupSeconds, putFloor);
      const floor = summary(await closedLoop(clients, options.seconds, putFloor));
      await closedLoop(clients, options.warmupSeconds, postComplaint);
      const measured = summary(await closedLoop(clients, options.seconds, postComplaint));
      await closedLoop(clients, options.warmupSeconds, storeOnly);
      const minimalStore = summary(await closedLoop(clients, options.seconds, storeOnly));
      await closedLoop(clients, options.warmupSeconds, storeAndQueue);
      const minimal = summary(await closedLoop(clients, options.seconds, storeAndQueue));
      (data.levels as Record<string, unknown>)[clients] = { api: measured, floor, minimalStore, minimal };
      const label = `${clients} client${clients === 1 ? '' : 's'}`;
      rows.push(
        {
          figure: `${label}: complaints/s`,
          value: measured.perSecond,
          unit: '/s',
          floor: floor.perSecond,
          floorLabel: 'PutItem/s',
        },
        {
          figure: `${label}: p50 latency`,
          value: measured.p50,
          unit: 'ms',
          floor: floor.p50,
          floorLabel: 'PutItem p50',
        },
        {
          figure: `${label}: p99 latency`,
          value: measured.p99,
          unit: 'ms',
          floor: floor.p99,
          floorLabel: 'PutItem p99',
        },
        {
          figure: `${label}: minimal function, PutItem only (/s)`,
          value: minimalStore.perSecond,
          unit: '/s',
          floor: floor.perSecond,
          floorLabel: 'PutItem/s',
        },
        {
          figure: `${label}: minimal function, PutItem + SendMessage (/s)`,
          value: minimal.perSecond,
          unit: '/s',
          floor: floor.perSecond,
          floorLabel: 'PutItem/s',
        },
        {
          figure: `${label}: complaints/s against the minimal function`,
          value: measured.perSecond,
          unit: '/s',
          floor: minimal.perSecond,
          floorLabel: 'PutItem + SendMessage function',
        },
        {
          figure: `${label}: p99 against the minimal function's`,
          value: measured.p99,
          unit: 'ms',
          floor: minimal.p99,
          floorLabel: 'PutItem + SendMessage function p99',
        },
      );
      const throughputRatio = measured.perSecond / floor.perSecond;
      const p99Ratio = measured.p99 / floor.p99;
      checks.push(
        {
          target: `${label}: throughput >= 0.5x floor`,
          pass: throughputRatio >= 0.5,
          actual: `${throughputRatio.toFixed(2)}x`,
        },
        { target: `${label}: p99 <= 3x floor p99`, pass: p99Ratio <= 3, actual: `${p99Ratio.toFixed(2)}x` },
      );
      const errors = Object.entries(measured.errors);
      if (errors.length > 0)
        notes.push(`${label}: non-201 answers ${errors.map(([k, v]) => `${k} x${v}`).join(', ')}`);
      notes.push(
        `${label}: ${measured.ok} complaints filed in ${measured.seconds}s, ${floor.ok} floor PutItems`,
      );
    }
    agent.destroy();
  } finally {
    dynamodb.destroy();
    await bench.stop();
  }
  notes.push(
    'router and notifier detached (in AWS they run on their own capacity); the load generator, HTTP runner, dynalite and the API workers still share the 2 cores, the floor only the generator and dynalite',
    'each complaint with an Idempotency-Key is 4 DynamoDB calls (key lookup beside the limiter, reference put, key record) and 1 SQS send, 4 round trips in sequence (3 calls without a key), against 1 PutItem for the floor',
  );
  const seconds = round((performance.now() - started) / 1000, 1);
  return { name: 'intake', title: 'Intake through the local HTTP API', seconds, rows, checks, notes, data };
}

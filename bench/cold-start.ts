import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { bundleFunction, bundleSizes, LAMBDA_NODE_OPTIONS } from '../infra/bundling.ts';
import type { FunctionDefinition } from '../infra/platform/types.ts';
import { platform } from '../infra/platform.ts';
import { resourceEnv } from '../shared/adapters/aws/resource-env.ts';
import type { BenchResult, Check, Row } from './lib/report.ts';
import { median, percentile, round } from './lib/stats.ts';

/**
 * Benchmark 4, cold start: each function bundled by the very code the CDK stack deploys with
 * (infra/bundling.ts: ESM, minified, split, source maps), its minified size from the metafile, and
 * its module initialisation (import of the bundle until the promise resolves) in a fresh Node
 * process with the stack's NODE_OPTIONS, over `runs` interleaved rounds (wall clock and CPU time
 * both judged), next to a floor bundle that only creates a DynamoDB client, bundled the same way.
 */

const REPO_ROOT = resolve(import.meta.dirname, '..');
const FLOOR = 'floor: DynamoDB client only';
const MAX_BUNDLE_BYTES = 500 * 1024;
const run = promisify(execFile);

async function bundle(
  entry: string,
  outdir: string,
): Promise<{ file: string; bytes: number; initBytes: number }> {
  const sizes = bundleSizes(await bundleFunction(entry, outdir));
  return { file: join(outdir, 'index.mjs'), bytes: sizes.totalBytes, initBytes: sizes.initBytes };
}

/** What Lambda would set: the region, the function's own settings, its resources (placeholders). */
function environmentFor(def: FunctionDefinition | undefined): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    TZ: 'UTC',
    AWS_REGION: 'ap-south-1',
    AWS_DEFAULT_REGION: 'ap-south-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    SENDER_EMAIL: 'no-reply@nivaran.local',
    PUBLIC_BASE_URL: 'https://nivaran.example',
    NODE_OPTIONS: '',
  };
  if (!def) return env;
  Object.assign(env, def.environment);
  for (const table of Object.keys(def.access?.tables ?? {}))
    env[resourceEnv.table(table)] = `nivaran-${table}`;
  for (const queue of Object.keys(def.access?.queues ?? {}))
    env[resourceEnv.queueUrl(queue)] = `https://sqs.ap-south-1.amazonaws.com/000000000000/nivaran-${queue}`;
  for (const bucket of Object.keys(def.access?.buckets ?? {}))
    env[resourceEnv.bucket(bucket)] = `nivaran-${bucket}`;
  for (const secret of def.access?.secrets ?? [])
    env[resourceEnv.secretParameter(secret)] = `nivaran/${secret}`;
  return env;
}

interface Init {
  /** Wall-clock milliseconds from the start of `import()` until it resolves. */
  ms: number;
  /** CPU milliseconds (user + system, all threads) spent meanwhile: steadier on a busy machine. */
  cpuMs: number;
  /** The round it ran in, to pair it with the floor's run of the same round. */
  round: number;
}

/** Initialisation of the bundle in a fresh Node process. */
async function initTime(
  file: string,
  env: Record<string, string>,
  sourceMaps: boolean,
): Promise<Omit<Init, 'round'>> {
  const script = [
    'const c0 = process.cpuUsage();',
    'const t0 = performance.now();',
    `const m = await import(${JSON.stringify(pathToFileURL(file).href)});`,
    'const ms = performance.now() - t0;',
    'const c = process.cpuUsage(c0);',
    "if (typeof m.handler !== 'function') throw new Error('no handler export');",
    'process.stdout.write(JSON.stringify({ ms, cpuMs: (c.user + c.system) / 1000 }));',
  ].join('\n');
  // The NODE_OPTIONS the stack gives every function (infra/bundling.ts), or none to show its cost.
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...env, NODE_OPTIONS: sourceMaps ? LAMBDA_NODE_OPTIONS : '' },
    cwd: tmpdir(),
  });
  return JSON.parse(stdout) as Omit<Init, 'round'>;
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface Built {
  name: string;
  file: string;
  bytes: number;
  initBytes: number;
  env: Record<string, string>;
  times: Init[];
  withoutMaps: Init[];
}

/**
 * Functions allowed more than 1.5x the floor at init (issue 14): attachments carries the SDK's S3
 * client and presigner, which replaced our own, and may take 2x; the monthly ranking runs once a
 * month and nobody waits on its cold start, so it keeps only the bundle budget in practice.
 */
const INIT_LIMITS: Record<string, number> = { attachments: 2, monthlyRanking: 2 };

export async function runColdStart(options: { runs: number }): Promise<BenchResult> {
  const started = performance.now();
  const dir = await mkdtemp(join(tmpdir(), 'nivaran-bench-bundles-'));
  const rows: Row[] = [];
  const checks: Check[] = [];
  const notes: string[] = [];
  const targets: { name: string; entry: string; def?: FunctionDefinition }[] = [
    { name: FLOOR, entry: join(REPO_ROOT, 'bench/floor/dynamodb-client.ts') },
    ...Object.entries(platform.functions).map(([name, def]) => ({
      name,
      entry: resolve(REPO_ROOT, def.entry),
      def,
    })),
  ];
  const built: Built[] = [];
  const withoutMapsRuns = Math.max(3, Math.ceil(options.runs / 2));
  try {
    for (const target of targets) {
      try {
        const out = await bundle(target.entry, join(dir, target.name.replace(/\W+/g, '-')));
        built.push({
          ...out,
          name: target.name,
          env: environmentFor(target.def),
          times: [],
          withoutMaps: [],
        });
      } catch (error) {
        notes.push(`${target.name}: could not be bundled: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    // Interleaved, each round in a fresh random order, so a slow moment of the machine or a fixed
    // position in the round favours no bundle (the floor included); then a few runs without the
    // stack's NODE_OPTIONS, to show what --enable-source-maps costs.
    for (let i = 0; i < options.runs + withoutMapsRuns; i++) {
      const sourceMaps = i < options.runs;
      for (const b of shuffled(built)) {
        try {
          const init = await initTime(b.file, b.env, sourceMaps);
          (sourceMaps ? b.times : b.withoutMaps).push({ ...init, round: i });
        } catch (error) {
          if (i === 0) notes.push(`${b.name}: import failed: ${(error as Error).message.split('\n')[0]}`);
        }
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  /**
   * The wall-clock figure shown: the lower quartile of the runs. Import is the same work every
   * time, and other processes on the machine only ever add to its wall time (waiting for a core),
   * so the faster runs are the cleaner reading; the median is kept beside it.
   */
  const wall = (list: Init[]) =>
    round(
      percentile(
        list.map((t) => t.ms),
        0.25,
      ),
      1,
    );
  const wallMedian = (list: Init[]) => round(median(list.map((t) => t.ms)), 1);
  const cpu = (list: Init[]) => round(median(list.map((t) => t.cpuMs)), 1);
  const floor = built.find((b) => b.name === FLOOR);
  if (!floor || floor.times.length === 0) throw new Error('the floor bundle did not load');
  const floorMs = wall(floor.times);
  const floorMedianMs = wallMedian(floor.times);
  const floorCpu = cpu(floor.times);
  const floorKb = round(floor.bytes / 1024, 1);
  const floorInitKb = round(floor.initBytes / 1024, 1);
  const data: Record<string, unknown> = {
    runs: options.runs,
    runsWithoutSourceMaps: withoutMapsRuns,
    floor: {
      ms: floorMs,
      medianMs: floorMedianMs,
      cpuMs: floorCpu,
      cpuMsWithoutMaps: cpu(floor.withoutMaps),
      kb: floorKb,
      initKb: floorInitKb,
      runs: floor.times.map((t) => ({ ms: round(t.ms, 1), cpuMs: round(t.cpuMs, 1) })),
    },
  };
  /**
   * Median over rounds of this bundle's time over the floor's in the same round: a busy moment of
   * the machine slows both, so it cancels; shown beside the judged ratio of medians as a check.
   */
  const paired = (times: Init[], key: 'ms' | 'cpuMs') => {
    const floorByRound = new Map(floor.times.map((t) => [t.round, t[key]]));
    const ratios = times.flatMap((t) => {
      const base = floorByRound.get(t.round);
      return base ? [t[key] / base] : [];
    });
    return ratios.length > 0 ? median(ratios).toFixed(2) : '-';
  };
  const functions: Record<string, unknown> = {};
  const mapShares: number[] = [];
  for (const b of built) {
    if (b === floor || b.times.length === 0) continue;
    const ms = wall(b.times);
    const medianMs = wallMedian(b.times);
    const cpuMs = cpu(b.times);
    const kb = round(b.bytes / 1024, 1);
    const initKb = round(b.initBytes / 1024, 1);
    const cpuWithoutMaps = b.withoutMaps.length > 0 ? cpu(b.withoutMaps) : null;
    if (cpuWithoutMaps !== null) mapShares.push(1 - cpuWithoutMaps / cpuMs);
    functions[b.name] = {
      ms,
      medianMs,
      cpuMs,
      cpuMsWithoutMaps: cpuWithoutMaps,
      kb,
      initKb,
      pairedRatio: Number(paired(b.times, 'ms')),
      pairedCpuRatio: Number(paired(b.times, 'cpuMs')),
      runs: b.times.map((t) => ({ ms: round(t.ms, 1), cpuMs: round(t.cpuMs, 1) })),
    };
    rows.push(
      {
        figure: `${b.name}: init (lower quartile)`,
        value: ms,
        unit: 'ms',
        floor: floorMs,
        floorLabel: 'DynamoDB-client bundle',
      },
      {
        figure: `${b.name}: init CPU`,
        value: cpuMs,
        unit: 'ms',
        floor: floorCpu,
        floorLabel: 'DynamoDB-client bundle',
      },
      {
        figure: `${b.name}: bundle`,
        value: kb,
        unit: 'KB',
        floor: floorKb,
        floorLabel: 'DynamoDB-client bundle',
      },
      {
        figure: `${b.name}: JS loaded at init`,
        value: initKb,
        unit: 'KB',
        floor: floorInitKb,
        floorLabel: 'DynamoDB-client bundle',
      },
    );
    const limit = INIT_LIMITS[b.name] ?? 1.5;
    checks.push(
      {
        // Init is wall-clock time; its lower quartile leaves out most of the waits for a core that
        // other processes cause here. The CPU time must pass too, so neither reading alone decides.
        target: `${b.name}: init <= ${limit}x floor (wall clock and CPU time)`,
        pass: ms <= limit * floorMs && cpuMs <= limit * floorCpu,
        actual: `wall ${(ms / floorMs).toFixed(2)}x (lower quartile), CPU ${(cpuMs / floorCpu).toFixed(2)}x; wall median ${(medianMs / floorMedianMs).toFixed(2)}x, paired ${paired(b.times, 'ms')}x`,
      },
      { target: `${b.name}: bundle <= 500 KB`, pass: b.bytes <= MAX_BUNDLE_BYTES, actual: `${kb} KB` },
    );
  }
  data.functions = functions;
  notes.push(
    `median of ${options.runs} fresh processes each (interleaved, each round in random order), Node ${process.version} here (Lambda runs nodejs24.x on Graviton, where absolute times differ; the ratio to the floor is what carries over)`,
    `init is import() of the minified ESM bundle until it resolves (with the chunks it imports statically), with NODE_OPTIONS=${LAMBDA_NODE_OPTIONS} as the stack sets it; process start-up is outside both figures; init is the lower quartile of the wall-clock runs (other processes only add to it) and init CPU the median CPU time of the import; the target must hold for both; the checks also show the ratio of wall medians and the median of per-round wall ratios to the floor (paired)`,
    'bundle is every JavaScript file index.mjs can load (chunks behind import() included; source maps not); JS loaded at init is index.mjs and the chunks it imports statically',
    `--enable-source-maps accounts for ${Math.round(median(mapShares) * 100)}% of a function's init CPU (median over functions; floor ${cpu(floor.withoutMaps)} ms without it against ${floorCpu} ms with it; ${withoutMapsRuns} runs each)`,
  );
  return {
    name: 'coldStart',
    title: 'Cold start: bundle size and module initialisation',
    seconds: round((performance.now() - started) / 1000, 1),
    rows,
    checks,
    notes,
    data,
  };
}

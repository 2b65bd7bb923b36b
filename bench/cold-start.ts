import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { LAMBDA_ALIASES } from '../infra/local/services/lambda.ts';
import type { FunctionDefinition } from '../infra/platform/types.ts';
import { platform } from '../infra/platform.ts';
import { resourceEnv } from '../shared/adapters/resource-env.ts';
import type { BenchResult, Check, Row } from './lib/report.ts';
import { median, round } from './lib/stats.ts';

/**
 * Benchmark 4, cold start: each function bundled with esbuild as the CDK stack bundles it
 * (infra/stack.ts: ESM, minified, target node22, source map, the same banner and the
 * credential-provider alias from LAMBDA_ALIASES), its minified size from the metafile, and its
 * module initialisation (import of the bundle until the promise resolves) in a fresh Node process,
 * median of `runs`, next to a floor bundle that only creates a DynamoDB client.
 */

const REPO_ROOT = resolve(import.meta.dirname, '..');
const FLOOR = 'floor: DynamoDB client only';
const MAX_BUNDLE_BYTES = 500 * 1024;
const run = promisify(execFile);

const BANNER =
  "import { createRequire as __nivaranCreateRequire } from 'node:module'; const require = __nivaranCreateRequire(import.meta.url);";

async function bundle(entry: string, outdir: string): Promise<{ file: string; bytes: number }> {
  const outfile = join(outdir, 'index.mjs');
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    sourcemap: true,
    mainFields: ['module', 'main'],
    banner: { js: BANNER },
    alias: LAMBDA_ALIASES,
    metafile: true,
    logLevel: 'error',
  });
  const outputs = (result.metafile as Metafile).outputs;
  const key = Object.keys(outputs).find((path) => path.endsWith('index.mjs'))!;
  return { file: outfile, bytes: outputs[key]!.bytes };
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
}

/** Initialisation of the bundle in a fresh Node process. */
async function initTime(file: string, env: Record<string, string>, sourceMaps: boolean): Promise<Init> {
  const script = [
    'const c0 = process.cpuUsage();',
    'const t0 = performance.now();',
    `const m = await import(${JSON.stringify(pathToFileURL(file).href)});`,
    'const ms = performance.now() - t0;',
    'const c = process.cpuUsage(c0);',
    "if (typeof m.handler !== 'function') throw new Error('no handler export');",
    'process.stdout.write(JSON.stringify({ ms, cpuMs: (c.user + c.system) / 1000 }));',
  ].join('\n');
  // Lambda's environment sets NODE_OPTIONS=--enable-source-maps (infra/stack.ts); so do we.
  const flags = sourceMaps ? ['--enable-source-maps'] : [];
  const { stdout } = await run(process.execPath, [...flags, '--input-type=module', '-e', script], {
    env,
    cwd: tmpdir(),
  });
  return JSON.parse(stdout) as Init;
}

interface Built {
  name: string;
  file: string;
  bytes: number;
  env: Record<string, string>;
  times: Init[];
  withoutMaps: Init[];
}

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
    // Interleaved, so a slow moment of the machine touches every bundle alike; then a few runs
    // without --enable-source-maps, to show what the flag costs.
    for (let i = 0; i < options.runs + withoutMapsRuns; i++) {
      const sourceMaps = i < options.runs;
      for (const b of built) {
        try {
          const init = await initTime(b.file, b.env, sourceMaps);
          (sourceMaps ? b.times : b.withoutMaps).push(init);
        } catch (error) {
          if (i === 0) notes.push(`${b.name}: import failed: ${(error as Error).message.split('\n')[0]}`);
        }
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const wall = (list: Init[]) => round(median(list.map((t) => t.ms)), 1);
  const cpu = (list: Init[]) => round(median(list.map((t) => t.cpuMs)), 1);
  const floor = built.find((b) => b.name === FLOOR);
  if (!floor || floor.times.length === 0) throw new Error('the floor bundle did not load');
  const floorMs = wall(floor.times);
  const floorCpu = cpu(floor.times);
  const floorKb = round(floor.bytes / 1024, 1);
  const data: Record<string, unknown> = {
    runs: options.runs,
    runsWithoutSourceMaps: withoutMapsRuns,
    floor: { ms: floorMs, cpuMs: floorCpu, cpuMsWithoutMaps: cpu(floor.withoutMaps), kb: floorKb },
  };
  const functions: Record<string, unknown> = {};
  const mapShares: number[] = [];
  for (const b of built) {
    if (b === floor || b.times.length === 0) continue;
    const ms = wall(b.times);
    const cpuMs = cpu(b.times);
    const kb = round(b.bytes / 1024, 1);
    const cpuWithoutMaps = b.withoutMaps.length > 0 ? cpu(b.withoutMaps) : null;
    if (cpuWithoutMaps !== null) mapShares.push(1 - cpuWithoutMaps / cpuMs);
    functions[b.name] = {
      ms,
      cpuMs,
      cpuMsWithoutMaps: cpuWithoutMaps,
      kb,
      runs: b.times.map((t) => ({ ms: round(t.ms, 1), cpuMs: round(t.cpuMs, 1) })),
    };
    rows.push(
      {
        figure: `${b.name}: init`,
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
    );
    checks.push(
      {
        target: `${b.name}: init <= 1.5x floor`,
        pass: ms <= 1.5 * floorMs,
        actual: `${(ms / floorMs).toFixed(2)}x`,
      },
      { target: `${b.name}: bundle <= 500 KB`, pass: b.bytes <= MAX_BUNDLE_BYTES, actual: `${kb} KB` },
    );
  }
  data.functions = functions;
  notes.push(
    `median of ${options.runs} fresh processes each (interleaved), Node ${process.version} here (Lambda runs nodejs24.x on Graviton, where absolute times differ; the ratio to the floor is what carries over)`,
    'init is import() of the minified ESM bundle until it resolves, with --enable-source-maps as Lambda sets it; process start-up is outside both figures; the target is judged on the wall-clock median, the CPU time beside it is steadier when the machine is busy',
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

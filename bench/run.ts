/**
 * `npm run bench`: Nivaran's benchmarks against the local cloud, each next to a floor measured in
 * the same run. Prints a table, PASS/FAIL lines for the targets and what limited the figures, and
 * writes bench/results.json. Not part of `npm test`; see BENCHMARKS.md for the method.
 *
 *   npm run bench                         everything (about 6 to 7 minutes on 2 cores)
 *   npm run bench -- --only=intake,cost   some benchmarks
 *   npm run bench -- --quick              shorter runs and smaller data, to try the harness
 */
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { runColdStart } from './cold-start.ts';
import { runCost } from './cost.ts';
import { runEndToEnd } from './end-to-end.ts';
import { runIntake } from './intake.ts';
import { type BenchResult, renderChecks, renderNotes, renderTable } from './lib/report.ts';
import { runRanking } from './ranking.ts';
import { runSweep } from './sweep.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
  .filter(Boolean);

const shared: { ranking?: BenchResult } = {};

const BENCHMARKS: Record<string, () => Promise<BenchResult>> = {
  // 15 interleaved runs: a median that moves by a few percent, not tens, on this busy machine.
  coldStart: () => runColdStart({ runs: quick ? 3 : 15 }),
  // One warm sandbox per core: more Lambda worker threads than cores only thrash on this machine.
  intake: () =>
    runIntake({
      levels: [1, 16, 64],
      seconds: quick ? 3 : 8,
      warmupSeconds: quick ? 1 : 2,
      maxConcurrency: Math.max(2, cpus().length),
    }),
  ranking: async () => {
    shared.ranking = await runRanking({ sizes: quick ? [5_000, 10_000, 20_000] : [25_000, 50_000, 100_000] });
    return shared.ranking;
  },
  sweep: () =>
    runSweep(
      quick
        ? { total: 20_000, due: 1_000, budgetSeconds: 60 }
        : { total: 200_000, due: 10_000, budgetSeconds: 240 },
    ),
  cost: () => runCost({ lifecycles: quick ? 2 : 6, hindiLifecycles: quick ? 1 : 3, ranking: shared.ranking }),
  // Consumers attached: a complaint's 201 until its station's SMS and mail, next to two SQS hops.
  // A longer warm-up than intake's: at 64 clients one complaint's trip takes seconds.
  endToEnd: () =>
    runEndToEnd({
      levels: [1, 64],
      seconds: quick ? 3 : 8,
      warmupSeconds: quick ? 2 : 4,
      maxConcurrency: Math.max(2, cpus().length),
      timeoutSeconds: 30,
    }),
};

const selected = Object.keys(BENCHMARKS).filter((name) => !only || only.includes(name));
const unknown = (only ?? []).filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}

const started = performance.now();
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`Nivaran benchmarks${quick ? ' (quick)' : ''}: ${selected.join(', ')}\n${machine}\n`);

const results: BenchResult[] = [];
for (const name of selected) {
  const t0 = performance.now();
  // Other work on the machine (other sessions' test runs) shows in the load average.
  const load = loadavg()[0]!.toFixed(2);
  console.log(`> ${name} ... (load average ${load})`);
  try {
    const result = await BENCHMARKS[name]!();
    results.push(result);
  } catch (error) {
    const message = (error as Error).stack ?? String(error);
    console.error(`  ${name} failed: ${message}`);
    results.push({
      name,
      title: name,
      seconds: 0,
      rows: [],
      checks: [],
      notes: [],
      data: {},
      error: message,
    });
  }
  const last = results[results.length - 1]!;
  last.seconds = Math.round((performance.now() - t0) / 100) / 10;
  last.notes.push(`1-minute load average ${load} when it started, ${loadavg()[0]!.toFixed(2)} when it ended`);
  console.log(`  ${name} done in ${last.seconds}s`);
}

const totalSeconds = Math.round((performance.now() - started) / 1000);
console.log(`\n${renderTable(results)}\n`);
const checks = renderChecks(results);
if (checks) console.log(`Targets:\n${checks}\n`);
const notes = renderNotes(results);
if (notes) console.log(`Notes:\n${notes}\n`);
console.log(
  `Total ${totalSeconds}s (${selected.map((n) => `${n} ${results.find((r) => r.name === n)?.seconds ?? '?'}s`).join(', ')})`,
);

const file = resolve(import.meta.dirname, 'results.json');
await writeFile(
  file,
  `${JSON.stringify(
    {
      at: new Date().toISOString(),
      machine,
      quick,
      totalSeconds,
      results,
      table: renderTable(results),
    },
    null,
    2,
  )}\n`,
);
console.log(`Wrote ${file}`);
// Pollers, sockets and timers of the stopped clouds must not keep the process alive.
process.exit(0);

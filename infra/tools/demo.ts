import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MasterDataStore } from '../../shared/adapters/dynamodb/masterdata-store.ts';
import { RankingStore } from '../../shared/adapters/dynamodb/ranking-store.ts';
import { referenceItem } from '../../shared/adapters/dynamodb/reference-item.ts';
import type { Station } from '../../shared/domain/masterdata/types.ts';
import { isRankingMonth, previousMonth } from '../../shared/domain/ranking/index.ts';
import { totalMarksFor } from '../../shared/domain/ranking/policy.ts';
import { istMonth, istMonthRange } from '../../shared/domain/time/ist.ts';
import type { RankingJobResult } from '../../shared/use-cases/run-monthly-ranking.ts';
import { monthName } from '../../shared/views/exports/index.ts';
import { readCommandLine } from './cli.ts';
import { simulateMonth } from './demo/simulate.ts';
import { putAll } from './demo/write.ts';
import { connectLocal, progressBar, runRanking } from './run-ranking.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const HELP = `Fill the running local cloud with a simulated month and rank it: a first look at Nivaran.

  npm run demo [-- --references 20000] [--seed 2026] [--month yyyy-mm] [--api-url URL]

Writes references from every channel across all districts (skewed sizes), routed to the seeded
stations, with reports, returns, grades, feedback, reopenings, random checks and defaulters, each
with its history, as the running system would have stored them; then ranks the month, stores the
exports and prints where to open the report. Start \`npm start\` first.

  --references  how many references (default 20000)
  --seed        the simulation's seed (default 2026): the same seed gives the same month
  --month       the IST month to simulate (default: last month); events stop at now
  --api-url     the running \`npm start\` (default: its PORT, else the one DATA_DIR/local-cloud.json
                names, else port 3000)

Running it again with the same seed rewrites the same references and ranks the month again
(a new revision, so movement is measured against the month before, if ranked).
`;

interface DemoOptions {
  references: number;
  seed: number;
  month?: string;
  apiUrl?: string;
}

const number = (n: number) => n.toLocaleString('en-IN');

export async function runDemo(
  options: DemoOptions,
  out = (line: string) => process.stdout.write(`${line}\n`),
) {
  const started = Date.now();
  const now = new Date();
  const month = options.month ?? previousMonth(istMonth(now));
  if (istMonthRange(month).start.getTime() > now.getTime()) throw new Error(`${month} has not begun`);
  const target = await connectLocal(options.apiUrl);
  try {
    const masterData = new MasterDataStore(target.dynamodb, target.tableName);
    const [districts, categories] = await Promise.all([masterData.districts(), masterData.categories()]);
    if (districts.length === 0) throw new Error('the local table has no master data; is this npm start?');
    const stations: Station[] = (
      await Promise.all(districts.map((district) => masterData.stations(district.code)))
    ).flat();

    const { references, summary } = simulateMonth({
      month,
      now,
      seed: options.seed,
      references: options.references,
      districts,
      stations,
      categories,
    });
    const name = monthName(month).en;
    const open = references.length - (summary.byStatus.resolved ?? 0) - (summary.byStatus.closed ?? 0);
    out(
      `demo     ${name}: ${number(summary.references)} simulated references in ${districts.length} districts, ${number(stations.length)} stations (seed ${options.seed})`,
    );
    out(
      `         channels  ${Object.entries(summary.byChannel)
        .sort((a, b) => b[1] - a[1])
        .map(([channel, n]) => `${channel} ${number(n)}`)
        .join(' · ')}`,
    );
    out(
      `         districts ${summary.largestDistrict.code} has the most (${number(summary.largestDistrict.references)}), ${summary.smallestDistrict.code} the fewest (${number(summary.smallestDistrict.references)})`,
    );
    out(
      `         outcomes  ${number(summary.byStatus.resolved ?? 0)} resolved · ${number(summary.byStatus.closed ?? 0)} closed · ${number(open)} open · ${number(summary.defaulters)} defaulters · ${number(summary.returned)} returned · ${number(summary.reopened)} reopened · ${number(summary.triaged)} via triage`,
    );
    out(
      `         grades    A ${number(summary.grades.A ?? 0)} · B ${number(summary.grades.B ?? 0)} · C ${number(summary.grades.C ?? 0)}; feedback ${number(summary.feedback.satisfied)} satisfied · ${number(summary.feedback.unsatisfied)} not; random checks ${number(summary.randomChecks.drawn)} drawn (${number(summary.randomChecks.confirmed)} confirmed, ${number(summary.randomChecks.notConfirmed)} not)`,
    );

    const items = references.map((reference) => referenceItem(reference));
    const bar = progressBar('writing  references');
    await putAll(target.dynamodb, target.tableName, items, {
      onProgress: (written, total) => bar.update(written, total),
    });
    bar.done();
    out(`         ${number(references.length)} references written to ${target.description}`);

    const result = await runRanking({ month, target, out });
    for (const line of await chandauliTable(target, result)) out(line);
    out(`done     in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    target.close();
  }
}

/**
 * Chandauli's stations as the ranking left them: rank in district, references, volume group and
 * score, or why a station is not ranked (below the policy's minimum volume: too few references).
 */
export async function chandauliTable(
  target: Awaited<ReturnType<typeof connectLocal>>,
  result: RankingJobResult,
): Promise<string[]> {
  const store = new RankingStore(target.dynamodb, target.tableName);
  const stations = await store.units(result.month, result.policyVersion, result.revision, 'station', {
    district: 'chandauli',
  });
  const snapshotPolicy = (await store.header(result.month, result.policyVersion, result.revision))?.policy;
  const rules = snapshotPolicy?.ranking?.station;
  const total = snapshotPolicy ? totalMarksFor(snapshotPolicy, 'station') : 0;
  const lines = [
    `chandauli stations, ${result.policyVersion}${rules ? `: ranked within volume groups; fewer than ${rules.minimumReferences} references is not ranked` : ''}`,
    `  ${'rank'.padEnd(5)}${'station'.padEnd(34)}${'refs'.padStart(5)}  ${'group'.padEnd(8)}score`,
  ];
  for (const unit of stations) {
    const score =
      unit.notRanked === 'too-few-references'
        ? `not ranked: too few references (${unit.counts.references} < ${rules?.minimumReferences})`
        : unit.score === null
          ? 'not ranked: nothing to measure'
          : `${unit.score.toFixed(2)} / ${total}${unit.rank ? ` (rank ${unit.rank} in group statewide)` : ''}`;
    lines.push(
      `  ${String(unit.districtRank ?? '—').padEnd(5)}${unit.name.en.slice(0, 33).padEnd(34)}${String(unit.counts.references).padStart(5)}  ${(unit.group ?? '—').padEnd(8)}${score}`,
    );
  }
  return lines;
}

export function parseArguments(argv: readonly string[]): DemoOptions | string {
  const read = readCommandLine(
    argv,
    {
      references: { type: 'string' },
      seed: { type: 'string' },
      month: { type: 'string' },
      'api-url': { type: 'string' },
    },
    HELP,
    false,
  );
  if (typeof read === 'string') return read;
  const { values } = read;
  const whole = (flag: string, text: string, min: number, max: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`--${flag} must be a whole number ${min}-${max}`);
    return n;
  };
  try {
    const options: DemoOptions = {
      references:
        values.references === undefined ? 20_000 : whole('references', values.references, 1, 500_000),
      seed: values.seed === undefined ? 2026 : whole('seed', values.seed, 0, 2 ** 31),
    };
    if (values.month !== undefined) {
      if (!isRankingMonth(values.month)) throw new Error('--month must be yyyy-mm');
      options.month = values.month;
    }
    if (values['api-url'] !== undefined) options.apiUrl = values['api-url'];
    return options;
  } catch (error) {
    return `${(error as Error).message}\n\n${HELP}`;
  }
}

async function main() {
  const parsed = parseArguments(process.argv.slice(2));
  if (typeof parsed === 'string') {
    const help = parsed === HELP;
    (help ? process.stdout : process.stderr).write(`${parsed}\n`);
    process.exitCode = help ? 0 : 2;
    return;
  }
  try {
    await runDemo(parsed);
  } catch (error) {
    process.stderr.write(`demo: ${(error as Error).message}\n`);
    process.exitCode = (error as Error).message.startsWith('cannot reach') ? 2 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDerivedKeysStore } from '../../shared/adapters/dynamodb/derived-keys-store.ts';
import { MasterDataStore } from '../../shared/adapters/dynamodb/masterdata-store.ts';
import { PolicyStore } from '../../shared/adapters/dynamodb/policy-store.ts';
import { RankingStore } from '../../shared/adapters/dynamodb/ranking-store.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { isRankingMonth } from '../../shared/domain/ranking/index.ts';
import { istMonth } from '../../shared/domain/time/ist.ts';
import {
  type BackfillCounts,
  type BackfillResult,
  backfillDerivedKeys,
  DEFAULT_MONTHS_BACK,
  monthsBefore,
} from '../../shared/use-cases/backfill-derived-keys.ts';
import {
  backfillRankingCatalog,
  type RankingCatalogResult,
} from '../../shared/use-cases/backfill-ranking-catalog.ts';
import { findLocalCloud } from '../local/discovery.ts';
import { optionsOrUsage, readCommandLine } from './cli.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const HELP = `Once, after upgrading a stack deployed before 2026-12-07: give every stored reference the index
keys of the indexes that release added (retention, updated, the feedback call list), which the
references disposed or changed before the upgrade lack until their next change. Without them the
retention job never redacts those references and Open311 servicerequestupdates never lists them.
It also lists in the rankings catalog (GET /v1/rankings) the months ranked before that release.

  npm run backfill -- [--from yyyy-mm] [--district CODE ...] [--dry-run] [--concurrency 4]
                      [--api-url URL | --table NAME [--region ap-south-1]]

  --from         first IST month to walk (default: ${DEFAULT_MONTHS_BACK} months before the current one)
  --district     walk this district code (repeat for more) instead of every district in master data
  --dry-run      read and count what would change; write nothing
  --concurrency  month partitions worked on at once, each with one request in flight (1-16, default 4)
  --api-url      the running \`npm start\` (found as every tool finds it when not given)
  --table        the main DynamoDB table in AWS, with the default credential chain; --region
                 defaults to $AWS_REGION or ap-south-1

It reads each district's months through the \`month\` index (Queries, never a Scan), reads each
reference by key and writes only the index keys that are missing or differ, conditional on the
version it read: no version, time, history or other field changes. Safe while traffic flows (a
reference changed meanwhile is read again; one changed twice is counted as skipped: run again)
and safe to run twice (the second run writes nothing). The rankings catalog is walked for the same
months, state-wide (a Query of each month's snapshot headers per policy version).

Exit status: 0 done, 1 it failed, 2 usage or connection problem.
`;

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface BackfillToolOptions {
  from?: string;
  districts?: string[];
  dryRun?: boolean;
  concurrency?: number;
  apiUrl?: string;
  table?: string;
  region?: string;
}

/** Parses the command line; a string is a usage error (or the help) to print. */
export function parseArguments(argv: readonly string[]): BackfillToolOptions | string {
  const read = readCommandLine(
    argv,
    {
      from: { type: 'string' },
      district: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      concurrency: { type: 'string' },
      'api-url': { type: 'string' },
      table: { type: 'string' },
      region: { type: 'string' },
    },
    HELP,
    false,
  );
  if (typeof read === 'string') return read;
  const v = read.values;
  if (v.from !== undefined && !isRankingMonth(v.from)) return `--from must be a month, yyyy-mm\n\n${HELP}`;
  if (v.from !== undefined && v.from > istMonth(new Date()))
    return `--from ${v.from} has not begun\n\n${HELP}`;
  const concurrency = v.concurrency === undefined ? undefined : Number(v.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 16))
    return `--concurrency must be a whole number from 1 to 16\n\n${HELP}`;
  if (v.district?.some((code) => !/^[a-z0-9-]{1,64}$/.test(code)))
    return `--district takes a district code (lower-case letters, digits, -)\n\n${HELP}`;
  if (v.table && v['api-url']) return `give --api-url or --table, not both\n\n${HELP}`;
  return {
    ...(v.from ? { from: v.from } : {}),
    ...(v.district ? { districts: [...new Set(v.district)] } : {}),
    ...(v['dry-run'] ? { dryRun: true } : {}),
    ...(concurrency ? { concurrency } : {}),
    ...(v['api-url'] ? { apiUrl: v['api-url'] } : {}),
    ...(v.table ? { table: v.table } : {}),
    ...(v.region ? { region: v.region } : {}),
  };
}

export type BackfillToolResult = BackfillResult & { tableDescription: string; catalog: RankingCatalogResult };

/** Runs the backfill against the running local cloud or a deployed table. */
export async function backfill(options: BackfillToolOptions): Promise<BackfillToolResult> {
  let client: DynamoDBClient;
  let tableName: string;
  let tableDescription: string;
  if (options.table) {
    const region = options.region ?? process.env.AWS_REGION ?? 'ap-south-1';
    // More tries than the default 3: an on-demand table may throttle a burst well below its limits.
    client = new DynamoDBClient({ region, maxAttempts: 10 });
    tableName = options.table;
    tableDescription = `${tableName} (${region})`;
  } else {
    const info = await findLocalCloud(options.apiUrl);
    if (!info.dynamodbEndpoint || !info.tableNames?.main)
      throw new Error(`${info.apiUrl}/_local/info names no DynamoDB table`);
    client = new DynamoDBClient({
      endpoint: info.dynamodbEndpoint,
      region: 'ap-south-1',
      credentials: LOCAL_CREDENTIALS,
    });
    tableName = info.tableNames.main;
    tableDescription = `${tableName} at ${info.dynamodbEndpoint}`;
  }
  try {
    const result = await backfillDerivedKeys(
      {
        from: options.from ?? monthsBefore(istMonth(systemClock.now()), DEFAULT_MONTHS_BACK),
        ...(options.districts ? { districts: options.districts } : {}),
        ...(options.dryRun ? { dryRun: true } : {}),
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      },
      {
        masterData: new MasterDataStore(client, tableName),
        keys: new DynamoDerivedKeysStore(client, tableName),
        clock: systemClock,
      },
    );
    const policies = new PolicyStore(client, tableName);
    const catalog = await backfillRankingCatalog(
      { from: result.from, to: result.to, ...(options.dryRun ? { dryRun: true } : {}) },
      {
        rankings: new RankingStore(client, tableName),
        publishedVersions: async () => (await policies.list()).map((p) => p.policy.version),
      },
    );
    return { ...result, tableDescription, catalog };
  } finally {
    client.destroy();
  }
}

const byIndex = (counts: BackfillCounts) =>
  Object.entries(counts.byIndex)
    .map(([index, n]) => `${index} ${n}`)
    .join(', ');

/** What the tool prints: a line per district with references, then the totals. */
export function report(result: BackfillToolResult): string {
  const verb = result.dryRun ? 'would update' : 'updated';
  const lines = [
    `${result.dryRun ? 'dry run, nothing written: ' : ''}${result.tableDescription}, months ${result.from} to ${result.to}, ${Object.keys(result.byDistrict).length} district(s)`,
  ];
  for (const [code, c] of Object.entries(result.byDistrict)) {
    if (c.examined === 0) continue;
    lines.push(
      `${code}: ${c.examined} examined, ${c.updated} ${verb}, ${c.current} current, ${c.skipped} skipped`,
    );
  }
  lines.push(
    `examined      ${result.examined}`,
    `${verb.padEnd(13)} ${result.updated}${result.updated ? ` (index keys: ${byIndex(result)})` : ''}`,
    `current       ${result.current}`,
    `skipped       ${result.skipped}${result.skipped ? ' (changed twice while being read: run again to finish them)' : ''}`,
    `rankings      ${result.catalog.revisions} revision(s) of ${result.catalog.monthsRanked} month(s) ranked: ${result.catalog.added} ${result.dryRun ? 'would be added' : 'added'} to the catalog, ${result.catalog.listed} listed already`,
  );
  return lines.join('\n');
}

async function main() {
  const parsed = optionsOrUsage(process.argv.slice(2), parseArguments, HELP);
  if (!parsed) return;
  try {
    process.stdout.write(`${report(await backfill(parsed))}\n`);
  } catch (error) {
    process.stderr.write(`backfill: ${(error as Error).message}\n`);
    process.exitCode = (error as Error).name === 'LocalCloudNotFoundError' ? 2 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();

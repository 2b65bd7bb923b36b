import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { newS3Client } from '../../shared/adapters/aws/clients/s3.ts';
import { ExportsStore, exportKey } from '../../shared/adapters/s3/exports-store.ts';
import { monthlyRankingDeps } from '../../shared/adapters/wiring/ranking-wiring.ts';
import { formatIst } from '../../shared/domain/time/ist.ts';
import {
  monthToRank,
  RankingJobError,
  type RankingJobResult,
  runMonthlyRanking,
} from '../../shared/use-cases/run-monthly-ranking.ts';
import { findLocalCloud } from '../local/discovery.ts';
import { isHelp, readCommandLine } from './cli.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const HELP = `Rank a month by hand: score every district and station, store the snapshot as a new
revision and write the CSV, JSON and HTML exports, as the monthly schedule does.

  npm run ranking -- <yyyy-mm> [--api-url URL]
  npm run ranking -- <yyyy-mm> --table NAME --bucket NAME [--region ap-south-1]

  <yyyy-mm>   the IST month to rank (any month that has begun; counts are taken as of now)
  --api-url   the running \`npm start\` (default: its PORT, else the one DATA_DIR/local-cloud.json
              names, else port 3000); its GET /_local/info names the table and exports bucket
  --table     rank in AWS instead: the main DynamoDB table and (--bucket) the exports bucket,
              reached with the default credential chain; --region defaults to $AWS_REGION or ap-south-1

The local scheduler can also run the deployed function for a month:
  curl -X POST http://127.0.0.1:3000/_local/schedules/monthlyRanking -d '{"month":"2026-10"}'

Exit status: 0 ranked, 1 the run failed, 2 usage or connection problem.
`;

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export interface RankingTarget {
  dynamodb: DynamoDBClient;
  tableName: string;
  s3: S3Client;
  bucket: string;
  /** The local API, when ranking against `npm start`. */
  apiUrl?: string;
  description: string;
  close(): void;
}

/** The running local cloud, found as every tool finds it (infra/local/discovery.ts). */
export async function connectLocal(apiUrl?: string): Promise<RankingTarget> {
  const info = await findLocalCloud(apiUrl);
  const base = info.apiUrl;
  const tableName = info.tableNames?.main;
  const bucket = info.buckets?.exports;
  if (!info.dynamodbEndpoint || !tableName) throw new Error(`${base}/_local/info names no DynamoDB table`);
  if (!info.sqsEndpoint || !bucket)
    throw new Error(`${base}/_local/info names no exports bucket; restart npm start to pick up the ranking`);
  const dynamodb = new DynamoDBClient({
    endpoint: info.dynamodbEndpoint,
    region: 'ap-south-1',
    credentials: LOCAL_CREDENTIALS,
  });
  const s3 = newS3Client({
    endpoint: info.sqsEndpoint,
    region: 'ap-south-1',
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
  return {
    dynamodb,
    tableName,
    s3,
    bucket,
    apiUrl: base,
    description: `${tableName} at ${info.dynamodbEndpoint}`,
    close: () => {
      dynamodb.destroy();
      s3.destroy();
    },
  };
}

function connectAws(table: string, bucket: string, region?: string): RankingTarget {
  const r = region ?? process.env.AWS_REGION ?? 'ap-south-1';
  const dynamodb = new DynamoDBClient({ region: r });
  const s3 = newS3Client({ region: r });
  return {
    dynamodb,
    tableName: table,
    s3,
    bucket,
    description: `${table} (${r})`,
    close: () => {
      dynamodb.destroy();
      s3.destroy();
    },
  };
}

const number = (n: number) => n.toLocaleString('en-IN');

/** A one-line progress bar: redrawn in place on a terminal, a line per quarter otherwise. */
export function progressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): { update(done: number, total: number, detail?: string): void; done(): void } {
  const started = Date.now();
  let lastQuarter = -1;
  let drawn = false;
  return {
    update(done, total, detail = '') {
      const share = total === 0 ? 1 : done / total;
      const width = 24;
      const filled = Math.round(share * width);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const line = `${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}${detail ? ` · ${detail}` : ''} · ${seconds} s`;
      if (stream.isTTY) {
        stream.write(`\r${line}\x1b[K`);
        drawn = true;
      } else {
        const quarter = Math.floor(share * 4);
        if (quarter !== lastQuarter) {
          lastQuarter = quarter;
          stream.write(`${line}\n`);
        }
      }
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}

/** The admin token the running `npm start` uses: ADMIN_TOKEN, else the one it generated under DATA_DIR. */
export function localAdminToken(): string | undefined {
  if (process.env.ADMIN_TOKEN) return process.env.ADMIN_TOKEN;
  const file = join(resolve(process.env.DATA_DIR ?? '.data'), 'secrets.json');
  if (!existsSync(file)) return undefined;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>).adminToken;
  } catch {
    return undefined;
  }
}

/** Whether the API takes the token (so a printed curl line works as is). */
async function tokenWorks(apiUrl: string, month: string, token: string): Promise<boolean> {
  try {
    const response = await fetch(`${apiUrl}/v1/rankings/${month}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Lines telling a person where the run's report is: a presigned S3 URL and the admin API. */
export async function whereToLook(target: RankingTarget, result: RankingJobResult): Promise<string[]> {
  const ref = { month: result.month, policyVersion: result.policyVersion, revision: result.revision };
  const store = new ExportsStore(target.s3, target.bucket);
  const local = target.apiUrl !== undefined;
  const expires = local ? 7 * 24 * 3600 : 3600;
  const report = await store.presignedUrl(exportKey(ref, 'district', 'html'), { expiresInSeconds: expires });
  const lines = [
    `exports  s3://${target.bucket}/${result.exports.prefix}`,
    ...result.exports.files.map(
      (f) =>
        `           ${f.key.slice(result.exports.prefix.length).padEnd(16)} ${number(Math.ceil(f.bytes / 1024))} KB`,
    ),
    `report   ${report}`,
    `         (the printable HTML report: open it in a browser; the link works for ${local ? '7 days' : 'an hour'})`,
  ];
  if (target.apiUrl) {
    const token = localAdminToken();
    const usable = token && (await tokenWorks(target.apiUrl, result.month, token));
    const shown = usable ? token : '<the admin token npm start printed>';
    const url = `${target.apiUrl}/v1/rankings/${result.month}`;
    lines.push(
      `api      ${url}?format=html  (administrators only)`,
      `         curl -H "Authorization: Bearer ${shown}" "${url}?format=html" -o ranking-${result.month}.html`,
      `         curl -H "Authorization: Bearer ${shown}" "${url}?level=station&district=chandauli&format=csv" -OJ`,
    );
  }
  return lines;
}

export interface RunRankingOptions {
  month: string;
  apiUrl?: string;
  table?: string;
  bucket?: string;
  region?: string;
  out?: (line: string) => void;
  /** Use an already open target (the demo passes its own). */
  target?: RankingTarget;
}

/** Ranks the month against the target with a progress bar, then says where the exports are. */
export async function runRanking(options: RunRankingOptions): Promise<RankingJobResult> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const asOf = new Date();
  const month = monthToRank({ month: options.month }, asOf);
  const target =
    options.target ??
    (options.table
      ? connectAws(options.table, options.bucket ?? '', options.region)
      : await connectLocal(options.apiUrl));
  try {
    out(`ranking  ${month} in ${target.description}, counts as of ${formatIst(asOf, 'en')}`);
    const bar = progressBar('         districts');
    const result = await runMonthlyRanking(
      {
        month,
        asOf,
        onProgress: (p) =>
          bar.update(
            p.districtsDone,
            p.totalDistricts,
            `${number(p.referencesRead)} references · ${p.districtCode}`,
          ),
      },
      monthlyRankingDeps(target),
    );
    bar.done();
    out(
      `stored   revision ${result.revision} of ${result.month} under policy ${result.policyVersion}: ${number(result.counted)} references counted, ${result.rankedDistricts} of ${result.districts} districts and ${number(result.rankedStations)} of ${number(result.stations)} stations ranked, in ${(result.durationMs / 1000).toFixed(1)} s`,
    );
    if (result.previous)
      out(
        `         movement and streaks against ${result.previous.month} (revision ${result.previous.revision})`,
      );
    for (const line of await whereToLook(target, result)) out(line);
    return result;
  } finally {
    if (!options.target) target.close();
  }
}

/** Parses the command line; a string is a usage error (or the help) to print. */
export function parseArguments(argv: readonly string[]): RunRankingOptions | string {
  const read = readCommandLine(
    argv,
    {
      'api-url': { type: 'string' },
      table: { type: 'string' },
      bucket: { type: 'string' },
      region: { type: 'string' },
    },
    HELP,
  );
  if (typeof read === 'string') return read;
  const { values, positionals } = read;
  const options: Partial<RunRankingOptions> = {
    ...(values['api-url'] !== undefined ? { apiUrl: values['api-url'] } : {}),
    ...(values.table !== undefined ? { table: values.table } : {}),
    ...(values.bucket !== undefined ? { bucket: values.bucket } : {}),
    ...(values.region !== undefined ? { region: values.region } : {}),
  };
  const [month, ...rest] = positionals;
  if (!month || rest.length > 0) return HELP;
  if (options.table && options.apiUrl) return `give --api-url or --table, not both\n\n${HELP}`;
  if (Boolean(options.table) !== Boolean(options.bucket))
    return `--table and --bucket go together\n\n${HELP}`;
  if (options.region && !options.table) return `--region goes with --table\n\n${HELP}`;
  return { ...options, month };
}

async function main() {
  const parsed = parseArguments(process.argv.slice(2));
  if (typeof parsed === 'string') {
    const help = parsed === HELP && isHelp(process.argv.slice(2));
    (help ? process.stdout : process.stderr).write(`${parsed}\n`);
    process.exitCode = help ? 0 : 2;
    return;
  }
  try {
    await runRanking(parsed);
  } catch (error) {
    process.stderr.write(`ranking: ${(error as Error).message}\n`);
    process.exitCode =
      error instanceof RankingJobError || (error as Error).message.startsWith('cannot reach') ? 2 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();

import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  deleteItems,
  MasterDataStore,
  masterDataItems,
  writeItems,
} from '../../shared/adapters/dynamodb/masterdata-store.ts';
import type { Officer, Station } from '../../shared/domain/masterdata/types.ts';
import { findLocalCloud, type LocalCloudInfo } from '../local/discovery.ts';
import { isHelp, readCommandLine } from './cli.ts';
import {
  COLUMNS,
  type ExistingMasterData,
  formatRowError,
  isMasterDataKind,
  MASTER_DATA_KINDS,
  type MasterDataKind,
  type MasterDataPlan,
  planMasterData,
  type RowError,
  readMasterDataCsv,
  referencedDistricts,
} from './load-masterdata/csv-import.ts';
import { loadPostOffices, POST_OFFICES_KIND } from './load-masterdata/post-offices.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const HELP = `Load master data from a CSV file into Nivaran's table.

  npm run masterdata:load -- <kind> <file.csv> [--dry-run]
                             [--api-url URL | --table NAME [--region ap-south-1]]

  kind        ${MASTER_DATA_KINDS.join(' | ')} | ${POST_OFFICES_KIND}
  --dry-run   check every row and show what would change; write nothing
  --api-url   the running \`npm start\` to load into (default: its PORT, else the one
              DATA_DIR/local-cloud.json names, else port 3000)
  --table     load into this DynamoDB table in AWS instead, with the default credential chain
              (AWS_PROFILE, environment, SSO, instance role); --region defaults to $AWS_REGION
              or ap-south-1

Columns (header row required, any order, values trimmed; lists separated by ';', PIN codes
also by spaces):
  districts      ${COLUMNS.districts.required.join(', ')}
  stations       ${COLUMNS.stations.required.join(', ')}, [action: upsert|delete]
  jurisdictions  ${COLUMNS.jurisdictions.required.join(', ')}, pin_code and/or locality
  officers       ${COLUMNS.officers.required.join(', ')}, [action: upsert|delete]
  post-offices   not CSV: the tab-separated file infra/local/seed/up-post-offices.tsv (GeoNames,
                 CC BY 4.0), which places a position or PIN code in a district

Every row is checked before anything is written. Errors print as file.csv:LINE: column: message,
LINE being where the record starts; if any row is bad the command exits 1 and writes nothing.

Writes are not one transaction: if a load stops half-way (network, Ctrl-C), part of it may be
applied. Loading is idempotent, so run the same file again and the table converges on it. A
station's own item is written last, so a re-run still sees what an interrupted one had to undo.

Exit status: 0 loaded (or dry run passed), 1 the file has errors, 2 usage or connection problem.
`;

export interface LoadOptions {
  kind: MasterDataKind | typeof POST_OFFICES_KIND;
  file: string;
  dryRun?: boolean;
  /** The running local cloud (default: found as infra/local/discovery.ts says). Ignored when `table` is given. */
  apiUrl?: string;
  /** An AWS DynamoDB table, reached with the default credential chain. */
  table?: string;
  region?: string;
  /** Progress and summary lines; default stdout. */
  out?: (line: string) => void;
  /** Error lines; default stderr. */
  err?: (line: string) => void;
}

export interface LoadResult {
  ok: boolean;
  /** 0 loaded or dry run passed, 1 the file has errors, 2 usage or connection problem. */
  exitCode: 0 | 1 | 2;
  /** Row errors, sorted by line. */
  errors: RowError[];
  /** The same, as printed: `file.csv:LINE: column: message`. */
  messages: string[];
  plan?: MasterDataPlan;
  /** Items put and deleted (0 on a dry run or a rejected file). */
  written: number;
  deleted: number;
}

export interface Target {
  client: DynamoDBClient;
  tableName: string;
  description: string;
}

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export async function connect(options: LoadOptions): Promise<Target> {
  if (options.table) {
    const region = options.region ?? process.env.AWS_REGION ?? 'ap-south-1';
    return {
      client: new DynamoDBClient({ region }),
      tableName: options.table,
      description: `${options.table} (${region})`,
    };
  }
  let info: LocalCloudInfo;
  try {
    info = await findLocalCloud(options.apiUrl);
  } catch (error) {
    throw new Error(`${(error as Error).message}; or pass --table NAME to load into AWS`);
  }
  const tableName = info.tableNames?.main;
  if (!info.dynamodbEndpoint || !tableName)
    throw new Error(`${info.apiUrl}/_local/info names no DynamoDB table`);
  return {
    client: new DynamoDBClient({
      endpoint: info.dynamodbEndpoint,
      region: 'ap-south-1',
      credentials: LOCAL_CREDENTIALS,
    }),
    tableName,
    description: `${tableName} at ${info.dynamodbEndpoint}`,
  };
}

async function readExisting(store: MasterDataStore, districtCodes: string[]): Promise<ExistingMasterData> {
  const districts = new Map((await store.districts()).map((d) => [d.code, d]));
  const named = districtCodes.filter((code) => districts.has(code));
  const stations = new Map<string, Station>();
  const officers = new Map<string, Officer>();
  await Promise.all(
    named.map(async (code) => {
      const [s, o] = await Promise.all([store.stations(code), store.officers(code)]);
      for (const station of s) stations.set(station.code, station);
      for (const officer of o) officers.set(officer.id, officer);
    }),
  );
  return { districts, stations, officers };
}

/** The plan as put and delete item lists, in the two phases the write goes through. */
function planItems(plan: MasterDataPlan) {
  const derived = (stations: readonly Station[]) =>
    masterDataItems([], stations, []).filter((item) => item.itemType !== 'station');
  const own = (stations: readonly Station[]) =>
    masterDataItems([], stations, []).filter((item) => item.itemType === 'station');
  return {
    // Phase 1: districts, officers, and the PIN / locality entries of stations.
    first: {
      put: [...masterDataItems(plan.districts.put, [], [], plan.officers.put), ...derived(plan.stations.put)],
      delete: [
        ...masterDataItems([], [], [], plan.officers.remove),
        ...derived(plan.stations.stale),
        ...derived(plan.stations.remove),
      ],
    },
    // Phase 2: the stations' own items, which say what their entries should be. Written last, so a
    // re-run after an interruption reads the old station and redoes the same entry changes.
    last: { put: own(plan.stations.put), delete: own(plan.stations.remove) },
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function describePlan(plan: MasterDataPlan, existing: ExistingMasterData): string[] {
  const lines: string[] = [];
  const count = <T>(items: readonly T[], isNew: (item: T) => boolean) => {
    const fresh = items.filter(isNew).length;
    return `${items.length} upserted (${fresh} new, ${items.length - fresh} replaced)`;
  };
  if (plan.districts.put.length > 0)
    lines.push(`districts: ${count(plan.districts.put, (d) => !existing.districts.has(d.code))}`);
  if (plan.kind === 'jurisdictions') {
    const pins = plan.stations.put.reduce(
      (n, s) => n + s.pinCodes.filter((p) => !existing.stations.get(s.code)?.pinCodes.includes(p)).length,
      0,
    );
    const localities = plan.stations.put.reduce(
      (n, s) => n + s.localities.filter((l) => !existing.stations.get(s.code)?.localities.includes(l)).length,
      0,
    );
    lines.push(
      `jurisdictions: ${plural(plan.stations.put.length, 'station')}, ${plural(pins, 'PIN code')} and ${plural(localities, 'locality', 'localities')} added`,
    );
  } else if (plan.stations.put.length + plan.stations.remove.length > 0) {
    lines.push(
      `stations: ${count(plan.stations.put, (s) => !existing.stations.has(s.code))}, ${plan.stations.remove.length} deleted`,
    );
  }
  if (plan.officers.put.length + plan.officers.remove.length > 0)
    lines.push(
      `officers: ${count(plan.officers.put, (o) => !existing.officers.has(o.id))}, ${plan.officers.remove.length} deleted`,
    );
  return lines;
}

/** Checks the whole file, then (unless a dry run or a bad row) applies it. Never exits the process. */
export async function loadMasterData(options: LoadOptions): Promise<LoadResult> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (options.kind === POST_OFFICES_KIND)
    return loadPostOffices({ ...options, kind: POST_OFFICES_KIND }, connect);
  const kind = options.kind;
  const name = basename(options.file);
  const failed = (exitCode: 1 | 2, errors: RowError[], plan?: MasterDataPlan): LoadResult => {
    const messages = errors.map((e) => formatRowError(name, e));
    for (const message of messages) err(message);
    if (exitCode === 1) {
      const lines = new Set(errors.map((e) => e.line)).size;
      err(
        `${name}: ${errors.length} error${errors.length === 1 ? '' : 's'} on ${lines} line${lines === 1 ? '' : 's'}; nothing was written`,
      );
    }
    return { ok: false, exitCode, errors, messages, plan, written: 0, deleted: 0 };
  };

  let text: string;
  try {
    const bytes = await readFile(options.file);
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    if (error instanceof TypeError) {
      return failed(1, [
        {
          line: 1,
          column: 'row',
          message: 'the file is not UTF-8 text; save it as "CSV UTF-8 (comma delimited)"',
        },
      ]);
    }
    err(`${name}: cannot read ${options.file}: ${(error as Error).message}`);
    return failed(2, []);
  }

  const table = readMasterDataCsv(kind, text);
  // A broken header means no row can be read; say so without touching the database.
  if (table.errors.some((e) => e.column === 'header')) return failed(1, table.errors);

  let target: Target;
  try {
    target = await connect(options);
  } catch (error) {
    err(`${name}: ${(error as Error).message}`);
    return failed(2, []);
  }
  try {
    const store = new MasterDataStore(target.client, target.tableName);
    const existing = await readExisting(store, referencedDistricts(table));
    const { errors, plan } = planMasterData(table, existing);
    if (errors.length > 0) return failed(1, errors, plan);

    out(`${name}: ${plan.rows} row${plan.rows === 1 ? '' : 's'} of ${kind}, all valid`);
    for (const note of plan.notes) out(`  note: ${note}`);
    const summary = describePlan(plan, existing);
    const items = planItems(plan);
    const puts = items.first.put.length + items.last.put.length;
    const deletes = items.first.delete.length + items.last.delete.length;
    if (options.dryRun) {
      for (const line of summary) out(`  would change ${line}`);
      out(
        `  dry run: would put ${puts} and delete ${deletes} items in ${target.description}; nothing written`,
      );
      return { ok: true, exitCode: 0, errors: [], messages: [], plan, written: 0, deleted: 0 };
    }
    await deleteItems(target.client, target.tableName, items.first.delete);
    await writeItems(target.client, target.tableName, items.first.put);
    await deleteItems(target.client, target.tableName, items.last.delete);
    await writeItems(target.client, target.tableName, items.last.put);
    for (const line of summary) out(`  ${line}`);
    out(`  put ${puts} and deleted ${deletes} items in ${target.description}`);
    if (!options.table)
      out(
        '  the running functions cache master data for up to 5 minutes; restart npm start to see it at once',
      );
    return { ok: true, exitCode: 0, errors: [], messages: [], plan, written: puts, deleted: deletes };
  } catch (error) {
    err(`${name}: ${(error as Error).message}`);
    err(`${name}: the load stopped part-way; run the same command again to finish it`);
    return failed(2, []);
  } finally {
    target.client.destroy();
  }
}

/** Parses the command line; a string is a usage error to print. */
export function parseArguments(argv: readonly string[]): LoadOptions | string {
  const read = readCommandLine(
    argv,
    {
      'dry-run': { type: 'boolean' },
      'api-url': { type: 'string' },
      table: { type: 'string' },
      region: { type: 'string' },
    },
    HELP,
  );
  if (typeof read === 'string') return read;
  const { values, positionals } = read;
  const options: Partial<LoadOptions> = {
    ...(values['dry-run'] ? { dryRun: true } : {}),
    ...(values['api-url'] !== undefined ? { apiUrl: values['api-url'] } : {}),
    ...(values.table !== undefined ? { table: values.table } : {}),
    ...(values.region !== undefined ? { region: values.region } : {}),
  };
  const [kind, file, ...rest] = positionals;
  if (!kind || !file || rest.length > 0) return HELP;
  if (!isMasterDataKind(kind) && kind !== POST_OFFICES_KIND)
    return `unknown kind '${kind}'; use one of ${MASTER_DATA_KINDS.join(', ')}\n\n${HELP}`;
  if (options.table && options.apiUrl) return `give --api-url or --table, not both\n\n${HELP}`;
  if (options.region && !options.table) return `--region goes with --table\n\n${HELP}`;
  return { ...options, kind, file };
}

async function main() {
  const parsed = parseArguments(process.argv.slice(2));
  if (typeof parsed === 'string') {
    const help = parsed === HELP && isHelp(process.argv.slice(2));
    (help ? process.stdout : process.stderr).write(`${parsed}\n`);
    process.exitCode = help ? 0 : 2;
    return;
  }
  const result = await loadMasterData(parsed);
  process.exitCode = result.exitCode;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();

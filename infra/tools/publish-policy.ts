import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PolicyStore } from '../../shared/adapters/dynamodb/policy-store.ts';
import { RankingStore } from '../../shared/adapters/dynamodb/ranking-store.ts';
import { parsePolicy } from '../../shared/triggers/http/api/policy-schema.ts';
import { HttpProblem } from '../../shared/triggers/http/problem.ts';
import { PolicyConflictError, publishPolicy } from '../../shared/use-cases/publish-policy.ts';
import { optionsOrUsage, readCommandLine } from './cli.ts';
import { connectLocal, type RankingTarget } from './run-ranking.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const HELP = `Publish a new scoring policy version for the monthly ranking, without a code change.

  npm run ranking:policy -- <policy.json> [--dry-run] [--api-url URL]
  npm run ranking:policy -- <policy.json> --table NAME [--region ap-south-1] [--dry-run]

  <policy.json>  the policy, as the "policy" of any ranking export shows one: version, effectiveFrom
                 (yyyy-mm), name, totalMarks, priorityChannels, parameters, emptyRule, ties, and
                 optionally stations, ranking, defaulterCharge, feedbackChannels
  --dry-run      check it (shape, rules, version and month free, month not yet ranked); store nothing
  --api-url      the running \`npm start\` (found as every tool finds it)
  --table        publish to a deployed main table instead (default credentials; --region)

The same check and store as POST /v1/rankings/policies. A policy is immutable once published: a
new version with a later effectiveFrom replaces it from that month.

Exit status: 0 published (or valid, with --dry-run), 1 refused, 2 usage or connection problem.
`;

export interface PublishOptions {
  file: string;
  dryRun?: boolean;
  apiUrl?: string;
  table?: string;
  region?: string;
}

/** Every problem with the file, one per line, as `file: /pointer: message`. */
function describe(file: string, error: unknown): string[] {
  if (error instanceof HttpProblem)
    return (error.options.errors ?? [{ pointer: '', code: error.code, message: error.title }]).map(
      (e) => `${file}: ${e.pointer || '/'}: ${e.message.en} (${e.code})`,
    );
  if (error instanceof PolicyConflictError) return [`${file}: ${error.explanation.en} (${error.code})`];
  throw error;
}

/** Checks and publishes the policy file into the target's table; lines to print, and whether it went. */
export async function publishPolicyFile(
  options: PublishOptions,
  target: Pick<RankingTarget, 'dynamodb' | 'tableName'>,
): Promise<{ ok: boolean; lines: string[] }> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(options.file, 'utf8'));
  } catch (error) {
    return { ok: false, lines: [`${options.file}: not a readable JSON file (${(error as Error).message})`] };
  }
  try {
    const policy = parsePolicy(data);
    const published = await publishPolicy(
      policy,
      `tool:${process.env.USER ?? 'unknown'}`,
      {
        policies: new PolicyStore(target.dynamodb, target.tableName),
        rankedMonths: async () =>
          (await new RankingStore(target.dynamodb, target.tableName).catalog()).map((e) => e.month),
        clock: { now: () => new Date() },
      },
      { dryRun: options.dryRun === true },
    );
    return {
      ok: true,
      lines: [
        options.dryRun
          ? `valid    ${published.version}, effective from ${published.effectiveFrom} (dry run: nothing stored)`
          : `published ${published.version}, effective from ${published.effectiveFrom}, at ${published.publishedAt}`,
      ],
    };
  } catch (error) {
    return { ok: false, lines: describe(options.file, error) };
  }
}

export function parseArguments(argv: readonly string[]): PublishOptions | string {
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
  const [file, ...rest] = positionals;
  if (!file || rest.length > 0) return HELP;
  if (values.table && values['api-url']) return `give --api-url or --table, not both\n\n${HELP}`;
  if (values.region && !values.table) return `--region goes with --table\n\n${HELP}`;
  return {
    file,
    ...(values['dry-run'] ? { dryRun: true } : {}),
    ...(values['api-url'] !== undefined ? { apiUrl: values['api-url'] } : {}),
    ...(values.table !== undefined ? { table: values.table } : {}),
    ...(values.region !== undefined ? { region: values.region } : {}),
  };
}

async function main() {
  const parsed = optionsOrUsage(process.argv.slice(2), parseArguments, HELP);
  if (!parsed) return;
  let target: Pick<RankingTarget, 'dynamodb' | 'tableName' | 'close'>;
  try {
    if (parsed.table) {
      const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
      const dynamodb = new DynamoDBClient({
        region: parsed.region ?? process.env.AWS_REGION ?? 'ap-south-1',
      });
      target = { dynamodb, tableName: parsed.table, close: () => dynamodb.destroy() };
    } else target = await connectLocal(parsed.apiUrl);
  } catch (error) {
    process.stderr.write(`ranking:policy: ${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    const { ok, lines } = await publishPolicyFile(parsed, target);
    for (const line of lines) (ok ? process.stdout : process.stderr).write(`${line}\n`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    target.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();

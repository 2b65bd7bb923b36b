import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { newS3Client } from '../../shared/adapters/aws/clients/s3.ts';
import { retentionDeps } from '../../shared/adapters/wiring/retention-wiring.ts';
import type { MobileHasher } from '../../shared/domain/ports.ts';
import { mobileHashes, parseMobileHashKeyring } from '../../shared/domain/reference/mobile-hash.ts';
import { checkReferenceNumber } from '../../shared/domain/reference/reference-number.ts';
import {
  ERASURE_REASONS,
  type ErasureAudit,
  type ErasureReason,
  type ErasureRequest,
  eraseComplainant,
} from '../../shared/use-cases/erase-complainant.ts';
import { findLocalCloud } from '../local/discovery.ts';
import { optionsOrUsage, readCommandLine } from './cli.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const HELP = `Erase a complainant's personal data now, as the retention schedule does after its windows,
and record an audit entry (who, when, why; no personal data). The same as POST /v1/admin/erasures.

  npm run erase -- (--reference NO | --mobile NO) --reason REASON --operator ID [--request-ref REF]
                   [--api-url URL | --table NAME --bucket NAME [--mobile-hash-secret ID] [--region ap-south-1]]

  --reference    one reference number
  --mobile       every reference filed from this mobile number (10 digits, +91 optional)
  --reason       ${ERASURE_REASONS.join(' | ')}
  --operator     your staff or post id, recorded in the audit entry
  --request-ref  the request's own number (a letter, RTI or grievance number)
  --api-url      the running \`npm start\` (found as every tool finds it when not given)
  --table        erase in AWS instead: the main table and (--bucket) the attachments bucket,
                 with the default credential chain; --region defaults to $AWS_REGION or ap-south-1
  --mobile-hash-secret  with --table and --mobile: the mobileHashKey secret's id or ARN (numbers are
                 stored only as keyed hashes, so finding a number's references needs its keyring)

Exit status: 0 erased, 1 it failed, 2 usage or connection problem, 3 no such reference.
`;

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface EraseOptions {
  request: ErasureRequest;
  apiUrl?: string;
  table?: string;
  bucket?: string;
  region?: string;
  mobileHashSecret?: string;
}

/** Parses the command line; a string is a usage error (or the help) to print. */
export function parseArguments(argv: readonly string[]): EraseOptions | string {
  const read = readCommandLine(
    argv,
    {
      reference: { type: 'string' },
      mobile: { type: 'string' },
      reason: { type: 'string' },
      operator: { type: 'string' },
      'request-ref': { type: 'string' },
      'api-url': { type: 'string' },
      table: { type: 'string' },
      bucket: { type: 'string' },
      region: { type: 'string' },
      'mobile-hash-secret': { type: 'string' },
    },
    HELP,
    false,
  );
  if (typeof read === 'string') return read;
  const v = read.values;
  if (Boolean(v.reference) === Boolean(v.mobile))
    return `give --reference or --mobile, one of them\n\n${HELP}`;
  if (!v.reason || !ERASURE_REASONS.includes(v.reason as ErasureReason))
    return `--reason must be one of ${ERASURE_REASONS.join(', ')}\n\n${HELP}`;
  if (!v.operator || !/^[A-Za-z0-9._@-]{2,64}$/.test(v.operator))
    return `--operator needs your staff or post id (letters, digits, . _ @ -)\n\n${HELP}`;
  if (v['request-ref'] !== undefined && !/^[A-Za-z0-9/._-]{1,64}$/.test(v['request-ref']))
    return `--request-ref may hold letters, digits and / . _ - (at most 64)\n\n${HELP}`;
  if (v.table && v['api-url']) return `give --api-url or --table, not both\n\n${HELP}`;
  if (Boolean(v.table) !== Boolean(v.bucket)) return `--table and --bucket go together\n\n${HELP}`;
  if (v.table && v.mobile && !v['mobile-hash-secret'])
    return `--mobile with --table needs --mobile-hash-secret\n\n${HELP}`;
  let target: ErasureRequest['target'];
  if (v.reference) {
    const checked = checkReferenceNumber(v.reference);
    if (!checked.ok) return `--reference: not a reference number (${checked.problem})\n\n${HELP}`;
    target = { referenceNo: checked.value };
  } else {
    const digits = v.mobile!.replace(/[\s()-]/g, '');
    if (!/^(?:\+91|91|0)?[6-9]\d{9}$/.test(digits)) return `--mobile: not an Indian mobile number\n\n${HELP}`;
    target = { mobile: `+91${digits.slice(-10)}` };
  }
  return {
    request: {
      target,
      reason: v.reason as ErasureReason,
      operator: v.operator,
      ...(v['request-ref'] ? { requestRef: v['request-ref'] } : {}),
    },
    ...(v['api-url'] ? { apiUrl: v['api-url'] } : {}),
    ...(v.table ? { table: v.table, bucket: v.bucket! } : {}),
    ...(v.region ? { region: v.region } : {}),
    ...(v['mobile-hash-secret'] ? { mobileHashSecret: v['mobile-hash-secret'] } : {}),
  };
}

/** Hashes a mobile under the keyring read once from Secrets Manager (local or AWS). */
function keyringHasher(client: SecretsManagerClient, secretId: string): MobileHasher {
  return {
    async hashes(mobile) {
      const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      if (!SecretString) throw new Error(`secret ${secretId} has no value`);
      return mobileHashes(mobile, parseMobileHashKeyring(SecretString));
    },
  };
}

/** Erases against the running local cloud or a deployed table; the audit entry, or undefined for an unknown reference. */
export async function erase(options: EraseOptions): Promise<ErasureAudit | undefined> {
  let dynamodb: DynamoDBClient;
  let s3: ReturnType<typeof newS3Client>;
  let tableName: string;
  let attachmentsBucket: string;
  let mobileHasher: MobileHasher | undefined;
  if (options.table) {
    const region = options.region ?? process.env.AWS_REGION ?? 'ap-south-1';
    dynamodb = new DynamoDBClient({ region });
    s3 = newS3Client({ region });
    tableName = options.table;
    attachmentsBucket = options.bucket!;
    if (options.mobileHashSecret)
      mobileHasher = keyringHasher(new SecretsManagerClient({ region }), options.mobileHashSecret);
  } else {
    const info = await findLocalCloud(options.apiUrl);
    if (!info.dynamodbEndpoint || !info.tableNames?.main || !info.sqsEndpoint || !info.buckets?.attachments)
      throw new Error(`${info.apiUrl}/_local/info names no table or attachments bucket`);
    dynamodb = new DynamoDBClient({
      endpoint: info.dynamodbEndpoint,
      region: 'ap-south-1',
      credentials: LOCAL_CREDENTIALS,
    });
    s3 = newS3Client({
      endpoint: info.sqsEndpoint,
      region: 'ap-south-1',
      credentials: LOCAL_CREDENTIALS,
      forcePathStyle: true,
    });
    tableName = info.tableNames.main;
    attachmentsBucket = info.buckets.attachments;
    const hashSecret = info.secretNames?.mobileHashKey;
    if (info.secretsEndpoint && hashSecret)
      mobileHasher = keyringHasher(
        new SecretsManagerClient({
          endpoint: info.secretsEndpoint,
          region: 'ap-south-1',
          credentials: LOCAL_CREDENTIALS,
        }),
        hashSecret,
      );
  }
  try {
    const result = await eraseComplainant(
      options.request,
      retentionDeps({
        dynamodb,
        tableName,
        s3,
        attachmentsBucket,
        ...(mobileHasher ? { mobileHasher } : {}),
      }),
    );
    return result.kind === 'erased' ? result.audit : undefined;
  } finally {
    dynamodb.destroy();
    s3.destroy();
  }
}

async function main() {
  const parsed = optionsOrUsage(process.argv.slice(2), parseArguments, HELP);
  if (!parsed) return;
  try {
    const audit = await erase(parsed);
    if (!audit) {
      process.stderr.write('erase: no reference with this number\n');
      process.exitCode = 3;
      return;
    }
    process.stdout.write(
      `erased   ${audit.referenceNos.length} reference(s): ${audit.referenceNos.join(', ') || 'none left with personal data'}\n` +
        `deleted  ${audit.objectsDeleted} attachment(s), ${audit.recordsDeleted} record(s) beside them\n` +
        `audit    ${audit.id} at ${audit.at} by ${audit.operator} (${audit.reason}${audit.requestRef ? `, ${audit.requestRef}` : ''})\n`,
    );
  } catch (error) {
    process.stderr.write(`erase: ${(error as Error).message}\n`);
    process.exitCode = (error as Error).message.startsWith('cannot reach') ? 2 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();

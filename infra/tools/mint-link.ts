import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type LinkKeyring, parseKeyring } from '../../shared/domain/links/keyring.ts';
import { type LinkClaimsInput, signLinkToken } from '../../shared/domain/links/token.ts';
import { localApiUrl } from '../local/discovery.ts';
import { optionsOrUsage, readCommandLine } from './cli.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const HELP = `Mint a signed link for a desk that is not tied to one reference, and print its URL.

  npm run link -- feedback-desk --operator ID [--district CODE] [--days N]
  npm run link -- district-cell --district CODE [--operator ID] [--days N]

  feedback-desk  a feedback operator's call desk: disposals awaiting the complainant's answer,
                 the complainant's number (each read recorded naming the operator), and the call's
                 result; with --district for one district, without it for the whole state
  district-cell  a district IGRS cell's desk (triage, due list, live view with provisional scores)
  --operator     who will use the link (a post or staff id, e.g. cmo-call-17): named in the history
  --days         how long the link works (default 30, at most 90)
  --api-url      base of the printed URL (default: the running npm start, found as every tool finds it)

The link is signed with the local keyring (DATA_DIR/secrets.json, which npm start writes), or in
AWS with the deployed keyring:
  --secret-id ARN --base-url https://api.example.gov.in [--region ap-south-1]

Anyone holding the link can use it until it expires: send it to that person only.
Exit status: 0 printed, 2 usage or a missing keyring.
`;

export interface MintOptions {
  purpose: 'feedback-desk' | 'district-cell';
  operator?: string;
  district?: string;
  days: number;
  apiUrl?: string;
  secretId?: string;
  baseUrl?: string;
  region?: string;
}

const ID = /^[a-z0-9][a-z0-9._-]{1,63}$/i;

/** Parses the command line; a string is a usage error (or the help) to print. */
export function parseArguments(argv: readonly string[]): MintOptions | string {
  const read = readCommandLine(
    argv,
    {
      operator: { type: 'string' },
      district: { type: 'string' },
      days: { type: 'string' },
      'api-url': { type: 'string' },
      'secret-id': { type: 'string' },
      'base-url': { type: 'string' },
      region: { type: 'string' },
    },
    HELP,
  );
  if (typeof read === 'string') return read;
  const { values, positionals } = read;
  const [purpose, ...rest] = positionals;
  if (rest.length > 0 || (purpose !== 'feedback-desk' && purpose !== 'district-cell')) return HELP;
  const days = values.days === undefined ? 30 : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 90)
    return `--days must be a whole number from 1 to 90\n\n${HELP}`;
  if (purpose === 'feedback-desk' && !values.operator) return `a feedback desk needs --operator\n\n${HELP}`;
  if (purpose === 'district-cell' && !values.district) return `a district cell needs --district\n\n${HELP}`;
  if (values.operator && !ID.test(values.operator))
    return `--operator must be 2 to 64 letters, digits, dots, dashes or underscores\n\n${HELP}`;
  if (values.district && !/^[a-z][a-z0-9-]{1,40}$/.test(values.district))
    return `--district must be a district code such as chandauli\n\n${HELP}`;
  if (Boolean(values['secret-id']) !== Boolean(values['base-url']))
    return `--secret-id and --base-url go together\n\n${HELP}`;
  return {
    purpose,
    days,
    ...(values.operator ? { operator: values.operator } : {}),
    ...(values.district ? { district: values.district } : {}),
    ...(values['api-url'] ? { apiUrl: values['api-url'] } : {}),
    ...(values['secret-id'] ? { secretId: values['secret-id'] } : {}),
    ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}),
    ...(values.region ? { region: values.region } : {}),
  };
}

/** The link's token: the claims the pages check, signed with the keyring's current key. */
export function mintToken(options: MintOptions, keyring: LinkKeyring, now: Date): string {
  const claims: LinkClaimsInput = {
    purpose: options.purpose,
    expiresAt: Math.floor(now.getTime() / 1000) + options.days * 86_400,
    ...(options.operator ? { officerId: options.operator } : {}),
    ...(options.district ? { districtCode: options.district } : {}),
  };
  return signLinkToken(claims, keyring, now);
}

/** The keyring npm start keeps under DATA_DIR. */
function localKeyring(): LinkKeyring {
  const file = join(resolve(process.env.DATA_DIR ?? '.data'), 'secrets.json');
  if (!existsSync(file))
    throw new Error(`${file} does not exist: start npm start once, with the same DATA_DIR`);
  const text = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>).linkSigningKey;
  if (!text) throw new Error(`${file} holds no linkSigningKey`);
  return parseKeyring(text);
}

async function awsKeyring(secretId: string, region?: string): Promise<LinkKeyring> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({ region: region ?? process.env.AWS_REGION ?? 'ap-south-1' });
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!SecretString) throw new Error(`${secretId} has no string value`);
    return parseKeyring(SecretString);
  } finally {
    client.destroy();
  }
}

async function main() {
  const parsed = optionsOrUsage(process.argv.slice(2), parseArguments, HELP);
  if (!parsed) return;
  try {
    const keyring = parsed.secretId ? await awsKeyring(parsed.secretId, parsed.region) : localKeyring();
    const base = (parsed.baseUrl ?? localApiUrl(parsed.apiUrl).apiUrl).replace(/\/$/, '');
    const now = new Date();
    const token = mintToken(parsed, keyring, now);
    const expires = new Date(now.getTime() + parsed.days * 86_400_000).toISOString();
    process.stdout.write(`${base}/o/${token}\n`);
    process.stderr.write(
      `${parsed.purpose}${parsed.district ? ` for ${parsed.district}` : ' for the whole state'}${parsed.operator ? `, operator ${parsed.operator}` : ''}; works until ${expires}\n`,
    );
  } catch (error) {
    process.stderr.write(`link: ${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();

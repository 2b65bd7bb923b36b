import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Where and how one environment (staging, production) is deployed: read from CDK context, checked
 * before anything is built. `cdk.json` holds one entry per environment under `environments`;
 * `-c env=<name>` picks one (default `staging`), and any `-c key=value` overrides that entry's key.
 */

/** India only: the two Indian regions. Data about complainants stays in the country. */
export const ALLOWED_REGIONS = ['ap-south-1', 'ap-south-2'] as const;
export const DEFAULT_REGION = 'ap-south-1';
export const DEFAULT_ENVIRONMENT = 'staging';

/** The local placeholders (infra/platform.ts) that must never reach production. */
export const PLACEHOLDER_DLT_ENTITY_ID = '1001000000000000000';
export const PLACEHOLDER_SENDER = 'no-reply@example.gov.in';
const PLACEHOLDER_DLT_TEMPLATE = /=1007000000000000\d{3}(?:,|$)/;
/** Hosts reserved for examples (RFC 2606/6761) and local addresses: not a base for real links. */
const PLACEHOLDER_HOST = /(^|\.)(example(\.[a-z.]+)?|invalid|test|localhost)$|^127\.|^0\.0\.0\.0$/i;

/** One environment's settings, as written in cdk.json's `environments.<name>` or given with -c. */
export interface EnvironmentSettings {
  stackName?: string;
  region?: string;
  /** Mail is sent from this address; its domain becomes the SES identity (DKIM). */
  senderEmail?: string;
  smsDltEntityId?: string;
  /** `kind=templateId,...`, one per message kind (shared/domain/notifications/templates.ts). */
  smsDltTemplateIds?: string;
  /** The registered sender id's (or number's) ARN in AWS End User Messaging SMS. */
  smsOriginationIdentity?: string;
  /** Base of the links in messages; defaults to https://<customDomain>, else the API's own URL. */
  publicBaseUrl?: string;
  /** Subscribed to the alarm topic (comma-separated, or an array, for several). */
  alarmEmail?: string | string[];
  /** HTTPS endpoints subscribed to the alarm topic (an incident tool's webhook). */
  alarmHttpsEndpoint?: string | string[];
  adminJwtIssuer?: string;
  /** Audiences of the admin JWT, comma-separated or an array. */
  adminJwtAudience?: string | string[];
  /** A custom domain for the API and the links, e.g. igrs.up.gov.in. */
  customDomain?: string;
  /** An ACM certificate (in the stack's region) for customDomain; without it the stack requests one, validated by DNS. */
  customDomainCertificateArn?: string;
  /** SMS spend (USD, month to date) that raises the alarm. */
  smsMonthlySpendAlarmUsd?: number | string;
}

export interface Deployment {
  /** The environment's name: `staging`, `production`, ... */
  name: string;
  production: boolean;
  region: string;
  stackName: string;
  settings: EnvironmentSettings;
}

export class DeploymentError extends Error {
  override name = 'DeploymentError';
}

type Context = (key: string) => unknown;

const KEYS: (keyof EnvironmentSettings)[] = [
  'stackName',
  'region',
  'senderEmail',
  'smsDltEntityId',
  'smsDltTemplateIds',
  'smsOriginationIdentity',
  'publicBaseUrl',
  'alarmEmail',
  'alarmHttpsEndpoint',
  'adminJwtIssuer',
  'adminJwtAudience',
  'customDomain',
  'customDomainCertificateArn',
  'smsMonthlySpendAlarmUsd',
];

/**
 * The environments of cdk.json. The CDK CLI passes cdk.json's context to the app; an app built
 * without the CLI (the tests) reads the same file, so both see one configuration.
 */
export function cdkJsonEnvironments(root = resolve(import.meta.dirname, '..')): Record<string, unknown> {
  const file = resolve(root, 'cdk.json');
  if (!existsSync(file)) return {};
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    context?: { environments?: Record<string, unknown> };
  };
  return json.context?.environments ?? {};
}

/** Reads and checks the deployment from context; throws one DeploymentError listing every problem. */
export function resolveDeployment(context: Context): Deployment {
  const name = String(context('env') ?? DEFAULT_ENVIRONMENT);
  const environments =
    (context('environments') as Record<string, unknown> | undefined) ?? cdkJsonEnvironments();
  const fromFile = environments[name] as EnvironmentSettings | undefined;
  if (fromFile === undefined && name !== DEFAULT_ENVIRONMENT) {
    throw new DeploymentError(
      `-c env=${name}: no such environment in cdk.json's context.environments (have ${Object.keys(environments).join(', ') || 'none'})`,
    );
  }
  const settings: EnvironmentSettings = {};
  for (const key of KEYS) {
    const value = context(key) ?? fromFile?.[key];
    if (value !== undefined && value !== '') (settings as Record<string, unknown>)[key] = value;
  }
  // The region comes from configuration only, never from CDK_DEFAULT_REGION: the CDK CLI sets that
  // to the profile's region (us-east-1 by default), which would put complainants' data abroad.
  const region = settings.region ?? DEFAULT_REGION;
  const deployment: Deployment = {
    name,
    production: name === 'production',
    region,
    stackName: settings.stackName ?? 'Nivaran',
    settings,
  };
  const problems = [
    ...regionProblems(region),
    ...(deployment.production ? productionProblems(settings) : []),
  ];
  if (problems.length > 0) {
    throw new DeploymentError(`Refusing to synthesize environment '${name}':\n- ${problems.join('\n- ')}`);
  }
  return deployment;
}

export function regionProblems(region: string): string[] {
  return (ALLOWED_REGIONS as readonly string[]).includes(region)
    ? []
    : [
        `region ${region}: Nivaran deploys only to India (${ALLOWED_REGIONS.join(' or ')}), where complainants' personal data must stay; pass -c region=ap-south-1 or ap-south-2`,
      ];
}

/** What a production deployment must not ship with. */
export function productionProblems(s: EnvironmentSettings): string[] {
  const problems: string[] = [];
  if (!s.smsDltEntityId || s.smsDltEntityId === PLACEHOLDER_DLT_ENTITY_ID) {
    problems.push(`smsDltEntityId: ${s.smsDltEntityId ?? 'not set'}; set the DLT principal entity id`);
  }
  if (!s.smsDltTemplateIds || PLACEHOLDER_DLT_TEMPLATE.test(s.smsDltTemplateIds)) {
    problems.push(
      `smsDltTemplateIds: ${s.smsDltTemplateIds ? 'holds placeholder ids (1007000000000000xxx)' : 'not set'}; set each message kind's registered template id`,
    );
  }
  if (!s.smsOriginationIdentity?.startsWith('arn:')) {
    problems.push(
      `smsOriginationIdentity: ${s.smsOriginationIdentity ?? 'not set'}; set the ARN of the registered sender id (arn:aws:sms-voice:<region>:<account>:sender-id/<id>/IN)`,
    );
  }
  const sender = s.senderEmail ?? PLACEHOLDER_SENDER;
  if (sender === PLACEHOLDER_SENDER || PLACEHOLDER_HOST.test(sender.split('@')[1] ?? '')) {
    problems.push(`senderEmail: ${sender} is a placeholder; set the address mail is sent from`);
  }
  if (s.publicBaseUrl) {
    let host = '';
    try {
      host = new URL(s.publicBaseUrl).hostname;
    } catch {}
    if (!host || PLACEHOLDER_HOST.test(host) || !s.publicBaseUrl.startsWith('https://')) {
      problems.push(
        `publicBaseUrl: ${s.publicBaseUrl} is a placeholder or not https; set the links' real base`,
      );
    }
  } else if (!s.customDomain) {
    problems.push(
      "publicBaseUrl: not set and no customDomain; links would point at the API's execute-api address, which DLT link registration cannot whitelist in advance",
    );
  }
  if (s.customDomain && PLACEHOLDER_HOST.test(s.customDomain)) {
    problems.push(`customDomain: ${s.customDomain} is a placeholder`);
  }
  if (listOf(s.alarmEmail).length === 0 && listOf(s.alarmHttpsEndpoint).length === 0) {
    problems.push('alarmEmail / alarmHttpsEndpoint: neither is set, so alarms would reach nobody');
  }
  if (!s.adminJwtIssuer || listOf(s.adminJwtAudience).length === 0) {
    problems.push(
      'adminJwtIssuer / adminJwtAudience: production admin routes require the JWT authorizer (the static admin token is for local and staging only)',
    );
  }
  return problems;
}

/** The list in a setting (comma-separated, or a JSON array in cdk.json), trimmed, without empties. */
export const listOf = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : String(value ?? '').split(','))
    .map((item) => String(item).trim())
    .filter(Boolean);

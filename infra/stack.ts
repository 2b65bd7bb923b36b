import { resolve } from 'node:path';
import {
  type aws_apigatewayv2 as apigw,
  type CfnElement,
  type aws_dynamodb as dynamodb,
  type aws_lambda as lambda,
  Stack,
  type StackProps,
  type aws_s3 as s3,
  type aws_secretsmanager as secretsmanager,
  Tags,
  Token,
} from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AlarmTopic } from './constructs/alarm-topic.ts';
import { Api } from './constructs/api.ts';
import { Audit } from './constructs/audit.ts';
import { Data } from './constructs/data.ts';
import { Functions } from './constructs/functions.ts';
import { Keys } from './constructs/keys.ts';
import { logicalIdPath, uniqueIdOfPath } from './constructs/logical-ids.ts';
import { Mail } from './constructs/mail.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { type DeclaredQueue, Queues } from './constructs/queues.ts';
import { type DeclaredSchedule, Schedules } from './constructs/schedules.ts';
import { Secrets } from './constructs/secrets.ts';
import { ALLOWED_REGIONS, PLACEHOLDER_SENDER, regionProblems } from './deployment.ts';
import type { Platform } from './platform/types.ts';
import { validatePlatform } from './platform/validate.ts';

export interface NivaranStackProps extends StackProps {
  platform: Platform;
  /** SES identity (verified domain or address) that mail is sent from. */
  senderEmail?: string;
  /** Extra environment for every function (deployment configuration such as DLT ids). */
  environment?: Record<string, string>;
  /**
   * The identity provider of state administrators: routes declared with `authorizer: 'admin'` get
   * a JWT authorizer. Defaults to context `-c adminJwtIssuer=... -c adminJwtAudience=a,b`; without
   * an issuer those routes check the adminToken secret themselves.
   */
  adminJwt?: { issuer: string; audience: string[] };
  /** The environment's name (staging, production). Default: 'staging'. */
  deploymentName?: string;
  /** Production: admin routes require `adminJwt`. Default: false. */
  production?: boolean;
  /** Who the alarm topic notifies. Default: nobody (production refuses that; see infra/deployment.ts). */
  alarmSubscriptions?: { emails?: string[]; httpsEndpoints?: string[] };
  /** The ARN of the SMS origination identity (registered sender id); SMS permission is scoped to it. */
  smsOriginationIdentity?: string;
  /** A custom domain for the API and the links in messages. Default: the API's execute-api address. */
  customDomain?: { domainName: string; certificateArn?: string };
  /** SMS month-to-date spend (USD) that raises an alarm. Default: 100. */
  smsMonthlySpendAlarmUsd?: number;
}

const REPO_ROOT = resolve(import.meta.dirname, '..');

/**
 * Builds every AWS resource from the platform declaration, one construct per concern
 * (infra/constructs/). Construct ids derive from the declaration's keys and are a public contract:
 * renaming a key replaces the resource.
 */
export class NivaranStack extends Stack {
  readonly api: apigw.HttpApi;
  readonly tables: Record<string, dynamodb.Table>;
  readonly queues: Record<string, DeclaredQueue>;
  readonly functions: Record<string, lambda.Function>;
  readonly buckets: Record<string, s3.Bucket>;
  readonly secrets: Record<string, secretsmanager.Secret>;
  readonly schedules: Record<string, DeclaredSchedule>;
  readonly alarmTopic: AlarmTopic;
  readonly monitoring: Monitoring;
  readonly keys: Keys;
  readonly mail?: Mail;
  readonly audit: Audit;
  readonly failedRuns: Schedules['failedRuns'];
  readonly accessLogBucket?: s3.Bucket;

  constructor(scope: Construct, id: string, props: NivaranStackProps) {
    super(scope, id, props);
    const platform = validatePlatform(props.platform, REPO_ROOT);
    // India only. The app takes its region from configuration (infra/deployment.ts); a stack given
    // another region directly is refused here too.
    if (!Token.isUnresolved(this.region)) {
      const problems = regionProblems(this.region);
      if (problems.length > 0) throw new Error(`${problems[0]} (allowed: ${ALLOWED_REGIONS.join(', ')})`);
    }

    if (props.deploymentName) Tags.of(this).add('nivaran:environment', props.deploymentName);
    this.keys = new Keys(this, 'Keys');
    const { dataKey, logsKey } = this.keys;
    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic', {
      displayName: `${platform.name} operational alarms`,
      emails: props.alarmSubscriptions?.emails,
      httpsEndpoints: props.alarmSubscriptions?.httpsEndpoints,
    });
    const alarmAction = this.alarmTopic.alarmAction;
    const data = new Data(this, 'Data', {
      tables: platform.tables,
      buckets: platform.buckets,
      encryptionKey: dataKey,
    });
    const queues = new Queues(this, 'Queues', {
      queues: platform.queues,
      alarmAction,
      encryptionKey: dataKey,
    });
    const secrets = new Secrets(this, 'Secrets', { secrets: platform.secrets, encryptionKey: dataKey });
    const senderEmail = props.senderEmail ?? PLACEHOLDER_SENDER;
    // The SES identity, DKIM and configuration set exist once a real sender is configured.
    this.mail = props.senderEmail
      ? new Mail(this, 'Mail', { senderEmail: props.senderEmail, eventsKey: this.alarmTopic.key })
      : undefined;
    const functions = new Functions(this, 'Functions', {
      functions: platform.functions,
      tables: data.tables,
      queues: queues.queues,
      buckets: data.buckets,
      secrets: secrets.secrets,
      environment: props.environment,
      senderEmail,
      emailResourceArns: this.mail?.sendingArns,
      smsOriginationArns: props.smsOriginationIdentity?.startsWith('arn:')
        ? [props.smsOriginationIdentity]
        : undefined,
      logsKey,
      dataKey,
    });
    const api = new Api(this, 'Api', {
      description: `${platform.name} public and officer API`,
      throttle: platform.api.throttle,
      routes: Object.entries(platform.functions).flatMap(([name, def]) =>
        (def.http ?? []).map((route) => ({
          ...route,
          functionName: name,
          function: functions.functions[name]!,
        })),
      ),
      adminJwt: props.adminJwt ?? this.adminJwtFromContext(),
      requireAdminJwt: props.production === true,
      customDomain: props.customDomain,
      logsKey,
    });
    // Links in messages point at the custom domain, else the API, unless a base URL is configured.
    if (!props.environment?.PUBLIC_BASE_URL) {
      for (const fn of Object.values(functions.functions)) {
        fn.addEnvironment('PUBLIC_BASE_URL', api.url);
      }
    }
    const schedules = new Schedules(this, 'Schedules', {
      schedules: platform.schedules,
      targets: functions.functions,
      alarmAction,
      encryptionKey: dataKey,
    });
    this.audit = new Audit(this, 'Audit', {
      key: logsKey,
      tables: Object.values(data.tables),
      buckets: data.buckets.attachments ? [data.buckets.attachments] : [],
      accessLogBucket: data.accessLogBucket,
    });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      alarmAction,
      functions: functions.functions,
      httpApi: api.httpApi,
      queues: queues.queues,
      schedules: schedules.schedules,
      tables: data.tables,
      mail: Object.values(platform.functions).some((fn) => fn.access?.email === true),
      smsMonthlySpendAlarmUsd: Object.values(platform.functions).some((fn) => fn.access?.sms === true)
        ? (props.smsMonthlySpendAlarmUsd ?? 100)
        : undefined,
      otherAlarms: [
        ...Object.values(queues.queues).map((q) => q.deadLetterAlarm),
        ...Object.values(schedules.schedules).map((s) => s.deadLetterAlarm),
        ...Object.values(schedules.failedRuns).map((f) => f.alarm),
      ],
    });

    this.api = api.httpApi;
    this.tables = data.tables;
    this.buckets = data.buckets;
    this.queues = queues.queues;
    this.secrets = secrets.secrets;
    this.functions = functions.functions;
    this.schedules = schedules.schedules;
    this.failedRuns = schedules.failedRuns;
    this.accessLogBucket = data.accessLogBucket;
  }

  /**
   * Logical ids leave out the concern constructs (infra/constructs/logical-ids.ts), so every
   * resource keeps the id it was deployed with when this stack was one class.
   */
  protected override allocateLogicalId(element: CfnElement): string {
    return uniqueIdOfPath(logicalIdPath(element));
  }

  private adminJwtFromContext(): { issuer: string; audience: string[] } | undefined {
    const issuer = this.node.tryGetContext('adminJwtIssuer') as string | undefined;
    const audience = String(this.node.tryGetContext('adminJwtAudience') ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    if (!issuer) return undefined;
    if (audience.length === 0) throw new Error('adminJwtIssuer needs adminJwtAudience (comma-separated)');
    return { issuer, audience };
  }
}

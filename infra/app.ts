import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type Deployment, DeploymentError, listOf, resolveDeployment } from './deployment.ts';
import type { Platform } from './platform/types.ts';
import { platform as declaredPlatform } from './platform.ts';
import { NivaranStack } from './stack.ts';

export interface BuildAppOptions {
  /** The declaration to build; the tests pass a richer one. Defaults to infra/platform.ts. */
  platform?: Platform;
}

/**
 * The CDK app: `npm run synth` writes the template, `npm run deploy` deploys it. Each environment's
 * settings live in cdk.json (`context.environments.<name>`), chosen with `-c env=staging|production`
 * (default staging), and any `-c key=value` overrides one (infra/deployment.ts). The region is
 * ap-south-1 unless `-c region=` (or the environment) says ap-south-2; any other region, and a
 * production environment with placeholders, stops the synth. cdk-nag's AwsSolutions pack runs on
 * every synth and stops it on any finding that is not acknowledged with a reason.
 */
export function buildApp(
  app = new App(),
  options: BuildAppOptions = {},
): { app: App; stack: NivaranStack; deployment: Deployment } {
  const deployment = resolveDeployment((key) => app.node.tryGetContext(key));
  const s = deployment.settings;
  const adminAudience = listOf(s.adminJwtAudience);
  const stack = new NivaranStack(app, deployment.stackName, {
    platform: options.platform ?? declaredPlatform,
    deploymentName: deployment.name,
    production: deployment.production,
    senderEmail: s.senderEmail,
    environment: Object.fromEntries(
      [
        ['SMS_DLT_ENTITY_ID', s.smsDltEntityId],
        ['SMS_DLT_TEMPLATE_IDS', s.smsDltTemplateIds],
        ['SMS_ORIGINATION_IDENTITY', s.smsOriginationIdentity],
        ['PUBLIC_BASE_URL', s.publicBaseUrl],
      ].filter((pair): pair is [string, string] => typeof pair[1] === 'string' && pair[1] !== ''),
    ),
    adminJwt: s.adminJwtIssuer ? { issuer: s.adminJwtIssuer, audience: adminAudience } : undefined,
    smsOriginationIdentity: s.smsOriginationIdentity,
    alarmSubscriptions: { emails: listOf(s.alarmEmail), httpsEndpoints: listOf(s.alarmHttpsEndpoint) },
    customDomain: s.customDomain
      ? { domainName: s.customDomain, certificateArn: s.customDomainCertificateArn }
      : undefined,
    smsMonthlySpendAlarmUsd:
      s.smsMonthlySpendAlarmUsd === undefined ? undefined : Number(s.smsMonthlySpendAlarmUsd),
    env: { region: deployment.region, account: process.env.CDK_DEFAULT_ACCOUNT },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, deployment };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    buildApp().app.synth();
  } catch (error) {
    // A refused configuration is a message for the operator, not a stack trace.
    if (!(error instanceof DeploymentError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

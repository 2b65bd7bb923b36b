import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Platform } from './platform/types.ts';
import { platform as declaredPlatform } from './platform.ts';
import { NivaranStack } from './stack.ts';

export interface BuildAppOptions {
  /** The declaration to build; the tests pass a richer one. Defaults to infra/platform.ts. */
  platform?: Platform;
}

/**
 * The CDK app: `npm run synth` writes the template, `npm run deploy` deploys it. Deployment
 * settings come from context (-c senderEmail=... -c smsDltEntityId=... -c smsDltTemplateIds=... -c publicBaseUrl=...) so no account detail is
 * committed. cdk-nag's AwsSolutions pack runs on every synth and stops it on any finding that
 * is not acknowledged with a reason.
 */
export function buildApp(app = new App(), options: BuildAppOptions = {}): { app: App; stack: NivaranStack } {
  const context = (key: string) => app.node.tryGetContext(key) as string | undefined;
  const stack = new NivaranStack(app, context('stackName') ?? 'Nivaran', {
    platform: options.platform ?? declaredPlatform,
    senderEmail: context('senderEmail'),
    environment: Object.fromEntries(
      [
        ['SMS_DLT_ENTITY_ID', context('smsDltEntityId')],
        ['SMS_DLT_TEMPLATE_IDS', context('smsDltTemplateIds')],
        ['SMS_ORIGINATION_IDENTITY', context('smsOriginationIdentity')],
        ['PUBLIC_BASE_URL', context('publicBaseUrl')],
      ].filter((pair): pair is [string, string] => typeof pair[1] === 'string' && pair[1] !== ''),
    ),
    env: {
      region: context('region') ?? process.env.CDK_DEFAULT_REGION ?? 'ap-south-1',
      account: process.env.CDK_DEFAULT_ACCOUNT,
    },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildApp().app.synth();
}

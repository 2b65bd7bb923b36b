import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for @aws-sdk/credential-provider-node in function bundles (an esbuild alias in the CDK
 * stack and the local runner). Lambda hands a function its role's credentials in environment
 * variables, and the local runner does the same, so the default chain's other providers (profiles,
 * SSO, IMDS, web identity: ~90 KB with their STS and SSO clients) are dead weight in every bundle.
 */
export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);

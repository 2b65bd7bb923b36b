import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { requireEnv } from '../../config.ts';
import { resourceEnv } from '../aws/resource-env.ts';

let client: SecretsManagerClient | undefined;
const cache = new Map<string, { at: number; value: Promise<string> }>();
// Re-read now and then so a rotated key reaches warm containers without a deploy.
const TTL_MS = 5 * 60_000;

/** A declared secret's value (platform `secrets`), read from Secrets Manager and kept briefly. */
export function readSecret(key: string): Promise<string> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  client ??= new SecretsManagerClient({});
  const secretId = requireEnv(resourceEnv.secretParameter(key));
  const value = client.send(new GetSecretValueCommand({ SecretId: secretId })).then((result) => {
    if (!result.SecretString) throw new Error(`Secret ${key} has no string value`);
    return result.SecretString;
  });
  cache.set(key, { at: Date.now(), value });
  value.catch(() => cache.delete(key));
  return value;
}

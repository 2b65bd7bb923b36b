import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { close, listen } from './listen.ts';
import { DEFAULT_BIND_ADDRESS, urlHost } from './loopback.ts';

export interface LocalSecrets {
  /** Endpoint for the Secrets Manager client. */
  endpoint: string;
  /** Local secret names by declared key, as the functions receive them. */
  names: Record<string, string>;
  value(key: string): string;
  stop(): Promise<void>;
}

/**
 * A local stand-in for AWS Secrets Manager that answers GetSecretValue (JSON 1.1 protocol), so the
 * secrets adapter only changes endpoint. Values are generated once and kept in a key file under
 * dataDir (mode 0600), or taken from an override such as OPEN311_API_KEY.
 */
export async function startSecrets(options: {
  dataDir: string | null;
  host?: string;
  keys: string[];
  overrides: Record<string, string | undefined>;
}): Promise<LocalSecrets> {
  const file = options.dataDir ? join(options.dataDir, 'secrets.json') : undefined;
  const stored: Record<string, string> =
    file && existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as Record<string, string>) : {};
  let changed = false;
  for (const key of options.keys) {
    if (!stored[key]) {
      stored[key] = randomBytes(32).toString('base64url');
      changed = true;
    }
  }
  if (file && changed) await writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  const values: Record<string, string> = { ...stored };
  for (const [key, value] of Object.entries(options.overrides)) if (value) values[key] = value;
  const names = Object.fromEntries(options.keys.map((key) => [key, `nivaran/${key}`]));
  const byName = new Map(options.keys.map((key) => [names[key]!, key]));

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(body));
      };
      const operation = String(req.headers['x-amz-target'] ?? '')
        .split('.')
        .pop();
      if (operation !== 'GetSecretValue') {
        return reply(400, { __type: 'UnknownOperationException', message: `${operation} is not emulated` });
      }
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { SecretId?: string };
      const key = byName.get(String(input.SecretId));
      if (!key)
        return reply(400, {
          __type: 'ResourceNotFoundException',
          message: "Secrets Manager can't find the specified secret.",
        });
      return reply(200, {
        Name: input.SecretId,
        SecretString: values[key],
        VersionId: 'local',
        CreatedDate: 0,
      });
    });
  });
  const host = options.host ?? DEFAULT_BIND_ADDRESS;
  const port = await listen(server, 0, 'the local secrets service', 'SECRETS_PORT', host);
  return {
    endpoint: `http://${urlHost(host)}:${port}`,
    names,
    value: (key) => values[key]!,
    stop: () => close(server),
  };
}

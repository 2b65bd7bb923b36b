import { existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isRunning } from './services/data-lock.ts';

/**
 * How tools find the running `npm start`, one way for all of them (demo, ranking,
 * masterdata:load, load:intake, test:load):
 *
 *   1. the tool's own `--api-url`, when given;
 *   2. else `PORT`, as `npm start` reads it (http://127.0.0.1:$PORT);
 *   3. else the file `npm start` writes into its data folder (`DATA_DIR`, default .data/), while
 *      the process that wrote it is alive;
 *   4. else http://127.0.0.1:3000, `npm start`'s default.
 *
 * Then GET /_local/info on that API names every local engine's endpoint.
 */
export const CLOUD_FILE = 'local-cloud.json';
const DEFAULT_PORT = 3000;

/** What GET /_local/info answers and the cloud file holds. */
export interface LocalCloudInfo {
  apiUrl: string;
  dynamodbEndpoint: string;
  /** Which engine serves DynamoDB here, as `npm start` printed it. */
  dynamodbEngine?: string;
  sqsEndpoint: string;
  tableNames: Record<string, string>;
  queues: Record<string, { url: string; deadLetterUrl: string }>;
  /** S3 answers on sqsEndpoint (fauxqs), path-style. */
  buckets: Record<string, string>;
  mailUrl: string;
  smsUrl: string;
  /** Secrets Manager's local endpoint and each declared secret's name there (tools that hash mobiles read one). */
  secretsEndpoint?: string;
  secretNames?: Record<string, string>;
}

export class LocalCloudNotFoundError extends Error {
  override name = 'LocalCloudNotFoundError';
}

export async function writeCloudFile(dataDir: string, info: LocalCloudInfo): Promise<void> {
  await writeFile(
    join(dataDir, CLOUD_FILE),
    `${JSON.stringify({ ...info, pid: process.pid, startedAt: new Date().toISOString() }, null, 2)}\n`,
  );
}

export async function removeCloudFile(dataDir: string): Promise<void> {
  await rm(join(dataDir, CLOUD_FILE), { force: true });
}

/** Where the running `npm start` should be, and how that was decided (for the error message). */
export function localApiUrl(
  apiUrl?: string,
  env: NodeJS.ProcessEnv = process.env,
): { apiUrl: string; source: string } {
  if (apiUrl) return { apiUrl: apiUrl.replace(/\/$/, ''), source: '--api-url' };
  if (env.PORT) return { apiUrl: `http://127.0.0.1:${env.PORT}`, source: 'PORT' };
  const file = join(resolve(env.DATA_DIR ?? '.data'), CLOUD_FILE);
  if (existsSync(file)) {
    try {
      const written = JSON.parse(readFileSync(file, 'utf8')) as { apiUrl?: string; pid?: number };
      if (written.apiUrl && written.pid && isRunning(written.pid))
        return { apiUrl: written.apiUrl, source: file };
    } catch {
      // A half-written or foreign file: fall through to the default.
    }
  }
  return { apiUrl: `http://127.0.0.1:${DEFAULT_PORT}`, source: 'the default port' };
}

/** The running local cloud's engines, through GET /_local/info. */
export async function findLocalCloud(
  apiUrl?: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LocalCloudInfo> {
  const found = localApiUrl(apiUrl, env);
  try {
    const response = await fetch(`${found.apiUrl}/_local/info`);
    if (!response.ok) throw new Error(`GET /_local/info answered ${response.status}`);
    return { ...((await response.json()) as LocalCloudInfo), apiUrl: found.apiUrl };
  } catch (error) {
    throw new LocalCloudNotFoundError(
      `cannot reach the local cloud at ${found.apiUrl} (from ${found.source}: ${(error as Error).message}); ` +
        'start it with npm start, with the same PORT or DATA_DIR as this command, or pass --api-url',
    );
  }
}

/** For scripts that can do nothing without the running cloud: its info, or the reason and exit 2. */
export async function findLocalCloudOrExit(apiUrl?: string): Promise<LocalCloudInfo> {
  try {
    return await findLocalCloud(apiUrl);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

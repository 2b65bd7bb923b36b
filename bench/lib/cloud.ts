import http from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type LocalCloud, type LocalCloudOptions, REGION, startLocalCloud } from '../../infra/local/cloud.ts';
import { seedLocalData } from '../../infra/local/seed.ts';
import { platform as productPlatform } from '../../infra/platform.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface BenchCloud {
  cloud: LocalCloud;
  /** The last function and runner log lines, for the error report when something fails. */
  recentLogs(): string[];
  stop(): Promise<void>;
}

/**
 * The product's local cloud, in memory on free ports, seeded with the shipped master data, as the
 * integration tests start it (test/fixtures/product-cloud.ts). Function logs are kept, not printed;
 * `onLog` sees every line first (the cost benchmark reads its invocation markers there).
 */
export async function startBenchCloud(
  options: Partial<LocalCloudOptions> & { onLine?: (source: string, line: string) => void } = {},
): Promise<BenchCloud> {
  const { onLine, ...rest } = options;
  const logs: string[] = [];
  const cloud = await startLocalCloud({
    platform: productPlatform,
    dataDir: null,
    seed: seedLocalData,
    // As `npm start` runs it: eight warm sandboxes per function.
    maxConcurrency: 8,
    onLog: (source, line) => {
      onLine?.(source, line);
      logs.push(`[${source}] ${line}`);
      if (logs.length > 400) logs.splice(0, logs.length - 200);
    },
    ...rest,
  });
  return {
    cloud,
    recentLogs: () => logs.slice(-40),
    stop: () => cloud.stop(),
  };
}

/** An SDK client for the bench's own calls, with enough sockets for the highest concurrency. */
export function benchDynamoClient(endpoint: string, maxSockets = 256): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: REGION,
    credentials: CREDENTIALS,
    maxAttempts: 1,
    requestHandler: { httpAgent: new http.Agent({ keepAlive: true, maxSockets }) },
  });
}

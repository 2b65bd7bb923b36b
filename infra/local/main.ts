import { resolve } from 'node:path';
import { platform } from '../platform.ts';
import { startLocalCloud } from './cloud.ts';
import { removeCloudFile, writeCloudFile } from './discovery.ts';
import { seedLocalData } from './seed.ts';
import { DataDirInUseError } from './services/data-lock.ts';
import { DynamoDbEngineError } from './services/dynamodb.ts';
import { PortInUseError } from './services/listen.ts';

/**
 * `npm start`: the whole of Nivaran on this machine. One line per component with the URL a person
 * opens, then `ready`. Ctrl-C stops everything and keeps the data under DATA_DIR (default .data/).
 */
const port = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`${name} must be a port number from 0 to 65535, got '${raw}'`);
    process.exit(2);
  }
  return value;
};

const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const quiet = process.env.LOG_FUNCTIONS === 'false';
const bindAddress = process.env.BIND_ADDRESS || '127.0.0.1';

try {
  const cloud = await startLocalCloud({
    platform,
    dataDir,
    bindAddress,
    cron: true,
    ports: {
      api: port('PORT', 3000),
      mail: port('MAIL_PORT', 8005),
      sms: port('SMS_PORT', 8006),
      dynamodb: port('DYNAMODB_PORT', 0),
      // A fixed port, so S3 links printed by tools (the demo's report) still work after a restart.
      sqs: port('SQS_PORT', 8007),
    },
    maxConcurrency: 8,
    seed: seedLocalData,
    secretOverrides: { open311ApiKey: process.env.OPEN311_API_KEY, adminToken: process.env.ADMIN_TOKEN },
    onLog: (source, line) => {
      if (!quiet) process.stdout.write(`[${source}] ${line}\n`);
    },
  });
  console.log(`dynamodb   ${cloud.dynamodbEndpoint}  (${cloud.dynamodbEngine}, data in ${dataDir})`);
  console.log(
    `sqs, s3    ${cloud.sqsEndpoint}  (fauxqs: ${Object.keys(cloud.queues).length} queues with DLQs, data in ${dataDir})`,
  );
  console.log(`mail       ${cloud.mailUrl}  (aws-ses-v2-local inbox)`);
  console.log(`sms        ${cloud.smsUrl}  (SMS outbox)`);
  console.log(
    `functions  ${cloud.routes.length} routes, ${cloud.schedules.length} schedules in Asia/Kolkata`,
  );
  for (const name of cloud.schedules)
    console.log(`schedule   ${name}: run now with curl -X POST ${cloud.apiUrl}/_local/schedules/${name}`);
  console.log(`open311    api_key ${cloud.secretValue('open311ApiKey')}  (set OPEN311_API_KEY to choose it)`);
  console.log(
    `admin      token ${cloud.secretValue('adminToken')}  (set ADMIN_TOKEN to choose it; GET ${cloud.apiUrl}/v1/rankings/<yyyy-mm> with Authorization: Bearer <token>)`,
  );
  console.log(`api        ${cloud.apiUrl}  (health: ${cloud.apiUrl}/health)`);
  if (bindAddress !== '127.0.0.1')
    console.log(
      `warning    every service listens on ${bindAddress} (BIND_ADDRESS): S3 answers unsigned requests`,
    );
  await writeCloudFile(dataDir, cloud.info());
  console.log(`tools      find this cloud through ${dataDir}/local-cloud.json (or PORT)`);
  console.log('ready');

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('stopping…');
    await removeCloudFile(dataDir);
    await cloud.stop();
    console.log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  if (
    error instanceof PortInUseError ||
    error instanceof DataDirInUseError ||
    error instanceof DynamoDbEngineError
  ) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

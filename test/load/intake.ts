/**
 * Intake under load, against a running `npm start`: CLIENTS concurrent clients file complaints for
 * SECONDS seconds. Passes when no response is a 5xx and every 201 is exactly one stored reference
 * that its routing message routed exactly once (one 'routed' or 'triaged' event in its history). Run: npm start (in one terminal), then npm run load:intake.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { findLocalCloudOrExit } from '../../infra/local/discovery.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const info = await findLocalCloudOrExit();
const API = info.apiUrl;
const CLIENTS = Number(process.env.CLIENTS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 20);
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

const statuses = new Map<number, number>();
const created: string[] = [];
const latencies: number[] = [];
const until = Date.now() + SECONDS * 1000;

const descriptions = [
  'My motorcycle was stolen from outside my house during the night; the lock was broken.',
  'Neighbours threaten my family over a drain dispute and abuse us every evening.',
  'Loud DJ music near the crossing until two in the morning, every day this week.',
  'A man on the phone took money from my account pretending to be from the bank.',
];

async function client(id: number) {
  for (let i = 0; Date.now() < until; i++) {
    const mobile = `9${String(id).padStart(3, '0')}${String(i).padStart(6, '0')}`;
    const body = {
      complainant: {
        name: `Load Client ${id}`,
        mobile,
        address: 'Ward 4, Chandauli town',
        language: i % 2 ? 'hi' : 'en',
      },
      location: { districtCode: 'chandauli', stationCode: 'chandauli-sakaldiha' },
      categoryCode: 'theft',
      description: `${descriptions[i % descriptions.length]} (${id}-${i})`,
      channel: 'portal',
    };
    const started = performance.now();
    const response = await fetch(`${API}/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `load-${process.pid}-${id}-${i}` },
      body: JSON.stringify(body),
    });
    latencies.push(performance.now() - started);
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    const payload = (await response.json()) as { referenceNo?: string };
    if (response.status === 201 && payload.referenceNo) created.push(payload.referenceNo);
  }
}

await Promise.all(Array.from({ length: CLIENTS }, (_, id) => client(id)));
latencies.sort((a, b) => a - b);
const pct = (q: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
console.log(
  `requests ${latencies.length} in ${SECONDS}s = ${(latencies.length / SECONDS).toFixed(1)}/s, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`,
);
console.log('statuses', Object.fromEntries(statuses));

const dynamodb = new DynamoDBClient({ endpoint: info.dynamodbEndpoint, region: 'ap-south-1', credentials });
/** Each accepted reference must be stored and routed exactly once (one routing message's effect). */
async function check(referenceNo: string): Promise<'missing' | 'waiting' | 'once' | 'twice'> {
  const { Item } = await dynamodb.send(
    new GetItemCommand({
      TableName: info.tableNames.main,
      Key: { pk: { S: `REF#${referenceNo}` }, sk: { S: 'REF' } },
      ConsistentRead: true,
    }),
  );
  if (!Item) return 'missing';
  const routings = (Item.history?.L ?? []).filter((e) =>
    ['routed', 'triaged'].includes(e.M?.action?.S ?? ''),
  ).length;
  return routings === 0 ? 'waiting' : routings === 1 ? 'once' : 'twice';
}
let results: string[] = [];
for (const deadline = Date.now() + 120_000; ; ) {
  results = await Promise.all(created.map(check));
  if (!results.includes('waiting') || Date.now() > deadline) break;
  await new Promise((r) => setTimeout(r, 1000));
}
const missing = results.filter((r) => r === 'missing').length;
const wrongRouting = results.filter((r) => r !== 'once').length;
const fiveXx = [...statuses].filter(([status]) => status >= 500).reduce((sum, [, n]) => sum + n, 0);
console.log(
  `201s ${created.length}, stored ${created.length - missing}, routed exactly once ${created.length - wrongRouting}, 5xx ${fiveXx}`,
);
const ok = fiveXx === 0 && missing === 0 && wrongRouting === 0 && created.length > 0;
console.log(ok ? 'PASS' : 'FAIL');
process.exit(ok ? 0 : 1);

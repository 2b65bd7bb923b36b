/**
 * Nivaran under load, against a running `npm start` (run: `npm start` in one terminal, then
 * `npm run test:load`). CLIENTS concurrent clients (default 100) for SECONDS seconds (default 60),
 * each doing one thing after another:
 *   ~85%  file a complaint, each from a mobile number of its own;
 *   ~10%  track a complaint filed earlier in the run, with its tracking secret;
 *    ~5%  open a station officer's link from the mails (the local SES store) and submit the report.
 * Then it waits for the queues to drain and checks: no 5xx; every 201 is exactly one stored
 * reference, routed exactly once, in one consistent state, and acknowledged by exactly one SMS in
 * the outbox; every report taken is stored and its supervisor told by exactly one mail; no message
 * is left on any queue or dead-letter queue. Prints throughput and p50/p99 latency per operation
 * and exits 0 (PASS) or 1 (FAIL).
 *
 * It finds the running `npm start` as every tool does (PORT, else DATA_DIR/local-cloud.json; see
 * infra/local/discovery.ts); CLIENTS and SECONDS can be set in the environment.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { findLocalCloudOrExit } from '../../infra/local/discovery.ts';
import { formatReferenceNumber } from '../../shared/domain/reference/reference-number.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import { consistencyProblems, quantile, queueDepths, storedReferences } from '../fixtures/faults.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const info = await findLocalCloudOrExit();
const API = info.apiUrl;
const CLIENTS = Number(process.env.CLIENTS ?? 100);
const SECONDS = Number(process.env.SECONDS ?? 60);
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const DISTRICT = 'chandauli';
/** The DLT templates of the acknowledgement SMS, in Hindi and English (infra/platform.ts). */
const ACKNOWLEDGEMENT_TEMPLATES = new Set(['1007000000000000001', '1007000000000000002']);

interface Mail {
  messageId: string;
  at: number;
  subject: string;
  destination: { to: string[] };
  body: { text?: string };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// --- What the clients did --------------------------------------------------------------------

type Operation = 'file' | 'track' | 'officer-page' | 'officer-report';
const latencies: Record<Operation, number[]> = {
  file: [],
  track: [],
  'officer-page': [],
  'officer-report': [],
};
const statuses = new Map<string, number>();
const fiveXx: string[] = [];
/** Every request is valid by construction, so any other answer than the expected one is a failure. */
const unexpected = new Map<string, number>();

function record(op: Operation, status: number, started: number, expected: number[]) {
  latencies[op].push(performance.now() - started);
  const key = `${op} ${status}`;
  statuses.set(key, (statuses.get(key) ?? 0) + 1);
  if (status >= 500) fiveXx.push(key);
  else if (!expected.includes(status)) unexpected.set(key, (unexpected.get(key) ?? 0) + 1);
}

interface Filed {
  referenceNo: string;
  trackingSecret: string;
  mobile: string;
}
const filed: Filed[] = [];
const filedNumbers = new Set<string>();
/** References whose station officer's link has arrived and that no client has reported on yet. */
const readyForReport: { referenceNo: string; link: string }[] = [];
const reported = new Set<string>();

// --- Mails: polled from the SES store, indexed by reference -------------------------------------

const byFormatted = new Map<string, string>();
const seenMails = new Set<string>();
const stationLinks = new Map<string, string>();
const reviewMails = new Map<string, number>();
let mailsSince = Math.floor(Date.now() / 1000) - 1;
let pollingMails = true;

async function pollMails(): Promise<void> {
  const response = await fetch(`${info.mailUrl}store?since=${mailsSince}`);
  const { emails } = (await response.json()) as { emails: Mail[] };
  for (const mail of emails) {
    mailsSince = Math.max(mailsSince, mail.at - 1);
    if (seenMails.has(mail.messageId)) continue;
    seenMails.add(mail.messageId);
    const formatted = /\d{4} \d{4} \d{3}/.exec(mail.subject)?.[0];
    const referenceNo = formatted ? byFormatted.get(formatted) : undefined;
    if (!referenceNo) continue;
    const link = mail.body.text?.match(/http:\/\/[^\s]+\/o\/[A-Za-z0-9._-]+/)?.[0];
    const to = mail.destination.to.join(',');
    if (to.startsWith('sho.') && link && !stationLinks.has(referenceNo)) {
      stationLinks.set(referenceNo, link);
      readyForReport.push({ referenceNo, link });
    }
    if (to.startsWith('co.') && /review|समीक्षा/.test(mail.subject))
      reviewMails.set(referenceNo, (reviewMails.get(referenceNo) ?? 0) + 1);
  }
}

const mailPoller = (async () => {
  while (pollingMails) {
    await pollMails().catch((error) => console.error('mail store:', (error as Error).message));
    await sleep(1000);
  }
})();

// --- The three kinds of client work -------------------------------------------------------------

const STATIONS = [
  'chandauli-sadar-kotwali',
  'chandauli-saiyadraja',
  'chandauli-mughalsarai',
  'chandauli-alinagar',
  'chandauli-sakaldiha',
  'chandauli-balua',
  'chandauli-dhanapur',
  'chandauli-chakia',
  'chandauli-ilia',
  'chandauli-naugarh',
];
const CATEGORIES = ['theft', 'theft', 'land-dispute', 'threat-intimidation', 'noise-public-nuisance'];
const DESCRIPTIONS = [
  'My motorcycle was stolen from outside my house during the night; the lock was broken.',
  'Neighbours threaten my family over a drain dispute and abuse us every evening.',
  'Loud DJ music near the crossing until two in the morning, every day this week.',
  'Someone has fenced part of our field and says he bought it; we have the khatauni.',
];
const run = String(Math.floor(Math.random() * 900) + 100);

async function fileComplaint(client: number, n: number) {
  // Ten digits from 6-9, one number per complaint: 7 + run (3) + client (2) + count (4).
  const mobile = `7${run}${String(client % 100).padStart(2, '0')}${String(n).padStart(4, '0')}`;
  const named = n % 10 !== 9;
  const body = {
    complainant: {
      name: `Load Client ${client}`,
      mobile,
      email: `load.${client}.${n}@example.in`,
      address: 'Ward 4, Chandauli town',
      language: n % 2 ? 'hi' : 'en',
    },
    location: named
      ? { districtCode: DISTRICT, stationCode: STATIONS[(client + n) % STATIONS.length] }
      : { districtCode: DISTRICT, locality: 'Naubatpur' },
    categoryCode: CATEGORIES[n % CATEGORIES.length],
    description: `${DESCRIPTIONS[(client + n) % DESCRIPTIONS.length]} (${client}-${n})`,
    channel: 'portal',
  };
  const started = performance.now();
  const response = await fetch(`${API}/v1/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `load-${run}-${client}-${n}` },
    body: JSON.stringify(body),
  });
  const payload = (await response.json().catch(() => ({}))) as Partial<Filed>;
  record('file', response.status, started, [201]);
  if (response.status === 201 && payload.referenceNo && payload.trackingSecret) {
    filed.push({ referenceNo: payload.referenceNo, trackingSecret: payload.trackingSecret, mobile });
    filedNumbers.add(payload.referenceNo);
    byFormatted.set(formatReferenceNumber(payload.referenceNo), payload.referenceNo);
  }
}

async function track() {
  const { referenceNo, trackingSecret } = filed[Math.floor(Math.random() * filed.length)]!;
  const started = performance.now();
  const response = await fetch(`${API}/v1/complaints/${referenceNo}`, {
    headers: { 'x-tracking-secret': trackingSecret },
  });
  await response.arrayBuffer();
  record('track', response.status, started, [200]);
}

/** IST wall-clock time now, to the minute, as a datetime-local field gives it. */
const istNow = () => new Date(Date.now() + 5.5 * 3600_000).toISOString().slice(0, 16);

async function officer() {
  const { referenceNo, link } = readyForReport.shift()!;
  reported.add(referenceNo);
  let started = performance.now();
  const page = await fetch(link);
  const html = await page.text();
  record('officer-page', page.status, started, [200]);
  if (page.status !== 200) return;
  // The form that posts to the link itself (the page may carry others, e.g. for attachments).
  const path = new URL(link).pathname;
  const form = [...html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)].find(
    (m) => m[1] === path,
  );
  const formToken = /name="formToken" value="([^"]+)"/.exec(form?.[2] ?? '')?.[1] ?? '';
  started = performance.now();
  const response = await fetch(link, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      formToken,
      action: 'report',
      contacted: 'yes',
      contactedAt: istNow(),
      contactMode: 'phone',
      findings: 'Spoke to the complainant and two neighbours; the matter was looked into on the spot.',
      outcome: 'resolved',
      actionTaken: 'Both parties were called to the station and the matter was settled in writing.',
    }).toString(),
  });
  await response.arrayBuffer();
  record('officer-report', response.status, started, [303]);
  if (response.status !== 303) reported.delete(referenceNo);
}

/**
 * One client's loop. Officers' work follows the complaints (a station's link comes in a mail once
 * the complaint is routed and notified), so the 5% are kept as a running share: whenever links are
 * waiting and officers are behind their share, the next operation is an officer's.
 */
let started = 0;
let officerStarted = 0;
async function client(id: number, until: number) {
  for (let n = 0; Date.now() < until; ) {
    started++;
    try {
      if (readyForReport.length > 0 && officerStarted < 0.05 * started) {
        officerStarted++;
        await officer();
      } else if (Math.random() < 0.1 / 0.95 && filed.length > 0) await track();
      else await fileComplaint(id, n++);
    } catch (error) {
      const key = `network ${(error as Error).message}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
  }
}

// --- The run ----------------------------------------------------------------------------------

console.log(`${CLIENTS} clients for ${SECONDS} s against ${API}`);
const began = Date.now();
await Promise.all(Array.from({ length: CLIENTS }, (_, id) => client(id, began + SECONDS * 1000)));
const elapsed = (Date.now() - began) / 1000;

const total = Object.values(latencies).reduce((sum, l) => sum + l.length, 0);
// An officer's operation is two requests: opening the link and posting the report.
const operations = latencies.file.length + latencies.track.length + latencies['officer-page'].length;
console.log(
  `\n${total} requests (${operations} operations) in ${elapsed.toFixed(1)} s: ${(total / elapsed).toFixed(1)} requests/s`,
);
console.log('request          count  of ops     per s    p50 ms    p99 ms    max ms');
for (const [op, values] of Object.entries(latencies)) {
  const sorted = [...values].sort((a, b) => a - b);
  const cell = (v: number) => (Number.isNaN(v) ? '-' : v.toFixed(0)).padStart(10);
  console.log(
    `${op.padEnd(15)}${String(sorted.length).padStart(7)}${`${((100 * sorted.length) / operations).toFixed(1)}%`.padStart(10)}${(sorted.length / elapsed).toFixed(1).padStart(10)}${cell(quantile(sorted, 0.5))}${cell(quantile(sorted, 0.99))}${cell(sorted.at(-1) ?? Number.NaN)}`,
  );
}
console.log('statuses', Object.fromEntries([...statuses].sort()));

// --- Afterwards: drain, then check --------------------------------------------------------------

const dynamodb = new DynamoDBClient({ endpoint: info.dynamodbEndpoint, region: 'ap-south-1', credentials });
const sqs = new SQSClient({
  endpoint: info.sqsEndpoint,
  region: 'ap-south-1',
  credentials,
  useQueueUrlAsEndpoint: false,
});
const table = info.tableNames.main!;
const numbers = filed.map((f) => f.referenceNo);

const drainStarted = Date.now();
let depths: Record<string, number> = {};
let stored = new Map<string, Reference>();
// Queues first (cheap to ask), then the references, until both say nothing is left to do.
for (let quiet = 0; quiet < 3 && Date.now() - drainStarted < 600_000; ) {
  await sleep(1000);
  depths = await queueDepths(sqs, info.queues);
  const pending = Object.entries(depths)
    .filter(([name]) => !name.endsWith('-dlq'))
    .reduce((sum, [, n]) => sum + n, 0);
  if (pending > 0) {
    quiet = 0;
    continue;
  }
  if (++quiet < 3) continue;
  stored = await storedReferences(dynamodb, table, numbers);
  if ([...stored.values()].some((r) => r.status === 'registered')) quiet = 0;
}
// Timed out: check what there is.
if (stored.size === 0) stored = await storedReferences(dynamodb, table, numbers);
// The last mails and the outbox, now that nothing is in flight.
await sleep(1500);
pollingMails = false;
await mailPoller;
await pollMails();
console.log(`\ndrained in ${((Date.now() - drainStarted) / 1000).toFixed(1)} s`);

const sms = (
  (await (await fetch(`${info.smsUrl}messages`)).json()) as {
    messages: { destination: string; body: string; templateId?: string }[];
  }
).messages;
const acknowledgements = new Map<string, number>();
const mobileOf = new Map(filed.map((f) => [f.referenceNo, `+91${f.mobile}`]));
for (const m of sms) {
  if (!ACKNOWLEDGEMENT_TEMPLATES.has(m.templateId ?? '')) continue;
  const no = /\b(\d{11})\b/.exec(m.body)?.[1];
  if (no && filedNumbers.has(no) && mobileOf.get(no) === m.destination)
    acknowledgements.set(no, (acknowledgements.get(no) ?? 0) + 1);
}

const problems: string[] = [];
let missing = 0;
let notRoutedOnce = 0;
let inconsistent = 0;
let notAcknowledgedOnce = 0;
for (const no of numbers) {
  const reference = stored.get(no);
  if (!reference) {
    missing++;
    if (problems.length < 20) problems.push(`${no}: not stored`);
    continue;
  }
  const routings = reference.history.filter((e) => e.action === 'routed' || e.action === 'triaged').length;
  if (routings !== 1) {
    notRoutedOnce++;
    if (problems.length < 20) problems.push(`${no}: routed ${routings} times (${reference.status})`);
  }
  const found = consistencyProblems(reference);
  if (found.length > 0) {
    inconsistent++;
    if (problems.length < 20) problems.push(`${no}: ${found.join('; ')}`);
  }
  if (acknowledgements.get(no) !== 1) {
    notAcknowledgedOnce++;
    if (problems.length < 20) problems.push(`${no}: ${acknowledgements.get(no) ?? 0} acknowledgement SMS`);
  }
}
let reportsNotStored = 0;
let reportsNotToldOnce = 0;
for (const no of reported) {
  const reference = stored.get(no);
  if (reference?.status !== 'report-submitted' || !reference.report) {
    reportsNotStored++;
    if (problems.length < 20) problems.push(`${no}: report taken but status ${reference?.status}`);
  }
  if (reviewMails.get(no) !== 1) {
    reportsNotToldOnce++;
    if (problems.length < 20)
      problems.push(`${no}: ${reviewMails.get(no) ?? 0} review mails to the supervisor`);
  }
}
const leftOnQueues = Object.entries(depths).filter(([, n]) => n > 0);

console.log(
  [
    `201s ${numbers.length}: stored ${numbers.length - missing}, routed exactly once ${numbers.length - notRoutedOnce}, consistent ${numbers.length - inconsistent}, acknowledged by exactly one SMS ${numbers.length - notAcknowledgedOnce}`,
    `reports taken ${reported.size}: stored ${reported.size - reportsNotStored}, supervisor told once ${reported.size - reportsNotToldOnce}`,
    `5xx ${fiveXx.length}; other unexpected answers ${unexpected.size ? JSON.stringify(Object.fromEntries(unexpected)) : 'none'}`,
    `queues ${JSON.stringify(depths)}`,
  ].join('\n'),
);
for (const problem of problems) console.log(`  ${problem}`);

const ok =
  numbers.length > 0 &&
  reported.size > 0 &&
  fiveXx.length === 0 &&
  unexpected.size === 0 &&
  ![...statuses.keys()].some((k) => k.startsWith('network')) &&
  missing + notRoutedOnce + inconsistent + notAcknowledgedOnce === 0 &&
  reportsNotStored + reportsNotToldOnce === 0 &&
  leftOnQueues.length === 0;
console.log(ok ? 'PASS' : 'FAIL');
dynamodb.destroy();
sqs.destroy();
process.exit(ok ? 0 : 1);

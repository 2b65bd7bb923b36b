import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toItem } from '../../shared/adapters/dynamodb/dynamo-item.ts';
import { DynamoReferenceRepository } from '../../shared/adapters/dynamodb/reference-repository.ts';
import { cryptoRandom } from '../../shared/adapters/system.ts';
import { parseKeyring } from '../../shared/domain/links/keyring.ts';
import { signLinkToken } from '../../shared/domain/links/token.ts';
import { formatReferenceNumber, newReferenceNumber } from '../../shared/domain/reference/reference-number.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import { istDate, istMonth } from '../../shared/domain/time/ist.ts';
import {
  consistencyProblems,
  monthIndexNumbers,
  queueDepths,
  rankedReferenceCount,
  storedReferences,
} from '../fixtures/faults.ts';
import { officerFlow } from '../fixtures/officer-flow.ts';
import {
  complaintBody,
  type ProductCloud,
  startProductCloud,
  storedMobileHash,
  uniqueMobile,
} from '../fixtures/product-cloud.ts';
import { LOCAL_CREDENTIALS, type RawHttpResponse, rawRequest, waitFor } from '../fixtures/support.ts';

/**
 * Faults, on the real platform: DynamoDB and SQS stopped in the middle of a flow and started again,
 * consumers failing on their first delivery, messages delivered twice and out of order, and two
 * officers acting on one reference at once. The last block checks the whole: every accepted
 * reference is present, in one consistent state with its history intact, and counted once by the
 * ranking. DynamoDB keeps its data on disk here so that a restart keeps it, as `npm start` does.
 */

const DISTRICT = 'chandauli';
let dataDir: string;
let p: ProductCloud;
let f: ReturnType<typeof officerFlow>;
let db: DynamoDBClient;

/** Every reference a 201 accepted in this file, with the mobile it was filed from. */
const accepted = new Map<string, { mobile: string; trackingSecret: string }>();
/** The mobiles of complaints refused with a 5xx: nothing of theirs may stay behind. */
const refused: { mobile: string; at: Date }[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'nivaran-faults-'));
  p = await startProductCloud({ dataDir, visibilityTimeoutOverrideSeconds: 1 });
  f = officerFlow(p);
  db = new DynamoDBClient({
    endpoint: p.cloud.dynamodbEndpoint,
    region: 'ap-south-1',
    credentials: LOCAL_CREDENTIALS,
  });
});

afterAll(async () => {
  db?.destroy();
  await p?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Files one complaint; a 201 is remembered as accepted. */
async function file(
  overrides: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<RawHttpResponse & { referenceNo?: string }> {
  const body = complaintBody({
    location: { districtCode: DISTRICT, stationCode: 'chandauli-sakaldiha' },
    ...overrides,
  });
  const response = await p.post('/v1/complaints', body, headers);
  if (response.status === 201) {
    const { referenceNo, trackingSecret } = response.json<{ referenceNo: string; trackingSecret: string }>();
    accepted.set(referenceNo, { mobile: body.complainant.mobile, trackingSecret });
    return Object.assign(response, { referenceNo });
  }
  if (response.status >= 500) refused.push({ mobile: body.complainant.mobile, at: new Date() });
  return response;
}

async function fileAccepted(overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await file(overrides);
  expect(response.status, response.text).toBe(201);
  return response.referenceNo!;
}

/** Clients filing complaints back to back until stopped; each answer, and when its request ran. */
function filers(count: number, stationCode: string) {
  const answers: { status: number; started: number; ended: number }[] = [];
  let running = true;
  const loops = Array.from({ length: count }, async () => {
    while (running) {
      const started = Date.now();
      const response = await file({ location: { districtCode: DISTRICT, stationCode } });
      answers.push({ status: response.status, started, ended: Date.now() });
      if (response.status >= 500) await sleep(50);
    }
  });
  return {
    /** The answers to requests made entirely within [from, to]. */
    between: (from: number, to: number) =>
      answers.filter((a) => a.started >= from && a.ended <= to).map((a) => a.status),
    async stop() {
      running = false;
      await Promise.all(loops);
      return answers.map((a) => a.status);
    },
  };
}

const routed = (referenceNo: string) =>
  waitFor(
    `routing of ${referenceNo}`,
    async () => {
      const reference = await f.stored(referenceNo);
      return reference.status === 'registered' ? undefined : reference;
    },
    { timeoutMs: 15_000 },
  );

/** Mails to `to` about a reference whose subject matches, as they stand now. */
async function mailsAbout(to: string, referenceNo: string, subject: RegExp = /./) {
  return (await p.mails()).filter(
    (m) =>
      m.destination.to.includes(to) &&
      m.subject.includes(formatReferenceNumber(referenceNo)) &&
      subject.test(m.subject),
  );
}

const sendTo = (queue: string, body: Record<string, unknown>) =>
  p.sqs.send(
    new SendMessageCommand({ QueueUrl: p.cloud.queues[queue]!.url, MessageBody: JSON.stringify(body) }),
  );

/** The page's form token, read while everything is up. */
const formTokenOf = async (link: string) => f.formTokenIn((await rawRequest(link)).text);

/** The DLT templates of the acknowledgement SMS, in Hindi and English (infra/platform.ts). */
const ACKNOWLEDGEMENT_TEMPLATES = new Set(['1007000000000000001', '1007000000000000002']);
const isAcknowledgement = (m: { templateId?: string }) => ACKNOWLEDGEMENT_TEMPLATES.has(m.templateId ?? '');

/** A district IGRS cell link for Chandauli, signed with the local keyring. */
function cellLink(): string {
  const token = signLinkToken(
    {
      purpose: 'district-cell',
      districtCode: DISTRICT,
      officerId: `${DISTRICT}-igrs-cell`,
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    },
    parseKeyring(p.cloud.secretValue('linkSigningKey')),
    new Date(),
  );
  return `${p.cloud.apiUrl}/o/${token}`;
}

describe('DynamoDB stopped in the middle of a flow', () => {
  it('answers 503 while it is down, keeps nothing half-written, and routes everything accepted after it is back', async () => {
    const station = 'chandauli-balua';
    const referenceNo = await fileAccepted({ location: { districtCode: DISTRICT, stationCode: station } });
    const [stationLink] = await f.links(f.stationEmail(station), referenceNo);
    const formToken = await formTokenOf(stationLink!);
    const secret = accepted.get(referenceNo)!.trackingSecret;

    const load = filers(4, station);
    await sleep(400);
    await p.cloud.faults.stopDynamoDb();
    const down = Date.now();
    // An officer submits a report, a complainant tracks, a station opens its link: all while it is down.
    const report = await f.postForm(stationLink!, { formToken, ...f.goodReport });
    const track = await p.get(`/v1/complaints/${referenceNo}`, { 'x-tracking-secret': secret });
    const page = await rawRequest(stationLink!);
    await sleep(500);
    const refusedWhileDown = load.between(down, Date.now());
    await p.cloud.faults.startDynamoDb();
    await sleep(600);
    const statuses = await load.stop();

    expect(report.status, report.text.replace(/<style[\s\S]*?<\/style>/, '')).toBe(503);
    expect(report.headers['content-type']).toMatch(/text\/html/);
    expect(report.headers['retry-after']).toBeDefined();
    expect(report.text).toMatch(/[\u0900-\u097F]/);
    expect(track.status).toBe(503);
    expect(track.json()).toMatchObject({ status: 503 });
    expect(page.status).toBe(503);
    expect(new Set(statuses)).toEqual(new Set([201, 503]));
    expect(refusedWhileDown.length).toBeGreaterThan(0);
    expect(refusedWhileDown.every((s) => s === 503)).toBe(true);
    expect(statuses.slice(-4)).toContain(201);

    // The refused report changed nothing; sent again once DynamoDB is back, it is taken.
    expect(await f.stored(referenceNo)).toMatchObject({ status: 'assigned', version: 2 });
    expect((await f.postForm(stationLink!, { formToken, ...f.goodReport })).status).toBe(303);
    expect((await f.stored(referenceNo)).status).toBe('report-submitted');

    await p.cloud.drain(30_000);
    const stored = await storedReferences(db, p.cloud.tableNames.main!, [...accepted.keys()]);
    for (const no of accepted.keys()) {
      const reference = stored.get(no);
      expect(reference, `accepted ${no}`).toBeDefined();
      expect(reference!.status, no).not.toBe('registered');
      expect(consistencyProblems(reference!), no).toEqual([]);
    }
  });
});

describe('SQS stopped in the middle of a flow', () => {
  it('refuses complaints with 503 and stores nothing while it is down, then routes what waited', async () => {
    const station = 'chandauli-dhanapur';
    const load = filers(4, station);
    await sleep(400);
    await p.cloud.faults.stopSqs();
    const down = Date.now();
    // A complaint with an Idempotency-Key, refused now: sent again later with the same key it is
    // taken once, and its mobile has exactly one reference.
    const body = complaintBody({ location: { districtCode: DISTRICT, stationCode: station } });
    const key = `faults-${Date.now()}`;
    const refused = await p.post('/v1/complaints', body, { 'idempotency-key': key });
    await sleep(500);
    const refusedWhileDown = load.between(down, Date.now());
    await p.cloud.faults.startSqs();
    await sleep(600);
    const statuses = await load.stop();

    expect(refused.status).toBe(503);
    expect(refused.json()).toMatchObject({ status: 503 });
    expect(new Set(statuses)).toEqual(new Set([201, 503]));
    expect(refusedWhileDown.length).toBeGreaterThan(0);
    expect(refusedWhileDown.every((s) => s === 503)).toBe(true);

    const again = await p.post('/v1/complaints', body, { 'idempotency-key': key });
    expect(again.status).toBe(201);
    const { referenceNo, trackingSecret } = again.json<{ referenceNo: string; trackingSecret: string }>();
    accepted.set(referenceNo, { mobile: body.complainant.mobile, trackingSecret });
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: p.cloud.tableNames.main,
        IndexName: 'complainant',
        KeyConditionExpression: 'complainantPk = :pk',
        ExpressionAttributeValues: toItem({
          ':pk': `MOBILE#${storedMobileHash(p.cloud, `+91${body.complainant.mobile}`)}`,
        }),
      }),
    );
    expect(Items.map((i) => i.referenceNo?.S)).toEqual([referenceNo]);

    await p.cloud.drain(30_000);
    const stored = await storedReferences(db, p.cloud.tableNames.main!, [...accepted.keys()]);
    for (const no of accepted.keys()) {
      expect(stored.get(no)?.status, `accepted ${no}`).toBeDefined();
      expect(stored.get(no)!.status, no).not.toBe('registered');
      expect(consistencyProblems(stored.get(no)!), no).toEqual([]);
    }
  });

  it("takes an officer's step back when its notification cannot be queued: 503, and the same form works later", async () => {
    const station = 'chandauli-dhina';
    const referenceNo = await fileAccepted({ location: { districtCode: DISTRICT, stationCode: station } });
    const [stationLink] = await f.links(f.stationEmail(station), referenceNo);
    const formToken = await formTokenOf(stationLink!);
    const before = await f.stored(referenceNo);

    await p.cloud.faults.stopSqs();
    const report = await f.postForm(stationLink!, { formToken, ...f.goodReport });
    await p.cloud.faults.startSqs();

    expect(report.status).toBe(503);
    expect(report.headers['content-type']).toMatch(/text\/html/);
    expect(report.text).toMatch(/[\u0900-\u097F]/);
    // Not told, not done: the report was taken back, and the history says so.
    const after = await f.stored(referenceNo);
    expect(after.status).toBe('assigned');
    expect(after.report).toBeUndefined();
    expect(after.history.slice(before.history.length).map((e) => [e.action, e.toStatus])).toEqual([
      ['report-submitted', 'report-submitted'],
      ['undone', 'assigned'],
    ]);
    expect(consistencyProblems(after)).toEqual([]);

    // Once SQS is back the same form goes through, and the supervisor hears of it once.
    expect((await f.postForm(stationLink!, { formToken, ...f.goodReport })).status).toBe(303);
    await f.links(f.supervisorEmail(station), referenceNo, /review|समीक्षा/);
    await p.cloud.drain(30_000);
    expect(await mailsAbout(f.supervisorEmail(station), referenceNo, /review|समीक्षा/)).toHaveLength(1);
  });
});

describe('the acknowledgement', () => {
  it('reaches the complainant, once, through routing', async () => {
    // What an accepted intake leaves: the reference stored and its routing message queued, nothing
    // else. The router queues the acknowledgement with the station's notice.
    const template = await f.stored(await fileAccepted());
    const mobile = uniqueMobile();
    const now = new Date();
    const referenceNo = newReferenceNumber(cryptoRandom.digits);
    const { stationCode: _station, ...rest } = template;
    const reference: Reference = {
      ...rest,
      referenceNo,
      status: 'registered',
      version: 1,
      complainant: { ...template.complainant, mobile: `+91${mobile}` },
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      history: [template.history[0]!],
    };
    const created = await new DynamoReferenceRepository(db, p.cloud.tableNames.main!).create(reference, {
      mobileHash: storedMobileHash(p.cloud, `+91${mobile}`),
      istMonth: istMonth(now),
      istDate: istDate(now),
    });
    expect(created).toBe(true);
    accepted.set(referenceNo, { mobile, trackingSecret: '' });
    await sendTo('routing', { type: 'route', referenceNo });

    await routed(referenceNo);
    await p.cloud.drain(30_000);
    const sms = p.cloud.sms
      .messages()
      .filter(
        (m) => m.destination === `+91${mobile}` && isAcknowledgement(m) && m.body.includes(referenceNo),
      );
    expect(sms).toHaveLength(1);
  });
});

describe('a consumer that fails on its first delivery', () => {
  it.each([
    ['router', 'after'],
    ['router', 'before'],
    ['notifier', 'after'],
    ['notifier', 'before'],
  ] as const)('%s failing %s its handler ran: retried, and the effect happens once', async (fn, phase) => {
    const station = 'chandauli-chakia';
    p.cloud.faults.failNextInvocation(fn, { phase });
    const referenceNo = await fileAccepted({ location: { districtCode: DISTRICT, stationCode: station } });
    const reference = await routed(referenceNo);
    await f.links(f.stationEmail(station), referenceNo);
    await p.cloud.drain(30_000);

    expect(reference.history.filter((e) => e.action === 'routed')).toHaveLength(1);
    expect((await f.stored(referenceNo)).version).toBe(2);
    expect(await mailsAbout(f.stationEmail(station), referenceNo)).toHaveLength(1);
    const mobile = `+91${accepted.get(referenceNo)!.mobile}`;
    const acknowledgements = p.cloud.sms
      .messages()
      .filter((m) => m.destination === mobile && isAcknowledgement(m) && m.body.includes(referenceNo));
    expect(acknowledgements).toHaveLength(1);
    expect(p.logs.some((l) => l.includes('Runtime.InjectedFailure') || l.includes('failure injected'))).toBe(
      true,
    );
  });
});

describe('the same message twice, and out of order', () => {
  it('routes once and notifies once however often the messages come, and ignores superseded ones', async () => {
    const first = 'chandauli-ilia';
    const second = 'chandauli-shahabganj';
    const referenceNo = await fileAccepted({ location: { districtCode: DISTRICT, stationCode: first } });
    const assigned = await routed(referenceNo);
    await f.links(f.stationEmail(first), referenceNo);
    const assignedNotice = {
      type: 'station-assigned',
      referenceNo,
      stationCode: first,
      version: assigned.version,
    };

    // The routing and notification messages again, each twice and at once.
    await Promise.all([
      sendTo('routing', { type: 'route', referenceNo }),
      sendTo('routing', { type: 'route', referenceNo }),
      sendTo('notifications', assignedNotice),
      sendTo('notifications', assignedNotice),
      sendTo('notifications', { type: 'acknowledgement', referenceNo }),
    ]);
    await p.cloud.drain(30_000);
    expect((await f.stored(referenceNo)).version).toBe(assigned.version);
    expect(await mailsAbout(f.stationEmail(first), referenceNo)).toHaveLength(1);

    // The district cell moves it to another station; then the old assignment's notice, a triage
    // notice and a route message arrive late, the newest notice before the oldest.
    const cell = cellLink();
    const transfer = await f.submit(cell, {
      action: 'transfer',
      referenceNo,
      stationCode: second,
      reason: 'The incident happened within the limits of Shahabganj.',
    });
    expect(transfer.status).toBe(303);
    const moved = await f.stored(referenceNo);
    expect(moved).toMatchObject({ stationCode: second, status: 'assigned' });
    await f.links(f.stationEmail(second), referenceNo);
    await sendTo('notifications', {
      type: 'station-assigned',
      referenceNo,
      stationCode: second,
      version: moved.version,
    });
    await sendTo('notifications', assignedNotice);
    await sendTo('notifications', { type: 'triaged', referenceNo, districtCode: DISTRICT, version: 2 });
    await sendTo('routing', { type: 'route', referenceNo });
    await p.cloud.drain(30_000);

    const final = await f.stored(referenceNo);
    expect(final.version).toBe(moved.version);
    expect(final.stationCode).toBe(second);
    expect(final.history.filter((e) => e.action === 'routed')).toHaveLength(1);
    expect(await mailsAbout(f.stationEmail(first), referenceNo)).toHaveLength(1);
    expect(await mailsAbout(f.stationEmail(second), referenceNo)).toHaveLength(1);
    expect(await mailsAbout(`igrs.${DISTRICT}@demo.nivaran.local`, referenceNo)).toHaveLength(0);
    expect(consistencyProblems(final)).toEqual([]);
  });

  it('ignores a late workflow message about a state the reference has left', async () => {
    const station = 'chandauli-naugarh';
    const referenceNo = await fileAccepted({ location: { districtCode: DISTRICT, stationCode: station } });
    const [stationLink] = await f.links(f.stationEmail(station), referenceNo);
    expect((await f.submit(stationLink!, f.goodReport)).status).toBe(303);
    const submitted = await f.stored(referenceNo);
    const [review] = await f.links(f.supervisorEmail(station), referenceNo, /review|समीक्षा/);
    expect((await f.submit(review!, { action: 'approve', grade: 'A', remark: '' })).status).toBe(303);
    await f.links('sunita@example.in', referenceNo, /disposed|निस्तारण/);

    // The report-submitted notice again, after the approval, twice: the supervisor hears nothing more.
    const notice = { type: 'report-submitted', referenceNo, version: submitted.version };
    await Promise.all([sendTo('notifications', notice), sendTo('notifications', notice)]);
    await p.cloud.drain(30_000);
    expect(await mailsAbout(f.supervisorEmail(station), referenceNo, /review|समीक्षा/)).toHaveLength(1);
    expect(await mailsAbout('sunita@example.in', referenceNo, /disposed|निस्तारण/)).toHaveLength(1);
  });
});

describe('two officers acting on one reference at once', () => {
  /** Files, routes and reports on a reference at a station; gives its station and review links. */
  async function reported(station: string) {
    const referenceNo = await fileAccepted({ location: { districtCode: DISTRICT, stationCode: station } });
    const [stationLink] = await f.links(f.stationEmail(station), referenceNo);
    expect((await f.submit(stationLink!, f.goodReport)).status).toBe(303);
    const [review] = await f.links(f.supervisorEmail(station), referenceNo, /review|समीक्षा/);
    return { referenceNo, stationLink: stationLink!, review: review! };
  }

  const expectOneWinner = (responses: RawHttpResponse[]) => {
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([303, 409]);
    const loser = responses.find((r) => r.status === 409)!;
    expect(loser.headers['content-type']).toMatch(/text\/html/);
    // A clear page in both languages: act again only after reloading.
    expect(loser.text).toMatch(/[\u0900-\u097F]/);
    expect(loser.text).toMatch(/Not possible now|Someone else|already/i);
  };

  it('takes one of two concurrent approvals; the other gets a 409 page; one event, one feedback request', async () => {
    const station = 'chandauli-sadar-kotwali';
    const { referenceNo, review } = await reported(station);
    const formToken = await formTokenOf(review);
    const responses = await Promise.all([
      f.postForm(review, { formToken, action: 'approve', grade: 'A', remark: 'Verified in person.' }),
      f.postForm(review, { formToken, action: 'approve', grade: 'B', remark: 'Adequate.' }),
    ]);
    expectOneWinner(responses);
    const reference = await f.stored(referenceNo);
    expect(reference.status).toBe('resolved');
    expect(reference.history.filter((e) => e.action === 'approved')).toHaveLength(1);
    expect(reference.disposalCount).toBe(1);
    await f.links('sunita@example.in', referenceNo, /disposed|निस्तारण/);
    await p.cloud.drain(30_000);
    expect(await mailsAbout('sunita@example.in', referenceNo, /disposed|निस्तारण/)).toHaveLength(1);
    expect(consistencyProblems(reference)).toEqual([]);
  });

  it('takes one of an approval and a return sent at once', async () => {
    const station = 'chandauli-saiyadraja';
    const { referenceNo, review } = await reported(station);
    const formToken = await formTokenOf(review);
    const responses = await Promise.all([
      f.postForm(review, { formToken, action: 'approve', grade: 'A', remark: '' }),
      f.postForm(review, {
        formToken,
        action: 'return',
        reasons: 'Record the statements of both neighbours.',
      }),
    ]);
    expectOneWinner(responses);
    const reference = await f.stored(referenceNo);
    expect(['resolved', 'returned']).toContain(reference.status);
    expect(reference.history.filter((e) => e.action === 'approved' || e.action === 'returned')).toHaveLength(
      1,
    );
    expect(consistencyProblems(reference)).toEqual([]);
  });

  it('takes one of two concurrent reports, and one of a report and a transfer by the district cell', async () => {
    const station = 'chandauli-kandwa';
    const referenceNo = await fileAccepted({ location: { districtCode: DISTRICT, stationCode: station } });
    const [stationLink] = await f.links(f.stationEmail(station), referenceNo);
    const formToken = await formTokenOf(stationLink!);
    const reports = await Promise.all([
      f.postForm(stationLink!, { formToken, ...f.goodReport }),
      f.postForm(stationLink!, { formToken, ...f.goodReport, outcome: 'not-police-matter' }),
    ]);
    expectOneWinner(reports);
    const reference = await f.stored(referenceNo);
    expect(reference.history.filter((e) => e.action === 'report-submitted')).toHaveLength(1);
    await f.links(f.supervisorEmail(station), referenceNo, /review|समीक्षा/);

    // The station reports while the district cell transfers: one of the two.
    const other = await fileAccepted({ location: { districtCode: DISTRICT, stationCode: station } });
    const [otherLink] = await f.links(f.stationEmail(station), other);
    const otherToken = await formTokenOf(otherLink!);
    const cell = cellLink();
    const cellToken = await formTokenOf(cell);
    const both = await Promise.all([
      f.postForm(otherLink!, { formToken: otherToken, ...f.goodReport }),
      f.postForm(cell, {
        formToken: cellToken,
        action: 'transfer',
        referenceNo: other,
        stationCode: 'chandauli-mahila-thana',
        reason: 'The complaint concerns harassment of a woman.',
      }),
    ]);
    // The loser is refused: 409 if it read before the winner wrote; a station that reads after the
    // transfer finds the reference no longer its own (403).
    expect(both.filter((r) => r.status === 303)).toHaveLength(1);
    expect(both.filter((r) => r.status === 409 || r.status === 403)).toHaveLength(1);
    const settled = await f.stored(other);
    expect(
      settled.history.filter((e) => e.action === 'report-submitted' || e.action === 'transferred'),
    ).toHaveLength(1);
    expect(consistencyProblems(settled)).toEqual([]);
    await p.cloud.drain(30_000);
  });
});

describe('afterwards', () => {
  it('has every accepted reference, in one consistent state, counted once by the ranking, and empty queues', async () => {
    await p.cloud.drain(30_000);
    expect(accepted.size).toBeGreaterThan(20);
    const stored = await storedReferences(db, p.cloud.tableNames.main!, [...accepted.keys()]);
    const problems: Record<string, string[]> = {};
    for (const no of accepted.keys()) {
      const reference = stored.get(no);
      const found = reference ? consistencyProblems(reference) : ['missing'];
      if (reference?.status === 'registered') found.push('never routed');
      if (found.length > 0) problems[no] = found;
    }
    expect(problems).toEqual({});

    // Nothing but accepted references in the district's months, and the ranking counts each once.
    const byMonth = new Map<string, string[]>();
    for (const reference of stored.values()) {
      const month = istMonth(new Date(reference.createdAt));
      byMonth.set(month, [...(byMonth.get(month) ?? []), reference.referenceNo]);
    }
    for (const [month, numbers] of byMonth) {
      const indexed = await monthIndexNumbers(db, p.cloud.tableNames.main!, DISTRICT, month);
      expect(indexed.sort()).toEqual([...numbers].sort());
      const ranked = await rankedReferenceCount(db, p.cloud.tableNames.main!, DISTRICT, month);
      expect(ranked.district).toBe(numbers.length);
      expect(ranked.read).toBe(numbers.length);
    }

    // A refused complaint left nothing: no reference from its mobile, and its monthly count not taken.
    expect(refused.length).toBeGreaterThan(0);
    const leftovers: string[] = [];
    for (const { mobile, at } of refused) {
      const hash = storedMobileHash(p.cloud, `+91${mobile}`);
      const [references, counts] = await Promise.all([
        db.send(
          new QueryCommand({
            TableName: p.cloud.tableNames.main,
            IndexName: 'complainant',
            KeyConditionExpression: 'complainantPk = :pk',
            ExpressionAttributeValues: toItem({ ':pk': `MOBILE#${hash}` }),
          }),
        ),
        db.send(
          new QueryCommand({
            TableName: p.cloud.tableNames.main,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: toItem({ ':pk': `LIMIT#${hash}` }),
            ConsistentRead: true,
          }),
        ),
      ]);
      const filed = (references.Items ?? []).length;
      const counted = (counts.Items ?? []).reduce((sum, item) => sum + Number(item.count?.N ?? 0), 0);
      if (filed > 0 || counted > 0)
        leftovers.push(`${mobile} at ${at.toISOString()}: ${filed} filed, ${counted} counted`);
    }
    expect(leftovers).toEqual([]);

    // One acknowledgement per accepted reference, to the number that filed it.
    const sms = p.cloud.sms.messages();
    const acknowledgements = new Map<string, number>();
    for (const m of sms) {
      const no = /\b(\d{11})\b/.exec(m.body)?.[1];
      if (no && isAcknowledgement(m) && m.destination === `+91${accepted.get(no)?.mobile}`)
        acknowledgements.set(no, (acknowledgements.get(no) ?? 0) + 1);
    }
    const notOnce = [...accepted.keys()].filter((no) => acknowledgements.get(no) !== 1);
    expect(
      notOnce.map((no) => `${no}: ${acknowledgements.get(no) ?? 0}`),
      p.logs
        .filter((l) => notOnce.some((no) => l.includes(no)) && /ERROR|fail/i.test(l))
        .join('\n')
        .slice(0, 3000),
    ).toEqual([]);

    const depths = await queueDepths(p.sqs, p.cloud.queues);
    const deadLetters = await Promise.all(
      Object.values(p.cloud.queues).map(async (q) => {
        const { Messages = [] } = await p.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: q.deadLetterUrl,
            MaxNumberOfMessages: 10,
            VisibilityTimeout: 0,
          }),
        );
        return Messages.map((m) => m.Body);
      }),
    );
    expect(
      Object.values(depths).every((n) => n === 0),
      `${JSON.stringify(depths)} ${JSON.stringify(deadLetters.flat())}`,
    ).toBe(true);
  });
});

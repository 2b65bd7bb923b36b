import { randomBytes } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { type DynamoDBClient, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erase, parseArguments } from '../../infra/tools/erase-complainant.ts';
import { DynamoPersonalDataStore } from '../../shared/adapters/dynamodb/personal-data-store.ts';
import { MAIN_TABLE } from '../../shared/adapters/dynamodb/tables.ts';
import { newReferenceNumber } from '../../shared/domain/reference/reference-number.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import { PERSONAL_DATA, personalValues } from '../../shared/domain/retention/personal-data.ts';
import { referenceRetentionDays } from '../../shared/domain/retention/policy.ts';
import { istMonth } from '../../shared/domain/time/ist.ts';
import type { ErasureAudit } from '../../shared/use-cases/erase-complainant.ts';
import type { RetentionJobResult } from '../../shared/use-cases/redact-expired-references.ts';
import { onePagePdf } from '../fixtures/files.ts';
import { officerFlow } from '../fixtures/officer-flow.ts';
import {
  complaintBody,
  type ProductCloud,
  startProductCloud,
  storedMobileHash,
  uniqueMobile,
} from '../fixtures/product-cloud.ts';
import { dynamoClient, LOCAL_CREDENTIALS, rawRequest } from '../fixtures/support.ts';

const TOKEN = 'test-admin-token-retention-0123';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const DAY_MS = 86_400_000;
const STATION = 'chandauli-sakaldiha';
const PDF = await onePagePdf();

let p: ProductCloud;
let f: ReturnType<typeof officerFlow>;
let db: DynamoDBClient;
let s3: S3Client;
let table: string;

beforeAll(async () => {
  p = await startProductCloud({ secretOverrides: { adminToken: TOKEN } });
  f = officerFlow(p);
  db = dynamoClient(p.cloud.dynamodbEndpoint);
  table = p.cloud.tableNames.main!;
  s3 = new S3Client({
    endpoint: p.cloud.sqsEndpoint,
    region: 'ap-south-1',
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
}, 120_000);

afterAll(async () => {
  db?.destroy();
  s3?.destroy();
  await p?.stop();
});

/** A complainant no other test shares: every value is findable by a plain text search. */
function person() {
  const tag = randomBytes(4).toString('hex');
  return {
    name: `Kaushalendra Tiwari ${tag}`,
    mobile: uniqueMobile(),
    email: `k.tiwari.${tag}@example.in`,
    address: `House 9, Kasba Road ${tag}, Sakaldiha`,
    tag,
  };
}

async function fileFor(who: ReturnType<typeof person>, headers: Record<string, string> = {}) {
  const response = await p.post(
    '/v1/complaints',
    complaintBody({
      complainant: {
        name: who.name,
        mobile: who.mobile,
        email: who.email,
        address: who.address,
        language: 'en',
      },
      location: {
        districtCode: 'chandauli',
        stationCode: STATION,
        locality: `Mohalla ${who.tag}`,
        pinCode: '232109',
      },
      description: `My motorcycle was stolen from outside House 9 (${who.tag}); please call ${who.mobile}.`,
    }),
    headers,
  );
  expect(response.status).toBe(201);
  return response.json<{ referenceNo: string }>().referenceNo;
}

/** Walks a reference to disposal: contact read, a file attached, a report, approval, feedback. */
async function dispose(referenceNo: string, who: ReturnType<typeof person>) {
  const [stationLink] = await f.links(f.stationEmail(STATION), referenceNo);
  const page = await rawRequest(stationLink!);
  const attach = await p.post(
    `${stationLink!.slice(p.cloud.apiUrl.length)}/attachments`,
    new URLSearchParams({
      formToken: f.formTokenIn(page.text),
      action: 'upload-url',
      contentType: 'application/pdf',
      contentLength: String(PDF.length),
    }).toString(),
    { 'content-type': 'application/x-www-form-urlencoded' },
  );
  expect(attach.status).toBe(200);
  const grant = attach.json<{ url: string; key: string; headers: Record<string, string> }>();
  await fetch(grant.url, { method: 'PUT', headers: grant.headers, body: PDF });
  const confirmed = await p.post(
    `${stationLink!.slice(p.cloud.apiUrl.length)}/attachments`,
    new URLSearchParams({
      formToken: f.formTokenIn(page.text),
      action: 'confirm-upload',
      key: grant.key,
      fileName: `aadhaar-${who.tag}.pdf`,
    }).toString(),
    { 'content-type': 'application/x-www-form-urlencoded' },
  );
  expect(confirmed.status).toBe(201);
  await f.submit(stationLink!, {
    ...f.goodReport,
    findings: `Met ${who.name} at ${who.address}; the motorcycle was found near the canal.`,
    actionTaken: `Returned to ${who.name} against receipt.`,
  });
  const [review] = await f.links(f.supervisorEmail(STATION), referenceNo, /review|समीक्षा/);
  await f.submit(review!, { action: 'approve', grade: 'A', remark: `Spoke to ${who.name} myself.` });
  const [feedback] = await f.links(who.email, referenceNo, /disposed|निस्तारण/);
  await f.submit(feedback!, { satisfied: 'yes', comment: `Thank you, I am ${who.name} (${who.tag}).` });
  await p.cloud.drain();
  return grant.key;
}

/** Text of a DynamoDB value as a search sees it: packed (deflated) texts inflated. */
function textOf(value: unknown): string {
  if (value instanceof Uint8Array) {
    try {
      return inflateRawSync(value).toString('utf8');
    } catch {
      return Buffer.from(value).toString('utf8');
    }
  }
  if (value instanceof Set) return [...value].map(textOf).join(' ');
  if (Array.isArray(value)) return value.map(textOf).join(' ');
  if (value && typeof value === 'object') return Object.values(value).map(textOf).join(' ');
  return String(value);
}

/**
 * Every item of the table and of every index, as text (a test may Scan; the product never does):
 * whatever copy of personal data a feature makes, it is in here.
 */
async function everyCopy(): Promise<string[]> {
  const texts: string[] = [];
  for (const index of [undefined, ...MAIN_TABLE.globalIndexes.map((i) => i.name)]) {
    let startKey: Record<string, never> | undefined;
    do {
      const page = await db.send(
        new ScanCommand({ TableName: table, IndexName: index, ExclusiveStartKey: startKey }),
      );
      for (const item of page.Items ?? []) {
        if (item.pk?.S?.startsWith('MASTER#')) continue;
        texts.push(`${index ?? 'table'}: ${Object.keys(item).join(',')} ${textOf(unmarshall(item))}`);
      }
      startKey = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (startKey);
  }
  return texts;
}

/** What must be gone: the declared fields' values, the mobile's digits and its hash. */
const secretsOf = (reference: Reference) => {
  const digits = reference.complainant.mobile!.slice(-10);
  return [...personalValues(reference), digits, storedMobileHash(p.cloud, reference.complainant.mobile!)];
};

const found = (texts: string[], secrets: string[]) =>
  texts.flatMap((text) =>
    secrets.filter((s) => text.includes(s)).map((s) => `${s} in ${text.slice(0, 160)}`),
  );

const objectsOf = async (referenceNo: string) => {
  const { Contents = [] } = await s3.send(
    new ListObjectsV2Command({ Bucket: p.cloud.buckets.attachments!, Prefix: `attachments/${referenceNo}/` }),
  );
  return Contents.map((c) => c.Key!);
};

const queryCount = async (input: { IndexName?: string; key: string; value: string }) => {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: input.IndexName,
      KeyConditionExpression: `${input.key} = :v`,
      ExpressionAttributeValues: { ':v': { S: input.value } },
    }),
  );
  return Items;
};

async function csvExports(revision: number): Promise<Map<string, Buffer>> {
  // Whichever policy is in force this month: rankings/<month>/<policy>/rev-<n>/<file>.
  const month = istMonth(new Date());
  const { Contents = [] } = await s3.send(
    new ListObjectsV2Command({ Bucket: p.cloud.buckets.exports!, Prefix: `rankings/${month}/` }),
  );
  const files = new Map<string, Buffer>();
  for (const { Key } of Contents) {
    const file = Key?.split(`/rev-${revision}/`)[1];
    if (!file?.endsWith('.csv')) continue;
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: p.cloud.buckets.exports!, Key }));
    files.set(file, Buffer.from(await Body!.transformToByteArray()));
  }
  return files;
}

describe('the retention job', { timeout: 120_000 }, () => {
  const due = person();
  const open = person();
  let dueNo: string;
  let openNo: string;
  let original: Reference;
  let attachmentKey: string;
  const rankedAt = new Date(Date.now() + 60_000);
  const runAt = (days: number) => new Date(Date.now() + days * DAY_MS);
  const retain = () => queryCount({ IndexName: 'retention', key: 'retainPk', value: 'RETAIN#chandauli' });

  beforeAll(async () => {
    dueNo = await fileFor(due, { 'idempotency-key': `retention-${due.tag}` });
    openNo = await fileFor(open);
    // A failed tracking attempt leaves a guard item under the reference number.
    expect((await p.get(`/v1/complaints/${dueNo}`, { 'x-tracking-secret': 'WRONG000' })).status).toBe(404);
    attachmentKey = await dispose(dueNo, due);
    original = await f.stored(dueNo);
    await p.cloud.trigger('monthlyRanking', rankedAt, { month: istMonth(new Date()) });
  }, 120_000);

  it('It should hold the complainant everywhere before the windows pass, and leave it so until then', async () => {
    expect(original.status).toBe('resolved');
    expect(original.feedback?.comment).toContain(due.tag);
    expect(await objectsOf(dueNo)).toEqual([attachmentKey]);
    expect((await retain()).map((i) => i.pk?.S)).toContain(`REF#${dueNo}`);
    const early = (await p.cloud.trigger(
      'retention',
      runAt(referenceRetentionDays() - 1),
    )) as RetentionJobResult;
    expect(early).toMatchObject({ redacted: 0, complete: true });
    // The search below finds what it looks for: before the run every secret is somewhere.
    const before = found(await everyCopy(), secretsOf(original));
    for (const secret of secretsOf(original))
      expect(
        before.some((line) => line.startsWith(secret)),
        secret,
      ).toBe(true);
  });

  it('It should remove every personal field from every copy once the windows have passed, indexes included', async () => {
    const result = (await p.cloud.trigger(
      'retention',
      runAt(referenceRetentionDays() + 1),
    )) as RetentionJobResult;
    expect(result).toMatchObject({ redacted: 1, objectsDeleted: 1, complete: true });
    expect(result.recordsDeleted).toBeGreaterThanOrEqual(3); // the contact read, the tracking guard, the month's count

    expect(found(await everyCopy(), secretsOf(original))).toEqual([]);
    expect(await objectsOf(dueNo)).toEqual([]);
    expect(
      await queryCount({
        IndexName: 'complainant',
        key: 'complainantPk',
        value: `MOBILE#${storedMobileHash(p.cloud, original.complainant.mobile!)}`,
      }),
    ).toEqual([]);
    // Nor filed under an empty hash: the redacted item carries no complainant keys at all.
    expect(await queryCount({ IndexName: 'complainant', key: 'complainantPk', value: 'MOBILE#' })).toEqual(
      [],
    );
    expect((await retain()).map((i) => i.pk?.S)).not.toContain(`REF#${dueNo}`);
    for (const record of PERSONAL_DATA.records) {
      const pk = record.pk
        .replace('{referenceNo}', dueNo)
        .replace('{mobileHash}', storedMobileHash(p.cloud, original.complainant.mobile!));
      const left = (await queryCount({ key: 'pk', value: pk })).filter((i) =>
        i.sk?.S?.startsWith(record.skPrefix ?? ''),
      );
      expect(left, record.kind).toEqual([]);
    }

    // What the statistics read stays; the officer's page says what happened.
    const after = await f.stored(dueNo);
    expect(after).toMatchObject({
      status: 'resolved',
      districtCode: 'chandauli',
      stationCode: STATION,
      categoryCode: original.categoryCode,
      createdAt: original.createdAt,
      disposal: { grade: 'A', kind: 'resolved', outcome: original.disposal!.outcome, remark: '' },
      feedback: { satisfied: true },
      report: { contacted: true, outcome: original.report!.outcome, findings: '' },
      complainant: { name: '', mobile: '', address: '', language: 'en' },
      description: '',
      redaction: { reason: 'retention' },
    });
    expect(after.history.map((e) => e.action)).toEqual([
      ...original.history.map((e) => e.action),
      'personal-data-redacted',
    ]);

    // The reference still open keeps everything.
    const stillOpen = await f.stored(openNo);
    expect(stillOpen.complainant.name).toBe(open.name);
    expect(stillOpen.description).toContain(open.tag);
  });

  it('It should rank the month afterwards exactly as before (byte-identical CSV exports)', async () => {
    await p.cloud.trigger('monthlyRanking', rankedAt, { month: istMonth(new Date()) });
    const [first, second] = [await csvExports(1), await csvExports(2)];
    expect(first.size).toBeGreaterThan(0);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [name, bytes] of first) expect(second.get(name)!.equals(bytes), name).toBe(true);
  });

  it('It should change nothing when run again (idempotent)', async () => {
    const before = await f.stored(dueNo);
    const again = (await p.cloud.trigger(
      'retention',
      runAt(referenceRetentionDays() + 1),
    )) as RetentionJobResult;
    expect(again).toMatchObject({ redacted: 0, objectsDeleted: 0, recordsDeleted: 0, complete: true });
    expect(await f.stored(dueNo)).toEqual(before);
  });
});

describe('erasure on request', { timeout: 120_000 }, () => {
  const erasures = () => new DynamoPersonalDataStore(db, table).erasures(istMonth(new Date()));

  it('It should refuse callers without the admin token, and bodies naming both or neither target', async () => {
    const body = { referenceNo: '40015723013', reason: 'complainant-request', operator: 'igrs-admin-01' };
    expect((await p.post('/v1/admin/erasures', body)).status).toBe(401);
    expect((await p.post('/v1/admin/erasures', body, { authorization: 'Bearer nope' })).status).toBe(401);
    const both = await p.post('/v1/admin/erasures', { ...body, mobile: '9876543210' }, AUTH);
    expect(both.status).toBe(422);
    expect(both.headers['content-type']).toContain('application/problem+json');
    const unknown = await p.post(
      '/v1/admin/erasures',
      { ...body, referenceNo: newReferenceNumber((n) => '7'.repeat(n)) },
      { ...AUTH, 'accept-language': 'hi' },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.json<{ title: string }>().title).toBe('इस संख्या का कोई सन्दर्भ नहीं है');
  });

  it("It should erase one open reference's data now through the API and record who, when and why", async () => {
    const who = person();
    const referenceNo = await fileFor(who);
    await p.cloud.drain();
    const [stationLink] = await f.links(f.stationEmail(STATION), referenceNo);
    await rawRequest(stationLink!);
    // A file the station uploaded but never confirmed is deleted too.
    await s3.send(
      new PutObjectCommand({
        Bucket: p.cloud.buckets.attachments!,
        Key: `attachments/${referenceNo}/0f8fad5b-d9cb-469f-a165-70867728950e.pdf`,
        Body: PDF,
      }),
    );
    const original = await f.stored(referenceNo);

    const response = await p.post(
      '/v1/admin/erasures',
      {
        referenceNo,
        reason: 'complainant-request',
        requestRef: `SP-CHD/2026/${who.tag}`,
        operator: 'igrs-admin-01',
      },
      AUTH,
    );
    expect(response.status).toBe(200);
    const audit = response.json<ErasureAudit>();
    expect(audit).toMatchObject({
      operator: 'igrs-admin-01',
      reason: 'complainant-request',
      requestRef: `SP-CHD/2026/${who.tag}`,
      scope: 'reference',
      referenceNos: [referenceNo],
      objectsDeleted: 1,
    });
    expect(found(await everyCopy(), secretsOf(original))).toEqual([]);
    expect(await objectsOf(referenceNo)).toEqual([]);
    const stored = (await erasures()).find((e) => e.id === audit.id);
    expect(stored).toEqual(audit);
    expect(found([JSON.stringify(stored)], secretsOf(original))).toEqual([]);

    // The station's page still opens, and says the details were erased.
    const page = await rawRequest(stationLink!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('erased on the complainant&#39;s request');
    expect(page.text).not.toContain(who.name);
  });

  it('It should erase every reference of one mobile number through the tool, with its audit entry', async () => {
    const who = person();
    const first = await fileFor(who);
    const second = await fileFor({ ...who, tag: `${who.tag}b` });
    await p.cloud.drain();
    const originals = [await f.stored(first), await f.stored(second)];
    const options = parseArguments([
      '--mobile',
      who.mobile,
      '--reason',
      'court-order',
      '--operator',
      'igrs-admin-02',
      '--request-ref',
      `HC-ALD/${who.tag}`,
      '--api-url',
      p.cloud.apiUrl,
    ]);
    expect(typeof options).toBe('object');
    const audit = (await erase(options as Exclude<typeof options, string>))!;
    expect(audit).toMatchObject({ scope: 'mobile', operator: 'igrs-admin-02', reason: 'court-order' });
    expect([...audit.referenceNos].sort()).toEqual([first, second].sort());
    // This month's count under the mobile goes too: the complainant asked for everything.
    expect(
      await queryCount({
        key: 'pk',
        value: `LIMIT#${storedMobileHash(p.cloud, originals[0]!.complainant.mobile!)}`,
      }),
    ).toEqual([]);
    expect(found(await everyCopy(), originals.flatMap(secretsOf))).toEqual([]);
    expect((await erasures()).find((e) => e.id === audit.id)).toEqual(audit);
    expect(JSON.stringify(audit)).not.toContain(who.mobile);

    // Asked again: nothing is left under the number, and the request is recorded once more.
    const again = (await erase(options as Exclude<typeof options, string>))!;
    expect(again).toMatchObject({ scope: 'mobile', referenceNos: [] });
  });
});

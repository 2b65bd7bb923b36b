import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArguments, publishPolicyFile } from '../../infra/tools/publish-policy.ts';
import { toItem } from '../../shared/adapters/dynamodb/dynamo-item.ts';
import { RankingStore } from '../../shared/adapters/dynamodb/ranking-store.ts';
import { referenceKey } from '../../shared/adapters/dynamodb/reference-item.ts';
import { DynamoReferenceRepository } from '../../shared/adapters/dynamodb/reference-repository.ts';
import { recomputeDeps } from '../../shared/adapters/wiring/ranking-wiring.ts';
import { parseKeyring } from '../../shared/domain/links/keyring.ts';
import { signLinkToken } from '../../shared/domain/links/token.ts';
import { POLICY_V2 } from '../../shared/domain/ranking/default-policy.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import { istDate, istMonth } from '../../shared/domain/time/ist.ts';
import { type RankingJobResult, recomputeRevision } from '../../shared/use-cases/run-monthly-ranking.ts';
import { officerFlow } from '../fixtures/officer-flow.ts';
import { type ProductCloud, startProductCloud } from '../fixtures/product-cloud.ts';
import { dynamoClient, LOCAL_CREDENTIALS, rawRequest, waitFor } from '../fixtures/support.ts';
import { AS_OF, alphaMonth, aReference, MONTH, perfectMonth } from '../unit/ranking-fixtures.ts';

const TOKEN = 'test-admin-token-policy-0123456789';
const AUTH = { authorization: `Bearer ${TOKEN}` };

let p: ProductCloud;
let db: DynamoDBClient;
let s3: S3Client;
let october: RankingJobResult;
let november: RankingJobResult;

// October 2026 (igrs-130-v1) and November 2026 (igrs-140-v2): in November, Chandauli's Alinagar has
// one perfect reference and Baburi eleven, one of them late.
const NOVEMBER = (r: Reference): Reference => ({
  ...r,
  createdAt: r.createdAt.replace('2026-10-', '2026-11-'),
  deadlineAt: r.deadlineAt.replace('2026-10-', '2026-11-'),
  ...(r.disposal
    ? { disposal: { ...r.disposal, disposedAt: r.disposal.disposedAt.replace('2026-10-', '2026-11-') } }
    : {}),
});
const references: Reference[] = [
  ...perfectMonth('chandauli-naugarh', 'chandauli'),
  ...alphaMonth('chandauli-sakaldiha', 'chandauli'),
  ...perfectMonth('varanasi-kotwali', 'varanasi', 3),
  ...perfectMonth('chandauli-alinagar', 'chandauli', 1).map(NOVEMBER),
  ...perfectMonth('chandauli-baburi', 'chandauli', 10).map(NOVEMBER),
  NOVEMBER(aReference({ station: 'chandauli-baburi', district: 'chandauli', disposed: { late: true } })),
];

const post = (path: string, body: unknown, headers: Record<string, string> = AUTH) =>
  rawRequest(`${p.cloud.apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const get = (path: string, headers: Record<string, string> = AUTH) =>
  rawRequest(`${p.cloud.apiUrl}${path}`, { headers });

beforeAll(async () => {
  p = await startProductCloud({ secretOverrides: { adminToken: TOKEN } });
  db = dynamoClient(p.cloud.dynamodbEndpoint);
  s3 = new S3Client({
    endpoint: p.cloud.sqsEndpoint,
    region: 'ap-south-1',
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
  const repository = new DynamoReferenceRepository(db, p.cloud.tableNames.main!);
  for (const reference of references) {
    const filed = new Date(reference.createdAt);
    await repository.create(reference, {
      mobileHash: 'h',
      istMonth: istMonth(filed),
      istDate: istDate(filed),
    });
  }
  october = (await p.cloud.trigger('monthlyRanking', AS_OF)) as RankingJobResult;
  november = (await p.cloud.trigger(
    'monthlyRanking',
    new Date('2026-12-01T00:30:00+05:30'),
  )) as RankingJobResult;
}, 180_000);

afterAll(async () => {
  db?.destroy();
  s3?.destroy();
  await p?.stop();
});

const target = () => ({
  dynamodb: db,
  tableName: p.cloud.tableNames.main!,
  s3,
  bucket: p.cloud.buckets.exports!,
});

describe('published months never change', () => {
  it('scores October under igrs-130-v1 and November under igrs-140-v2', () => {
    expect(october).toMatchObject({ month: MONTH, policyVersion: 'igrs-130-v1', revision: 1 });
    expect(november).toMatchObject({ month: '2026-11', policyVersion: 'igrs-140-v2', revision: 1 });
  });

  it('recomputes October with its old policy byte for byte: every CSV, JSON and HTML export', async () => {
    const result = await recomputeRevision(
      { month: MONTH, policyVersion: 'igrs-130-v1', revision: 1 },
      recomputeDeps(target()),
    );
    expect(result.files.map((f) => f.name).sort()).toEqual([
      'districts.csv',
      'districts.html',
      'districts.json',
      'stations.csv',
      'stations.html',
      'stations.json',
    ]);
    expect(result.files.every((f) => f.storedBytes > 0)).toBe(true);
    expect(result.files.filter((f) => !f.identical)).toEqual([]);
    expect(result.identical).toBe(true);
  }, 240_000);

  it('recomputes November under igrs-140-v2 byte for byte too, and a rerun of a ranked month keeps its policy', async () => {
    const result = await recomputeRevision(
      { month: '2026-11', policyVersion: 'igrs-140-v2', revision: 1 },
      recomputeDeps(target()),
    );
    expect(result.identical).toBe(true);
    const again = (await p.cloud.trigger('monthlyRanking', AS_OF)) as RankingJobResult;
    expect(again).toMatchObject({ month: MONTH, policyVersion: 'igrs-130-v1', revision: 2 });
  }, 240_000);
});

describe('igrs-140-v2: small numbers cannot rank', () => {
  it('lists Alinagar (1 reference) as not ranked: too few references, with its scorecard, and ranks Baburi', async () => {
    const store = new RankingStore(db, p.cloud.tableNames.main!);
    const stations = await store.units('2026-11', 'igrs-140-v2', 1, 'station', { district: 'chandauli' });
    const alinagar = stations.find((s) => s.code === 'chandauli-alinagar')!;
    const baburi = stations.find((s) => s.code === 'chandauli-baburi')!;
    expect(alinagar).toMatchObject({
      rank: null,
      districtRank: null,
      notRanked: 'too-few-references',
      group: null,
    });
    expect(alinagar.scorecard).toHaveLength(11);
    expect(alinagar.score).toBe(100);
    expect(baburi).toMatchObject({ districtRank: 1, group: 'small', notRanked: null });
    expect(baburi.score).toBeLessThan(100);

    const csv = await get('/v1/rankings/2026-11?level=station&district=chandauli&format=csv');
    expect(csv.text.split('\r\n')[0]).toMatch(/,group,not_ranked$/);
    expect(csv.text).toMatch(/\n,chandauli-alinagar,[^\r]*,100\.00,100,[^\r]*,too-few-references\r/);

    const html = await get('/v1/rankings/2026-11?level=station&district=chandauli&format=html');
    expect(html.status).toBe(200);
    expect(html.text).toContain('not ranked: too few references');
    expect(html.text).toContain('रैंक नहीं: सन्दर्भ बहुत कम');
    expect(html.text).toMatch(/had fewer than 5 references this month and are not ranked/);
    expect(html.text).toContain('igrs-140-v2');
  });
});

describe('GET /v1/rankings', () => {
  it('lists the ranked months with their revisions, and the policies with the months they cover', async () => {
    expect((await get('/v1/rankings', {})).status).toBe(401);
    const response = await get('/v1/rankings');
    expect(response.status).toBe(200);
    const body = response.json<{
      months: { month: string; latest: { policyVersion: string; revision: number }; revisions: unknown[] }[];
      policies: { version: string; effectiveFrom: string; effectiveUntil: string | null; source: string }[];
    }>();
    expect(body.months.map((m) => m.month)).toEqual(['2026-11', MONTH]);
    expect(body.months[1]).toMatchObject({ latest: { policyVersion: 'igrs-130-v1', revision: 2 } });
    expect(body.months[1]!.revisions).toHaveLength(2);
    expect(body.policies.slice(0, 2)).toEqual([
      expect.objectContaining({ version: 'igrs-130-v1', effectiveUntil: '2026-10', source: 'shipped' }),
      expect.objectContaining({ version: 'igrs-140-v2', effectiveFrom: '2026-11', source: 'shipped' }),
    ]);
  });
});

describe('POST /v1/rankings/policies', () => {
  const next = { ...POLICY_V2, version: 'igrs-140-v3', effectiveFrom: '2027-01' };

  it('refuses an invalid policy with a 400 problem naming each bad field, and stores nothing', async () => {
    const bad = await post('/v1/rankings/policies', { ...next, totalMarks: -1, ties: { decimals: 9 } });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    const problem = bad.json<{ errors: { pointer: string }[] }>();
    expect(problem.errors.map((e) => e.pointer)).toEqual(
      expect.arrayContaining(['/totalMarks', '/ties/decimals', '/ties/rule']),
    );
    const unsound = await post('/v1/rankings/policies', { ...next, totalMarks: 150 });
    expect(unsound.status).toBe(400);
    expect(unsound.text).toContain('not totalMarks 150');
    expect((await post('/v1/rankings/policies', '{not json')).status).toBe(400);
    expect((await post('/v1/rankings/policies', next, {})).status).toBe(401);
    const list = (await get('/v1/rankings')).json<{ policies: { version: string }[] }>();
    expect(list.policies.map((x) => x.version)).not.toContain('igrs-140-v3');
  });

  it('publishes a new version without a code change; the same version or month again is a 409, and so is a ranked month', async () => {
    const published = await post('/v1/rankings/policies', next);
    expect(published.status).toBe(201);
    expect(published.json()).toMatchObject({ version: 'igrs-140-v3', effectiveFrom: '2027-01' });
    expect((await post('/v1/rankings/policies', next)).status).toBe(409);
    expect(
      (await post('/v1/rankings/policies', { ...next, version: 'other', effectiveFrom: '2027-01' })).json(),
    ).toMatchObject({ status: 409 });
    const ranked = await post('/v1/rankings/policies', {
      ...next,
      version: 'late',
      effectiveFrom: '2026-10',
    });
    expect(ranked.status).toBe(409);
    expect(ranked.text).toContain('month-ranked');
    const list = (await get('/v1/rankings')).json<{ policies: { version: string; source: string }[] }>();
    expect(list.policies.at(-1)).toMatchObject({ version: 'igrs-140-v3', source: 'published' });

    // January 2027 is ranked under it, and every export carries it.
    const january = (await p.cloud.trigger(
      'monthlyRanking',
      new Date('2027-02-01T00:30:00+05:30'),
    )) as RankingJobResult;
    expect(january.policyVersion).toBe('igrs-140-v3');
    const json = await get('/v1/rankings/2027-01');
    expect(json.json<{ policy: { version: string } }>().policy.version).toBe('igrs-140-v3');
  }, 240_000);
});

describe('npm run ranking:policy', () => {
  it('checks a policy file (each problem by pointer), dry-runs it, then publishes it; the API lists it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nivaran-policy-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ ...POLICY_V2, version: 'tool-v4', effectiveFrom: '2027-13', extra: 1 }),
    );
    const refused = await publishPolicyFile({ file: bad }, target());
    expect(refused.ok).toBe(false);
    expect(refused.lines.join('\n')).toMatch(/bad\.json: \/effectiveFrom: /);
    expect(refused.lines.join('\n')).toMatch(/bad\.json: \/extra: Unknown field/);

    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ ...POLICY_V2, version: 'tool-v4', effectiveFrom: '2027-06' }));
    const dry = await publishPolicyFile({ file: good, dryRun: true }, target());
    expect(dry).toMatchObject({ ok: true });
    expect(dry.lines[0]).toContain('dry run');
    const listed = () => get('/v1/rankings').then((r) => r.json<{ policies: { version: string }[] }>());
    expect((await listed()).policies.map((x) => x.version)).not.toContain('tool-v4');
    expect(await publishPolicyFile({ file: good }, target())).toMatchObject({ ok: true });
    expect((await listed()).policies.map((x) => x.version)).toContain('tool-v4');
    expect((await publishPolicyFile({ file: good }, target())).lines[0]).toContain('version-taken');
    expect(parseArguments(['p.json', '--dry-run', '--table', 't'])).toEqual({
      file: 'p.json',
      dryRun: true,
      table: 't',
    });
    expect(parseArguments(['p.json', '--region', 'x'])).toMatch(/--region goes with --table/);
  });
});

describe('defaulters are charged to the unit that held the reference', () => {
  it('charges a reference flagged in triage to the district cell, not the station it is assigned to later', async () => {
    const f = officerFlow(p);
    const referenceNo = await f.file({ location: { districtCode: 'chandauli', pinCode: '110001' } });
    const triaged = await waitFor('routed to triage', async () => {
      const stored = await f.stored(referenceNo);
      return stored.status === 'triage' ? stored : undefined;
    });
    // Its deadline passes while the cell still holds it (moved back a month), then the sweep flags it.
    const deadlineAt = new Date(Date.now() - 86_400_000).toISOString();
    await db.send(
      new UpdateItemCommand({
        TableName: p.cloud.tableNames.main!,
        Key: toItem(referenceKey(referenceNo)),
        UpdateExpression: 'SET deadlineAt = :d, dueSk = :sk',
        ExpressionAttributeValues: toItem({ ':d': deadlineAt, ':sk': `${deadlineAt}#${referenceNo}` }),
      }),
    );
    await p.cloud.trigger('overdueSweep', new Date());
    const flagged = await f.stored(referenceNo);
    expect(flagged.defaulterHolder).toEqual({ unit: 'district-cell', code: 'chandauli' });
    expect(flagged.history.at(-1)).toMatchObject({
      action: 'marked-defaulter',
      details: { heldBy: 'district-cell:chandauli' },
    });

    const token = signLinkToken(
      {
        purpose: 'district-cell',
        districtCode: 'chandauli',
        officerId: 'chandauli-igrs-cell',
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
      },
      parseKeyring(p.cloud.secretValue('linkSigningKey')),
      new Date(),
    );
    const cell = `${p.cloud.apiUrl}/o/${token}`;
    const desk = await rawRequest(cell);
    const assigned = await f.postForm(cell, {
      formToken: f.formTokenIn(desk.text),
      action: 'assign',
      referenceNo,
      stationCode: 'chandauli-ilia',
    });
    expect(assigned.status).toBe(303);
    expect(await f.stored(referenceNo)).toMatchObject({ status: 'assigned', stationCode: 'chandauli-ilia' });

    const month = istMonth(new Date(triaged.createdAt));
    const run = (await p.post('/_local/schedules/monthlyRanking', { month })).json<{
      result: RankingJobResult;
    }>().result;
    expect(run.policyVersion).toBe('igrs-140-v2');
    const store = new RankingStore(db, p.cloud.tableNames.main!);
    const [district] = await store.units(month, run.policyVersion, run.revision, 'district', {
      district: 'chandauli',
    });
    const stations = await store.units(month, run.policyVersion, run.revision, 'station', {
      district: 'chandauli',
    });
    const ilia = stations.find((s) => s.code === 'chandauli-ilia')!;
    expect(district!.counts.defaulters).toBe(1);
    expect(ilia.counts).toMatchObject({ references: 1, defaulters: 0 });
  }, 240_000);
});

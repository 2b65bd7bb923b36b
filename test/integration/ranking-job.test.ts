import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UP_DISTRICTS } from '../../infra/local/seed/districts.ts';
import { UP_STATIONS } from '../../infra/local/seed/stations.ts';
import { RankingStore } from '../../shared/adapters/dynamodb/ranking-store.ts';
import { DynamoReferenceRepository } from '../../shared/adapters/dynamodb/reference-repository.ts';
import { exportKey } from '../../shared/adapters/s3/exports-store.ts';
import { rankMonth } from '../../shared/domain/ranking/index.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import { istDate, istMonth } from '../../shared/domain/time/ist.ts';
import type { RankingJobResult } from '../../shared/use-cases/run-monthly-ranking.ts';
import { type ProductCloud, startProductCloud } from '../fixtures/product-cloud.ts';
import { dynamoClient, LOCAL_CREDENTIALS, rawRequest } from '../fixtures/support.ts';
import { AS_OF, alphaMonth, aReference, MONTH, perfectMonth } from '../unit/ranking-fixtures.ts';

const TOKEN = 'test-admin-token-0123456789';
const AUTH = { authorization: `Bearer ${TOKEN}` };

let p: ProductCloud;
let db: DynamoDBClient;
let s3: S3Client;
let store: RankingStore;
let bucket: string;
let first: RankingJobResult;
let second: RankingJobResult;

// October 2026 with known outcomes: two perfect Chandauli stations, Sakaldiha as the worked
// example of the unit tests, a Varanasi station perfect, and one reference filed at 23:59 IST on
// 31 October (October's) and one at 00:00 IST on 1 November (not).
const references: Reference[] = [
  ...perfectMonth('chandauli-naugarh', 'chandauli'),
  ...perfectMonth('chandauli-chakia', 'chandauli', 6),
  ...alphaMonth('chandauli-sakaldiha', 'chandauli'),
  ...perfectMonth('varanasi-kotwali', 'varanasi', 3),
  aReference({
    no: '90000000001',
    station: 'varanasi-kotwali',
    district: 'varanasi',
    createdAt: '2026-10-31T18:29:00.000Z',
    deadlineAt: '2026-11-30T18:29:59.999Z',
  }),
  aReference({
    no: '90000000002',
    station: 'varanasi-kotwali',
    district: 'varanasi',
    createdAt: '2026-10-31T18:30:00.000Z',
    deadlineAt: '2026-11-30T18:29:59.999Z',
  }),
];

async function getObject(key: string) {
  const result = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const bytes = Buffer.from(await result.Body!.transformToByteArray());
  return { bytes, text: bytes.toString('utf8'), contentType: result.ContentType };
}

beforeAll(async () => {
  p = await startProductCloud({ secretOverrides: { adminToken: TOKEN } });
  db = dynamoClient(p.cloud.dynamodbEndpoint);
  s3 = new S3Client({
    endpoint: p.cloud.sqsEndpoint,
    region: 'ap-south-1',
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
  bucket = p.cloud.buckets.exports!;
  store = new RankingStore(db, p.cloud.tableNames.main!);
  const repository = new DynamoReferenceRepository(db, p.cloud.tableNames.main!);
  for (const reference of references) {
    const filed = new Date(reference.createdAt);
    await repository.create(reference, {
      mobileHash: 'h',
      istMonth: istMonth(filed),
      istDate: istDate(filed),
    });
  }
  first = (await p.cloud.trigger('monthlyRanking', AS_OF)) as RankingJobResult;
}, 120_000);

afterAll(async () => {
  s3?.destroy();
  db?.destroy();
  await p?.stop();
});

describe('the monthly ranking job on the local platform', () => {
  it('ranks the previous IST month from the scheduled time and stores the snapshot', async () => {
    expect(first).toMatchObject({ month: MONTH, policyVersion: 'igrs-130-v1', revision: 1 });
    // Exactly October's references were read: a Query per district, the 00:00 IST one left out.
    expect(first.itemsRead).toBe(references.length - 1);
    expect(first.counted).toBe(references.length - 1);
    expect(first.districts).toBe(UP_DISTRICTS.length);
    expect(first.stations).toBe(UP_STATIONS.length);
    expect(first.rankedDistricts).toBe(2);
    expect(first.rankedStations).toBe(4);

    const snapshot = (await store.snapshot(MONTH))!;
    expect(snapshot.revision).toBe(1);
    expect(snapshot.asOf).toBe(AS_OF.toISOString());

    // The stored marks are the pure engine's for the same references and cut-off.
    const expected = await rankMonth({
      month: MONTH,
      asOf: AS_OF,
      districts: UP_DISTRICTS,
      stations: UP_STATIONS,
      read: async function* (district) {
        for (const reference of references) if (reference.districtCode === district) yield reference;
      },
    });
    const scores = (units: { code: string; score: number | null; rank: number | null }[]) =>
      units.filter((u) => u.rank !== null).map((u) => [u.code, u.score, u.rank]);
    expect(scores(snapshot.districts)).toEqual(scores(expected.districts));
    expect(scores(snapshot.stations)).toEqual(scores(expected.stations));

    const station = (code: string) => snapshot.stations.find((s) => s.code === code)!;
    // Three perfect stations share rank 1; the next is 4th (standard competition ranking).
    expect(['chandauli-naugarh', 'chandauli-chakia', 'varanasi-kotwali'].map((c) => station(c).rank)).toEqual(
      [1, 1, 1],
    );
    expect(station('chandauli-naugarh').score).toBe(130);
    expect(station('chandauli-sakaldiha').rank).toBe(4);
    expect(station('chandauli-sakaldiha').districtRank).toBe(3);
    expect(station('chandauli-sakaldiha').counts.references).toBe(10);
    const onTime = station('chandauli-sakaldiha').scorecard.find((r) => r.id === 'on-time-disposal')!;
    expect(onTime.reason?.en).toBeTruthy();
    expect(station('varanasi-kotwali').counts.references).toBe(4);

    expect(
      p.logs.some((line) => line.includes('monthly ranking stored') && line.includes('"itemsRead"')),
    ).toBe(true);
  });

  it('writes the CSV, JSON and HTML of both levels to S3 with UTF-8 content types', async () => {
    const ref = { month: MONTH, policyVersion: 'igrs-130-v1', revision: 1 };
    expect(first.exports.prefix).toBe('rankings/2026-10/igrs-130-v1/rev-1/');
    expect(first.exports.files.map((f) => f.key).sort()).toEqual(
      [
        'districts.csv',
        'districts.html',
        'districts.json',
        'stations.csv',
        'stations.html',
        'stations.json',
      ].map((name) => `${first.exports.prefix}${name}`),
    );

    const csv = await getObject(exportKey(ref, 'district', 'csv'));
    expect(csv.contentType).toBe('text/csv; charset=utf-8');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csv.text.slice(1).split('\r\n');
    expect(rows[0]).toMatch(/^rank,code,name_en,name_hi,district,total,max,/);
    expect(rows[1]).toMatch(/^1,(chandauli|varanasi),/);
    expect(csv.text).toContain('चन्दौली');
    expect(csv.text).toContain('वाराणसी');
    expect(rows.filter((row) => row !== '')).toHaveLength(1 + UP_DISTRICTS.length);

    const stationsCsv = await getObject(exportKey(ref, 'station', 'csv'));
    expect(stationsCsv.text.startsWith('\uFEFF')).toBe(true);
    expect(stationsCsv.text).toContain('सकलडीहा');

    const json = await getObject(exportKey(ref, 'station', 'json'));
    expect(json.contentType).toBe('application/json; charset=utf-8');
    const parsed = JSON.parse(json.text) as { level: string; revision: number; units: { code: string }[] };
    expect(parsed.level).toBe('station');
    expect(parsed.revision).toBe(1);
    expect(parsed.units).toHaveLength(UP_STATIONS.length);

    const report = await getObject(exportKey(ref, 'district', 'html'));
    expect(report.contentType).toBe('text/html; charset=utf-8');
    expect(report.text).toContain('id="chart-districts"');
    expect(report.text).toContain('id="u-district-chandauli"');
  });

  it('writes revision 2 on a second run and keeps revision 1 and its exports', async () => {
    second = (await p.cloud.trigger('monthlyRanking', AS_OF)) as RankingJobResult;
    expect(second).toMatchObject({ month: MONTH, revision: 2 });
    expect(second.exports.prefix).toBe('rankings/2026-10/igrs-130-v1/rev-2/');
    const revisions = await store.revisions(MONTH, 'igrs-130-v1');
    expect(revisions.map((r) => [r.revision, r.complete])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect((await store.latest(MONTH))!.revision).toBe(2);
    const old = (await store.snapshot(MONTH, { policyVersion: 'igrs-130-v1', revision: 1 }))!;
    const latest = (await store.snapshot(MONTH))!;
    expect(latest.stations.map((s) => [s.code, s.score])).toEqual(old.stations.map((s) => [s.code, s.score]));
    for (const key of [first, second].flatMap((r) => r.exports.files.map((f) => f.key))) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      expect(head.ContentLength).toBeGreaterThan(0);
    }
  });

  it('ranks any month by hand through the local trigger with {month} in the body', async () => {
    const response = await p.post('/_local/schedules/monthlyRanking', { month: '2026-09' });
    expect(response.status).toBe(200);
    const { result } = response.json<{ result: RankingJobResult }>();
    expect(result).toMatchObject({ month: '2026-09', revision: 1, itemsRead: 0, rankedDistricts: 0 });
    expect((await p.post('/_local/schedules/monthlyRanking', '[1]')).status).toBe(400);
  });
});

describe('GET /v1/rankings/{month} for administrators', () => {
  it('refuses a request without a token or with a wrong one (401 problem+json)', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer wrong-token' },
      { authorization: `Basic ${TOKEN}` },
      { authorization: `Bearer ${TOKEN}x` },
    ]) {
      const response = await p.get(`/v1/rankings/${MONTH}`, headers);
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="nivaran-admin"/);
      expect(response.json<{ status: number }>().status).toBe(401);
      expect(response.text).not.toContain('chandauli');
    }
    // Refused before anything is checked or read: a bad month without a token is still 401.
    expect((await p.get('/v1/rankings/2026-13')).status).toBe(401);
  });

  it('serves the districts as JSON by default, from the latest revision', async () => {
    const response = await p.get(`/v1/rankings/${MONTH}`, AUTH);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['x-ranking-revision']).toBe('igrs-130-v1/2');
    const body = response.json<{
      revision: number;
      level: string;
      units: { code: string; rank: number | null; scorecard: unknown[] }[];
    }>();
    expect(body).toMatchObject({ revision: 2, level: 'district' });
    expect(body.units).toHaveLength(UP_DISTRICTS.length);
    expect(body.units[0]!.rank).toBe(1);
    expect(body.units[0]!.scorecard.length).toBeGreaterThan(5);

    const older = await p.get(`/v1/rankings/${MONTH}?revision=1`, AUTH);
    expect(older.json<{ revision: number }>().revision).toBe(1);
  });

  it("serves one district's stations as CSV with a BOM, as an attachment", async () => {
    const response = await p.get(`/v1/rankings/${MONTH}?level=station&district=chandauli&format=csv`, AUTH);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="ranking-2026-10-stations-chandauli-rev-2.csv"',
    );
    expect([...response.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = response.text.slice(1).trim().split('\r\n');
    expect(rows).toHaveLength(1 + UP_STATIONS.filter((s) => s.districtCode === 'chandauli').length);
    expect(
      rows
        .slice(1, 4)
        .map((row) => row.split(',')[1])
        .sort(),
    ).toEqual(['chandauli-chakia', 'chandauli-naugarh', 'chandauli-sakaldiha']);
    expect(response.text).toContain('नौगढ़');
  });

  it('serves the HTML report with the page security headers', async () => {
    const response = await p.get(`/v1/rankings/${MONTH}?format=html`, AUTH);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.text).toContain('id="chart-districts"');
    expect(response.text).toContain('चन्दौली');
  });

  it('redirects the statewide station JSON and HTML to the stored export', async () => {
    for (const format of ['json', 'html'] as const) {
      const response = await p.get(`/v1/rankings/${MONTH}?level=station&format=${format}`, AUTH);
      expect(response.status).toBe(303);
      const location = String(response.headers.location);
      expect(location).toContain(`/rankings/2026-10/igrs-130-v1/rev-2/stations.${format}`);
      expect(location).toContain('X-Amz-Signature=');
      const followed = await rawRequest(location);
      expect(followed.status).toBe(200);
      if (format === 'json')
        expect(followed.json<{ units: unknown[] }>().units).toHaveLength(UP_STATIONS.length);
      else expect(followed.text).toContain('id="chart-districts"');
    }
  });

  it('answers 400 for a bad month, level, format or district and 404 for a month never ranked', async () => {
    for (const path of [
      '/v1/rankings/2026-13',
      '/v1/rankings/2026-1',
      '/v1/rankings/latest',
      `/v1/rankings/${MONTH}?level=thana`,
      `/v1/rankings/${MONTH}?format=xlsx`,
      `/v1/rankings/${MONTH}?district=%3Cscript%3E`,
      `/v1/rankings/${MONTH}?revision=0`,
    ]) {
      const response = await p.get(path, AUTH);
      expect(response.status, path).toBe(400);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    }
    expect((await p.get('/v1/rankings/2020-01', AUTH)).status).toBe(404);
    expect((await p.get(`/v1/rankings/${MONTH}?revision=9`, AUTH)).status).toBe(404);
    expect((await p.get(`/v1/rankings/${MONTH}?level=station&district=atlantis`, AUTH)).status).toBe(404);
  });
});

import { type DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDynamoDb } from '../../infra/local/services/dynamodb.ts';
import { toItem } from '../../shared/adapters/dynamodb/dynamo-item.ts';
import { RankingStore, streamMonthReferences } from '../../shared/adapters/dynamodb/ranking-store.ts';
import { DynamoReferenceRepository } from '../../shared/adapters/dynamodb/reference-repository.ts';
import { DEFAULT_POLICY, rankMonth } from '../../shared/domain/ranking/index.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import { istDate, istMonth } from '../../shared/domain/time/ist.ts';
import { rankingCsv, rankingReportHtml } from '../../shared/views/exports/index.ts';
import { startMainTable } from '../fixtures/support.ts';
import { AS_OF, alphaMonth, aReference, MONTH, perfectMonth, shiftDays } from '../unit/ranking-fixtures.ts';

let dynamo: LocalDynamoDb;
let client: DynamoDBClient;
let table: string;
let store: RankingStore;
/** Every reference stored, to rank again straight from memory. */
const stored: Reference[] = [];

const DISTRICTS = [
  { code: 'chandauli', name: { en: 'Chandauli', hi: 'चन्दौली' } },
  { code: 'varanasi', name: { en: 'Varanasi', hi: 'वाराणसी' } },
];
const STATIONS = [
  { code: 'chandauli-sakaldiha', districtCode: 'chandauli', name: { en: 'Sakaldiha', hi: 'सकलडीहा' } },
  { code: 'chandauli-naugarh', districtCode: 'chandauli', name: { en: 'Naugarh', hi: 'नौगढ़' } },
  { code: 'varanasi-cantt', districtCode: 'varanasi', name: { en: 'Cantt', hi: 'कैंट' } },
];

async function store_(references: Reference[]) {
  const repository = new DynamoReferenceRepository(client, table);
  for (const reference of references) {
    stored.push(reference);
    const filed = new Date(reference.createdAt);
    expect(
      await repository.create(reference, {
        mobileHash: 'h',
        istMonth: istMonth(filed),
        istDate: istDate(filed),
      }),
    ).toBe(true);
  }
}

beforeAll(async () => {
  ({ dynamo, client, table } = await startMainTable('t'));
  store = new RankingStore(client, table);

  await store_([
    // September: Naugarh perfect, Sakaldiha not.
    ...perfectMonth('chandauli-naugarh', 'chandauli').map((r) => shiftDays(r, -30)),
    ...alphaMonth('chandauli-sakaldiha', 'chandauli').map((r) => shiftDays(r, -30)),
    // October: both perfect; Cantt as alpha.
    ...perfectMonth('chandauli-naugarh', 'chandauli'),
    ...perfectMonth('chandauli-sakaldiha', 'chandauli'),
    ...alphaMonth('varanasi-cantt', 'varanasi'),
    // The IST boundary: 23:59 IST on 31 October is October's; 00:00 IST on 1 November is not.
    aReference({
      no: 'EDGE-2359',
      station: 'varanasi-cantt',
      district: 'varanasi',
      createdAt: '2026-10-31T18:29:00.000Z',
      deadlineAt: '2026-11-30T18:29:59.999Z',
    }),
    aReference({
      no: 'EDGE-0000',
      station: 'varanasi-cantt',
      district: 'varanasi',
      createdAt: '2026-10-31T18:30:00.000Z',
      deadlineAt: '2026-11-30T18:29:59.999Z',
    }),
  ]);
});

afterAll(async () => {
  client?.destroy();
  await dynamo?.stop();
});

const reader = (stats?: { pages: number; items: number }) => (district: string, month: string) =>
  streamMonthReferences(client, table, district, month, { pageSize: 4, ...(stats ? { stats } : {}) });

describe('reading a month', () => {
  it("pages exactly one district's month from the month index", async () => {
    const stats = { pages: 0, items: 0 };
    const numbers: string[] = [];
    for await (const reference of streamMonthReferences(client, table, 'varanasi', MONTH, {
      pageSize: 4,
      stats,
    }))
      numbers.push(reference.referenceNo);
    expect(numbers).toHaveLength(11);
    expect(numbers).toContain('EDGE-2359');
    expect(numbers).not.toContain('EDGE-0000');
    expect(stats.items).toBe(11);
    expect(stats.pages).toBeGreaterThanOrEqual(3);

    const november: string[] = [];
    for await (const reference of streamMonthReferences(client, table, 'varanasi', '2026-11'))
      november.push(reference.referenceNo);
    expect(november).toEqual(['EDGE-0000']);

    const generator = streamMonthReferences(client, table, 'chandauli', '2026-09');
    let result = await generator.next();
    let count = 0;
    while (!result.done) {
      count++;
      // The index copies the ranking's fields only: no texts, no history, no personal data.
      const read = result.value as unknown as Record<string, unknown>;
      for (const absent of ['history', 'description', 'complainant', 'monthPk', 'rankView', 'version'])
        expect(read[absent]).toBeUndefined();
      result = await generator.next();
    }
    expect(count).toBe(14);
    expect(result.value).toEqual({ pages: 1, items: 14 });
  });
});

describe('snapshots', () => {
  it('stores a month as revision 1, a recompute as revision 2, and keeps both', async () => {
    const september = await store.save(
      await rankMonth({
        month: '2026-09',
        asOf: new Date('2026-10-01T00:30:00+05:30'),
        districts: DISTRICTS,
        stations: STATIONS,
        read: reader(),
      }),
    );
    expect(september.revision).toBe(1);

    const stats = { pages: 0, items: 0 };
    const previous = await store.previousStanding(MONTH);
    expect(previous).toMatchObject({ month: '2026-09', policyVersion: 'igrs-130-v1', revision: 1 });
    expect(previous!.units.get('station#chandauli-naugarh')).toEqual({ rank: 1, districtRank: 1, streak: 1 });

    const draft = await rankMonth({
      month: MONTH,
      asOf: AS_OF,
      districts: DISTRICTS,
      stations: STATIONS,
      read: reader(stats),
      previous,
    });
    // The job read exactly October's references: 8 in Chandauli, 11 in Varanasi.
    expect(stats.items).toBe(19);
    expect(draft.stats).toMatchObject({ read: 19, counted: 19, outsideMonth: 0 });
    // The month index's compact copy ranks exactly as the full references do.
    const fromMemory = await rankMonth({
      month: MONTH,
      asOf: AS_OF,
      districts: DISTRICTS,
      stations: STATIONS,
      read: async function* (district) {
        yield* stored.filter((r) => r.districtCode === district);
      },
      previous,
    });
    const scored = (units: typeof draft.stations) =>
      units.map((u) => [u.code, u.counts, u.scorecard, u.rank]);
    expect(scored(draft.stations)).toEqual(scored(fromMemory.stations));
    expect(scored(draft.districts)).toEqual(scored(fromMemory.districts));

    const first = await store.save(draft);
    expect(first.revision).toBe(1);
    const second = await store.save({
      ...draft,
      computedAt: new Date(AS_OF.getTime() + 60_000).toISOString(),
    });
    expect(second.revision).toBe(2);

    expect(await store.latest(MONTH)).toMatchObject({ policyVersion: 'igrs-130-v1', revision: 2 });
    expect((await store.latestRevision(MONTH, 'igrs-130-v1'))!.revision).toBe(2);
    const revisions = await store.revisions(MONTH, 'igrs-130-v1');
    expect(revisions.map((r) => [r.revision, r.complete])).toEqual([
      [1, true],
      [2, true],
    ]);

    const old = await store.snapshot(MONTH, { policyVersion: 'igrs-130-v1', revision: 1 });
    const latest = await store.snapshot(MONTH);
    expect(old!.revision).toBe(1);
    expect(old!.computedAt).toBe(draft.computedAt);
    expect(latest!.revision).toBe(2);
    expect(latest!.policy).toEqual(DEFAULT_POLICY);
    expect(latest!.districts).toEqual(draft.districts);
    expect(latest!.stations).toEqual(draft.stations);
    expect(latest!.previous).toEqual({ month: '2026-09', policyVersion: 'igrs-130-v1', revision: 1 });

    // Movement and streaks through the store: Naugarh second month at rank 1, Sakaldiha up from 2.
    const naugarh = latest!.stations.find((s) => s.code === 'chandauli-naugarh')!;
    const sakaldiha = latest!.stations.find((s) => s.code === 'chandauli-sakaldiha')!;
    expect(naugarh).toMatchObject({ rank: 1, streak: 2, movement: { status: 'same', change: 0 } });
    expect(sakaldiha).toMatchObject({
      rank: 1,
      streak: 1,
      movement: { status: 'up', previousRank: 2, change: 1 },
    });
    const cantt = latest!.stations.find((s) => s.code === 'varanasi-cantt')!;
    expect(cantt.movement.status).toBe('new');
    expect(cantt.scorecard.find((r) => r.id === 'on-time-disposal')!.marks).toBe(15.56);
    expect(cantt.counts.references).toBe(11);
  });

  it('lists the units of a level in rank order, and one district’s stations alone', async () => {
    const stations = await store.units(MONTH, 'igrs-130-v1', 2, 'station');
    expect(stations.map((s) => [s.code, s.rank])).toEqual([
      ['chandauli-naugarh', 1],
      ['chandauli-sakaldiha', 1],
      ['varanasi-cantt', 3],
    ]);
    const chandauli = await store.units(MONTH, 'igrs-130-v1', 2, 'station', { district: 'chandauli' });
    expect(chandauli.map((s) => s.code)).toEqual(['chandauli-naugarh', 'chandauli-sakaldiha']);
    const districts = await store.units(MONTH, 'igrs-130-v1', 2, 'district');
    expect(districts.map((d) => [d.code, d.rank, d.streak])).toEqual([
      ['chandauli', 1, 2],
      ['varanasi', 2, 0],
    ]);
    // One item per unit plus a header, each far below the 400 KB limit.
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rev)',
        ExpressionAttributeValues: toItem({ ':pk': `RANK#${MONTH}#igrs-130-v1`, ':rev': 'REV#0002#' }),
      }),
    );
    expect(Items).toHaveLength(5);
    for (const item of Items) expect(JSON.stringify(item).length).toBeLessThan(20_000);
  });

  it('reads just what one export selection needs, and it renders', async () => {
    const view = (await store.view(
      MONTH,
      { level: 'station', district: 'varanasi' },
      { policyVersion: 'igrs-130-v1', revision: 2 },
    ))!;
    expect(view.revision).toBe(2);
    expect(view.districts.map((d) => d.code)).toEqual(['chandauli', 'varanasi']);
    expect(view.stations.map((s) => s.code)).toEqual(['varanasi-cantt']);
    const csv = rankingCsv(view, { level: 'station', district: 'varanasi' });
    expect(csv.split('\r\n')[1]).toMatch(/^3,varanasi-cantt,Cantt,कैंट,varanasi,94\.39,130,/);
    const html = rankingReportHtml(view, { level: 'station', district: 'varanasi' });
    expect(html).toContain('id="u-station-varanasi-cantt"');
    expect(html).toContain('id="chart-districts"');
    const districtsOnly = (await store.view(MONTH, { level: 'district' }))!;
    expect(districtsOnly.stations).toEqual([]);
    expect(districtsOnly.revision).toBe(2);
  });

  it('gives concurrent saves distinct revisions and skips a revision a crashed run left incomplete', async () => {
    const draft = (await store.snapshot(MONTH))!;
    const { revision: _r, ...base } = draft;
    const saved = await Promise.all([1, 2, 3].map(() => store.save(base)));
    expect(saved.map((s) => s.revision).sort()).toEqual([3, 4, 5]);

    // A run that claimed revision 6 and died before completing it.
    await client.send(
      new PutItemCommand({
        TableName: table,
        Item: toItem({
          pk: `RANK#${MONTH}#igrs-130-v1`,
          sk: 'HEAD#0006',
          month: MONTH,
          policyVersion: 'igrs-130-v1',
          revision: 6,
          complete: false,
        }),
      }),
    );
    expect((await store.latestRevision(MONTH, 'igrs-130-v1'))!.revision).toBe(5);
    expect(await store.snapshot(MONTH, { policyVersion: 'igrs-130-v1', revision: 6 })).toBeUndefined();
    expect((await store.save(base)).revision).toBe(7);
    expect((await store.latest(MONTH))!.revision).toBe(7);
  });

  it('returns nothing for a month never ranked', async () => {
    expect(await store.latest('2020-01')).toBeUndefined();
    expect(await store.snapshot('2020-01')).toBeUndefined();
    expect(await store.previousStanding('2020-02')).toBeUndefined();
  });
});

import { fileURLToPath } from 'node:url';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MasterDataKind } from '../../infra/tools/load-masterdata/csv-import.ts';
import { type LoadOptions, loadMasterData } from '../../infra/tools/load-masterdata.ts';
import { MasterDataStore } from '../../shared/adapters/dynamodb/masterdata-store.ts';
import { type ProductCloud, startProductCloud } from '../fixtures/product-cloud.ts';
import { dynamoClient, itemsUnder } from '../fixtures/support.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/masterdata/${name}`, import.meta.url));

let p: ProductCloud;
let client: DynamoDBClient;
let store: MasterDataStore;

beforeAll(async () => {
  p = await startProductCloud();
  client = dynamoClient(p.cloud.dynamodbEndpoint);
  store = new MasterDataStore(client, p.cloud.tableNames.main!);
});

afterAll(async () => {
  client?.destroy();
  await p?.stop();
});

/** Runs the command's main function against the running local cloud, collecting what it prints. */
async function load(kind: MasterDataKind, file: string, options: Partial<LoadOptions> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const result = await loadMasterData({
    kind,
    file: fixture(file),
    apiUrl: p.cloud.apiUrl,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    ...options,
  });
  return { ...result, out, err };
}

/** Every master data item under the district's partitions, for before/after comparisons. */
async function chandauliItems() {
  const table = p.cloud.tableNames.main!;
  const parts = await Promise.all(
    ['MASTER#STATIONS#chandauli', 'MASTER#OFFICERS#chandauli', 'MASTER#LOCALITY#chandauli'].map((pk) =>
      itemsUnder(client, table, pk),
    ),
  );
  return parts.flat();
}

describe('npm run masterdata:load', () => {
  it('rejects a file with one bad row whole: errors by line, nothing written', async () => {
    const before = await chandauliItems();
    const result = await load('stations', 'stations-one-bad.csv');
    expect(result.ok).toBe(false);
    expect(result.exitCode).toBe(1);
    // The record before the bad one spans lines 2-3, so the bad one starts on line 4.
    expect(result.messages).toEqual([
      "stations-one-bad.csv:4: name_hi: 'Tanda' has no Devanagari; write the Hindi name in Hindi",
      "stations-one-bad.csv:4: pin_codes: '032109' is not a PIN code: six digits, the first not 0",
    ]);
    expect(result.err.at(-1)).toBe('stations-one-bad.csv: 2 errors on 1 line; nothing was written');
    expect(result.written).toBe(0);
    // The good rows around it did not go in either.
    expect(await store.station('chandauli', 'chandauli-kamalpur')).toBeUndefined();
    expect(await store.station('chandauli', 'chandauli-paprauli')).toBeUndefined();
    expect(await store.stationsForLocality('chandauli', 'kamalpur khurd')).toEqual([]);
    expect(await chandauliItems()).toEqual(before);
  });

  it('checks but writes nothing on a dry run', async () => {
    const result = await load('stations', 'stations-good.csv', { dryRun: true });
    expect(result).toMatchObject({ ok: true, exitCode: 0, written: 0, deleted: 0 });
    expect(result.out.join('\n')).toMatch(/dry run: would put \d+ and delete \d+ items/);
    expect(await store.station('chandauli', 'chandauli-dulahipur')).toBeUndefined();
  });

  it('loads a good file (BOM, CRLF, quoted Hindi with commas): the station is served by the API', async () => {
    const result = await load('stations', 'stations-good.csv');
    expect(result.err).toEqual([]);
    expect(result).toMatchObject({ ok: true, exitCode: 0 });
    expect(result.out[0]).toBe('stations-good.csv: 2 rows of stations, all valid');
    expect(result.out).toContain('  stations: 2 upserted (1 new, 1 replaced), 0 deleted');

    const response = await p.get('/v1/districts/chandauli/stations');
    expect(response.status).toBe(200);
    const { stations } = response.json<{
      stations: { code: string; name: unknown; kind: string; pinCodes: string[]; demo: boolean }[];
    }>();
    expect(stations.find((s) => s.code === 'chandauli-dulahipur')).toEqual({
      code: 'chandauli-dulahipur',
      name: { en: 'Dulahipur (Mughalsarai, outpost area)', hi: 'दुलहीपुर (मुगलसराय, चौकी क्षेत्र)' },
      kind: 'police-station',
      pinCodes: ['232101', '232110'],
      demo: false,
    });

    // The new station's PIN and locality entries exist...
    expect(await store.stationsForPin('232110')).toContainEqual({
      stationCode: 'chandauli-dulahipur',
      districtCode: 'chandauli',
    });
    expect(await store.stationsForLocality('chandauli', 'Jiwnathpur')).toEqual(['chandauli-dulahipur']);
    // ...and Sakaldiha's area is exactly what the file lists: a new PIN, two localities gone.
    expect((await store.station('chandauli', 'chandauli-sakaldiha'))?.pinCodes).toEqual(['232108', '232120']);
    expect(await store.stationsForPin('232120')).toEqual([
      { stationCode: 'chandauli-sakaldiha', districtCode: 'chandauli' },
    ]);
    expect(await store.stationsForLocality('chandauli', 'maniyarpur')).toEqual([]);
    expect(await store.stationsForLocality('chandauli', 'naraina')).toEqual(['chandauli-sakaldiha']);
  });

  it('converges when the same file is loaded again', async () => {
    const before = await chandauliItems();
    const result = await load('stations', 'stations-good.csv');
    expect(result.ok).toBe(true);
    expect(await chandauliItems()).toEqual(before);
  });

  it('adds PIN codes and localities from a jurisdictions file', async () => {
    const result = await load('jurisdictions', 'jurisdictions.csv');
    expect(result.err).toEqual([]);
    expect(result.out).toContain('  jurisdictions: 2 stations, 1 PIN code and 2 localities added');
    expect(await store.stationsForPin('232119')).toEqual([
      { stationCode: 'chandauli-chakia', districtCode: 'chandauli' },
    ]);
    expect(await store.stationsForLocality('chandauli', 'latifshah')).toEqual(['chandauli-chakia']);
    expect(await store.stationsForLocality('chandauli', 'sarai kalan')).toEqual(['chandauli-ilia']);
    const chakia = await store.station('chandauli', 'chandauli-chakia');
    expect(chakia?.pinCodes).toEqual(['232103', '232119']);
    expect(chakia?.localities).toContain('chakia');
  });

  it('deletes a station with its PIN and locality entries, and a repeat delete is a no-op', async () => {
    const result = await load('stations', 'stations-delete.csv');
    expect(result.err).toEqual([]);
    expect(result.out).toContain('  stations: 0 upserted (0 new, 0 replaced), 1 deleted');
    expect(await store.station('chandauli', 'chandauli-dulahipur')).toBeUndefined();
    expect((await store.stations('chandauli')).map((s) => s.code)).not.toContain('chandauli-dulahipur');
    expect((await store.stationsForPin('232110')).map((s) => s.stationCode)).not.toContain(
      'chandauli-dulahipur',
    );
    expect(await store.stationsForLocality('chandauli', 'dulahipur')).toEqual([]);

    const again = await load('stations', 'stations-delete.csv');
    expect(again.ok).toBe(true);
    expect(again.out).toContain(
      '  note: line 2: station chandauli-dulahipur is not in the table; nothing to delete',
    );
  });

  it('loads officers, which MasterDataStore.officers() then returns', async () => {
    const seeded = await store.officers('chandauli');
    expect(seeded).toHaveLength(15 + 2 + 5 + 2);
    expect(seeded.every((o) => o.demo)).toBe(true);

    const result = await load('officers', 'officers.csv');
    expect(result.err).toEqual([]);
    expect(result.out).toContain('  officers: 3 upserted (1 new, 2 replaced), 0 deleted');

    const officers = await store.officers('chandauli');
    expect(officers).toHaveLength(seeded.length + 1);
    expect(officers.find((o) => o.id === 'chandauli-sakaldiha-sho')).toEqual({
      id: 'chandauli-sakaldiha-sho',
      role: 'station-officer',
      districtCode: 'chandauli',
      stationCodes: ['chandauli-sakaldiha'],
      title: { en: 'SHO Sakaldiha', hi: 'थाना प्रभारी सकलडीहा' },
      email: 'sho.sakaldiha@example.com',
      mobile: '+919000000001',
      language: 'hi',
      demo: false,
    });
    expect(officers.find((o) => o.id === 'chandauli-co-sakaldiha')).toMatchObject({
      mobile: '+919000000002',
      language: 'hi',
    });
    expect(officers.find((o) => o.id === 'chandauli-asp')).toMatchObject({
      role: 'senior-officer',
      title: { en: 'ASP Chandauli (Operations)', hi: 'अपर पुलिस अधीक्षक, चन्दौली' },
      stationCodes: [],
      language: 'en',
    });
    expect(officers.find((o) => o.id === 'chandauli-asp')).not.toHaveProperty('mobile');
  });

  it('exits 2 without touching anything when the local cloud is not there', async () => {
    const result = await load('stations', 'stations-good.csv', { apiUrl: 'http://127.0.0.1:9' });
    expect(result).toMatchObject({ ok: false, exitCode: 2 });
    expect(result.err[0]).toMatch(/cannot reach the local cloud at http:\/\/127\.0\.0\.1:9/);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { UP_DISTRICTS } from '../../infra/local/seed/districts.ts';
import {
  CARVED_DISTRICTS,
  districtsOfRow,
  GEONAMES_DISTRICTS,
  readPostOffices,
} from '../../infra/local/seed/post-offices.ts';
import { extractUpPostOffices } from '../../infra/tools/post-offices/extract.ts';
import { postOfficeItems } from '../../shared/adapters/dynamodb/post-office-store.ts';
import { placeComplaint } from '../../shared/domain/places/place-complaint.ts';
import {
  type PlaceLookups,
  type PostOffice,
  placePin,
  placePosition,
} from '../../shared/domain/places/post-offices.ts';

/**
 * The district of a position or PIN code, decided on the real post office data that is seeded
 * (infra/local/seed/up-post-offices.tsv, GeoNames CC BY 4.0). Lookups here are in memory over the same
 * rows the DynamoDB items hold.
 */

let offices: PostOffice[];
let lookups: PlaceLookups;

beforeAll(async () => {
  offices = await readPostOffices();
  lookups = {
    postOfficesNear: async (lat, lon) =>
      offices.filter((o) => Math.abs(o.latitude - lat) < 0.3 && Math.abs(o.longitude - lon) < 0.4),
    postOfficesOfPin: async (pin) => offices.filter((o) => o.pin === pin),
  };
});

describe('the post office data', () => {
  it('covers every one of the 75 districts, under current codes, and names no other', () => {
    const codes = new Set(UP_DISTRICTS.map((d) => d.code));
    const named = new Set(offices.flatMap((o) => o.districts));
    expect([...named].filter((code) => !codes.has(code))).toEqual([]);
    expect([...codes].filter((code) => !named.has(code))).toEqual([]);
    expect(new Set(Object.values(GEONAMES_DISTRICTS)).size).toBe(71);
  });

  it('maps the old names and the newer districts by tehsil, keeping both codes where the tehsil does not say', () => {
    expect(districtsOfRow('Allahabad', 'Phulpur')).toEqual(['prayagraj']);
    expect(districtsOfRow('Jyotiba Phule Nagar', 'Amroha')).toEqual(['amroha']);
    expect(districtsOfRow('Sultanpur', 'Gauriganj')).toEqual(['amethi']);
    expect(districtsOfRow('Sultanpur', 'Kadipur')).toEqual(['sultanpur']);
    expect(districtsOfRow('Budaun', 'Gunnaur')).toEqual(['sambhal']);
    expect(districtsOfRow('Etah', 'NA')).toEqual(['etah', 'kasganj']);
    expect(districtsOfRow('Atlantis', 'x')).toBeUndefined();
    for (const [older, carved] of Object.entries(CARVED_DISTRICTS)) {
      for (const { newerTehsils, olderTehsils } of carved) {
        expect(
          newerTehsils.filter((t) => olderTehsils.includes(t)),
          older,
        ).toEqual([]);
      }
    }
  });

  it('extracts Uttar Pradesh rows and its neighbours near the border from a GeoNames dump, refusing unknown districts', () => {
    const row = (state: string, district: string, tehsil: string, lat: number, lon: number, pin = '232108') =>
      ['IN', pin, 'Place', state, '00', district, '00', tehsil, '00', lat, lon, '4'].join('\t');
    const dump = [
      row('Uttar Pradesh', 'Chandauli', 'Sakaldiha', 25.4878, 83.2308),
      row('Uttar Pradesh', 'Chandauli', 'Sakaldiha', 25.4878, 83.2308),
      row('Bihar', 'Kaimur (Bhabua)', 'Mohania', 25.4, 83.4, '821109'),
      row('Maharashtra', 'Mumbai', 'Mumbai', 19.07, 72.87, '400001'),
    ].join('\n');
    const { text, up, outside, read } = extractUpPostOffices(dump);
    expect({ up, outside, read }).toEqual({ up: 1, outside: 1, read: 2 });
    expect(text).toContain('CC BY 4.0');
    expect(text).toContain('232108\tchandauli\t25.4878\t83.2308');
    expect(text).toContain('821109\tout:Bihar\t25.4000\t83.4000');
    expect(() => extractUpPostOffices(row('Uttar Pradesh', 'Atlantis', 'x', 26, 80))).toThrow(/Atlantis/);
  });

  it('packs into about 750 DynamoDB items, none near the 400 KB limit', () => {
    const items = postOfficeItems(offices);
    expect(items.length).toBeLessThan(800);
    expect(Math.max(...items.map((i) => String(i.offices).length))).toBeLessThan(16_000);
  });
});

describe('placing a position', () => {
  it.each([
    ['Chandauli town', 25.2616, 83.268, 'chandauli'],
    ['Sakaldiha', 25.4878, 83.2308, 'chandauli'],
    ['Lucknow', 26.8467, 80.9462, 'lucknow'],
    ['Varanasi', 25.3176, 82.9739, 'varanasi'],
    ['Prayagraj', 25.4358, 81.8463, 'prayagraj'],
    ['Gorakhpur', 26.7606, 83.3732, 'gorakhpur'],
  ])('places %s in its district', (_, lat, lon, district) => {
    const near = offices.filter((o) => Math.abs(o.latitude - lat) < 0.3 && Math.abs(o.longitude - lon) < 0.4);
    expect(placePosition(lat, lon, near)).toEqual({
      kind: 'district',
      districtCode: district,
      by: 'position',
    });
  });

  it('says a position in Mumbai or Delhi is not in Uttar Pradesh, and why', () => {
    expect(placePosition(19.07, 72.87, offices)).toMatchObject({
      kind: 'outside-up',
      reason: { en: expect.stringContaining('no post office of Uttar Pradesh lies within 15 km') },
    });
    expect(placePosition(28.6315, 77.2167, offices)).toMatchObject({
      kind: 'outside-up',
      reason: { en: 'the position 28.6315, 77.2167 is not in Uttar Pradesh (it is in Delhi)' },
    });
  });

  it('refuses to choose at a border, or where a newer district may be meant', () => {
    expect(placePosition(28.5355, 77.391, offices)).toMatchObject({
      kind: 'uncertain',
      candidates: ['Delhi', 'gautam-buddh-nagar'],
    });
    expect(placePosition(28.6692, 77.4538, offices)).toMatchObject({
      kind: 'uncertain',
      candidates: ['ghaziabad', 'hapur'],
    });
  });

  it('places most post offices by their neighbours, and rarely in another district (measured)', () => {
    // Each post office whose district is certain, placed by the others (not those at its own
    // coordinates): the figures in shared/domain/places/post-offices.ts.
    const cell = (lat: number, lon: number) => `${Math.floor(lat / 0.2)}:${Math.floor(lon / 0.2)}`;
    const grid = new Map<string, PostOffice[]>();
    for (const o of offices)
      grid.set(cell(o.latitude, o.longitude), [...(grid.get(cell(o.latitude, o.longitude)) ?? []), o]);
    let placed = 0;
    let wrong = 0;
    let total = 0;
    for (const office of offices) {
      if (office.state || office.districts.length !== 1) continue;
      total++;
      const near: PostOffice[] = [];
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++)
          near.push(...(grid.get(cell(office.latitude + dy * 0.2, office.longitude + dx * 0.2)) ?? []));
      const others = near.filter((o) => o.latitude !== office.latitude || o.longitude !== office.longitude);
      const placement = placePosition(office.latitude, office.longitude, others);
      if (placement.kind !== 'district') continue;
      placed++;
      if (placement.districtCode !== office.districts[0]) wrong++;
    }
    expect(total).toBeGreaterThan(8000);
    expect(placed / total).toBeGreaterThan(0.6);
    expect(wrong / placed).toBeLessThan(0.012);
  });
});

describe('placing a PIN code', () => {
  it('decides when all its post offices lie in one district, and names the districts when not', () => {
    const of = (pin: string) => offices.filter((o) => o.pin === pin);
    expect(placePin('226001', of('226001'))).toEqual({
      kind: 'district',
      districtCode: 'lucknow',
      by: 'pin',
    });
    expect(placePin('207123', of('207123'))).toEqual({
      kind: 'district',
      districtCode: 'kasganj',
      by: 'pin',
    });
    expect(placePin('232104', of('232104'))).toMatchObject({
      kind: 'uncertain',
      candidates: ['chandauli', 'varanasi'],
    });
    expect(placePin('400001', of('400001'))).toMatchObject({
      kind: 'outside-up',
      reason: { en: 'PIN code 400001 is not a PIN code of Uttar Pradesh' },
    });
  });
});

describe('placing a complaint', () => {
  it('keeps a named district, but never for a position outside Uttar Pradesh', async () => {
    expect(
      await placeComplaint(
        { districtCode: 'gautam-buddh-nagar', latitude: 28.5355, longitude: 77.391 },
        lookups,
      ),
    ).toMatchObject({
      ok: true,
      districtFrom: 'given',
      location: { districtCode: 'gautam-buddh-nagar' },
    });
    expect(
      await placeComplaint({ districtCode: 'chandauli', latitude: 19.07, longitude: 72.87 }, lookups),
    ).toMatchObject({
      ok: false,
      issues: [{ pointer: '/location/latitude', code: 'outside-uttar-pradesh' }],
    });
  });

  it('takes the position first, then the PIN code, and says what is missing', async () => {
    expect(
      await placeComplaint({ latitude: 25.4878, longitude: 83.2308, pinCode: '226001' }, lookups),
    ).toMatchObject({
      location: { districtCode: 'chandauli' },
      districtFrom: 'position',
    });
    expect(
      await placeComplaint({ latitude: 28.5355, longitude: 77.391, pinCode: '226001' }, lookups),
    ).toMatchObject({
      location: { districtCode: 'lucknow' },
      districtFrom: 'pin',
    });
    expect(
      await placeComplaint({ latitude: 28.5355, longitude: 77.391, pinCode: '232104' }, lookups),
    ).toMatchObject({
      ok: false,
      issues: [
        { pointer: '/location/latitude', code: 'district-uncertain' },
        { pointer: '/location/pinCode', code: 'district-uncertain' },
      ],
    });
    expect(await placeComplaint({ locality: 'Sakaldiha' }, lookups)).toMatchObject({
      ok: false,
      issues: [{ pointer: '/location/districtCode', code: 'district-required' }],
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { Category, Station, StationBoundary } from '../../shared/domain/masterdata/types.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import { pointInPolygon } from '../../shared/domain/routing/geometry.ts';
import { type RoutingLookups, resolveStation } from '../../shared/domain/routing/resolve-station.ts';

const station = (code: string, extra: Partial<Station> = {}): Station => ({
  code,
  districtCode: 'chandauli',
  name: { en: code, hi: code },
  kind: 'police-station',
  pinCodes: [],
  localities: [],
  demo: false,
  ...extra,
});

const STATIONS = [
  station('chandauli-sakaldiha', { pinCodes: ['232109'], localities: ['sakaldiha'] }),
  station('chandauli-balua', { pinCodes: ['232110'], localities: ['balua', 'tanda'] }),
  station('chandauli-kandwa', { pinCodes: ['232110'], localities: ['kandwa'] }),
  station('chandauli-chakia', { pinCodes: ['232103'] }),
  station('chandauli-cyber-cell', { kind: 'cyber-cell' }),
  station('chandauli-mahila-thana', { kind: 'women-help-desk' }),
];
const CATEGORIES: Category[] = [
  { code: 'theft', name: { en: 'Theft', hi: 'चोरी' }, description: { en: '', hi: '' }, deadlineDays: 15 },
  {
    code: 'cyber-fraud',
    name: { en: 'Cyber', hi: 'साइबर' },
    description: { en: '', hi: '' },
    deadlineDays: 7,
    routeToKind: 'cyber-cell',
  },
];
// Two squares side by side around Chakia (longitude, latitude).
const BOUNDARIES: StationBoundary[] = [
  {
    stationCode: 'chandauli-chakia',
    districtCode: 'chandauli',
    polygon: [
      [83.2, 25.0],
      [83.3, 25.0],
      [83.3, 25.1],
      [83.2, 25.1],
    ],
  },
  {
    stationCode: 'chandauli-kandwa',
    districtCode: 'chandauli',
    polygon: [
      [83.3, 25.0],
      [83.4, 25.0],
      [83.4, 25.1],
      [83.3, 25.1],
    ],
  },
];

function lookups(stations = STATIONS): RoutingLookups {
  return {
    category: async (code) => CATEGORIES.find((c) => c.code === code),
    station: async (district, code) => stations.find((s) => s.districtCode === district && s.code === code),
    stations: async (district) => stations.filter((s) => s.districtCode === district),
    stationsForPin: async (pin) =>
      stations
        .filter((s) => s.pinCodes.includes(pin))
        .map((s) => ({ stationCode: s.code, districtCode: s.districtCode })),
    stationsForLocality: async (district, locality) =>
      stations
        .filter((s) => s.districtCode === district && s.localities.includes(locality.toLowerCase()))
        .map((s) => s.code),
    boundaries: async () => BOUNDARIES,
  };
}

const reference = (location: Reference['location'], categoryCode = 'theft') =>
  ({ referenceNo: '1', districtCode: 'chandauli', categoryCode, location }) as Reference;

describe('routing a reference to its station', () => {
  it('sends a category with a special unit there, whatever station was named', async () => {
    expect(
      await resolveStation(
        reference({ districtCode: 'chandauli', stationCode: 'chandauli-balua' }, 'cyber-fraud'),
        lookups(),
      ),
    ).toEqual({ kind: 'assign', stationCode: 'chandauli-cyber-cell', rule: 'category-override' });
  });

  it('goes to triage when the district has no such unit', async () => {
    const without = STATIONS.filter((s) => s.kind !== 'cyber-cell');
    expect(
      await resolveStation(reference({ districtCode: 'chandauli' }, 'cyber-fraud'), lookups(without)),
    ).toEqual({
      kind: 'triage',
      reason: 'no-unit-for-category',
    });
  });

  it('takes the station the complainant named, or triages it when that station no longer exists', async () => {
    expect(
      await resolveStation(
        reference({ districtCode: 'chandauli', stationCode: 'chandauli-balua' }),
        lookups(),
      ),
    ).toEqual({
      kind: 'assign',
      stationCode: 'chandauli-balua',
      rule: 'station-code',
    });
    expect(
      await resolveStation(
        reference({ districtCode: 'chandauli', stationCode: 'chandauli-closed' }),
        lookups(),
      ),
    ).toEqual({
      kind: 'triage',
      reason: 'station-not-found',
    });
  });

  it('finds the station by a PIN code only it covers', async () => {
    expect(
      await resolveStation(reference({ districtCode: 'chandauli', pinCode: '232109' }), lookups()),
    ).toMatchObject({
      stationCode: 'chandauli-sakaldiha',
      rule: 'pin-code',
    });
  });

  it('narrows a shared PIN code by locality, then by boundary, else triages it as ambiguous', async () => {
    expect(
      await resolveStation(
        reference({ districtCode: 'chandauli', pinCode: '232110', locality: 'Tanda' }),
        lookups(),
      ),
    ).toMatchObject({ stationCode: 'chandauli-balua', rule: 'locality' });
    expect(
      await resolveStation(
        reference({ districtCode: 'chandauli', pinCode: '232110', latitude: 25.05, longitude: 83.35 }),
        lookups(),
      ),
    ).toMatchObject({ stationCode: 'chandauli-kandwa', rule: 'boundary' });
    expect(
      await resolveStation(reference({ districtCode: 'chandauli', pinCode: '232110' }), lookups()),
    ).toEqual({
      kind: 'triage',
      reason: 'ambiguous-jurisdiction',
      candidates: ['chandauli-balua', 'chandauli-kandwa'],
    });
  });

  it('finds the station by locality alone, and by a point in its boundary', async () => {
    expect(
      await resolveStation(reference({ districtCode: 'chandauli', locality: 'kandwa' }), lookups()),
    ).toMatchObject({
      stationCode: 'chandauli-kandwa',
      rule: 'locality',
    });
    expect(
      await resolveStation(
        reference({ districtCode: 'chandauli', latitude: 25.05, longitude: 83.25 }),
        lookups(),
      ),
    ).toMatchObject({ stationCode: 'chandauli-chakia', rule: 'boundary' });
  });

  it('triages what nothing matches, never drops it', async () => {
    expect(
      await resolveStation(reference({ districtCode: 'chandauli', pinCode: '999999' }), lookups()),
    ).toEqual({
      kind: 'triage',
      reason: 'no-jurisdiction-match',
    });
  });
});

describe('point in polygon', () => {
  const square: [number, number][] = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
  ];
  it('tells inside from outside', () => {
    expect(pointInPolygon(0.5, 0.5, square)).toBe(true);
    expect(pointInPolygon(1.5, 0.5, square)).toBe(false);
    expect(pointInPolygon(0.5, -0.1, square)).toBe(false);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { CATEGORIES } from '../../infra/local/seed/categories.ts';
import { UP_DISTRICTS } from '../../infra/local/seed/districts.ts';
import { UP_STATIONS } from '../../infra/local/seed/stations.ts';
import type { StationKind } from '../../shared/domain/masterdata/types.ts';

const DEVANAGARI = /[\u0900-\u097F]/;
const SLUG = /^[a-z0-9-]+$/;
const policeStations = UP_STATIONS.filter((s) => s.kind === 'police-station');

function unitsOf(districtCode: string, kind: StationKind) {
  return UP_STATIONS.filter((s) => s.districtCode === districtCode && s.kind === kind);
}

describe('UP districts', () => {
  it('lists all 75 districts with unique slug codes', () => {
    expect(UP_DISTRICTS).toHaveLength(75);
    const codes = UP_DISTRICTS.map((d) => d.code);
    expect(new Set(codes).size).toBe(75);
    for (const code of codes) expect(code).toMatch(SLUG);
  });

  it('names every district in English and Devanagari Hindi', () => {
    for (const d of UP_DISTRICTS) {
      expect(d.name.en.trim()).not.toBe('');
      expect(d.name.hi).toMatch(DEVANAGARI);
    }
  });

  it('is sorted by English name', () => {
    const names = UP_DISTRICTS.map((d) => d.name.en);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('spreads the districts over the 18 revenue divisions', () => {
    expect(new Set(UP_DISTRICTS.map((d) => d.division)).size).toBe(18);
  });

  it('marks exactly the seven police commissionerates', () => {
    const commissionerates = UP_DISTRICTS.filter((d) => d.commissionerate).map((d) => d.code);
    expect(commissionerates.sort()).toEqual(
      ['agra', 'gautam-buddh-nagar', 'ghaziabad', 'kanpur-nagar', 'lucknow', 'prayagraj', 'varanasi'].sort(),
    );
  });

  it('uses current official names, not the old ones', () => {
    const names = UP_DISTRICTS.map((d) => d.name.en);
    expect(names).toContain('Ayodhya');
    expect(names).toContain('Prayagraj');
    expect(names).not.toContain('Faizabad');
    expect(names).not.toContain('Allahabad');
  });
});

describe('UP police stations', () => {
  // Chandauli police list 15 territorial thanas across their five circles (Sadar, Mughalsarai,
  // Sakaldiha, Chakia, Naugarh), besides the Mahila Thana and the cyber crime thana.
  it('has the real Chandauli thanas, all marked as real', () => {
    const chandauli = unitsOf('chandauli', 'police-station');
    expect(chandauli).toHaveLength(15);
    expect(chandauli.every((s) => !s.demo)).toBe(true);
    expect(chandauli.map((s) => s.code)).toEqual(
      expect.arrayContaining(['chandauli-sakaldiha', 'chandauli-mughalsarai', 'chandauli-naugarh']),
    );
  });

  it('gives each Chandauli thana a Chandauli PIN and its localities', () => {
    for (const s of unitsOf('chandauli', 'police-station')) {
      expect(s.pinCodes.length).toBeGreaterThan(0);
      for (const pin of s.pinCodes) expect(pin).toMatch(/^(232|221)\d{3}$/);
      expect(s.localities.length).toBeGreaterThan(0);
      expect(s.name.hi).toMatch(DEVANAGARI);
    }
  });

  it('marks every station outside Chandauli as demo data', () => {
    expect(UP_STATIONS.filter((s) => s.districtCode !== 'chandauli').every((s) => s.demo)).toBe(true);
  });

  it('every district has one cyber cell', () => {
    for (const d of UP_DISTRICTS) {
      const cells = unitsOf(d.code, 'cyber-cell');
      expect(cells, d.code).toHaveLength(1);
      expect(cells[0]?.code).toBe(`${d.code}-cyber-cell`);
    }
  });

  it('every district has one women help desk (Mahila Thana)', () => {
    for (const d of UP_DISTRICTS) {
      const desks = unitsOf(d.code, 'women-help-desk');
      expect(desks, d.code).toHaveLength(1);
      expect(desks[0]?.code).toBe(`${d.code}-mahila-thana`);
    }
  });

  it('leaves PINs and localities of district-wide units empty', () => {
    for (const s of UP_STATIONS.filter((u) => u.kind !== 'police-station')) {
      expect(s.pinCodes).toEqual([]);
      expect(s.localities).toEqual([]);
    }
  });

  it('gives every district at least ten police stations', () => {
    for (const d of UP_DISTRICTS) {
      expect(unitsOf(d.code, 'police-station').length, d.code).toBeGreaterThanOrEqual(10);
    }
  });

  it('puts every station in a known district', () => {
    const codes = new Set(UP_DISTRICTS.map((d) => d.code));
    for (const s of UP_STATIONS) expect(codes.has(s.districtCode), s.code).toBe(true);
  });

  it('has about 1,500 police stations state-wide', () => {
    expect(policeStations.length).toBeGreaterThanOrEqual(1300);
    expect(policeStations.length).toBeLessThanOrEqual(1700);
  });

  it('gives each station a unique slug code prefixed by its district', () => {
    const codes = UP_STATIONS.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const s of UP_STATIONS) {
      expect(s.code).toMatch(SLUG);
      expect(s.code.startsWith(`${s.districtCode}-`)).toBe(true);
    }
  });

  it('names every station in English and Devanagari Hindi', () => {
    for (const s of UP_STATIONS) {
      expect(s.name.en.trim()).not.toBe('');
      expect(s.name.hi, s.code).toMatch(DEVANAGARI);
    }
  });

  it('gives demo stations six-digit UP PINs, none shared within a district', () => {
    const seen = new Map<string, Set<string>>();
    for (const s of policeStations.filter((p) => p.demo)) {
      expect(s.pinCodes.length, s.code).toBeGreaterThan(0);
      const pins = seen.get(s.districtCode) ?? new Set<string>();
      for (const pin of s.pinCodes) {
        expect(pin).toMatch(/^2\d{5}$/);
        expect(pins.has(pin), `${s.code} ${pin}`).toBe(false);
        pins.add(pin);
      }
      seen.set(s.districtCode, pins);
    }
  });

  it('keeps localities lower-case', () => {
    for (const s of UP_STATIONS) {
      for (const locality of s.localities) expect(locality).toBe(locality.toLowerCase());
    }
  });

  it('generates the same stations on every load', async () => {
    // A fresh module instance must rebuild byte-identical data: nothing may depend on time or randomness.
    vi.resetModules();
    const again = await import('../../infra/local/seed/stations.ts');
    expect(again.UP_STATIONS).not.toBe(UP_STATIONS);
    expect(again.UP_STATIONS).toEqual(UP_STATIONS);
  });
});

describe('complaint categories', () => {
  const kinds: StationKind[] = ['cyber-cell', 'women-help-desk'];

  it('has about fourteen categories with unique slug codes', () => {
    expect(CATEGORIES.length).toBeGreaterThanOrEqual(12);
    const codes = CATEGORIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(SLUG);
  });

  it('allows between 1 and 90 whole days for each category', () => {
    for (const c of CATEGORIES) {
      expect(Number.isInteger(c.deadlineDays), c.code).toBe(true);
      expect(c.deadlineDays).toBeGreaterThanOrEqual(1);
      expect(c.deadlineDays).toBeLessThanOrEqual(90);
    }
  });

  it('routes only to district-wide unit kinds that exist', () => {
    for (const c of CATEGORIES) {
      if (c.routeToKind !== undefined) expect(kinds).toContain(c.routeToKind);
    }
  });

  it('sends cyber complaints to the cyber cell and women’s complaints to the Mahila Thana', () => {
    const route = (code: string) => CATEGORIES.find((c) => c.code === code)?.routeToKind;
    expect(route('cyber-fraud')).toBe('cyber-cell');
    expect(route('online-harassment')).toBe('cyber-cell');
    expect(route('dowry-domestic-violence')).toBe('women-help-desk');
    expect(route('offences-against-women')).toBe('women-help-desk');
    expect(route('land-dispute')).toBeUndefined();
  });

  it('describes every category in both languages', () => {
    for (const c of CATEGORIES) {
      expect(c.name.en.trim()).not.toBe('');
      expect(c.description.en.trim()).not.toBe('');
      expect(c.name.hi).toMatch(DEVANAGARI);
      expect(c.description.hi).toMatch(DEVANAGARI);
    }
  });
});

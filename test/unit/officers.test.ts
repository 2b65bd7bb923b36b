import { describe, expect, it } from 'vitest';
import { UP_DISTRICTS } from '../../infra/local/seed/districts.ts';
import { circleSizes, DEMO_OFFICERS } from '../../infra/local/seed/officers.ts';
import { UP_STATIONS } from '../../infra/local/seed/stations.ts';
import {
  hasDevanagari,
  isCode,
  parseEmail,
  parseIndianMobile,
} from '../../shared/domain/masterdata/fields.ts';

const ofRole = (role: string) => DEMO_OFFICERS.filter((o) => o.role === role);

describe('demo officers', () => {
  it('gives every unit exactly one station officer, its own SHO post', () => {
    const shos = ofRole('station-officer');
    expect(shos).toHaveLength(UP_STATIONS.length);
    for (const station of UP_STATIONS) {
      const posts = shos.filter((o) => o.stationCodes.includes(station.code));
      expect(posts, station.code).toHaveLength(1);
      expect(posts[0]).toMatchObject({
        id: `${station.code}-sho`,
        districtCode: station.districtCode,
        stationCodes: [station.code],
        title: { en: `SHO ${station.name.en}`, hi: `थाना प्रभारी ${station.name.hi}` },
        email: `sho.${station.code}@demo.nivaran.local`,
      });
    }
  });

  it('covers every unit with exactly one supervisor of its own district', () => {
    const stationDistrict = new Map(UP_STATIONS.map((s) => [s.code, s.districtCode]));
    const supervisors = ofRole('supervisor');
    for (const supervisor of supervisors) {
      expect(supervisor.stationCodes.length, supervisor.id).toBeGreaterThan(0);
      for (const code of supervisor.stationCodes)
        expect(stationDistrict.get(code), code).toBe(supervisor.districtCode);
    }
    for (const station of UP_STATIONS) {
      expect(
        supervisors.filter((o) => o.stationCodes.includes(station.code)),
        station.code,
      ).toHaveLength(1);
    }
  });

  it('splits the thanas of other districts into circles of four to six, the special units joining the first', () => {
    for (const district of UP_DISTRICTS.filter((d) => d.code !== 'chandauli')) {
      const circles = ofRole('supervisor').filter((o) => o.districtCode === district.code);
      circles.forEach((circle, index) => {
        const thanas = circle.stationCodes.filter(
          (c) => !c.endsWith('-cyber-cell') && !c.endsWith('-mahila-thana'),
        );
        expect(thanas.length, circle.id).toBeGreaterThanOrEqual(4);
        expect(thanas.length, circle.id).toBeLessThanOrEqual(6);
        expect(circle.stationCodes.length - thanas.length, circle.id).toBe(index === 0 ? 2 : 0);
      });
    }
    expect(circleSizes(10)).toEqual([5, 5]);
    expect(circleSizes(13)).toEqual([5, 4, 4]);
    expect(circleSizes(35)).toEqual([5, 5, 5, 5, 5, 5, 5]);
  });

  it("uses Chandauli's real circles", () => {
    const circles = Object.fromEntries(
      ofRole('supervisor')
        .filter((o) => o.districtCode === 'chandauli')
        .map((o) => [o.id, o.stationCodes.map((c) => c.replace('chandauli-', '')).sort()]),
    );
    expect(circles).toEqual({
      'chandauli-co-sadar': ['cyber-cell', 'kandwa', 'mahila-thana', 'sadar-kotwali', 'saiyadraja'],
      'chandauli-co-mughalsarai': ['alinagar', 'baburi', 'mughalsarai'],
      'chandauli-co-sakaldiha': ['balua', 'dhanapur', 'dhina', 'sakaldiha'],
      'chandauli-co-chakia': ['chakia', 'ilia', 'shahabganj'],
      'chandauli-co-naugarh': ['chakarghatta', 'naugarh'],
    });
    const sakaldiha = DEMO_OFFICERS.find((o) => o.id === 'chandauli-co-sakaldiha');
    expect(sakaldiha?.title).toEqual({ en: 'CO Sakaldiha', hi: 'क्षेत्राधिकारी सकलडीहा' });
  });

  it('has one IGRS cell and one SP (DCP in a commissionerate) per district', () => {
    for (const d of UP_DISTRICTS) {
      const cells = ofRole('district-cell').filter((o) => o.districtCode === d.code);
      const seniors = ofRole('senior-officer').filter((o) => o.districtCode === d.code);
      expect(cells.map((o) => [o.id, o.email, o.stationCodes])).toEqual([
        [`${d.code}-igrs-cell`, `igrs.${d.code}@demo.nivaran.local`, []],
      ]);
      expect(seniors.map((o) => o.id)).toEqual([`${d.code}-${d.commissionerate ? 'dcp' : 'sp'}`]);
    }
    expect(DEMO_OFFICERS.find((o) => o.id === 'chandauli-sp')?.title).toEqual({
      en: 'SP Chandauli',
      hi: 'पुलिस अधीक्षक चन्दौली',
    });
    expect(DEMO_OFFICERS.find((o) => o.id === 'lucknow-dcp')?.title.en).toBe('DCP Lucknow');
  });

  it('gives every post a unique id, a demo email and a unique demo mobile, all in Hindi by default', () => {
    expect(new Set(DEMO_OFFICERS.map((o) => o.id)).size).toBe(DEMO_OFFICERS.length);
    expect(new Set(DEMO_OFFICERS.map((o) => o.mobile)).size).toBe(DEMO_OFFICERS.length);
    expect(new Set(DEMO_OFFICERS.map((o) => o.email)).size).toBe(DEMO_OFFICERS.length);
    for (const o of DEMO_OFFICERS) {
      expect(isCode(o.id), o.id).toBe(true);
      expect(o.id.startsWith(`${o.districtCode}-`), o.id).toBe(true);
      expect(o.mobile, o.id).toMatch(/^\+919\d{9}$/);
      expect(parseIndianMobile(o.mobile!)).toBe(o.mobile);
      expect(o.email, o.id).toMatch(/@demo\.nivaran\.local$/);
      expect(parseEmail(o.email!)).toBe(o.email);
      expect(hasDevanagari(o.title.hi), o.id).toBe(true);
      expect(o).toMatchObject({ demo: true, language: 'hi' });
    }
  });

  it('is the same on every run and machine: mobiles come from a hash of the post id', () => {
    const mobile = (id: string) => DEMO_OFFICERS.find((o) => o.id === id)?.mobile;
    expect(mobile('chandauli-sakaldiha-sho')).toBe('+919032866874');
    expect(mobile('chandauli-igrs-cell')).toBe('+919667239141');
    expect(mobile('lucknow-dcp')).toBe('+919402528738');
  });
});

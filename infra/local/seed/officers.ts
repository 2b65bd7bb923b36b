import type { District, Officer, Station } from '../../../shared/domain/masterdata/types.ts';
import { UP_DISTRICTS } from './districts.ts';
import { stableHash } from './stable-hash.ts';
import { UP_STATIONS } from './stations.ts';

/**
 * Demo contacts for every post Nivaran sends links to, so the routing and notification flows work
 * state-wide before a district loads its real list (npm run masterdata:load -- officers file.csv).
 *
 * Per district:
 *   - an SHO post for every unit (thana, cyber crime thana, mahila thana): `<stationCode>-sho`;
 *   - circle officers (CO; ACP in a commissionerate) as supervisors, each covering one circle. The
 *     pilot district Chandauli uses its real five circles; elsewhere the thanas are split in order into
 *     circles of four to six, and the cyber cell and mahila thana join the first (headquarters) one;
 *   - the district's IGRS cell (`<district>-igrs-cell`), which triages what routing cannot place;
 *   - the SP (DCP in a commissionerate) as the senior officer.
 *
 * Every contact is fake and says so: addresses on demo.nivaran.local, and mobiles +91 9xxxxxxxxx drawn
 * from a hash of the post id (the same on every run and machine, never two alike). All are demo: true.
 */

const MAIL_DOMAIN = 'demo.nivaran.local';

/** Chandauli's circles (सर्किल) and their thanas, by station code slug; the first is the HQ circle. */
const CHANDAULI_CIRCLES: readonly { slug: string; en: string; hi: string; stations: readonly string[] }[] = [
  {
    slug: 'sadar',
    en: 'Sadar',
    hi: 'सदर',
    stations: ['sadar-kotwali', 'saiyadraja', 'kandwa', 'mahila-thana', 'cyber-cell'],
  },
  { slug: 'mughalsarai', en: 'Mughalsarai', hi: 'मुगलसराय', stations: ['mughalsarai', 'alinagar', 'baburi'] },
  {
    slug: 'sakaldiha',
    en: 'Sakaldiha',
    hi: 'सकलडीहा',
    stations: ['sakaldiha', 'balua', 'dhanapur', 'dhina'],
  },
  { slug: 'chakia', en: 'Chakia', hi: 'चकिया', stations: ['chakia', 'shahabganj', 'ilia'] },
  { slug: 'naugarh', en: 'Naugarh', hi: 'नौगढ़', stations: ['naugarh', 'chakarghatta'] },
];

interface Circle {
  slug: string;
  en: string;
  hi: string;
  stations: Station[];
}

/** Sizes that split n thanas into circles of about five (four to six for any n of 8 or more). */
export function circleSizes(n: number): number[] {
  if (n <= 0) return [];
  const count = Math.max(1, Math.round(n / 5));
  return Array.from({ length: count }, (_, i) => Math.floor(n / count) + (i < n % count ? 1 : 0));
}

function chandauliCircles(stations: readonly Station[]): Circle[] {
  const byCode = new Map(stations.map((s) => [s.code, s]));
  const circles = CHANDAULI_CIRCLES.map((c) => ({
    slug: c.slug,
    en: c.en,
    hi: c.hi,
    stations: c.stations.map((slug) => byCode.get(`chandauli-${slug}`)).filter((s): s is Station => !!s),
  }));
  // Should a unit ever be added to the shipped list without a circle here, the HQ circle takes it.
  const placed = new Set(circles.flatMap((c) => c.stations.map((s) => s.code)));
  circles[0]!.stations.push(...stations.filter((s) => !placed.has(s.code)));
  return circles;
}

function generatedCircles(d: District, stations: readonly Station[]): Circle[] {
  const thanas = stations.filter((s) => s.kind === 'police-station');
  const special = stations.filter((s) => s.kind !== 'police-station');
  const circles: Circle[] = [];
  let from = 0;
  for (const size of circleSizes(thanas.length)) {
    const members = thanas.slice(from, from + size);
    from += size;
    const first = members[0]!;
    circles.push(
      circles.length === 0
        ? { slug: 'city', en: `City ${d.name.en}`, hi: `नगर ${d.name.hi}`, stations: members }
        : {
            slug: first.code.slice(d.code.length + 1),
            en: first.name.en,
            hi: first.name.hi,
            stations: members,
          },
    );
  }
  if (circles.length === 0)
    circles.push({ slug: 'city', en: `City ${d.name.en}`, hi: `नगर ${d.name.hi}`, stations: [] });
  circles[0]!.stations.push(...special);
  return circles;
}

function districtOfficers(d: District, stations: readonly Station[]): Omit<Officer, 'mobile'>[] {
  const ranks = d.commissionerate
    ? { supervisor: ['ACP', 'सहायक पुलिस आयुक्त'], senior: ['DCP', 'पुलिस उपायुक्त'], seniorSlug: 'dcp' }
    : { supervisor: ['CO', 'क्षेत्राधिकारी'], senior: ['SP', 'पुलिस अधीक्षक'], seniorSlug: 'sp' };
  const base = { districtCode: d.code, language: 'hi' as const, demo: true };
  const shos = stations.map((s) => ({
    ...base,
    id: `${s.code}-sho`,
    role: 'station-officer' as const,
    stationCodes: [s.code],
    title: { en: `SHO ${s.name.en}`, hi: `थाना प्रभारी ${s.name.hi}` },
    email: `sho.${s.code}@${MAIL_DOMAIN}`,
  }));
  const circles = d.code === 'chandauli' ? chandauliCircles(stations) : generatedCircles(d, stations);
  const supervisors = circles.map((c) => ({
    ...base,
    id: `${d.code}-${ranks.supervisor[0]!.toLowerCase()}-${c.slug}`,
    role: 'supervisor' as const,
    stationCodes: c.stations.map((s) => s.code),
    title: { en: `${ranks.supervisor[0]} ${c.en}`, hi: `${ranks.supervisor[1]} ${c.hi}` },
    email: `${ranks.supervisor[0]!.toLowerCase()}.${d.code}-${c.slug}@${MAIL_DOMAIN}`,
  }));
  const cell = {
    ...base,
    id: `${d.code}-igrs-cell`,
    role: 'district-cell' as const,
    stationCodes: [],
    title: { en: `IGRS Cell ${d.name.en}`, hi: `आईजीआरएस प्रकोष्ठ ${d.name.hi}` },
    email: `igrs.${d.code}@${MAIL_DOMAIN}`,
  };
  const senior = {
    ...base,
    id: `${d.code}-${ranks.seniorSlug}`,
    role: 'senior-officer' as const,
    stationCodes: [],
    title: { en: `${ranks.senior[0]} ${d.name.en}`, hi: `${ranks.senior[1]} ${d.name.hi}` },
    email: `${ranks.seniorSlug}.${d.code}@${MAIL_DOMAIN}`,
  };
  return [...shos, ...supervisors, cell, senior];
}

function withMobiles(officers: Omit<Officer, 'mobile'>[]): Officer[] {
  const used = new Set<number>();
  return officers.map((o) => {
    // +91 9 and nine digits from the id's hash; a clash (rare) takes the next free number.
    let n = stableHash(o.id) % 1_000_000_000;
    while (used.has(n)) n = (n + 1) % 1_000_000_000;
    used.add(n);
    return { ...o, mobile: `+919${String(n).padStart(9, '0')}` };
  });
}

export const DEMO_OFFICERS: readonly Officer[] = withMobiles(
  UP_DISTRICTS.flatMap((d) =>
    districtOfficers(
      d,
      UP_STATIONS.filter((s) => s.districtCode === d.code),
    ),
  ),
);

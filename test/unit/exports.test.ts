import { describe, expect, it } from 'vitest';
import {
  buildSnapshot,
  DEFAULT_POLICY,
  RankingAccumulator,
  type RankingSnapshot,
  standingOf,
} from '../../shared/domain/ranking/index.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import {
  BOM,
  csvField,
  monthName,
  rankingCsv,
  rankingJson,
  rankingReportHtml,
  streakText,
  textCell,
} from '../../shared/views/exports/index.ts';
import { AS_OF, alphaMonth, aReference, feed, MONTH, perfectMonth } from './ranking-fixtures.ts';

const EVIL = '<script>alert("x")</script>';
const DISTRICTS = [
  { code: 'chandauli', name: { en: 'Chandauli', hi: 'चन्दौली' } },
  { code: 'varanasi', name: { en: 'Varanasi, "Kashi"', hi: 'वाराणसी' } },
  { code: 'agra', name: { en: 'Agra', hi: 'आगरा' } },
];
const STATIONS = [
  { code: 'chandauli-sakaldiha', districtCode: 'chandauli', name: { en: 'Sakaldiha', hi: 'सकलडीहा' } },
  { code: 'chandauli-evil', districtCode: 'chandauli', name: { en: EVIL, hi: `थाना ${EVIL}` } },
  { code: 'varanasi-cantt', districtCode: 'varanasi', name: { en: 'Cantt\nLine 2', hi: 'कैंट' } },
  { code: 'agra-formula', districtCode: 'agra', name: { en: '=HYPERLINK("x")', hi: '@आगरा' } },
];

function snapshot(references: Reference[], month = MONTH, previous?: RankingSnapshot): RankingSnapshot {
  const accumulator = new RankingAccumulator({
    month,
    asOf: AS_OF,
    priorityChannels: DEFAULT_POLICY.priorityChannels,
  });
  feed(accumulator, references);
  return {
    ...buildSnapshot({
      accumulator,
      policy: DEFAULT_POLICY,
      districts: DISTRICTS,
      stations: STATIONS,
      previous: previous ? standingOf(previous) : null,
      computedAt: AS_OF,
    }),
    revision: 3,
  };
}

const september = snapshot(
  [
    ...perfectMonth('varanasi-cantt', 'varanasi'),
    ...alphaMonth('chandauli-sakaldiha', 'chandauli'),
    ...alphaMonth('agra-formula', 'agra'),
  ].map((r) => ({ ...r, createdAt: '2026-09-10T04:30:00.000Z' })),
  '2026-09',
);
const october = snapshot(
  [
    ...perfectMonth('chandauli-sakaldiha', 'chandauli'),
    ...perfectMonth('chandauli-evil', 'chandauli'),
    ...alphaMonth('varanasi-cantt', 'varanasi'),
    aReference({ station: 'agra-formula', district: 'agra' }),
  ],
  MONTH,
  { ...september, revision: 1 },
);

/** RFC 4180 parser for the checks (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('CSV export', () => {
  const csv = rankingCsv(october, { level: 'station' });

  it('starts with a UTF-8 BOM and keeps Hindi intact', () => {
    expect(csv.startsWith(BOM)).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toContain('सकलडीहा');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('has a column per parameter and one row per unit, in rank order', () => {
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([
      'rank',
      'code',
      'name_en',
      'name_hi',
      'district',
      'total',
      'max',
      ...DEFAULT_POLICY.parameters.map((p) => p.id),
      'movement',
      'streak',
      'district_rank',
      'earned',
      'measurable_max',
      'references',
    ]);
    expect(rows).toHaveLength(1 + STATIONS.length);
    const byCode = Object.fromEntries(
      rows.slice(1).map((r) => [r[1], Object.fromEntries(rows[0]!.map((h, i) => [h, r[i]]))]),
    );
    expect(byCode['chandauli-sakaldiha']).toMatchObject({
      rank: '1',
      total: '130.00',
      max: '130',
      'on-time-disposal': '20.00',
      'random-check': '5.00',
      movement: '1', // from 2nd in September
      streak: '1',
      district_rank: '1',
    });
    expect(byCode['varanasi-cantt']).toMatchObject({
      rank: '3',
      total: '94.39',
      'on-time-disposal': '15.56',
      movement: '-2',
      streak: '0',
    });
    expect(byCode['chandauli-evil']).toMatchObject({ rank: '1', movement: 'new', streak: '1' });
    // One open reference past its deadline: only two parameters measurable, the rest NA.
    expect(byCode['agra-formula']).toMatchObject({ total: '0.00', satisfaction: 'NA', 'random-check': 'NA' });
  });

  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(textCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(textCell('-x')).toBe("'-x");
    expect(csv).toContain('"Cantt\nLine 2"');
    expect(csv).toContain(`"${EVIL.replace(/"/g, '""')}"`);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain(",'@आगरा,");
    const rows = parseCsv(csv.slice(1));
    expect(rows.find((r) => r[1] === 'varanasi-cantt')![2]).toBe('Cantt\nLine 2');
  });

  it("lists one district's stations in district-rank order, and districts", () => {
    const rows = parseCsv(rankingCsv(october, { level: 'station', district: 'chandauli' }).slice(1));
    expect(rows.slice(1).map((r) => r[1])).toEqual(['chandauli-evil', 'chandauli-sakaldiha']);
    const districts = parseCsv(rankingCsv(october, { level: 'district' }).slice(1));
    expect(districts.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['1', 'chandauli'],
      ['2', 'varanasi'],
      ['3', 'agra'],
    ]);
    expect(districts[2]![2]).toBe('Varanasi, "Kashi"');
  });
});

describe('JSON export', () => {
  it('is the snapshot with its scorecards, or one selection of it', () => {
    const whole = JSON.parse(rankingJson(october)) as RankingSnapshot;
    expect(whole.revision).toBe(3);
    expect(whole.policy.version).toBe('igrs-130-v1');
    expect(whole.stations.find((s) => s.code === 'varanasi-cantt')!.scorecard[0]).toMatchObject({
      id: 'on-time-disposal',
      marks: 15.56,
      max: 20,
      counts: { onTime: 7, due: 9 },
    });
    const view = JSON.parse(rankingJson(october, { level: 'station', district: 'chandauli' }));
    expect(view.level).toBe('station');
    expect(view.units.map((u: { code: string }) => u.code)).toEqual([
      'chandauli-evil',
      'chandauli-sakaldiha',
    ]);
    expect(view.districts).toBeUndefined();
  });
});

describe('HTML report', () => {
  const report = rankingReportHtml(october, { level: 'station' });

  it('escapes every name: <script> renders as text', () => {
    expect(report).not.toMatch(/<script/i);
    expect(report).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(report).toContain('थाना &lt;script&gt;');
    expect(report).toContain('Varanasi, &quot;Kashi&quot;');
  });

  it('has an inline SVG chart of district scores, top and bottom ten, movers and scorecards', () => {
    expect(report.startsWith('<!doctype html>')).toBe(true);
    const chart = report.slice(report.indexOf('id="chart-districts"'), report.indexOf('</svg>'));
    expect(chart).toContain('<svg');
    expect(chart.match(/<rect /g)).toHaveLength(3);
    expect(chart).toContain('1. Chandauli / चन्दौली');
    expect(report).toContain('Top ten');
    expect(report).toContain('शीर्ष दस');
    expect(report).toContain('Bottom ten');
    expect(report).toContain('Largest rises since last month');
    expect(report).toContain('up 1');
    expect(report).toContain('down 2');
    expect(report).toContain('2 स्थान नीचे');
    // Scorecards: one per station, with counts, marks and bilingual reasons.
    for (const s of STATIONS) expect(report).toContain(`id="u-station-${s.code}"`);
    expect(report).toContain('15.56 / 20');
    expect(report).toContain(
      '2 of 9 due references were not disposed within the deadline (77.8% on time): −4.44 marks',
    );
    expect(report).toContain('9 देय सन्दर्भों में से 2 का निस्तारण समय-सीमा में नहीं हुआ');
    expect(report).toContain('Not applicable: no complainant had given feedback');
    // The policy with its formulas.
    expect(report).toContain('marks = 20 × references disposed within the deadline');
    // A print stylesheet, and no script anywhere (the CSP forbids it).
    expect(report).toContain('@media print');
    expect(report).not.toMatch(/\son[a-z]+=/i);
  });

  it("shows a district's stations with their own chart and district ranks", () => {
    const chandauli = rankingReportHtml(october, { level: 'station', district: 'chandauli' }, { lang: 'en' });
    expect(chandauli).toContain('<html lang="en"');
    expect(chandauli).toContain('id="chart-stations"');
    expect(chandauli).toContain('Police stations, Chandauli');
    expect(chandauli).not.toContain('id="u-station-varanasi-cantt"');
  });

  it('says rank 1 streaks the way the press notes do', () => {
    expect(streakText(0)).toBeNull();
    expect(streakText(1)).toEqual({ en: 'rank 1', hi: 'प्रथम स्थान' });
    expect(streakText(2)).toEqual({ en: 'rank 1, 2nd month in a row', hi: 'लगातार दूसरे माह प्रथम स्थान' });
    expect(streakText(11)!.en).toBe('rank 1, 11th month in a row');
    expect(monthName('2026-10')).toEqual({ en: 'October 2026', hi: 'अक्टूबर 2026' });
  });
});

describe('a large report', () => {
  it('keeps only the listed units’ scorecards above maxScorecards, and says where the rest are', () => {
    const accumulator = new RankingAccumulator({
      month: MONTH,
      asOf: AS_OF,
      priorityChannels: DEFAULT_POLICY.priorityChannels,
    });
    const codes = Array.from({ length: 25 }, (_, i) => `agra-s${String(i).padStart(2, '0')}`);
    // Station i has i of its 30 references still open past the deadline: 25 distinct scores.
    codes.forEach((code, i) => {
      feed(accumulator, [
        ...perfectMonth(code, 'agra', 30 - i),
        ...Array.from({ length: i }, () => aReference({ station: code, district: 'agra' })),
      ]);
    });
    const large: RankingSnapshot = {
      ...buildSnapshot({
        accumulator,
        policy: DEFAULT_POLICY,
        districts: DISTRICTS,
        stations: [],
        computedAt: AS_OF,
      }),
      revision: 1,
    };
    const report = rankingReportHtml(large, { level: 'station' }, { maxScorecards: 20 });
    expect(report).toContain('Scorecards of the units listed above');
    expect(report.match(/<section class="scorecard"/g)).toHaveLength(20);
    expect(report).toContain('id="u-station-agra-s00"');
    expect(report).toContain('id="u-station-agra-s24"');
    expect(report).not.toContain('id="u-station-agra-s12"');
    const full = rankingReportHtml(large, { level: 'station' });
    expect(full).not.toContain('Scorecards of the units listed above');
    expect(full.match(/<section class="scorecard"/g)).toHaveLength(25);
  });
});

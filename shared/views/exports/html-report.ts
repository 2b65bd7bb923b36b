import type { Bilingual, Language } from '../../domain/language.ts';
import type { UnitLevel } from '../../domain/ranking/accumulator.ts';
import type { CountKey } from '../../domain/ranking/counts.ts';
import { parametersFor, type ScoringPolicy, totalMarksFor } from '../../domain/ranking/policy.ts';
import { type RankingSnapshot, selectUnits, type UnitResult } from '../../domain/ranking/snapshot.ts';
import {
  bi,
  definitionList,
  html,
  istDateTime,
  notice,
  page,
  raw,
  type SafeHtml,
  table,
} from '../html/index.ts';
import { COUNT_LABELS, LEVEL_NAMES, monthName, movementText, streakText } from './labels.ts';

/**
 * The printable ranking report: a chart of district scores (inline SVG: the page CSP allows no
 * script), the top and bottom ten, the movers, the policy, and every selected unit's scorecard,
 * in both languages. All text goes through the html kit, so a name such as `<script>` is text.
 */

const REPORT_CSS = `
main{max-width:75rem}
.chart svg{display:block;width:100%;height:auto;max-width:60rem}
.chart text{font:12px system-ui,"Noto Sans","Noto Sans Devanagari","Nirmala UI",Mangal,sans-serif;fill:#1b1b1b}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.mv-up{color:#0d5323}.mv-down{color:#a4161a}
.counts{margin:0;padding:0;list-style:none;font-size:.9375rem}
.scorecard{border-top:2px solid #14355e;margin-top:1.5rem}
.scorecard .summary{margin:.25rem 0 .75rem}
@page{size:A4;margin:12mm}
@media print{
main{max-width:none;padding:0}
.table-wrap{overflow:visible}
table{font-size:9pt}
h2,h3{break-after:avoid;page-break-after:avoid}
.scorecard,.chart{break-inside:avoid;page-break-inside:avoid}
.scorecards .scorecard{break-before:auto}
a{color:inherit;text-decoration:none}
}
`;

const T = {
  title: { en: 'Monthly ranking', hi: 'मासिक रैंकिंग' },
  month: { en: 'Ranking month (IST, by date of filing)', hi: 'रैंकिंग माह (IST, प्राप्ति तिथि से)' },
  policy: { en: 'Scoring policy', hi: 'मूल्यांकन नीति' },
  revision: { en: 'Revision', hi: 'संशोधन' },
  asOf: { en: 'Counts taken as of', hi: 'गणना की कट-ऑफ' },
  computedAt: { en: 'Computed at', hi: 'गणना का समय' },
  references: { en: 'References counted', hi: 'गिने गए सन्दर्भ' },
  units: { en: 'Units', hi: 'इकाइयाँ' },
  previous: { en: 'Movement measured against', hi: 'परिवर्तन की तुलना' },
  noPrevious: {
    en: 'no earlier month ranked: every unit is new',
    hi: 'पिछले माह की रैंकिंग नहीं: सभी इकाइयाँ नई',
  },
  chartDistricts: { en: 'District scores', hi: 'जनपदों के स्कोर' },
  chartStations: { en: 'Station scores', hi: 'थानों के स्कोर' },
  top: { en: 'Top ten', hi: 'शीर्ष दस' },
  bottom: { en: 'Bottom ten', hi: 'अंतिम दस' },
  rises: { en: 'Largest rises since last month', hi: 'पिछले माह से सबसे अधिक सुधार' },
  falls: { en: 'Largest falls since last month', hi: 'पिछले माह से सबसे अधिक गिरावट' },
  movers: { en: 'Movers', hi: 'रैंक में परिवर्तन' },
  noMovers: { en: 'No unit moved', hi: 'किसी इकाई की रैंक नहीं बदली' },
  rank: { en: 'Rank', hi: 'रैंक' },
  districtRank: { en: 'Rank in district', hi: 'जनपद में रैंक' },
  unit: { en: 'Unit', hi: 'इकाई' },
  district: { en: 'District', hi: 'जनपद' },
  score: { en: 'Score', hi: 'स्कोर' },
  movement: { en: 'Movement', hi: 'परिवर्तन' },
  streak: { en: 'Streak', hi: 'क्रम' },
  parameter: { en: 'Parameter', hi: 'बिन्दु' },
  formula: { en: 'Formula', hi: 'सूत्र' },
  maxMarks: { en: 'Max marks', hi: 'अधिकतम अंक' },
  whenEmpty: { en: 'Nothing to measure when', hi: 'मापने को कुछ नहीं, जब' },
  counts: { en: 'Counts', hi: 'गणना' },
  marks: { en: 'Marks', hi: 'अंक' },
  reason: { en: 'Why marks were lost', hi: 'अंक कटने का कारण' },
  full: { en: 'full marks', hi: 'पूर्ण अंक' },
  notApplicable: { en: 'not applicable', hi: 'लागू नहीं' },
  scorecards: { en: 'Scorecards', hi: 'अंक-पत्र' },
  notRanked: { en: 'not ranked: nothing to measure', hi: 'रैंक नहीं: मापने को कुछ नहीं' },
  tooFew: { en: 'not ranked: too few references', hi: 'रैंक नहीं: सन्दर्भ बहुत कम' },
  tooFewShort: { en: 'too few references', hi: 'सन्दर्भ बहुत कम' },
  tooFewList: { en: 'Not ranked: too few references', hi: 'रैंक नहीं: सन्दर्भ बहुत कम' },
  group: { en: 'Volume group', hi: 'मात्रा-समूह' },
  volumeRule: { en: 'Minimum volume and volume groups', hi: 'न्यूनतम सन्दर्भ व मात्रा-समूह' },
  defaulterRule: { en: 'Defaulters charged to', hi: 'डिफॉल्टर किस पर' },
  stationPolicy: { en: 'Police stations', hi: 'थाने' },
  referencesInMonth: { en: 'References in the month', hi: 'माह के सन्दर्भ' },
  someScorecards: {
    en: "Scorecards of the units listed above. Every unit's scorecard is in its district's report, and in the CSV and JSON exports.",
    hi: 'ऊपर सूचीबद्ध इकाइयों के अंक-पत्र। प्रत्येक इकाई का अंक-पत्र उसके जनपद की रिपोर्ट तथा CSV व JSON में उपलब्ध है।',
  },
  emptyRule: { en: 'Nothing to measure', hi: 'मापने को कुछ नहीं' },
  ties: { en: 'Ties', hi: 'समान स्कोर' },
  earned: { en: 'earned', hi: 'प्राप्त' },
  of: { en: 'of', hi: 'में से' },
  measurable: { en: 'measurable', hi: 'मापने योग्य' },
} satisfies Record<string, Bilingual>;

const fixed = (value: number) => value.toFixed(2);
const plainBi = (text: Bilingual) => (text.en === text.hi ? text.en : `${text.en} / ${text.hi}`);
const anchor = (unit: UnitResult) => `u-${unit.level}-${unit.code}`;

function scoreCell(unit: UnitResult, policy: ScoringPolicy): SafeHtml {
  if (unit.notRanked === 'too-few-references') {
    const minimum = policy.ranking?.[unit.level].minimumReferences ?? 0;
    const score =
      unit.score === null
        ? ''
        : html` <span class="num">(${fixed(unit.score)} / ${totalMarksFor(policy, unit.level)})</span>`;
    return html`${bi(T.tooFew)}: ${unit.counts.references} &lt; ${minimum}${score}`;
  }
  return unit.score === null
    ? html`${bi(T.notRanked)}`
    : html`<span class="num">${fixed(unit.score)} / ${totalMarksFor(policy, unit.level)}</span>`;
}

/** The volume group a unit is ranked in, by name. */
function groupCell(unit: UnitResult, policy: ScoringPolicy): SafeHtml {
  const group = policy.ranking?.[unit.level].groups.find((g) => g.id === unit.group);
  return group ? bi(group.name) : html`—`;
}

function movementCell(unit: UnitResult): SafeHtml {
  const m = unit.movement;
  const arrow = m.status === 'up' ? '▲ ' : m.status === 'down' ? '▼ ' : '';
  return html`<span class="mv-${m.status}"><span aria-hidden="true">${arrow}</span>${bi(movementText(m))}</span>`;
}

function streakCell(unit: UnitResult): SafeHtml {
  const text = streakText(unit.streak);
  return text ? bi(text) : html`—`;
}

function unitLink(unit: UnitResult): SafeHtml {
  return html`<a href="#${anchor(unit)}">${bi(unit.name)}</a>`;
}

/** A horizontal bar per unit, longest for the best score; unranked units have no bar and say so. */
export function scoreChart(
  units: readonly UnitResult[],
  policy: ScoringPolicy,
  caption: Bilingual,
  id: string,
  rankOf: (unit: UnitResult) => number | null = (unit) => unit.rank,
): SafeHtml {
  const row = 20;
  const labelWidth = 260;
  const barWidth = 520;
  const top = 8;
  const width = labelWidth + barWidth + 80;
  const height = top * 2 + Math.max(1, units.length) * row;
  const total = units[0] ? totalMarksFor(policy, units[0].level) : policy.totalMarks;
  const bars = units.map((unit, index) => {
    const y = top + index * row;
    const rank = rankOf(unit) ?? '—';
    const label = plainBi(unit.name);
    // A unit below the minimum volume has no bar: its score is not comparable, and the chart says why.
    const tooFew = unit.notRanked === 'too-few-references';
    const value = tooFew
      ? `${plainBi(T.tooFewShort)} (${unit.counts.references})`
      : unit.score === null
        ? plainBi(T.notApplicable)
        : fixed(unit.score);
    const length = unit.score === null || tooFew ? 0 : Math.max(1, (unit.score / total) * barWidth);
    return html`<g><title>${rank}. ${label}: ${value} / ${total}</title>
<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${rank}. ${label}</text>
<rect x="${labelWidth}" y="${y + 3}" width="${length.toFixed(1)}" height="${row - 6}" fill="${rankOf(unit) === 1 ? '#0d5323' : '#14355e'}"></rect>
<text x="${labelWidth + length + 6}" y="${y + 14}">${value}</text></g>
`;
  });
  return html`<figure class="chart" id="${id}">
<figcaption><h2>${bi(caption)}</h2></figcaption>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title">
<title id="${id}-title">${plainBi(caption)} (${total})</title>
<line x1="${labelWidth}" y1="0" x2="${labelWidth}" y2="${height}" stroke="#555"></line>
${bars}</svg>
</figure>`;
}

function rankingTable(
  units: readonly UnitResult[],
  policy: ScoringPolicy,
  caption: Bilingual,
  useDistrictRank: boolean,
) {
  const groups = Boolean(policy.ranking) && !useDistrictRank;
  return table({
    caption,
    columns: [T.rank, T.unit, T.district, ...(groups ? [T.group] : []), T.score, T.movement, T.streak],
    rows: units.map((unit) => [
      html`<span class="num">${(useDistrictRank ? unit.districtRank : unit.rank) ?? '—'}</span>`,
      unitLink(unit),
      bi(unit.districtName),
      ...(groups ? [groupCell(unit, policy)] : []),
      scoreCell(unit, policy),
      movementCell(unit),
      streakCell(unit),
    ]),
  });
}

function moversTable(units: readonly UnitResult[], caption: Bilingual) {
  return table({
    caption,
    columns: [T.unit, T.rank, T.movement],
    rows: units.map((unit) => [
      unitLink(unit),
      html`<span class="num">${unit.movement.previousRank} → ${unit.rank}</span>`,
      movementCell(unit),
    ]),
    empty: T.noMovers,
  });
}

function parameterTable(parameters: ScoringPolicy['parameters'], caption: Bilingual) {
  return table({
    caption,
    columns: [T.parameter, T.formula, T.maxMarks, T.whenEmpty],
    rows: parameters.map((p) => [
      bi(p.name),
      bi(p.formula),
      html`<span class="num">${p.maxMarks}</span>`,
      html`${bi(p.whenEmpty.when)} (${p.whenEmpty.rule === 'not-applicable' ? bi(T.notApplicable) : p.whenEmpty.rule})`,
    ]),
  });
}

/** What a policy with volume rules, station parameters or a defaulter rule adds to the report. */
function policyRules(policy: ScoringPolicy): SafeHtml {
  if (!policy.stations && !policy.ranking && !policy.defaulterCharge) return html``;
  const stations = policy.stations;
  return html`${
    stations
      ? parameterTable(stations.parameters, {
          en: `${T.stationPolicy.en}: ${stations.name.en} (${stations.totalMarks})`,
          hi: `${T.stationPolicy.hi}: ${stations.name.hi} (${stations.totalMarks})`,
        })
      : ''
  }
${definitionList([
  ...(policy.ranking ? [{ term: T.volumeRule, value: bi(policy.ranking.rule) }] : []),
  ...(policy.defaulterCharge ? [{ term: T.defaulterRule, value: bi(policy.defaulterCharge.rule) }] : []),
])}`;
}

/**
 * Beside a chart, under a policy with a minimum volume: the rule, and how many of the charted
 * units it leaves unranked (bilingual), so a short bar list is never read as a full one.
 */
function volumeNote(units: readonly UnitResult[], policy: ScoringPolicy): SafeHtml {
  const level = units[0]?.level;
  if (!policy.ranking || !level) return html``;
  const rules = policy.ranking[level];
  const few = units.filter((u) => u.notRanked === 'too-few-references').length;
  const what = level === 'station' ? { en: 'stations', hi: 'थाने' } : { en: 'districts', hi: 'जनपद' };
  return html`
${notice(
  bi({
    en: `${few} of ${units.length} ${what.en} had fewer than ${rules.minimumReferences} references this month and are not ranked: too few references (listed without a bar; their scorecards are below). ${policy.ranking.rule.en}`,
    hi: `${units.length} में से ${few} ${what.hi} में इस माह ${rules.minimumReferences} से कम सन्दर्भ थे, अतः रैंक नहीं: सन्दर्भ बहुत कम (बिना पट्टी के सूचीबद्ध; उनके अंक-पत्र नीचे हैं)। ${policy.ranking.rule.hi}`,
  }),
  'info',
)}`;
}

/** The units of the selection below the minimum volume, with their references and scores. */
function tooFewTable(units: readonly UnitResult[], policy: ScoringPolicy): SafeHtml {
  const few = units.filter((u) => u.notRanked === 'too-few-references');
  if (!policy.ranking || few.length === 0) return html``;
  return html`<h2>${bi(T.tooFewList)}</h2>
${table({
  caption: T.tooFewList,
  columns: [T.unit, T.district, T.referencesInMonth, T.score],
  rows: few.map((unit) => [
    unitLink(unit),
    bi(unit.districtName),
    html`<span class="num">${unit.counts.references}</span>`,
    scoreCell(unit, policy),
  ]),
})}
`;
}

function policyTable(policy: ScoringPolicy) {
  return html`${table({
    caption: {
      en: `${T.policy.en}: ${policy.name.en} (${policy.version})`,
      hi: `${T.policy.hi}: ${policy.name.hi} (${policy.version})`,
    },
    columns: [T.parameter, T.formula, T.maxMarks, T.whenEmpty],
    rows: policy.parameters.map((p) => [
      bi(p.name),
      bi(p.formula),
      html`<span class="num">${p.maxMarks}</span>`,
      html`${bi(p.whenEmpty.when)} (${p.whenEmpty.rule === 'not-applicable' ? bi(T.notApplicable) : p.whenEmpty.rule})`,
    ]),
  })}
${definitionList([
  { term: T.emptyRule, value: bi(policy.emptyRule) },
  { term: T.ties, value: bi(policy.ties.rule) },
])}${policyRules(policy)}`;
}

function countsList(counts: Partial<Record<CountKey, number>>): SafeHtml {
  return html`<ul class="counts">${Object.entries(counts).map(
    ([key, value]) => html`<li>${bi(COUNT_LABELS[key as CountKey])}: <span class="num">${value}</span></li>`,
  )}</ul>`;
}

function scorecard(unit: UnitResult, policy: ScoringPolicy): SafeHtml {
  const names = new Map(parametersFor(policy, unit.level).map((p) => [p.id, p.name]));
  const rankLine =
    unit.level === 'station'
      ? html`${bi(T.rank)}: ${unit.rank ?? '—'} · ${bi(T.districtRank)}: ${unit.districtRank ?? '—'}`
      : html`${bi(T.rank)}: ${unit.rank ?? '—'}`;
  return html`<section class="scorecard" id="${anchor(unit)}" aria-labelledby="${anchor(unit)}-h">
<h3 id="${anchor(unit)}-h">${bi(unit.name)}${unit.level === 'station' ? html` <small>(${bi(unit.districtName)})</small>` : ''}</h3>
<p class="summary">${rankLine} · ${bi(T.score)}: ${scoreCell(unit, policy)} · ${bi(T.earned)} ${fixed(unit.earned)} ${bi(T.of)} ${unit.measurableMax} (${bi(T.measurable)}) · ${movementCell(unit)}${unit.streak > 0 ? html` · ${streakCell(unit)}` : ''}</p>
${table({
  caption: { en: `Scorecard: ${unit.name.en}`, hi: `अंक-पत्र: ${unit.name.hi}` },
  id: `${anchor(unit)}-t`,
  columns: [T.parameter, T.counts, T.marks, T.reason],
  rows: unit.scorecard.map((result) => [
    bi(names.get(result.id) ?? { en: result.id, hi: result.id }),
    countsList(result.counts),
    result.marks === null
      ? html`${bi(T.notApplicable)} <span class="num">(— / ${result.max})</span>`
      : html`<span class="num">${fixed(result.marks)} / ${result.max}</span>`,
    result.reason ? bi(result.reason) : bi(T.full),
  ]),
  rowHeaders: true,
})}
</section>`;
}

/**
 * The report as a complete HTML document. `selection` picks the level (and optionally a district)
 * whose top/bottom ten, movers and scorecards are shown; the district chart is always shown, and a
 * district's station chart too when a district is selected. Above `maxScorecards` units (default
 * 200: a statewide station report would otherwise run to megabytes) only the scorecards of the
 * units in the top, bottom and movers tables are included, with a note saying where the rest are.
 */
export function rankingReportHtml(
  snapshot: RankingSnapshot,
  selection: { level: UnitLevel; district?: string | undefined },
  options: { lang?: Language; maxScorecards?: number } = {},
): string {
  const { policy } = snapshot;
  const units = selectUnits(snapshot, selection);
  const useDistrictRank = selection.level === 'station' && Boolean(selection.district);
  const ranked = units.filter((u) => (useDistrictRank ? u.districtRank : u.rank) !== null);
  const month = monthName(snapshot.month);
  const district = selection.district
    ? snapshot.districts.find((d) => d.code === selection.district)
    : undefined;
  const scope: Bilingual = district
    ? {
        en: `${LEVEL_NAMES[selection.level].en}, ${district.name.en}`,
        hi: `${LEVEL_NAMES[selection.level].hi}, ${district.name.hi}`,
      }
    : LEVEL_NAMES[selection.level];
  const title: Bilingual = {
    en: `${T.title.en}: ${month.en}, ${scope.en}`,
    hi: `${T.title.hi}: ${month.hi}, ${scope.hi}`,
  };
  const moved = units.filter((u) => u.movement.change !== null && u.movement.change !== 0);
  const rises = moved
    .filter((u) => (u.movement.change ?? 0) > 0)
    .sort((a, b) => (b.movement.change ?? 0) - (a.movement.change ?? 0) || a.code.localeCompare(b.code))
    .slice(0, 10);
  const falls = moved
    .filter((u) => (u.movement.change ?? 0) < 0)
    .sort((a, b) => (a.movement.change ?? 0) - (b.movement.change ?? 0) || a.code.localeCompare(b.code))
    .slice(0, 10);
  const previous = snapshot.previous;
  const allScorecards = units.length <= (options.maxScorecards ?? 200);
  const listed = new Set([...ranked.slice(0, 10), ...ranked.slice(-10), ...rises, ...falls]);
  const withScorecards = allScorecards ? units : units.filter((unit) => listed.has(unit));

  const body = html`<style>${raw(REPORT_CSS)}</style>
${definitionList([
  { term: T.month, value: bi(month) },
  { term: T.policy, value: html`${bi(policy.name)} (${policy.version}, ${policy.totalMarks})` },
  { term: T.revision, value: snapshot.revision },
  { term: T.asOf, value: istDateTime(snapshot.asOf) },
  { term: T.computedAt, value: istDateTime(snapshot.computedAt) },
  { term: T.references, value: snapshot.stats.counted },
  { term: T.units, value: `${snapshot.stats.districts} / ${snapshot.stats.stations}` },
  {
    term: T.previous,
    value: previous
      ? html`${bi(monthName(previous.month))} (${previous.policyVersion}, ${bi(T.revision)} ${previous.revision})`
      : bi(T.noPrevious),
  },
])}
${scoreChart(snapshot.districts, policy, T.chartDistricts, 'chart-districts')}${volumeNote(snapshot.districts, policy)}
${district ? scoreChart(units, policy, { en: `${T.chartStations.en}: ${district.name.en}`, hi: `${T.chartStations.hi}: ${district.name.hi}` }, 'chart-stations', (u) => u.districtRank) : ''}${selection.level === 'station' ? volumeNote(units, policy) : ''}
${ranked.length === 0 ? notice(bi(T.notRanked), 'info') : ''}
<h2>${bi(T.top)} · ${bi(T.bottom)}</h2>
${rankingTable(ranked.slice(0, 10), policy, T.top, useDistrictRank)}
${rankingTable(ranked.slice(-10), policy, T.bottom, useDistrictRank)}
${tooFewTable(units, policy)}<h2>${bi(T.movers)}</h2>
${moversTable(rises, T.rises)}
${moversTable(falls, T.falls)}
<h2>${bi(T.policy)}</h2>
${policyTable(policy)}
<section class="scorecards">
<h2>${bi(T.scorecards)}</h2>
${allScorecards ? '' : notice(bi(T.someScorecards), 'info')}
${withScorecards.map((unit) => scorecard(unit, policy))}
</section>`;
  return page({ title, body, lang: options.lang ?? 'hi' });
}

import type { UnitLevel } from '../../domain/ranking/accumulator.ts';
import { parametersFor, totalMarksFor } from '../../domain/ranking/policy.ts';
import { type RankingSnapshotDraft, selectUnits, type UnitResult } from '../../domain/ranking/snapshot.ts';

/** UTF-8 byte order mark: without it Excel opens the file as ANSI and Hindi turns to mojibake. */
export const BOM = '\uFEFF';

/** One field, RFC 4180: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A text cell that a spreadsheet could read as a formula (=, +, -, @, tab, CR at the start) gets a
 * leading apostrophe, so a name in master data can never run as a formula in Excel.
 */
export function textCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const marks = (value: number | null) => (value === null ? 'NA' : value.toFixed(2));

function movementCell(unit: UnitResult): string {
  const m = unit.movement;
  return m.change === null ? m.status : String(m.change);
}

/**
 * The ranking of one level as CSV: a UTF-8 BOM, CRLF line ends, one row per unit in rank order
 * (a district's stations in district-rank order when `district` is given). Columns: rank (statewide),
 * code, name_en, name_hi, district, total (score on the policy's scale; empty when not ranked), max,
 * one column per parameter's marks ('NA' when not applicable), movement (rank change since last
 * month, or new / unranked), streak (months in a row at rank 1), then district_rank, earned,
 * measurable_max and references; under a policy with volume rules also group (the volume group the
 * unit is ranked in) and not_ranked (too-few-references or nothing-to-measure). Stations' columns
 * are the station parameters when the policy has its own for them.
 */
export function rankingCsv(
  snapshot: Pick<RankingSnapshotDraft, 'districts' | 'stations' | 'policy'>,
  selection: { level: UnitLevel; district?: string | undefined },
): string {
  const parameters = parametersFor(snapshot.policy, selection.level);
  // Under a policy with volume rules: the unit's volume group and why it is not ranked, if it is not.
  const volume = Boolean(snapshot.policy.ranking);
  const header = [
    'rank',
    'code',
    'name_en',
    'name_hi',
    'district',
    'total',
    'max',
    ...parameters.map((p) => p.id),
    'movement',
    'streak',
    'district_rank',
    'earned',
    'measurable_max',
    'references',
    ...(volume ? ['group', 'not_ranked'] : []),
  ];
  const rows = selectUnits(snapshot, selection).map((unit) => {
    const byId = new Map(unit.scorecard.map((result) => [result.id, result]));
    return [
      unit.rank ?? '',
      textCell(unit.code),
      textCell(unit.name.en),
      textCell(unit.name.hi),
      textCell(unit.districtCode),
      unit.score === null ? '' : unit.score.toFixed(2),
      totalMarksFor(snapshot.policy, selection.level),
      ...parameters.map((p) => marks(byId.get(p.id)?.marks ?? null)),
      movementCell(unit),
      unit.streak,
      unit.districtRank ?? '',
      unit.earned.toFixed(2),
      unit.measurableMax,
      unit.counts.references,
      ...(volume ? [unit.group ?? '', unit.notRanked ?? ''] : []),
    ];
  });
  const lines = [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`);
  return `${BOM}${lines.join('')}`;
}

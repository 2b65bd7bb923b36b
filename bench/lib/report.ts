/**
 * What a benchmark hands back: rows of figures, each next to its floor (measured in the same run)
 * and the ratio, targets checked as PASS/FAIL, notes on what limited the figures, and raw data for
 * bench/results.json.
 */

export interface Row {
  figure: string;
  value: number;
  unit: string;
  /** What the figure was compared with, measured in the same run. */
  floor: number | null;
  floorLabel: string;
  /** value / floor, unless given otherwise. */
  ratio?: number | null;
}

export interface Check {
  target: string;
  pass: boolean;
  /** The measured side of the comparison, e.g. '0.62x floor'. */
  actual: string;
}

export interface BenchResult {
  name: string;
  title: string;
  seconds: number;
  rows: Row[];
  checks: Check[];
  notes: string[];
  data: Record<string, unknown>;
  error?: string;
}

export const ratioOf = (row: Row): number | null =>
  row.ratio !== undefined ? row.ratio : row.floor === null || row.floor === 0 ? null : row.value / row.floor;

const formatNumber = (value: number): string => {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  if (abs === 0) return '0';
  return value.toPrecision(3);
};

export const fmt = formatNumber;

/** The results as a Markdown table (printed as is, and pasted into BENCHMARKS.md). */
export function renderTable(results: readonly BenchResult[]): string {
  const header = ['benchmark', 'figure', 'value', 'floor (same run)', 'ratio'];
  const lines: string[][] = [];
  for (const result of results) {
    if (result.error) {
      lines.push([result.name, 'ERROR', result.error.split('\n')[0]!.slice(0, 100), '', '']);
      continue;
    }
    for (const row of result.rows) {
      const ratio = ratioOf(row);
      lines.push([
        result.name,
        row.figure,
        `${formatNumber(row.value)} ${row.unit}`.trim(),
        row.floor === null ? row.floorLabel : `${formatNumber(row.floor)} ${row.unit} (${row.floorLabel})`,
        ratio === null ? '-' : `${ratio.toFixed(2)}x`,
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render)].join('\n');
}

export function renderChecks(results: readonly BenchResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    for (const check of result.checks)
      lines.push(
        `${check.pass ? 'PASS' : 'FAIL'}  ${result.name}: ${check.target} (measured ${check.actual})`,
      );
  }
  return lines.join('\n');
}

export function renderNotes(results: readonly BenchResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    for (const note of result.notes) lines.push(`- ${result.name}: ${note}`);
  }
  return lines.join('\n');
}

/** Renderers of ranking snapshots for state administrators: CSV, JSON and a printable HTML report. */

export { BOM, csvField, rankingCsv, textCell } from './csv.ts';
export { rankingReportHtml, scoreChart } from './html-report.ts';
export { rankingJson } from './json.ts';
export { COUNT_LABELS, monthName, movementText, streakText } from './labels.ts';

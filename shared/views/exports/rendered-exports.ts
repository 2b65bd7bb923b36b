import type { UnitLevel } from '../../domain/ranking/accumulator.ts';
import { type RankingSnapshot, revisionOf } from '../../domain/ranking/snapshot.ts';
import { rankingCsv } from './csv.ts';
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat, exportFileName } from './files.ts';
import { rankingReportHtml } from './html-report.ts';
import { rankingJson } from './json.ts';

/**
 * The files a ranking is published as: CSV (with its BOM, for Excel), JSON and the printable HTML
 * report, for districts and for stations. The JSON is what GET /v1/rankings/{month}?format=json
 * answers for the same level (header and policy, then the units with their scorecards), so district
 * and station JSON together hold the whole snapshot.
 */

export interface RenderedExport {
  level: UnitLevel;
  format: ExportFormat;
  contentType: string;
  contentDisposition?: string;
  body: string;
}

/** Every export of a stored snapshot, rendered. */
export function renderExports(snapshot: RankingSnapshot): RenderedExport[] {
  const ref = revisionOf(snapshot);
  const out: RenderedExport[] = [];
  for (const level of ['district', 'station'] as const) {
    const selection = { level };
    const bodies: Record<ExportFormat, () => string> = {
      csv: () => rankingCsv(snapshot, selection),
      json: () => rankingJson(snapshot, selection),
      html: () => rankingReportHtml(snapshot, selection),
    };
    for (const format of EXPORT_FORMATS) {
      out.push({
        level,
        format,
        contentType: EXPORT_CONTENT_TYPES[format],
        ...(format === 'csv'
          ? { contentDisposition: `attachment; filename="${exportFileName(ref, level, format)}"` }
          : {}),
        body: bodies[format](),
      });
    }
  }
  return out;
}

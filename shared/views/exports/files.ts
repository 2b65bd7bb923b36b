import type { UnitLevel } from '../../domain/ranking/accumulator.ts';
import type { RevisionRef } from '../../domain/ranking/snapshot.ts';

/**
 * The formats a ranking is published in and what its files are called; apart from the renderers
 * (rendered-exports.ts) so that naming a file loads none of them.
 */

export const EXPORT_FORMATS = ['json', 'csv', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

const levelFile = (level: UnitLevel) => (level === 'district' ? 'districts' : 'stations');

/** The name a downloaded file gets: ranking-2026-10-stations-rev-2.csv. */
export const exportFileName = (
  ref: RevisionRef,
  level: UnitLevel,
  format: ExportFormat,
  district?: string,
): string =>
  `ranking-${ref.month}-${levelFile(level)}${district ? `-${district}` : ''}-rev-${ref.revision}.${format}`;

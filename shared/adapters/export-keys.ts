import type { UnitLevel } from '../domain/ranking/accumulator.ts';

/**
 * Where the monthly ranking's exports live in the `exports` bucket and what they are called: apart
 * from exports-store.ts so that naming a file loads neither the S3 client nor the renderers.
 *
 *   rankings/<yyyy-mm>/<policyVersion>/rev-<n>/districts.csv | districts.json | districts.html
 *   rankings/<yyyy-mm>/<policyVersion>/rev-<n>/stations.csv  | stations.json  | stations.html
 */

export const EXPORT_FORMATS = ['json', 'csv', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/** Which stored revision: what a pointer, header or snapshot names. */
export interface RevisionRef {
  month: string;
  policyVersion: string;
  revision: number;
}

export const exportPrefix = (ref: RevisionRef): string =>
  `rankings/${ref.month}/${ref.policyVersion}/rev-${ref.revision}/`;

const levelFile = (level: UnitLevel) => (level === 'district' ? 'districts' : 'stations');

export const exportKey = (ref: RevisionRef, level: UnitLevel, format: ExportFormat): string =>
  `${exportPrefix(ref)}${levelFile(level)}.${format}`;

/** The name a downloaded file gets: ranking-2026-10-stations-rev-2.csv. */
export const exportFileName = (
  ref: RevisionRef,
  level: UnitLevel,
  format: ExportFormat,
  district?: string,
): string =>
  `ranking-${ref.month}-${levelFile(level)}${district ? `-${district}` : ''}-rev-${ref.revision}.${format}`;

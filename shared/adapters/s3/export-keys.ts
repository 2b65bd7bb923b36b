import type { UnitLevel } from '../../domain/ranking/accumulator.ts';
import type { RevisionRef } from '../../domain/ranking/snapshot.ts';
import type { ExportFormat } from '../../views/exports/files.ts';

/**
 * Where the monthly ranking's exports live in the `exports` bucket: apart from exports-store.ts so
 * that naming a file loads neither the S3 client nor the renderers.
 *
 *   rankings/<yyyy-mm>/<policyVersion>/rev-<n>/districts.csv | districts.json | districts.html
 *   rankings/<yyyy-mm>/<policyVersion>/rev-<n>/stations.csv  | stations.json  | stations.html
 */

export const exportPrefix = (ref: RevisionRef): string =>
  `rankings/${ref.month}/${ref.policyVersion}/rev-${ref.revision}/`;

const levelFile = (level: UnitLevel) => (level === 'district' ? 'districts' : 'stations');

export const exportKey = (ref: RevisionRef, level: UnitLevel, format: ExportFormat): string =>
  `${exportPrefix(ref)}${levelFile(level)}.${format}`;

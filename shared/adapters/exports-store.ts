import type { UnitLevel } from '../domain/ranking/accumulator.ts';
import type { RankingSnapshot } from '../domain/ranking/snapshot.ts';
import { rankingCsv, rankingJson, rankingReportHtml } from '../views/exports/index.ts';
import {
  EXPORT_CONTENT_TYPES,
  EXPORT_FORMATS,
  type ExportFormat,
  exportFileName,
  exportKey,
} from './export-keys.ts';
import { isNoSuchObject, type S3ObjectClient } from './s3/object-client.ts';

export {
  EXPORT_CONTENT_TYPES,
  EXPORT_FORMATS,
  type ExportFormat,
  exportFileName,
  exportKey,
  exportPrefix,
  type RevisionRef,
} from './export-keys.ts';

/**
 * The monthly ranking's exports in the `exports` bucket (names and keys: export-keys.ts). Each
 * stored revision gets its own folder, never overwritten (a recomputation is a new revision, so a
 * new folder).
 *
 * The JSON files are what GET /v1/rankings/{month}?format=json answers for the same level (header
 * and policy, then the units with their scorecards), so district + station JSON together hold the
 * whole snapshot. The statewide station JSON and HTML are large: the API redirects to them here
 * (a presigned GET) rather than rendering them in a Lambda response.
 */

export interface RenderedExport {
  key: string;
  level: UnitLevel;
  format: ExportFormat;
  contentType: string;
  contentDisposition?: string;
  body: string;
}

/** Every export of a stored snapshot, rendered (CSV with its BOM, JSON, the printable HTML). */
export function renderExports(snapshot: RankingSnapshot): RenderedExport[] {
  const ref = { month: snapshot.month, policyVersion: snapshot.policy.version, revision: snapshot.revision };
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
        key: exportKey(ref, level, format),
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

export interface WrittenExport {
  key: string;
  level: UnitLevel;
  format: ExportFormat;
  bytes: number;
}

export class ExportsStore {
  constructor(
    private readonly s3: S3ObjectClient,
    readonly bucket: string,
  ) {}

  /** Renders and puts every export of the snapshot under its revision's prefix. */
  async writeAll(snapshot: RankingSnapshot): Promise<WrittenExport[]> {
    const written: WrittenExport[] = [];
    for (const file of renderExports(snapshot)) {
      const body = Buffer.from(file.body, 'utf8');
      await this.s3.putObject({
        bucket: this.bucket,
        key: file.key,
        body,
        contentType: file.contentType,
        ...(file.contentDisposition ? { contentDisposition: file.contentDisposition } : {}),
      });
      written.push({ key: file.key, level: file.level, format: file.format, bytes: body.length });
    }
    return written;
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.s3.headObject({ bucket: this.bucket, key });
      return true;
    } catch (error) {
      if (isNoSuchObject(error)) return false;
      throw error;
    }
  }

  /** The object's text (tests and tools). */
  async read(key: string): Promise<string> {
    return (await this.s3.getObject({ bucket: this.bucket, key })).body.toString('utf8');
  }

  /** A GET URL for one object that works without credentials until it expires. */
  presignedUrl(
    key: string,
    options: { expiresInSeconds?: number; downloadAs?: string } = {},
  ): Promise<string> {
    return this.s3.presignGetObject({
      bucket: this.bucket,
      key,
      expiresIn: options.expiresInSeconds ?? 15 * 60,
      ...(options.downloadAs
        ? { responseContentDisposition: `attachment; filename="${options.downloadAs}"` }
        : {}),
    });
  }
}

import type { UnitLevel } from '../domain/ranking/accumulator.ts';
import type { RevisionRef } from '../domain/ranking/snapshot.ts';
import type { ExportFormat } from '../views/exports/files.ts';
import { exportKey } from './export-keys.ts';
import { isNoSuchObject, type S3ObjectClient } from './s3/object-client.ts';

export { exportKey, exportPrefix } from './export-keys.ts';

/**
 * The monthly ranking's exports in the `exports` bucket (keys: export-keys.ts; the files themselves
 * are rendered by shared/views/exports/files.ts). Each stored revision gets its own folder, never
 * overwritten (a recomputation is a new revision, so a new folder). The statewide station JSON and
 * HTML are large: the API redirects to them here (a presigned GET) rather than rendering them in a
 * Lambda response.
 */

/** A rendered file to store. */
export interface ExportFile {
  level: UnitLevel;
  format: ExportFormat;
  contentType: string;
  contentDisposition?: string;
  body: string;
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

  /** Puts every file of a revision under its prefix. */
  async writeAll(ref: RevisionRef, files: readonly ExportFile[]): Promise<WrittenExport[]> {
    const written: WrittenExport[] = [];
    for (const file of files) {
      const key = exportKey(ref, file.level, file.format);
      const body = Buffer.from(file.body, 'utf8');
      await this.s3.putObject({
        bucket: this.bucket,
        key,
        body,
        contentType: file.contentType,
        ...(file.contentDisposition ? { contentDisposition: file.contentDisposition } : {}),
      });
      written.push({ key, level: file.level, format: file.format, bytes: body.length });
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

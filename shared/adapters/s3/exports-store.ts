import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { UnitLevel } from '../../domain/ranking/accumulator.ts';
import type { RevisionRef } from '../../domain/ranking/snapshot.ts';
import type { ExportFormat } from '../../views/exports/files.ts';
import { isNoSuchObject } from '../aws/clients/s3.ts';
import { exportKey } from './export-keys.ts';

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
    private readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  /** Puts every file of a revision under its prefix. */
  async writeAll(ref: RevisionRef, files: readonly ExportFile[]): Promise<WrittenExport[]> {
    const written: WrittenExport[] = [];
    for (const file of files) {
      const key = exportKey(ref, file.level, file.format);
      const body = Buffer.from(file.body, 'utf8');
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: file.contentType,
          ...(file.contentDisposition ? { ContentDisposition: file.contentDisposition } : {}),
        }),
      );
      written.push({ key, level: file.level, format: file.format, bytes: body.length });
    }
    return written;
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNoSuchObject(error)) return false;
      throw error;
    }
  }

  /** The object's text (tests and tools). */
  async read(key: string): Promise<string> {
    const { Body } = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return Body ? await Body.transformToString('utf8') : '';
  }

  /** A GET URL for one object that works without credentials until it expires. */
  presignedUrl(
    key: string,
    options: { expiresInSeconds?: number; downloadAs?: string } = {},
  ): Promise<string> {
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ...(options.downloadAs
          ? { ResponseContentDisposition: `attachment; filename="${options.downloadAs}"` }
          : {}),
      }),
      { expiresIn: options.expiresInSeconds ?? 15 * 60 },
    );
  }
}

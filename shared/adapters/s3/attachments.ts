import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { requireEnv } from '../../config.ts';
import {
  ATTACHMENT_TYPES,
  type AttachmentType,
  DOWNLOAD_URL_SECONDS,
  UPLOAD_URL_SECONDS,
} from '../../domain/officer-work/attachments.ts';
import type { AttachmentStore, StoredObject } from '../../use-cases/attach-file.ts';
import { isNoSuchObject, s3Client } from '../aws/clients/s3.ts';
import { resourceEnv } from '../aws/resource-env.ts';

/**
 * Files attached to an action-taken report, kept in the `attachments` bucket under
 * attachments/<referenceNo>/<uuid>-<size>.<type> (shared/domain/officer-work/attachments.ts). The
 * attachment store port of shared/use-cases/attach-file.ts.
 */

/** Content-Disposition for a download: an ASCII fallback and the UTF-8 name (RFC 6266, 5987). */
export function downloadDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export class S3AttachmentStore implements AttachmentStore {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  async put(key: string, data: Buffer, type: AttachmentType): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: data,
        ContentType: ATTACHMENT_TYPES[type].mime,
      }),
    );
  }

  async head(key: string): Promise<StoredObject | undefined> {
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        size: head.ContentLength ?? 0,
        ...(head.ContentType ? { contentType: head.ContentType } : {}),
      };
    } catch (error) {
      if (isNoSuchObject(error)) return undefined;
      throw error;
    }
  }

  /** The whole object (callers check its size first: at most MAX_PRESIGNED_UPLOAD_BYTES). */
  async read(key: string): Promise<Buffer> {
    const { Body } = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return Buffer.from(Body ? await Body.transformToByteArray() : new Uint8Array());
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /**
   * A presigned PUT for exactly this key, type and length: Content-Type and Content-Length are
   * signed headers, so S3 refuses an upload that sends another type or size.
   */
  uploadUrl(key: string, type: AttachmentType, contentLength: number): Promise<string> {
    return getSignedUrl(
      this.s3,
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ContentType: ATTACHMENT_TYPES[type].mime,
        ContentLength: contentLength,
      }),
      { expiresIn: UPLOAD_URL_SECONDS, signableHeaders: new Set(['content-type', 'content-length']) },
    );
  }

  /**
   * A presigned GET that S3 answers as a download of this type under this name, whatever the object
   * was stored with: Content-Type and Content-Disposition: attachment are part of the signed URL.
   */
  downloadUrl(key: string, fileName: string, type: AttachmentType): Promise<string> {
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: downloadDisposition(fileName),
        ResponseContentType: ATTACHMENT_TYPES[type].mime,
      }),
      { expiresIn: DOWNLOAD_URL_SECONDS },
    );
  }
}

let store: S3AttachmentStore | undefined;
export const attachmentStore = (): S3AttachmentStore =>
  (store ??= new S3AttachmentStore(s3Client(), requireEnv(resourceEnv.bucket('attachments'))));

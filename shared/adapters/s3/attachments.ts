import { randomUUID } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { requireEnv } from '../../config.ts';
import { isNoSuchObject, s3Client } from '../aws/clients/s3.ts';
import { resourceEnv } from '../aws/resource-env.ts';

/**
 * Files attached to an action-taken report: PDF, JPEG or PNG, kept in the `attachments` bucket
 * under attachments/<referenceNo>/<uuid>.<ext>. The type is read from the file's first bytes,
 * never from its name; the extension in the key is the one those bytes prove.
 */
export const ATTACHMENT_TYPES = {
  pdf: { mime: 'application/pdf', label: 'PDF' },
  jpg: { mime: 'image/jpeg', label: 'JPEG' },
  png: { mime: 'image/png', label: 'PNG' },
} as const;
export type AttachmentExtension = keyof typeof ATTACHMENT_TYPES;

/**
 * The largest file the page form takes: its base64 in the API Gateway event must stay under
 * Lambda's 6 MB request payload (4 MiB becomes about 5.6 MB).
 */
export const MAX_FORM_UPLOAD_BYTES = 4 * 1024 * 1024;
/** The largest file an API client may upload straight to S3 through a presigned PUT. */
export const MAX_PRESIGNED_UPLOAD_BYTES = 20 * 1024 * 1024;
export const UPLOAD_URL_SECONDS = 5 * 60;
export const DOWNLOAD_URL_SECONDS = 10 * 60;
/** Bytes read from an uploaded object to prove its type. */
export const SNIFF_BYTES = 8;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The type a file's first bytes prove, or undefined (an .exe renamed .pdf stays undefined). */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentExtension | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SNIFF_BYTES));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpg';
  if (head.length === PNG_SIGNATURE.length && head.equals(PNG_SIGNATURE)) return 'png';
  return undefined;
}

export function extensionForMime(mime: string): AttachmentExtension | undefined {
  const normalised = mime.split(';')[0]!.trim().toLowerCase();
  return (Object.keys(ATTACHMENT_TYPES) as AttachmentExtension[]).find(
    (ext) => ATTACHMENT_TYPES[ext].mime === normalised,
  );
}

export function newAttachmentKey(referenceNo: string, ext: AttachmentExtension): string {
  return `attachments/${referenceNo}/${randomUUID()}.${ext}`;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

/** The extension of a key this reference could have been given, or undefined for any other key. */
export function attachmentKeyExtension(referenceNo: string, key: string): AttachmentExtension | undefined {
  if (!/^\d{11}$/.test(referenceNo)) return undefined;
  const match = new RegExp(`^attachments/${referenceNo}/${UUID}\\.(pdf|jpg|png)$`).exec(key);
  return match ? (match[1] as AttachmentExtension) : undefined;
}

/**
 * A file name fit to keep and show: the last path segment (old browsers send C:\...\name), NFC,
 * without control or bidi-override characters, at most 120 characters; `attachment.<ext>` if
 * nothing is left. It is still shown escaped.
 */
export function cleanFileName(name: string | undefined, ext: AttachmentExtension): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  const short = [...cleaned].slice(0, 120).join('');
  return short === '' || short === '.' || short === '..' ? `attachment.${ext}` : short;
}

/** Content-Disposition for a download: an ASCII fallback and the UTF-8 name (RFC 6266, 5987). */
export function downloadDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export interface StoredObject {
  size: number;
  contentType?: string;
}

/** The attachments bucket: writes, reads of a first few bytes, and presigned URLs. */
export class S3AttachmentStore {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  async put(key: string, data: Buffer, ext: AttachmentExtension): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: data,
        ContentType: ATTACHMENT_TYPES[ext].mime,
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

  /** The object's first `count` bytes (fewer if it is shorter). */
  async firstBytes(key: string, count: number): Promise<Buffer> {
    const { Body } = await this.s3.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${count - 1}` }),
    );
    const bytes = Body ? await Body.transformToByteArray() : new Uint8Array();
    return Buffer.from(bytes).subarray(0, count);
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /**
   * A presigned PUT for exactly this key, type and length: Content-Type and Content-Length are
   * signed headers, so S3 refuses an upload that sends another type or size.
   */
  uploadUrl(key: string, ext: AttachmentExtension, contentLength: number): Promise<string> {
    return getSignedUrl(
      this.s3,
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ContentType: ATTACHMENT_TYPES[ext].mime,
        ContentLength: contentLength,
      }),
      { expiresIn: UPLOAD_URL_SECONDS, signableHeaders: new Set(['content-type', 'content-length']) },
    );
  }

  /** A presigned GET that downloads the file under its original name. */
  downloadUrl(key: string, fileName: string): Promise<string> {
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: downloadDisposition(fileName),
      }),
      { expiresIn: DOWNLOAD_URL_SECONDS },
    );
  }
}

let store: S3AttachmentStore | undefined;
export const attachmentStore = (): S3AttachmentStore =>
  (store ??= new S3AttachmentStore(s3Client(), requireEnv(resourceEnv.bucket('attachments'))));

import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

/**
 * An S3 client as the functions and tools use it. Checksums only where S3 requires them: the SDK's
 * default CRC32 would be signed into presigned PUT URLs as the checksum of an empty body, so a
 * client's upload to one would be refused; the signed SHA-256 already makes S3 refuse a body
 * changed on the way.
 */
export const newS3Client = (config: S3ClientConfig = {}): S3Client =>
  new S3Client({
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...config,
  });

/** The container's one s3 client (see ../clients.ts). */
let client: S3Client | undefined;
// Local S3 answers on one host, so it needs path-style addressing (the SDK reads AWS_ENDPOINT_URL_S3).
export const s3Client = (): S3Client =>
  (client ??= newS3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' }));

/**
 * True for S3's answer that the object (or its bucket) is not there: NoSuchKey for a GET, NotFound
 * for a HEAD (which has no body to name it), a 404 whatever the name.
 */
export function isNoSuchObject(error: unknown): boolean {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: number } } | undefined;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

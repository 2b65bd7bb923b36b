import { S3Client } from '@aws-sdk/client-s3';

/** The container's one s3 client (see ../clients.ts). */
let client: S3Client | undefined;
// Local S3 answers on one host, so it needs path-style addressing.
export const s3Client = (): S3Client =>
  (client ??= new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' }));

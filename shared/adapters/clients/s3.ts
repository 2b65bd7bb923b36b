import { S3ObjectClient } from '../s3/object-client.ts';

/** The container's one s3 client (see ../clients.ts): ours, not the SDK's (s3/object-client.ts says why). */
let client: S3ObjectClient | undefined;
// Local S3 answers on one host, so it needs path-style addressing.
export const s3Client = (): S3ObjectClient =>
  (client ??= new S3ObjectClient({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' }));

import { DeleteObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { PersonalObjects } from '../../domain/retention/personal-data.ts';
import type { PersonalObjectsPort } from '../../use-cases/redact-reference.ts';

/**
 * Deletes a reference's objects by key prefix (a reference has at most 20 files: one DeleteObject
 * each). In a versioned bucket this leaves the data as a noncurrent version, which the bucket's
 * lifecycle rule expires (RETENTION_POLICY.buckets; see README, "What backups still hold").
 */
export class S3PersonalObjects implements PersonalObjectsPort {
  constructor(
    private readonly s3: S3Client,
    private readonly buckets: Readonly<Record<PersonalObjects['bucket'], string>>,
  ) {}

  async deletePrefix(objects: PersonalObjects, prefix: string): Promise<number> {
    const bucket = this.buckets[objects.bucket];
    let deleted = 0;
    let token: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        await this.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: object.Key }));
        deleted++;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return deleted;
  }
}

import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { MobileHasher } from '../../domain/ports.ts';
import type { EraseDeps } from '../../use-cases/erase-complainant.ts';
import type { RetentionJobDeps } from '../../use-cases/redact-expired-references.ts';
import type { PersonalObjectsPort } from '../../use-cases/redact-reference.ts';
import { MasterDataStore } from '../dynamodb/masterdata-store.ts';
import { DynamoPersonalDataStore } from '../dynamodb/personal-data-store.ts';
import { secretMobileHasher } from '../secrets/mobile-hash-keys.ts';

/** Where retention and erasure act: the main table and the attachments bucket. */
export interface RetentionTarget {
  dynamodb: DynamoDBClient;
  tableName: string;
  /**
   * The S3 client, or how to get it on the first deletion: the erasure API passes a loader, so the
   * SDK's S3 client (about 100 KiB minified) is not read at its cold start (see lazyObjects).
   */
  s3: S3Client | (() => Promise<S3Client>);
  attachmentsBucket: string;
  now?: () => Date;
  /** Default: the keyring in the function's `mobileHashKey` secret. */
  mobileHasher?: MobileHasher;
}

/** What the retention job and an erasure need (the functions and `npm run erase` alike). */
export function retentionDeps(target: RetentionTarget): RetentionJobDeps & EraseDeps {
  const store = new DynamoPersonalDataStore(target.dynamodb, target.tableName);
  return {
    personalData: store,
    objects: lazyObjects(target),
    masterData: new MasterDataStore(target.dynamodb, target.tableName),
    dueList: store,
    referencesOfMobile: (hashes) => store.referencesOfMobile(hashes),
    mobileHasher: target.mobileHasher ?? secretMobileHasher,
    audit: { record: (entry) => store.recordErasure(entry) },
    clock: { now: target.now ?? (() => new Date()) },
    newId: randomUUID,
  };
}

/**
 * The attachments' deleter, built on its first use: the S3 adapter and the SDK's S3 commands load by
 * import(), which the functions' bundles (infra/bundling.ts, splitting) turn into a chunk read only
 * when a deletion runs, as the attachments function does for its file inspectors.
 */
function lazyObjects(target: RetentionTarget): PersonalObjectsPort {
  let objects: Promise<PersonalObjectsPort> | undefined;
  const load = async (): Promise<PersonalObjectsPort> => {
    const [{ S3PersonalObjects }, s3] = await Promise.all([
      import('../s3/personal-objects.ts'),
      typeof target.s3 === 'function' ? target.s3() : target.s3,
    ]);
    return new S3PersonalObjects(s3, { attachments: target.attachmentsBucket });
  };
  return {
    deletePrefix: async (declared, prefix) => {
      // A failed load is not kept: the next deletion tries again.
      objects ??= load().catch((error: unknown) => {
        objects = undefined;
        throw error;
      });
      return (await objects).deletePrefix(declared, prefix);
    },
  };
}

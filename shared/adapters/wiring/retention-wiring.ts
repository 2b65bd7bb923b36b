import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { MobileHasher } from '../../domain/ports.ts';
import type { EraseDeps } from '../../use-cases/erase-complainant.ts';
import type { RetentionJobDeps } from '../../use-cases/redact-expired-references.ts';
import { MasterDataStore } from '../dynamodb/masterdata-store.ts';
import { DynamoPersonalDataStore } from '../dynamodb/personal-data-store.ts';
import { S3PersonalObjects } from '../s3/personal-objects.ts';
import { secretMobileHasher } from '../secrets/mobile-hash-keys.ts';

/** Where retention and erasure act: the main table and the attachments bucket. */
export interface RetentionTarget {
  dynamodb: DynamoDBClient;
  tableName: string;
  s3: S3Client;
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
    objects: new S3PersonalObjects(target.s3, { attachments: target.attachmentsBucket }),
    masterData: new MasterDataStore(target.dynamodb, target.tableName),
    dueList: store,
    referencesOfMobile: (hashes) => store.referencesOfMobile(hashes),
    mobileHasher: target.mobileHasher ?? secretMobileHasher,
    audit: { record: (entry) => store.recordErasure(entry) },
    clock: { now: target.now ?? (() => new Date()) },
    newId: randomUUID,
  };
}

import { intEnv, optionalEnv, requireEnv } from '../../config.ts';
import {
  DEFAULT_DUPLICATE_SETTINGS,
  type DuplicateSettings,
} from '../../domain/routing/possible-duplicate.ts';
import { dynamodbClient } from '../aws/clients/dynamodb.ts';
import { resourceEnv } from '../aws/resource-env.ts';
import { CachedMasterData, MasterDataStore } from '../dynamodb/masterdata-store.ts';
import { DynamoReferenceRepository } from '../dynamodb/reference-repository.ts';

/**
 * Builds the adapters a handler needs from its environment, once per container. Handlers call
 * these; tests build the same objects with their own clients.
 */
export const mainTableName = (): string => requireEnv(resourceEnv.table('main'));
export const queueUrl = (name: string): string => requireEnv(resourceEnv.queueUrl(name));

let masterData: CachedMasterData | undefined;
export const masterDataReader = (): CachedMasterData =>
  (masterData ??= new CachedMasterData(new MasterDataStore(dynamodbClient(), mainTableName())));

let references: DynamoReferenceRepository | undefined;
export const referenceRepository = (): DynamoReferenceRepository =>
  (references ??= new DynamoReferenceRepository(dynamodbClient(), mainTableName()));

/** The router's possible-duplicate check (DUPLICATE_WINDOW_DAYS, DUPLICATE_SIMILARITY). */
export const duplicateSettings = (): DuplicateSettings => ({
  windowDays: intEnv('DUPLICATE_WINDOW_DAYS', DEFAULT_DUPLICATE_SETTINGS.windowDays),
  similarity: Number(optionalEnv('DUPLICATE_SIMILARITY', String(DEFAULT_DUPLICATE_SETTINGS.similarity))),
});

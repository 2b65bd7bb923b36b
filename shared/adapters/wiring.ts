import { requireEnv } from '../config.ts';
import { dynamodbClient } from './clients/dynamodb.ts';
import { CachedMasterData, MasterDataStore } from './masterdata-store.ts';
import { DynamoReferenceRepository } from './reference-store.ts';
import { resourceEnv } from './resource-env.ts';

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

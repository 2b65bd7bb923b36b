import { intEnv, optionalEnv, requireEnv } from '../config.ts';
import { DEFAULT_INTAKE_SETTINGS, type IntakeDeps } from '../domain/intake/file-complaint.ts';
import { dynamodbClient, sqsClient } from './clients.ts';
import { DynamoIdempotencyStore, DynamoIntakeLimiter } from './intake-stores.ts';
import { CachedMasterData, MasterDataStore } from './masterdata-store.ts';
import { SqsQueue } from './queue.ts';
import { DynamoReferenceRepository } from './reference-store.ts';
import { resourceEnv } from './resource-env.ts';
import { cryptoRandom, systemClock } from './system.ts';

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

export function intakeSettings() {
  return {
    monthlyLimitPerMobile: intEnv(
      'INTAKE_MONTHLY_LIMIT_PER_MOBILE',
      DEFAULT_INTAKE_SETTINGS.monthlyLimitPerMobile,
    ),
    duplicateWindowDays: intEnv('DUPLICATE_WINDOW_DAYS', DEFAULT_INTAKE_SETTINGS.duplicateWindowDays),
    duplicateSimilarity: Number(
      optionalEnv('DUPLICATE_SIMILARITY', String(DEFAULT_INTAKE_SETTINGS.duplicateSimilarity)),
    ),
    idempotencyTtlHours: intEnv('IDEMPOTENCY_TTL_HOURS', DEFAULT_INTAKE_SETTINGS.idempotencyTtlHours),
  };
}

let intake: IntakeDeps | undefined;
export function intakeDeps(): IntakeDeps {
  intake ??= {
    masterData: masterDataReader(),
    references: referenceRepository(),
    limiter: new DynamoIntakeLimiter(dynamodbClient(), mainTableName()),
    idempotency: new DynamoIdempotencyStore(dynamodbClient(), mainTableName()),
    routingQueue: new SqsQueue(sqsClient(), queueUrl('routing')),
    clock: systemClock,
    random: cryptoRandom,
    settings: intakeSettings(),
  };
  return intake;
}

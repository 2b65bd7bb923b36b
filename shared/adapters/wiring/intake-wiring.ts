import { intEnv } from '../../config.ts';
import { routingQueue } from '../../triggers/sqs/queues.ts';
import { DEFAULT_INTAKE_SETTINGS, type IntakeDeps } from '../../use-cases/file-complaint.ts';
import { dynamodbClient } from '../aws/clients/dynamodb.ts';
import { DynamoIdempotencyStore, DynamoIntakeLimiter } from '../dynamodb/intake-stores.ts';
import { PostOfficeStore } from '../dynamodb/post-office-store.ts';
import { secretMobileHasher } from '../secrets/mobile-hash-keys.ts';
import { cryptoRandom, systemClock } from '../system.ts';
import { mainTableName, masterDataReader, referenceRepository } from './wiring.ts';

/**
 * What filing a complaint needs (POST /v1/complaints, Open311 POST requests), built once per
 * container. Apart from wiring.ts so that a function reaching it only through import() keeps SQS
 * and the intake stores out of its init.
 */
export function intakeSettings() {
  return {
    monthlyLimitPerMobile: intEnv(
      'INTAKE_MONTHLY_LIMIT_PER_MOBILE',
      DEFAULT_INTAKE_SETTINGS.monthlyLimitPerMobile,
    ),
    idempotencyTtlHours: intEnv('IDEMPOTENCY_TTL_HOURS', DEFAULT_INTAKE_SETTINGS.idempotencyTtlHours),
  };
}

let intake: IntakeDeps | undefined;
export function intakeDeps(): IntakeDeps {
  intake ??= {
    masterData: masterDataReader(),
    places: new PostOfficeStore(dynamodbClient(), mainTableName()),
    references: referenceRepository(),
    limiter: new DynamoIntakeLimiter(dynamodbClient(), mainTableName()),
    mobileHasher: secretMobileHasher,
    idempotency: new DynamoIdempotencyStore(dynamodbClient(), mainTableName()),
    routingQueue: routingQueue(),
    clock: systemClock,
    random: cryptoRandom,
    settings: intakeSettings(),
  };
  return intake;
}

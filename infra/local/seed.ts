import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { seedMasterData } from '../../shared/adapters/dynamodb/masterdata-store.ts';

/**
 * First-start data for the local cloud: Uttar Pradesh's districts, stations, complaint categories
 * and demo officers' posts, from ./seed/. Loaded only when the table lacks this seed version: the
 * generated stations and posts take a moment to build.
 */
export async function seedLocalData(context: {
  dynamodb: DynamoDBClient;
  tableNames: Record<string, string>;
}): Promise<void> {
  await seedMasterData(context.dynamodb, context.tableNames.main!, async () => {
    const [{ UP_DISTRICTS }, { UP_STATIONS }, { CATEGORIES }, { DEMO_OFFICERS }] = await Promise.all([
      import('./seed/districts.ts'),
      import('./seed/stations.ts'),
      import('./seed/categories.ts'),
      import('./seed/officers.ts'),
    ]);
    return {
      districts: UP_DISTRICTS,
      stations: UP_STATIONS,
      categories: CATEGORIES,
      officers: DEMO_OFFICERS,
    };
  });
}

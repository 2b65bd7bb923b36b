import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { seedMasterData } from '../../shared/adapters/dynamodb/masterdata-store.ts';
import { postOfficeItems } from '../../shared/adapters/dynamodb/post-office-store.ts';

/**
 * First-start data for the local cloud: Uttar Pradesh's districts, stations, complaint categories,
 * demo officers' posts and the post offices that place a position or PIN code in a district, from ./seed/. Loaded only when the table lacks this seed version: the
 * generated stations and posts take a moment to build.
 */
export async function seedLocalData(context: {
  dynamodb: DynamoDBClient;
  tableNames: Record<string, string>;
}): Promise<void> {
  await seedMasterData(context.dynamodb, context.tableNames.main!, async () => {
    const [{ UP_DISTRICTS }, { UP_STATIONS }, { CATEGORIES }, { DEMO_OFFICERS }, postOffices] =
      await Promise.all([
        import('./seed/districts.ts'),
        import('./seed/stations.ts'),
        import('./seed/categories.ts'),
        import('./seed/officers.ts'),
        import('./seed/post-offices.ts').then((m) => m.readPostOffices()),
      ]);
    return {
      districts: UP_DISTRICTS,
      stations: UP_STATIONS,
      categories: CATEGORIES,
      officers: DEMO_OFFICERS,
      items: postOfficeItems(postOffices),
    };
  });
}

import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { seedMasterData } from '../../shared/adapters/masterdata-store.ts';

/** First-start data for the local cloud: Uttar Pradesh's districts, stations and categories. */
export async function seedLocalData(context: {
  dynamodb: DynamoDBClient;
  tableNames: Record<string, string>;
}): Promise<void> {
  await seedMasterData(context.dynamodb, context.tableNames.main!);
}

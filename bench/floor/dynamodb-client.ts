import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * The cold-start floor: a bundle that only creates a DynamoDB client, as every Nivaran function
 * does at least. Bundled with the same options as the functions (bench/cold-start.ts).
 */
const client = new DynamoDBClient({});

export const handler = async () => ({ region: await client.config.region() });

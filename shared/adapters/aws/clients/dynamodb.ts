import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** The container's one dynamodb client (see ../clients.ts). */
let client: DynamoDBClient | undefined;
export const dynamodbClient = (): DynamoDBClient => (client ??= new DynamoDBClient({}));

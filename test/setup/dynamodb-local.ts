import type { TestProject } from 'vitest/node';
import { engineChoice } from '../../infra/local/services/dynamodb.ts';
import { checkJava, startDynamoDbLocal } from '../../infra/local/services/dynamodb-local/engine.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's one DynamoDB Local, shared by every in-memory cloud; absent on dynalite. */
    dynamodbEndpoint?: string;
  }
}

/**
 * One DynamoDB Local (in memory) for the whole vitest run instead of one JVM per local cloud:
 * each cloud creates its tables there under its own prefix (test/fixtures/support.ts,
 * sharedDynamoDb) and deletes them when it stops. Clouds with a data directory (faults,
 * local-restart) and the dynalite project start their own engine.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const choice = engineChoice();
  if (choice === 'dynalite') return undefined;
  const java = await checkJava();
  if (!java.ok) {
    if (choice === 'dynamodb-local')
      throw new Error(`DynamoDB Local needs Java 17+ with a JDK: ${java.reason}`);
    console.warn(`Integration tests run on dynalite: ${java.reason}`);
    return undefined;
  }
  const engine = await startDynamoDbLocal({
    java: java.java,
    port: 0,
    dbPath: null,
    onLog: (line) => console.error(`[dynamodb-local] ${line}`),
  });
  project.provide('dynamodbEndpoint', engine.endpoint);
  return () => engine.stop();
}

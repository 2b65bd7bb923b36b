import { type DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { ScoringPolicy } from '../../domain/ranking/policy.ts';
import { fromItem, type Item, isConditionFailure, toItem } from './dynamo-item.ts';

/**
 * Scoring policies state administrators published, in the main table, one immutable item each:
 *
 *   RANKPOLICY / FROM#<yyyy-mm>   the policy effective from that month (its JSON text, as published)
 *
 * Keyed by the month it takes effect, so two policies can never start the same month (the put is
 * conditional); listing them all is one Query of one partition. The policy is kept as its JSON
 * text, not a map, so it is read back exactly as written and every export of a month scored
 * under it renders the same bytes.
 */

const PK = 'RANKPOLICY';

export interface PublishedPolicy {
  policy: ScoringPolicy;
  publishedAt: string;
  publishedBy: string;
}

export class PolicyTakenError extends Error {
  override name = 'PolicyTakenError';
}

export class PolicyStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** Stores a policy; PolicyTakenError when one already starts that month. */
  async publish(entry: PublishedPolicy): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem({
            pk: PK,
            sk: `FROM#${entry.policy.effectiveFrom}`,
            itemType: 'ranking-policy',
            version: entry.policy.version,
            effectiveFrom: entry.policy.effectiveFrom,
            publishedAt: entry.publishedAt,
            publishedBy: entry.publishedBy,
            policyJson: JSON.stringify(entry.policy),
          }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      throw new PolicyTakenError(`A policy already takes effect from ${entry.policy.effectiveFrom}`);
    }
  }

  /** Every published policy, oldest effectiveFrom first. */
  async list(): Promise<PublishedPolicy[]> {
    const out: PublishedPolicy[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :from)',
          ExpressionAttributeValues: toItem({ ':pk': PK, ':from': 'FROM#' }),
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const stored = fromItem<{ policyJson: string; publishedAt: string; publishedBy: string }>(item);
        out.push({
          policy: JSON.parse(stored.policyJson) as ScoringPolicy,
          publishedAt: stored.publishedAt,
          publishedBy: stored.publishedBy,
        });
      }
      startKey = page.LastEvaluatedKey as Item | undefined;
    } while (startKey);
    return out;
  }
}

import {
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { WindowLimits } from '../../domain/otp/otp.ts';
import type { OtpStore, StoredOtp, WindowLimiter } from '../../use-cases/my-complaints.ts';
import { fromItem, type Item, isConditionFailure, toItem } from './dynamo-item.ts';

const epoch = (instant: Date) => Math.floor(instant.getTime() / 1000);

/**
 * One-time codes, OTP#<mobile hash> / OTP: the code's HMAC digest and key id, the tries counted and
 * the expiry (epoch seconds, also the table's TTL attribute). Expiry is checked in every condition,
 * since TTL deletes expired items only eventually. A new code replaces the number's earlier one.
 */
export class DynamoOtpStore implements OtpStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  private key(subject: string) {
    return toItem({ pk: `OTP#${subject}`, sk: 'OTP' });
  }

  async save(subject: string, code: { kid: string; digest: string }, expiresAt: Date): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: toItem({
          pk: `OTP#${subject}`,
          sk: 'OTP',
          itemType: 'otp',
          kid: code.kid,
          digest: code.digest,
          attempts: 0,
          expiresAtEpoch: epoch(expiresAt),
        }),
      }),
    );
  }

  async attempt(subject: string, now: Date, maxAttempts: number): Promise<StoredOtp | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.key(subject),
          UpdateExpression: 'ADD attempts :one',
          ConditionExpression: 'attribute_exists(pk) AND expiresAtEpoch > :now AND attempts < :max',
          ExpressionAttributeValues: toItem({ ':one': 1, ':now': epoch(now), ':max': maxAttempts }),
          ReturnValues: 'ALL_NEW',
        }),
      );
      const stored = fromItem<{ kid: string; digest: string; attempts: number }>(Attributes as Item);
      return { kid: stored.kid, digest: stored.digest, attempts: Number(stored.attempts) };
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async spend(subject: string, digest: string): Promise<boolean> {
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: this.key(subject),
          ConditionExpression: 'digest = :digest',
          ExpressionAttributeValues: toItem({ ':digest': digest }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

/**
 * Fixed UTC hour and day windows in one item per key and day, OTPRATE#<key> / <yyyy-mm-dd>: one
 * conditional ADD counts the day and the hour (attribute h<HH>) together, so two requests at once
 * can never both take the last place, and a refused request counts nowhere. Kept two days (TTL).
 */
export class DynamoWindowLimiter implements WindowLimiter {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async take(key: string, now: Date, limits: WindowLimits): Promise<number | undefined> {
    const iso = now.toISOString();
    const hourName = `h${iso.slice(11, 13)}`;
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: toItem({ pk: `OTPRATE#${key}`, sk: iso.slice(0, 10) }),
          UpdateExpression: 'ADD #day :one, #hour :one SET expiresAtEpoch = :expires',
          ConditionExpression:
            '(attribute_not_exists(#day) OR #day < :dayLimit) AND (attribute_not_exists(#hour) OR #hour < :hourLimit)',
          ExpressionAttributeNames: { '#day': 'day', '#hour': hourName },
          ExpressionAttributeValues: toItem({
            ':one': 1,
            ':dayLimit': limits.day,
            ':hourLimit': limits.hour,
            ':expires': epoch(now) + 2 * 86_400,
          }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return undefined;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const old = (error as { Item?: Item }).Item;
      const dayFull = old ? Number(fromItem<{ day?: number }>(old).day ?? 0) >= limits.day : false;
      const seconds = now.getUTCMinutes() * 60 + now.getUTCSeconds();
      const hourSeconds = now.getUTCHours() * 3600 + seconds;
      return dayFull ? 86_400 - hourSeconds : 3600 - seconds;
    }
  }
}

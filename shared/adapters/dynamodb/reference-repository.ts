import { randomBytes } from 'node:crypto';
import {
  BatchGetItemCommand,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { ReferenceRepository } from '../../domain/ports.ts';
import type { Transitionable } from '../../domain/reference/lifecycle.ts';
import type { DueEntry, HistoryEvent, Reference } from '../../domain/reference/types.ts';
import { fromItem, type Item, isConditionFailure, queryItems, toItem } from './dynamo-item.ts';
import {
  derivedAttributes,
  type FilingKeys,
  packAttribute,
  referenceItem,
  referenceKey,
  toDueEntry,
  toReference,
} from './reference-item.ts';

export class DynamoReferenceRepository implements ReferenceRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /**
   * Stores a new reference under its number; false when the number is taken. A refusal may also be
   * this very write, landed once already: when the reply to the first attempt is lost, the SDK
   * retries and the retry finds the item. The stored tracking-secret hash tells the two apart, so
   * such a reference is not left behind unrouted while intake files it again under another number.
   */
  async create(reference: Reference, keys: FilingKeys): Promise<boolean> {
    const item = referenceItem(reference, keys);
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem(item),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const stored = await this.get(reference.referenceNo);
      return (
        stored?.trackingSecretHash === reference.trackingSecretHash &&
        stored.createdAt === reference.createdAt
      );
    }
  }

  /**
   * Writes a transition computed by the domain as one conditional UpdateItem: changed attributes,
   * the new history events appended with list_append, and the index keys for the new state; only
   * if the stored reference still has the version and status the transition started from. Returns
   * false when it does not (a duplicate or late message, or another officer acted first); true when
   * the refusal was this write's own retry after a lost reply.
   */
  async saveTransition<R extends Transitionable & Pick<Reference, 'referenceNo' | 'status'>>(
    before: R,
    after: R,
  ): Promise<boolean> {
    const names: Record<string, string> = {
      '#status': 'status',
      '#version': 'version',
      '#history': 'history',
    };
    const values: Record<string, unknown> = {
      ':expectedVersion': before.version,
      ':expectedStatus': before.status,
      ':events': after.history.slice(before.history.length),
    };
    // Names this write, so a refusal of its own retry (reply lost) is told from another's change.
    const writeId = randomBytes(9).toString('base64url');
    names['#writeId'] = 'writeId';
    values[':writeId'] = writeId;
    const sets: string[] = ['#history = list_append(#history, :events)', '#writeId = :writeId'];
    const removes: string[] = [];
    // A DueEntry carries only some attributes: those it lacks are missing on both sides, so untouched.
    const beforeRecord = { ...before, ...derivedAttributes(before) } as Record<string, unknown>;
    const afterRecord = { ...after, ...derivedAttributes(after) } as Record<string, unknown>;
    const attributes = new Set([...Object.keys(beforeRecord), ...Object.keys(afterRecord)]);
    attributes.delete('history');
    attributes.delete('referenceNo');
    let i = 0;
    for (const attribute of attributes) {
      const was = beforeRecord[attribute];
      const now = afterRecord[attribute];
      // The sweep records a defaulter's holder from the `due` copy, which cannot rewrite the rank
      // view; so a flagged reference's view is written whole at every later step, holder included.
      const viewToRefresh = attribute === 'rankView' && now !== undefined && 'defaulterHolder' in after;
      if (JSON.stringify(was) === JSON.stringify(now) && !viewToRefresh) continue;
      const name = `#a${i}`;
      names[name] = attribute;
      if (now === undefined) removes.push(name);
      else {
        values[`:v${i}`] = packAttribute(attribute, now);
        sets.push(`${name} = :v${i}`);
      }
      i++;
    }
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: toItem(referenceKey(before.referenceNo)),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: '#version = :expectedVersion AND #status = :expectedStatus',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: toItem(values),
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Refused: another change came first, or this very one landed and only its reply was lost
      // (the SDK's retry then meets its own write). Only the write id tells them apart: two officers
      // acting in the same millisecond compute the same version, status and update time.
      const { Item: stored } = await this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: toItem(referenceKey(before.referenceNo)),
          ProjectionExpression: '#writeId',
          ExpressionAttributeNames: { '#writeId': 'writeId' },
          ConsistentRead: true,
        }),
      );
      return stored?.writeId?.S === writeId;
    }
  }

  /**
   * Appends an event that changes no state (a read of contact details) without touching the
   * version, so it never conflicts with a concurrent transition; both appends land.
   */
  async appendEvent(referenceNo: string, event: HistoryEvent): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: toItem(referenceKey(referenceNo)),
        UpdateExpression: 'SET #history = list_append(#history, :events)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#history': 'history' },
        ExpressionAttributeValues: toItem({ ':events': [event] }),
      }),
    );
  }

  /**
   * Records a read of the complainant's contact details as a small item beside the reference
   * (REF#<no> / VIEW#<IST day>#<viewer>) rather than in its item: officers open links often, and
   * rewriting the whole reference and every index that copies it for each read would cost more than
   * all its real steps. One item per viewer per IST day, written only if absent: a reload, or the
   * page shown again after a form, records nothing new, and two loads at once cannot both write.
   * viewsOf() reads them back into its history. False when that viewer's day was already recorded.
   */
  async recordView(
    referenceNo: string,
    event: HistoryEvent,
    once: { day: string; viewer: string },
  ): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem({
            pk: referenceKey(referenceNo).pk,
            sk: `VIEW#${once.day}#${once.viewer}`,
            itemType: 'view',
            event,
          }),
          ConditionExpression: 'attribute_not_exists(sk)',
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  }

  /** The reads recorded by recordView, oldest first. */
  async viewsOf(referenceNo: string): Promise<HistoryEvent[]> {
    const items = await queryItems(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :views)',
      ExpressionAttributeValues: toItem({ ':pk': referenceKey(referenceNo).pk, ':views': 'VIEW#' }),
    });
    return items.map((item) => fromItem<{ event: HistoryEvent }>(item).event);
  }

  /**
   * Withdraws every status link of the reference (shared/domain/links/status-token.ts) by bumping
   * its statusLinkVersion, and records why in its history, in one UpdateItem that leaves the
   * version and state alone (so it never conflicts with an officer's step). The new version, or
   * undefined when there is no such reference.
   */
  async revokeStatusLinks(referenceNo: string, event: HistoryEvent): Promise<number | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: toItem(referenceKey(referenceNo)),
          UpdateExpression: 'ADD #linkVersion :one SET #history = list_append(#history, :events)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#linkVersion': 'statusLinkVersion', '#history': 'history' },
          ExpressionAttributeValues: toItem({ ':one': 1, ':events': [event] }),
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(Attributes?.statusLinkVersion?.N);
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async get(referenceNo: string): Promise<Reference | undefined> {
    const result = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: toItem(referenceKey(referenceNo)),
        ConsistentRead: true,
      }),
    );
    return result.Item ? toReference(result.Item) : undefined;
  }

  /** Takes back a reference nothing has happened to yet; one that has moved on (or is gone) stays. */
  async discard(referenceNo: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: toItem(referenceKey(referenceNo)),
          ConditionExpression: '#v = :one',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: toItem({ ':one': 1 }),
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** Under every hash of the mobile (one per key of its keyring), merged newest first. */
  async recentByMobile(
    mobileHashes: readonly string[],
    sinceIso: string,
    limit: number,
  ): Promise<Reference[]> {
    const pages = await Promise.all(
      mobileHashes.map((hash) =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'complainant',
            KeyConditionExpression: 'complainantPk = :pk AND complainantSk >= :since',
            ExpressionAttributeValues: toItem({ ':pk': `MOBILE#${hash}`, ':since': sinceIso }),
            ScanIndexForward: false,
            Limit: limit,
          }),
        ),
      ),
    );
    return pages
      .flatMap((result) => (result.Items ?? []).map((item) => toReference(item)))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .slice(0, limit);
  }

  /**
   * Numbers of the references filed since `sinceIso` under any of the mobile's hashes, newest
   * first: a Query of the `complainant` index per hash, every page (a number files at most a few
   * hundred in a year under the monthly cap).
   */
  async referenceNosByMobile(mobileHashes: readonly string[], sinceIso: string): Promise<string[]> {
    const found = await Promise.all(
      mobileHashes.map((hash) =>
        queryItems(this.client, {
          TableName: this.tableName,
          IndexName: 'complainant',
          KeyConditionExpression: 'complainantPk = :pk AND complainantSk >= :since',
          ExpressionAttributeValues: toItem({ ':pk': `MOBILE#${hash}`, ':since': sinceIso }),
          ProjectionExpression: 'referenceNo, createdAt',
          ScanIndexForward: false,
        }),
      ),
    );
    return found
      .flat()
      .map((item) => fromItem<{ referenceNo: string; createdAt: string }>(item))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .map((entry) => entry.referenceNo);
  }

  /**
   * Numbers of the references filed on one IST day (the `day` index) whose createdAt lies in
   * [fromIso, toIso], newest first. The index holds keys only, so this reads little however busy
   * the day was.
   */
  async referenceNosFiledOn(istDay: string, fromIso: string, toIso: string): Promise<string[]> {
    const items = await queryItems(this.client, {
      TableName: this.tableName,
      IndexName: 'day',
      KeyConditionExpression: 'dayPk = :pk AND daySk BETWEEN :from AND :to',
      // daySk is <createdAt>#<referenceNo>; '#~' sorts after every number, so toIso is included.
      ExpressionAttributeValues: toItem({ ':pk': `DAY#${istDay}`, ':from': fromIso, ':to': `${toIso}#~` }),
      ScanIndexForward: false,
    });
    return items.map((item) => {
      const sortKey = item.daySk?.S ?? '';
      return sortKey.slice(sortKey.lastIndexOf('#') + 1);
    });
  }

  /**
   * Numbers of the references whose last change fell on one IST day, at or after fromIso (the
   * `updated` index, keys only).
   */
  async referenceNosUpdatedOn(istDay: string, fromIso: string): Promise<string[]> {
    const items = await queryItems(this.client, {
      TableName: this.tableName,
      IndexName: 'updated',
      KeyConditionExpression: 'updatedPk = :pk AND updatedSk >= :from',
      ExpressionAttributeValues: toItem({ ':pk': `UPDATED#${istDay}`, ':from': fromIso }),
    });
    return items.map((item) => {
      const sortKey = item.updatedSk?.S ?? '';
      return sortKey.slice(sortKey.lastIndexOf('#') + 1);
    });
  }

  /**
   * The numbers on one inbox-index list, in its order (earliest deadline first). The index holds
   * keys only: the lists are short and read by people, and a keys-only entry costs a write only when
   * a reference moves from one list to another.
   */
  async inboxNumbers(partition: string, limit = 500): Promise<string[]> {
    const items = await queryItems(
      this.client,
      {
        TableName: this.tableName,
        IndexName: 'inbox',
        KeyConditionExpression: 'inboxPk = :pk',
        ExpressionAttributeValues: toItem({ ':pk': partition }),
      },
      { limit },
    );
    return items.map((item) => (item.pk?.S ?? '').slice('REF#'.length));
  }

  /** One inbox-index list as full references, in the list's order. */
  async inboxList(partition: string, limit = 500): Promise<Reference[]> {
    const numbers = await this.inboxNumbers(partition, limit);
    const found = new Map((await this.getMany(numbers)).map((r) => [r.referenceNo, r]));
    return numbers.flatMap((no) => found.get(no) ?? []);
  }

  /** A station's references awaiting its action, earliest deadline (so overdue) first. */
  stationInbox(stationCode: string, limit = 500): Promise<Reference[]> {
    return this.inboxList(`STATION#${stationCode}`, limit);
  }

  /** A district's disposals drawn for random check and not yet checked, earliest drawn first. */
  awaitingRandomCheck(districtCode: string, limit = 500): Promise<Reference[]> {
    return this.inboxList(`RCHECK#${districtCode}`, limit);
  }

  /** The numbers of a district's references disposed on one IST day and not drawn for check yet. */
  disposedOn(districtCode: string, istDay: string, limit = 5000): Promise<string[]> {
    return this.inboxNumbers(`DISPOSED#${districtCode}#${istDay}`, limit);
  }

  /** A district's references its IGRS cell must forward by hand, earliest deadline first. */
  triageList(districtCode: string, limit = 500): Promise<Reference[]> {
    return this.inboxList(`TRIAGE#${districtCode}`, limit);
  }

  /** A district's open references whose deadline falls in [from, to] (ISO instants). */
  async dueBetween(districtCode: string, from: string, to: string, limit = 1000): Promise<DueEntry[]> {
    const items = await queryItems(
      this.client,
      {
        TableName: this.tableName,
        IndexName: 'due',
        KeyConditionExpression: 'duePk = :pk AND dueSk BETWEEN :from AND :to',
        // Sort keys are <deadline>#<referenceNo>; '~' sorts after every digit, closing the range.
        ExpressionAttributeValues: toItem({ ':pk': `DUE#${districtCode}`, ':from': from, ':to': `${to}~` }),
      },
      { limit },
    );
    return items.map(toDueEntry);
  }

  /**
   * A district's open references not yet marked defaulter whose deadline is before `beforeIso`:
   * exactly the items the overdue sweep must mark, all pages.
   */
  overdueUnmarked(districtCode: string, beforeIso: string): Promise<DueEntry[]> {
    // dueSk is <deadline>#<referenceNo>; every sort key below the instant has an earlier deadline.
    return this.queryDue('dueSk < :before', { ':pk': `DUE#${districtCode}`, ':before': beforeIso });
  }

  /** A district's open defaulters marked at exactly `markedAtIso` (one sweep run's own work). */
  markedDefaultersAt(districtCode: string, markedAtIso: string): Promise<DueEntry[]> {
    return this.queryDue('begins_with(dueSk, :prefix)', {
      ':pk': `DUEFLAGGED#${districtCode}`,
      ':prefix': `${markedAtIso}#`,
    });
  }

  /** A district's open references not marked defaulter, by deadline, all pages (the cell's live view). */
  openNotDefaulted(districtCode: string): Promise<DueEntry[]> {
    return this.queryDue('dueSk >= :from', { ':pk': `DUE#${districtCode}`, ':from': '0' });
  }

  /** A district's open references the sweep marked defaulter, all pages (the cell's live view). */
  openDefaulters(districtCode: string): Promise<DueEntry[]> {
    return this.queryDue('dueSk >= :from', { ':pk': `DUEFLAGGED#${districtCode}`, ':from': '0' });
  }

  /**
   * A district's disposals waiting for the complainant's answer, disposed at or after `sinceIso`
   * (the feedback window's start), earliest first, as full references (the call desk shows the
   * outcome and dials the number). At most `limit`.
   */
  async awaitingFeedback(districtCode: string, sinceIso: string, limit = 200): Promise<Reference[]> {
    const items = await queryItems(
      this.client,
      {
        TableName: this.tableName,
        IndexName: 'due',
        KeyConditionExpression: 'duePk = :pk AND dueSk >= :since',
        ExpressionAttributeValues: toItem({ ':pk': `FEEDBACK#${districtCode}`, ':since': sinceIso }),
      },
      { limit },
    );
    const numbers = items.map((item) => item.referenceNo?.S ?? '').filter(Boolean);
    const found = new Map((await this.getMany(numbers)).map((r) => [r.referenceNo, r]));
    return numbers.flatMap((no) => found.get(no) ?? []);
  }

  private async queryDue(sortCondition: string, values: Record<string, string>): Promise<DueEntry[]> {
    const items = await queryItems(this.client, {
      TableName: this.tableName,
      IndexName: 'due',
      KeyConditionExpression: `duePk = :pk AND ${sortCondition}`,
      ExpressionAttributeValues: toItem(values),
    });
    return items.map(toDueEntry);
  }

  /** References by their numbers, in one round trip per hundred. */
  async getMany(referenceNos: string[]): Promise<Reference[]> {
    const found: Reference[] = [];
    for (let i = 0; i < referenceNos.length; i += 100) {
      let keys: Item[] = referenceNos.slice(i, i + 100).map((no) => toItem(referenceKey(no)));
      while (keys.length > 0) {
        const result = await this.client.send(
          new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }),
        );
        found.push(...(result.Responses?.[this.tableName] ?? []).map((item) => toReference(item)));
        keys = (result.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined) ?? [];
      }
    }
    return found;
  }
}

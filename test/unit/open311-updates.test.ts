import { describe, expect, it } from 'vitest';
import { Open311Error } from '../../shared/domain/open311/errors.ts';
import { parseUpdatesQuery } from '../../shared/domain/open311/query.ts';
import { serviceRequestUpdates } from '../../shared/domain/open311/updates.ts';
import type { HistoryEvent, Reference } from '../../shared/domain/reference/types.ts';
import { findServiceRequestUpdates } from '../../shared/use-cases/find-service-request-updates.ts';

const system = { role: 'system' as const };
const event = (at: string, action: string, fromStatus?: string, toStatus?: string): HistoryEvent =>
  ({
    at,
    actor: system,
    action,
    ...(fromStatus ? { fromStatus } : {}),
    ...(toStatus ? { toStatus } : {}),
  }) as HistoryEvent;

function reference(referenceNo: string, history: HistoryEvent[]): Reference {
  return {
    referenceNo,
    history,
    status: history.at(-1)!.toStatus ?? 'assigned',
    updatedAt: history.at(-1)!.at,
  } as unknown as Reference;
}

const DISPOSED = reference('40015723012', [
  event('2026-12-01T04:00:00.000Z', 'registered', undefined, 'registered'),
  event('2026-12-01T04:00:01.000Z', 'routed', 'registered', 'assigned'),
  event('2026-12-01T05:00:00.000Z', 'contact-details-viewed'),
  event('2026-12-02T05:00:00.000Z', 'report-submitted', 'assigned', 'report-submitted'),
  event('2026-12-03T05:00:00.000Z', 'returned', 'report-submitted', 'returned'),
  event('2026-12-04T05:00:00.000Z', 'report-submitted', 'returned', 'report-submitted'),
  event('2026-12-05T05:00:00.000Z', 'approved', 'report-submitted', 'closed'),
  event('2026-12-06T05:00:00.000Z', 'reopened', 'closed', 'reopened'),
  event('2026-12-06T06:00:00.000Z', 'approved', 'reopened', 'resolved'),
]);

describe('service request updates', () => {
  it('gives each public status change with a status FixMyStreet knows, a stable id and both languages', () => {
    const all = serviceRequestUpdates(
      DISPOSED,
      new Date('2026-11-30T00:00:00Z'),
      new Date('2026-12-07T00:00:00Z'),
      'en',
    );
    expect(all.map((u) => [u.update_id, u.status])).toEqual([
      ['40015723012-1', 'open'],
      ['40015723012-2', 'investigating'],
      ['40015723012-4', 'in_progress'],
      ['40015723012-5', 'investigating'],
      ['40015723012-6', 'in_progress'],
      ['40015723012-7', 'no_further_action'],
      ['40015723012-8', 'open'],
      ['40015723012-9', 'fixed'],
    ]);
    expect(all[1]).toEqual({
      update_id: '40015723012-2',
      service_request_id: '40015723012',
      status: 'investigating',
      updated_datetime: '2026-12-01T09:30:01+05:30',
      description: 'Forwarded to the police station / थाने को अग्रसारित',
      media_url: '',
    });
    const hindi = serviceRequestUpdates(
      DISPOSED,
      new Date('2026-12-01T04:00:01Z'),
      new Date('2026-12-01T04:00:01Z'),
      'hi',
    );
    expect(hindi.map((u) => u.description)).toEqual(['थाने को अग्रसारित / Forwarded to the police station']);
  });

  it('reads the updated index from the window start to today, so a change followed by a later one is found', async () => {
    const asked: string[] = [];
    const result = await findServiceRequestUpdates(
      { from: new Date('2026-12-04T00:00:00Z'), to: new Date('2026-12-05T12:00:00Z') },
      'en',
      {
        updatedOn: async (day, from) => {
          asked.push(`${day}>=${from}`);
          // DISPOSED last changed on 6 December: after the window, where its index entry now is.
          return day === '2026-12-06' ? ['40015723012'] : [];
        },
        getMany: async () => [DISPOSED],
      },
      new Date('2026-12-07T10:00:00Z'),
    );
    expect(asked).toEqual(
      ['2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07'].map((d) => `${d}>=2026-12-04T00:00:00.000Z`),
    );
    expect(result.updates.map((u) => u.update_id)).toEqual(['40015723012-6', '40015723012-7']);
    expect(result.complete).toBe(true);
  });

  it('reads the window from start_date and end_date, refusing one end only, over 7 days or older than 90', () => {
    const now = new Date('2026-12-07T10:00:00Z');
    expect(
      parseUpdatesQuery({ start_date: '2026-12-07T06:00:00Z', end_date: '2026-12-07T08:00:00Z' }, now),
    ).toEqual({
      from: new Date('2026-12-07T06:00:00Z'),
      to: new Date('2026-12-07T08:00:00Z'),
    });
    expect(parseUpdatesQuery({}, now)).toEqual({ from: new Date('2026-12-06T10:00:00Z'), to: now });
    const refusal = (query: Record<string, string>) => {
      try {
        parseUpdatesQuery(query, now);
      } catch (error) {
        if (error instanceof Open311Error) return error.errors.map((e) => e.description.en).join('\n');
      }
      return 'accepted';
    };
    expect(refusal({ start_date: '2026-12-07T06:00:00Z' })).toContain('give both');
    expect(refusal({ start_date: '2026-11-01T00:00:00Z', end_date: '2026-11-09T00:00:00Z' })).toContain(
      'may not span more than 7 days',
    );
    expect(refusal({ start_date: '2026-08-01T00:00:00Z', end_date: '2026-08-02T00:00:00Z' })).toContain(
      'within the last 90 days',
    );
    expect(refusal({ start_date: 'yesterday', end_date: 'today' })).toMatch(/^start_date: /);
  });
});

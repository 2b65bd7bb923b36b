import { describe, expect, it } from 'vitest';
import { DEMO_OFFICERS } from '../../infra/local/seed/officers.ts';
import { indexKeys } from '../../shared/adapters/dynamodb/reference-item.ts';
import { TransitionError } from '../../shared/domain/reference/lifecycle.ts';
import { markDefaulter } from '../../shared/domain/reference/transitions.ts';
import type { Reference, ReferenceStatus } from '../../shared/domain/reference/types.ts';
import {
  announcementOwner,
  DIGEST_ROWS_PER_MESSAGE,
  defaulterDigests,
  defaulterMessages,
  digestKey,
  mustMarkDefaulter,
  nearDefaulterDigests,
  referencesToMark,
  reminderMessages,
  stationDueDigests,
} from '../../shared/domain/sweep/plan.ts';
import { notificationMessage } from '../../shared/triggers/sqs/messages.ts';

const NOW = new Date('2026-11-28T04:35:00.000Z'); // 10:05 IST
const HOUR = 3_600_000;
const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * HOUR).toISOString();

let sequence = 0;
function ref(
  overrides: Partial<Reference> & { deadlineAt: string },
  status: ReferenceStatus = 'assigned',
): Reference {
  sequence++;
  return {
    referenceNo: `2026${String(sequence).padStart(7, '0')}`,
    version: 3,
    status,
    channel: 'portal',
    categoryCode: 'theft',
    description: 'x',
    complainant: { name: 'n', mobile: '+919999999999', address: 'a', language: 'hi' },
    location: { districtCode: 'chandauli' },
    districtCode: 'chandauli',
    stationCode: status === 'triage' ? undefined : 'chandauli-sakaldiha',
    createdAt: at(-400),
    updatedAt: at(-300),
    trackingSecretHash: 'h',
    history: [{ at: at(-400), actor: { role: 'complainant' }, action: 'registered' }],
    ...overrides,
  };
}

const chandauli = DEMO_OFFICERS.filter((o) => o.districtCode === 'chandauli');
const idOf = (role: string, station?: string) =>
  chandauli.find((o) => o.role === role && (!station || o.stationCodes.includes(station)))!.id;

describe('which references the sweep marks', () => {
  it('marks open references whose deadline has passed, once, earliest first', () => {
    const overdue = ref({ deadlineAt: at(-2) });
    const older = ref({ deadlineAt: at(-30) });
    const exactlyNow = ref({ deadlineAt: NOW.toISOString() });
    const future = ref({ deadlineAt: at(1) });
    const disposed = ref({ deadlineAt: at(-5) }, 'resolved');
    const closed = ref({ deadlineAt: at(-5) }, 'closed');
    const already = ref({ deadlineAt: at(-5), defaulterAt: at(-1) });
    const triaged = ref({ deadlineAt: at(-1) }, 'triage');
    const review = ref({ deadlineAt: at(-1) }, 'report-submitted');
    const picked = referencesToMark(
      [overdue, older, exactlyNow, future, disposed, closed, already, triaged, review, overdue],
      NOW,
    );
    expect(picked.map((r) => r.referenceNo)).toEqual([
      older.referenceNo,
      overdue.referenceNo,
      triaged.referenceNo,
      review.referenceNo,
    ]);
    expect(mustMarkDefaulter(exactlyNow, new Date(NOW.getTime() + 1))).toBe(true);
  });

  it('records the mark in the history, one version on, and never marks twice', () => {
    const before = ref({ deadlineAt: at(-2) });
    const after = markDefaulter(before, { at: NOW, actor: { role: 'system' } });
    expect(after).toMatchObject({ defaulterAt: NOW.toISOString(), version: 4, status: 'assigned' });
    expect(after.history).toHaveLength(2);
    expect(after.history.at(-1)).toMatchObject({
      at: NOW.toISOString(),
      action: 'marked-defaulter',
      actor: { role: 'system' },
      fromStatus: 'assigned',
      toStatus: 'assigned',
      details: { deadlineAt: before.deadlineAt, station: 'chandauli-sakaldiha' },
    });
    expect(() =>
      markDefaulter(after, { at: new Date(NOW.getTime() + HOUR), actor: { role: 'system' } }),
    ).toThrow(TransitionError);
    const early = (() => {
      try {
        markDefaulter(ref({ deadlineAt: at(1) }), { at: NOW, actor: { role: 'system' } });
      } catch (error) {
        return error as TransitionError;
      }
    })();
    expect(early?.explanation.en).toMatch(/deadline has not passed/);
    expect(() =>
      markDefaulter(ref({ deadlineAt: at(-1) }, 'closed'), { at: NOW, actor: { role: 'system' } }),
    ).toThrow(TransitionError);
  });

  it('moves a marked reference out of the partition the sweep reads, keyed by when it was marked', () => {
    const before = ref({ deadlineAt: at(-2) });
    expect(indexKeys(before)).toMatchObject({
      duePk: 'DUE#chandauli',
      dueSk: `${before.deadlineAt}#${before.referenceNo}`,
    });
    const after = markDefaulter(before, { at: NOW, actor: { role: 'system' } });
    expect(indexKeys(after)).toMatchObject({
      duePk: 'DUEFLAGGED#chandauli',
      dueSk: `${NOW.toISOString()}#${before.referenceNo}`,
    });
    // Disposed: in neither.
    expect(indexKeys({ ...after, status: 'resolved' })).toMatchObject({ duePk: undefined, dueSk: undefined });
  });
});

describe('defaulter digests', () => {
  it('gives each supervisor one digest of their circle and the district cell one of all', () => {
    const sakaldiha = ref({ deadlineAt: at(-3) });
    const balua = ref({ deadlineAt: at(-4), stationCode: 'chandauli-balua' });
    const chakia = ref({ deadlineAt: at(-5), stationCode: 'chandauli-chakia' });
    const triaged = ref({ deadlineAt: at(-6) }, 'triage');
    const digests = defaulterDigests([sakaldiha, balua, chakia, triaged], chandauli);
    const byOfficer = Object.fromEntries(
      digests.map((d) => [d.officer.id, d.rows.map((r) => r.referenceNo)]),
    );
    expect(byOfficer).toEqual({
      [idOf('supervisor', 'chandauli-sakaldiha')]: [balua.referenceNo, sakaldiha.referenceNo],
      [idOf('supervisor', 'chandauli-chakia')]: [chakia.referenceNo],
      [idOf('district-cell')]: [
        triaged.referenceNo,
        chakia.referenceNo,
        balua.referenceNo,
        sakaldiha.referenceNo,
      ],
    });
    // One digest per recipient, whatever the number of references.
    expect(new Set(digests.map((d) => d.officer.id)).size).toBe(digests.length);
    // No station officers or the SP on the defaulter digest.
    expect(digests.every((d) => ['supervisor', 'district-cell'].includes(d.officer.role))).toBe(true);
  });

  it('sends a station no supervisor covers to the district cell alone', () => {
    const orphan = ref({ deadlineAt: at(-3), stationCode: 'chandauli-nowhere' });
    const digests = defaulterDigests([orphan], chandauli);
    expect(digests.map((d) => d.officer.id)).toEqual([idOf('district-cell')]);
  });

  it('queues one message per recipient, in parts only for a backlog too big for one', () => {
    const many = Array.from({ length: DIGEST_ROWS_PER_MESSAGE * 2 + 5 }, (_, i) =>
      ref({ deadlineAt: at(-1 - i / 100) }),
    );
    const messages = defaulterMessages('chandauli', NOW, defaulterDigests(many, chandauli));
    const cell = messages.filter((m) => m.officerId === idOf('district-cell'));
    expect(cell.map((m) => [m.part, m.parts, m.rows.length])).toEqual([
      [1, 3, DIGEST_ROWS_PER_MESSAGE],
      [2, 3, DIGEST_ROWS_PER_MESSAGE],
      [3, 3, 5],
    ]);
    expect(new Set(cell.flatMap((m) => m.rows.map((r) => r.referenceNo))).size).toBe(many.length);
    for (const message of messages) {
      expect(notificationMessage.safeParse(JSON.parse(JSON.stringify(message))).success).toBe(true);
      expect(message.runAt).toBe(NOW.toISOString());
      // Rows carry nothing about the complainant.
      expect(JSON.stringify(message)).not.toContain('+91');
    }
  });

  it('keys a digest by its content: the same message is the same mail, another is another', () => {
    const [a, b] = [ref({ deadlineAt: at(-2) }), ref({ deadlineAt: at(-3) })];
    const [message] = defaulterMessages('chandauli', NOW, defaulterDigests([a!, b!], chandauli));
    const copy = JSON.parse(JSON.stringify(message));
    expect(announcementOwner(copy)).toBe(announcementOwner(message!));
    expect(digestKey(copy, [a!.referenceNo, b!.referenceNo])).toBe(
      digestKey(message!, [b!.referenceNo, a!.referenceNo]),
    );
    const [later] = defaulterMessages(
      'chandauli',
      new Date(NOW.getTime() + HOUR),
      defaulterDigests([a!], chandauli),
    );
    expect(announcementOwner(later!)).not.toBe(announcementOwner(message!));
    expect(digestKey(message!, [a!.referenceNo])).not.toBe(
      digestKey(message!, [a!.referenceNo, b!.referenceNo]),
    );
  });
});

describe('daily reminders', () => {
  const upcoming = () => {
    const soon = ref({ deadlineAt: at(10) });
    const inTwoDays = ref({ deadlineAt: at(47) });
    const inThreeDays = ref({ deadlineAt: at(71) });
    const inFourDays = ref({ deadlineAt: at(80) });
    const balua = ref({ deadlineAt: at(20), stationCode: 'chandauli-balua' });
    const review = ref({ deadlineAt: at(5) }, 'report-submitted');
    const triaged = ref({ deadlineAt: at(30) }, 'triage');
    const returned = ref({ deadlineAt: at(60) }, 'returned');
    const past = ref({ deadlineAt: at(-1) });
    return { soon, inTwoDays, inThreeDays, inFourDays, balua, review, triaged, returned, past };
  };

  it('gives each station one digest of what waits for it in the next three days', () => {
    const r = upcoming();
    const digests = stationDueDigests(Object.values(r), chandauli, NOW);
    expect(digests.map((d) => [d.officer.id, d.stationCode, d.rows.map((row) => row.referenceNo)])).toEqual([
      ['chandauli-balua-sho', 'chandauli-balua', [r.balua.referenceNo]],
      [
        'chandauli-sakaldiha-sho',
        'chandauli-sakaldiha',
        [r.soon.referenceNo, r.inTwoDays.referenceNo, r.returned.referenceNo, r.inThreeDays.referenceNo],
      ],
    ]);
  });

  it("gives the district's senior officers the near-defaulter list (due within 48 hours)", () => {
    const r = upcoming();
    const digests = nearDefaulterDigests(Object.values(r), chandauli, NOW);
    expect(digests.map((d) => d.officer.role).sort()).toEqual(['district-cell', 'senior-officer']);
    for (const digest of digests) {
      expect(digest.rows.map((row) => row.referenceNo)).toEqual([
        r.review.referenceNo,
        r.soon.referenceNo,
        r.balua.referenceNo,
        r.triaged.referenceNo,
        r.inTwoDays.referenceNo,
      ]);
    }
    expect(nearDefaulterDigests([r.inFourDays, r.past], chandauli, NOW)).toEqual([]);
  });

  it('keys each daily digest by recipient and IST date', () => {
    const r = upcoming();
    const refs = Object.values(r);
    const messages = reminderMessages(
      'chandauli',
      NOW,
      stationDueDigests(refs, chandauli, NOW),
      nearDefaulterDigests(refs, chandauli, NOW),
    );
    expect(messages.every((m) => m.date === '2026-11-28')).toBe(true);
    const keys = messages.map((m) => digestKey(m));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('due-digest#2026-11-28#chandauli-sakaldiha#chandauli-sakaldiha-sho');
    expect(keys).toContain(`near-defaulter-digest#2026-11-28#${idOf('senior-officer')}`);
    // 20:00 IST the same day is the same date; 00:30 IST the next is not.
    const evening = reminderMessages(
      'chandauli',
      new Date('2026-11-28T14:30:00Z'),
      [],
      nearDefaulterDigests(refs, chandauli, NOW),
    );
    expect(evening[0]!.date).toBe('2026-11-28');
    const nextDay = reminderMessages(
      'chandauli',
      new Date('2026-11-28T19:00:00Z'),
      [],
      nearDefaulterDigests(refs, chandauli, NOW),
    );
    expect(nextDay[0]!.date).toBe('2026-11-29');
  });
});

import { describe, expect, it } from 'vitest';
import { DEMO_OFFICERS } from '../../infra/local/seed/officers.ts';
import { indexKeys } from '../../shared/adapters/dynamodb/reference-item.ts';
import type { District } from '../../shared/domain/masterdata/types.ts';
import { formatReferenceNumber } from '../../shared/domain/reference/reference-number.ts';
import type { Reference, ReferenceStatus } from '../../shared/domain/reference/types.ts';
import type { DigestMessage } from '../../shared/domain/sweep/plan.ts';
import { notificationMessage } from '../../shared/triggers/sqs/messages.ts';
import { deliverOnce, type NotificationLedger } from '../../shared/use-cases/notifications/deliver-once.ts';
import { type AnnouncementLedger, notifyDigest } from '../../shared/use-cases/notifications/notify-digest.ts';
import { sendReminders } from '../../shared/use-cases/send-reminders.ts';
import { type SweepDeps, sweepOverdue } from '../../shared/use-cases/sweep-overdue.ts';

/**
 * The jobs against in-memory ports that keep DynamoDB's rules: the due index is derived from
 * indexKeys (so these tests exercise the real key design), and saveTransition is conditional on
 * version and status. Messages are then delivered through the notifier's digest path with in-memory
 * ledgers, so exactly-once is checked end to end: what a recipient finally reads.
 */

const T = new Date('2026-11-28T04:35:00.000Z'); // 10:05 IST
const HOUR = 3_600_000;
const at = (base: Date, hours: number) => new Date(base.getTime() + hours * HOUR).toISOString();

const DISTRICTS: District[] = [
  {
    code: 'chandauli',
    name: { en: 'Chandauli', hi: 'चन्दौली' },
    division: 'Varanasi',
    commissionerate: false,
  },
  { code: 'lucknow', name: { en: 'Lucknow', hi: 'लखनऊ' }, division: 'Lucknow', commissionerate: true },
];
const OFFICERS = DEMO_OFFICERS.filter((o) => DISTRICTS.some((d) => d.code === o.districtCode));
const officerId = (role: string, station?: string) =>
  OFFICERS.find((o) => o.role === role && (!station || o.stationCodes.includes(station)))!.id;

class MemoryReferences {
  readonly items = new Map<string, Reference>();
  private sequence = 0;

  add(
    districtCode: string,
    stationCode: string | undefined,
    deadlineAt: string,
    status: ReferenceStatus = 'assigned',
  ) {
    const referenceNo = `2026${String(++this.sequence).padStart(7, '0')}`;
    this.items.set(referenceNo, {
      referenceNo,
      version: 2,
      status,
      channel: 'portal',
      categoryCode: 'theft',
      description: 'x',
      complainant: { name: 'n', mobile: '+919999999999', address: 'a', language: 'hi' },
      location: { districtCode },
      districtCode,
      ...(stationCode ? { stationCode } : {}),
      createdAt: at(T, -500),
      updatedAt: at(T, -500),
      deadlineAt,
      trackingSecretHash: 'h',
      history: [{ at: at(T, -500), actor: { role: 'complainant' }, action: 'registered' }],
    });
    return referenceNo;
  }

  private index(pk: string, keep: (sk: string) => boolean): Reference[] {
    return [...this.items.values()]
      .filter((r) => {
        const keys = indexKeys(r);
        return keys.duePk === pk && keep(keys.dueSk!);
      })
      .map((r) => structuredClone(r));
  }

  overdueUnmarked = async (d: string, before: string) => this.index(`DUE#${d}`, (sk) => sk < before);
  markedDefaultersAt = async (d: string, markedAt: string) =>
    this.index(`DUEFLAGGED#${d}`, (sk) => sk.startsWith(`${markedAt}#`));
  dueBetween = async (d: string, from: string, to: string) =>
    this.index(`DUE#${d}`, (sk) => sk >= from && sk <= `${to}~`);
  get = async (no: string) => structuredClone(this.items.get(no));
  saveTransition = async (before: Reference, after: Reference) => {
    await Promise.resolve(); // let overlapping runs interleave
    const current = this.items.get(before.referenceNo);
    if (!current || current.version !== before.version || current.status !== before.status) return false;
    this.items.set(before.referenceNo, structuredClone(after));
    return true;
  };
}

class MemoryLedger implements NotificationLedger {
  readonly state = new Map<string, { claimed: boolean; done: boolean; sent: Set<string> }>();
  claim = async (key: string) => {
    const entry = this.state.get(key) ?? { claimed: false, done: false, sent: new Set<string>() };
    if (entry.done) return { state: 'already-sent' } as const;
    if (entry.claimed) return { state: 'claimed-elsewhere' } as const;
    this.state.set(key, { ...entry, claimed: true });
    return { state: 'claimed', sent: [...entry.sent] } as const;
  };
  settle = async (key: string, sent: Readonly<Record<string, string>>, done: boolean) => {
    const entry = this.state.get(key)!;
    this.state.set(key, { claimed: false, done, sent: new Set([...entry.sent, ...Object.keys(sent)]) });
  };
}

class MemoryAnnouncements implements AnnouncementLedger {
  readonly owners = new Map<string, string>();
  claim = async (recipient: string, numbers: readonly string[], owner: string) =>
    numbers.filter((no) => {
      const key = `${recipient}#${no}`;
      if (!this.owners.has(key)) this.owners.set(key, owner);
      return this.owners.get(key) === owner;
    });
}

interface Mail {
  to: string;
  subject: string;
  text: string;
  sms: string;
}

function world() {
  const references = new MemoryReferences();
  const queued: Record<string, unknown>[] = [];
  let failSends = 0;
  const deps: SweepDeps & { references: MemoryReferences } = {
    references,
    masterData: {
      districts: async () => DISTRICTS,
      officers: async (code) => OFFICERS.filter((o) => o.districtCode === code),
    },
    notifications: {
      async send(body) {
        if (failSends > 0) {
          failSends--;
          throw new Error('SQS unavailable');
        }
        // Through JSON, as SQS carries it.
        queued.push(JSON.parse(JSON.stringify(body)));
      },
    },
  };
  const ledger = new MemoryLedger();
  const announcements = new MemoryAnnouncements();
  const mails: Mail[] = [];
  const sms: { to: string; text: string; templateKey: string }[] = [];
  /** Delivers every queued message (and empties the queue), as the notifier would. */
  const deliverAll = async (times = 1) => {
    const batch = queued.splice(0);
    for (let i = 0; i < times; i++) {
      for (const body of batch) {
        expect(notificationMessage.safeParse(body).success).toBe(true);
        await notifyDigest(
          body as unknown as DigestMessage,
          {
            masterData: {
              district: async (code) => DISTRICTS.find((d) => d.code === code),
              station: async (_d, code) => ({
                code,
                districtCode: _d,
                name: { en: code, hi: code },
                kind: 'police-station',
                pinCodes: [],
                localities: [],
                demo: true,
              }),
              category: async () => undefined,
              officers: deps.masterData.officers,
            },
            signedLink: async (r) =>
              `http://x/o/${r.purpose}.${r.referenceNo ?? r.stationCode ?? r.districtCode}.${r.officerId}`,
            announcements,
          },
          (key, to, rendered) =>
            deliverOnce(ledger, key, {
              ...(to.email
                ? {
                    email: async () => {
                      mails.push({
                        to: to.email!,
                        subject: rendered.email.subject,
                        text: rendered.email.text,
                        sms: rendered.sms.text,
                      });
                      return 'id';
                    },
                  }
                : {}),
              ...(to.mobile
                ? {
                    sms: async () => {
                      sms.push({
                        to: to.mobile!,
                        text: rendered.sms.text,
                        templateKey: rendered.sms.templateKey,
                      });
                      return 'id';
                    },
                  }
                : {}),
            }),
        );
      }
    }
  };
  const mailsTo = (id: string) => mails.filter((m) => m.to === OFFICERS.find((o) => o.id === id)!.email);
  const listed = (mail: Mail) =>
    [...references.items.keys()].filter((no) => mail.text.includes(formatReferenceNumber(no)));
  return {
    deps,
    references,
    queued,
    mails,
    sms,
    mailsTo,
    listed,
    deliverAll,
    failNextSends: (n: number) => {
      failSends = n;
    },
  };
}

/** A district with overdue references in two circles and the cell's list, and some that are not due. */
function seed(w: ReturnType<typeof world>) {
  const r = w.references;
  const sakaldiha = [
    r.add('chandauli', 'chandauli-sakaldiha', at(T, -1)),
    r.add('chandauli', 'chandauli-balua', at(T, -30)),
    r.add('chandauli', 'chandauli-dhanapur', at(T, -2), 'report-submitted'),
  ];
  const chakia = [r.add('chandauli', 'chandauli-chakia', at(T, -5), 'returned')];
  const triaged = [r.add('chandauli', undefined, at(T, -3), 'triage')];
  const lucknow = [
    r.add(
      'lucknow',
      OFFICERS.find((o) => o.districtCode === 'lucknow' && o.role === 'supervisor')!.stationCodes[0],
      at(T, -4),
    ),
  ];
  // Not due, or no longer open.
  r.add('chandauli', 'chandauli-sakaldiha', at(T, 2));
  r.add('chandauli', 'chandauli-sakaldiha', at(T, -40), 'resolved');
  return { sakaldiha, chakia, triaged, lucknow, overdue: [...sakaldiha, ...chakia, ...triaged, ...lucknow] };
}

const markEvents = (reference: Reference | undefined) =>
  reference?.history.filter((e) => e.action === 'marked-defaulter').length;

describe('the overdue sweep', () => {
  it('marks what is due once, reading only that, and tells each recipient in one digest', async () => {
    const w = world();
    const s = seed(w);
    const result = await sweepOverdue(T, w.deps);
    expect(result).toMatchObject({ districts: 2, marked: s.overdue.length, resumed: 0, skipped: 0 });
    expect(result.itemsRead).toBe(s.overdue.length);
    for (const no of s.overdue) {
      const reference = w.references.items.get(no)!;
      expect(reference.defaulterAt).toBe(T.toISOString());
      expect(markEvents(reference)).toBe(1);
    }
    await w.deliverAll();
    const supervisor = w.mailsTo(officerId('supervisor', 'chandauli-sakaldiha'));
    expect(supervisor).toHaveLength(1);
    expect(w.listed(supervisor[0]!).sort()).toEqual([...s.sakaldiha].sort());
    expect(w.listed(w.mailsTo(officerId('supervisor', 'chandauli-chakia'))[0]!)).toEqual(s.chakia);
    const cell = w.mailsTo(officerId('district-cell'));
    expect(cell).toHaveLength(1);
    expect(w.listed(cell[0]!).sort()).toEqual([...s.sakaldiha, ...s.chakia, ...s.triaged].sort());
    expect(cell[0]!.text).toContain('http://x/o/district-cell.chandauli');
    // Station officers and the SP hear nothing from the sweep.
    expect(w.mailsTo('chandauli-sakaldiha-sho')).toHaveLength(0);
    expect(w.mailsTo(officerId('senior-officer'))).toHaveLength(0);
    // Lucknow's supervisor and cell, each once.
    expect(w.mails.filter((m) => m.to.includes('lucknow'))).toHaveLength(2);
    expect(w.sms.every((m) => m.templateKey === 'defaulter-digest')).toBe(true);
    expect(w.sms).toHaveLength(w.mails.length);
  });

  it('flags and tells nothing twice when the same run is retried or another run overlaps', async () => {
    const w = world();
    const s = seed(w);
    await sweepOverdue(T, w.deps);
    await w.deliverAll(2); // every message delivered twice, as SQS may
    const mailCount = w.mails.length;

    const retry = await sweepOverdue(T, w.deps);
    expect(retry).toMatchObject({ marked: 0, resumed: s.overdue.length });
    const later = await sweepOverdue(new Date(T.getTime() + HOUR), w.deps);
    expect(later).toMatchObject({ marked: 0, resumed: 0, digests: 0, itemsRead: 0 });
    await w.deliverAll(2);
    expect(w.mails).toHaveLength(mailCount);
    for (const no of s.overdue) expect(markEvents(w.references.items.get(no))).toBe(1);
  });

  it('completes a run that marked references and then failed to queue their digests', async () => {
    const w = world();
    const s = seed(w);
    w.failNextSends(1);
    await expect(sweepOverdue(T, w.deps)).rejects.toThrow(/SQS unavailable/);
    const marked = [...w.references.items.values()].filter((r) => r.defaulterAt).length;
    expect(marked).toBe(s.overdue.length);
    await w.deliverAll(); // whatever the failed attempt did queue
    // EventBridge Scheduler retries the invocation: same scheduled time, same run.
    const retry = await sweepOverdue(T, w.deps);
    expect(retry.marked).toBe(0);
    await w.deliverAll();
    const cell = w.mailsTo(officerId('district-cell'));
    const announced = cell.flatMap((m) => w.listed(m));
    expect(announced.sort()).toEqual([...s.sakaldiha, ...s.chakia, ...s.triaged].sort());
    expect(new Set(announced).size).toBe(announced.length);
    expect(w.listed(w.mailsTo(officerId('supervisor', 'chandauli-sakaldiha'))[0]!).sort()).toEqual(
      [...s.sakaldiha].sort(),
    );
  });

  it('announces each reference once to each recipient when runs overlap in flight', async () => {
    const w = world();
    const r = w.references;
    const due = Array.from({ length: 40 }, (_, i) =>
      r.add('chandauli', i % 2 ? 'chandauli-sakaldiha' : 'chandauli-chakia', at(T, -1 - i)),
    );
    // The same scheduled run delivered twice, and the next hour's run, all at once.
    const results = await Promise.all([
      sweepOverdue(T, w.deps),
      sweepOverdue(T, w.deps),
      sweepOverdue(new Date(T.getTime() + HOUR / 2), w.deps),
    ]);
    expect(results.reduce((n, x) => n + x.marked, 0)).toBe(due.length);
    for (const no of due) expect(markEvents(r.items.get(no))).toBe(1);
    await w.deliverAll(2);
    for (const id of [
      officerId('district-cell'),
      officerId('supervisor', 'chandauli-sakaldiha'),
      officerId('supervisor', 'chandauli-chakia'),
    ]) {
      const announced = w.mailsTo(id).flatMap((m) => w.listed(m));
      expect(new Set(announced).size, id).toBe(announced.length);
      const expected = due.filter((no) => {
        const station = r.items.get(no)!.stationCode!;
        return (
          id === officerId('district-cell') ||
          OFFICERS.find((o) => o.id === id)!.stationCodes.includes(station)
        );
      });
      expect(announced.sort(), id).toEqual(expected.sort());
    }
  });

  it('reads no more than what is due, however many references are marked or not yet due', async () => {
    const w = world();
    const r = w.references;
    for (let i = 0; i < 300; i++) r.add('chandauli', 'chandauli-sakaldiha', at(T, -2 - i / 10));
    await sweepOverdue(new Date(T.getTime() - HOUR), w.deps); // marks about half, an hour earlier
    for (let i = 0; i < 300; i++) r.add('chandauli', 'chandauli-sakaldiha', at(T, 1 + i));
    const stillDue = [...r.items.values()].filter(
      (x) => !x.defaulterAt && Date.parse(x.deadlineAt) < T.getTime(),
    );
    const result = await sweepOverdue(T, w.deps);
    expect(result.marked).toBe(stillDue.length);
    expect(result.itemsRead).toBeLessThanOrEqual(Math.ceil(1.1 * stillDue.length));
  });
});

describe('the daily reminders', () => {
  it('sends one digest per station and the near-defaulter list to senior officers, once a day', async () => {
    const w = world();
    const r = w.references;
    const sakaldiha = [
      r.add('chandauli', 'chandauli-sakaldiha', at(T, 5)),
      r.add('chandauli', 'chandauli-sakaldiha', at(T, 60)),
    ];
    const balua = [r.add('chandauli', 'chandauli-balua', at(T, 30))];
    const review = r.add('chandauli', 'chandauli-chakia', at(T, 20), 'report-submitted');
    r.add('chandauli', 'chandauli-sakaldiha', at(T, 100)); // beyond three days
    const result = await sendReminders(T, w.deps);
    expect(result).toMatchObject({ stationDigests: 2, nearDefaulterDigests: 2, itemsRead: 4 });
    await w.deliverAll(2);
    const sho = w.mailsTo('chandauli-sakaldiha-sho');
    expect(sho).toHaveLength(1);
    expect(w.listed(sho[0]!).sort()).toEqual([...sakaldiha].sort());
    expect(sho[0]!.text).toContain('http://x/o/station-inbox.chandauli-sakaldiha.chandauli-sakaldiha-sho');
    expect(w.listed(w.mailsTo('chandauli-balua-sho')[0]!)).toEqual(balua);
    for (const id of [officerId('senior-officer'), officerId('district-cell')]) {
      const mails = w.mailsTo(id);
      expect(mails).toHaveLength(1);
      expect(w.listed(mails[0]!).sort()).toEqual([sakaldiha[0]!, balua[0]!, review].sort());
    }
    // The same day again (a retry, or a run by hand): nothing more. The next day: a new digest.
    const before = w.mails.length;
    await sendReminders(new Date(T.getTime() + 3 * HOUR), w.deps);
    await w.deliverAll();
    expect(w.mails).toHaveLength(before);
    await sendReminders(new Date(T.getTime() + 24 * HOUR), w.deps);
    await w.deliverAll();
    expect(w.mailsTo('chandauli-sakaldiha-sho')).toHaveLength(2);
  });
});

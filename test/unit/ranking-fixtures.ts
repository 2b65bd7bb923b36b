import type { RankingAccumulator } from '../../shared/domain/ranking/accumulator.ts';
import type { Channel, Grade, Reference, ReferenceStatus } from '../../shared/domain/reference/types.ts';

/** A small builder for references with known outcomes, for the ranking tests. */

export const MONTH = '2026-10';
/** The run on the 1st: 00:30 IST on 1 November 2026. */
export const AS_OF = new Date('2026-11-01T00:30:00+05:30');

export interface RefSpec {
  no?: string;
  district?: string;
  /** null: not at a station (e.g. in triage). */
  station?: string | null;
  channel?: Channel;
  createdAt?: string;
  deadlineAt?: string;
  disposed?: { kind?: 'resolved' | 'closed'; late?: boolean; grade?: Grade; at?: string };
  contacted?: boolean;
  feedback?: { satisfied: boolean; at?: string };
  returnCount?: number;
  reopenCount?: number;
  defaulterAt?: string;
  randomCheck?: 'confirmed' | 'not-confirmed';
  status?: ReferenceStatus;
}

let sequence = 0;

export function aReference(spec: RefSpec = {}): Reference {
  sequence++;
  const district = spec.district ?? 'd1';
  const station = spec.station === undefined ? `${district}-alpha` : spec.station;
  const createdAt = spec.createdAt ?? '2026-10-05T04:30:00.000Z';
  const deadlineAt = spec.deadlineAt ?? '2026-10-20T18:29:59.999Z';
  const disposal = spec.disposed
    ? {
        disposedAt:
          spec.disposed.at ?? (spec.disposed.late ? '2026-10-25T06:00:00.000Z' : '2026-10-15T06:00:00.000Z'),
        kind: spec.disposed.kind ?? 'resolved',
        outcome: 'action-taken',
        grade: spec.disposed.grade ?? 'A',
        remark: 'ok',
        late: spec.disposed.late ?? false,
      }
    : undefined;
  const status: ReferenceStatus = spec.status ?? (disposal ? disposal.kind : 'assigned');
  return {
    referenceNo: spec.no ?? `R${String(sequence).padStart(9, '0')}`,
    version: 1,
    status,
    channel: spec.channel ?? 'portal',
    categoryCode: 'theft',
    description: 'Bicycle stolen',
    complainant: { name: 'Test', mobile: '+919999999999', address: 'Somewhere', language: 'hi' },
    location: { districtCode: district, ...(station ? { stationCode: station } : {}) },
    districtCode: district,
    ...(station ? { stationCode: station } : {}),
    createdAt,
    updatedAt: createdAt,
    deadlineAt,
    trackingSecretHash: 'x',
    ...(spec.disposed || spec.contacted !== undefined
      ? {
          report: {
            submittedAt: '2026-10-14T06:00:00.000Z',
            contacted: spec.contacted ?? true,
            findings: 'f',
            outcome: 'action-taken',
            actionTaken: 'a',
            attachments: [],
            stationCode: station ?? '',
          },
        }
      : {}),
    ...(disposal ? { disposal, disposalCount: 1 + (spec.reopenCount ?? 0) } : {}),
    ...(spec.returnCount !== undefined ? { returnCount: spec.returnCount } : {}),
    ...(spec.reopenCount !== undefined ? { reopenCount: spec.reopenCount } : {}),
    ...(spec.feedback
      ? {
          feedback: {
            at: spec.feedback.at ?? '2026-10-28T06:00:00.000Z',
            satisfied: spec.feedback.satisfied,
            disposalNumber: 1,
          },
        }
      : {}),
    ...(spec.defaulterAt ? { defaulterAt: spec.defaulterAt } : {}),
    ...(spec.randomCheck
      ? {
          randomCheck: {
            drawnAt: '2026-10-26T06:00:00.000Z',
            checkedAt: '2026-10-27T06:00:00.000Z',
            result: spec.randomCheck,
          },
        }
      : {}),
    history: [],
  };
}

/**
 * Station d1-alpha's month, with every outcome known (the expected counts and marks are worked out
 * in ranking.test.ts):
 * r1–r6 on time, resolved, A, contacted, satisfied (r6 was reopened once and disposed again);
 * r7 late, closed, C, not contacted, not satisfied, flagged defaulter; r8 on time, B, contacted,
 * no feedback, returned once; r9 open past its deadline; r10 open, not yet due.
 * r1 and r2 came by the CM helpline, r9 by CM janata darshan; r1's random re-check confirmed, r2's not.
 */
export function alphaMonth(station = 'd1-alpha', district = 'd1'): Reference[] {
  const s = { station, district };
  const good = (extra: Partial<RefSpec> = {}) =>
    aReference({ ...s, disposed: { grade: 'A' }, contacted: true, feedback: { satisfied: true }, ...extra });
  return [
    good({ channel: 'cm-helpline-1076', randomCheck: 'confirmed' }),
    good({ channel: 'cm-helpline-1076', randomCheck: 'not-confirmed' }),
    good(),
    good(),
    good(),
    good({ reopenCount: 1 }),
    aReference({
      ...s,
      disposed: { kind: 'closed', late: true, grade: 'C' },
      contacted: false,
      feedback: { satisfied: false },
      defaulterAt: '2026-10-21T00:00:00.000Z',
    }),
    aReference({ ...s, disposed: { grade: 'B' }, contacted: true, returnCount: 1 }),
    aReference({ ...s, channel: 'cm-janata-darshan' }),
    aReference({ ...s, deadlineAt: '2026-11-15T18:29:59.999Z' }),
  ];
}

/** A perfect month: every reference on time, A, contacted, satisfied, re-check confirmed. */
export function perfectMonth(station: string, district: string, count = 4): Reference[] {
  return Array.from({ length: count }, (_, i) =>
    aReference({
      station,
      district,
      channel: i === 0 ? 'cm-helpline-1076' : 'portal',
      disposed: { grade: 'A' },
      contacted: true,
      feedback: { satisfied: true },
      ...(i === 0 ? { randomCheck: 'confirmed' as const } : {}),
    }),
  );
}

export function feed(accumulator: RankingAccumulator, references: Iterable<Reference>): RankingAccumulator {
  for (const reference of references) accumulator.add(reference);
  return accumulator;
}

/** The same reference with every instant moved by whole days (e.g. −30 for last month's copy). */
export function shiftDays(reference: Reference, days: number): Reference {
  const move = (iso: string) => new Date(Date.parse(iso) + days * 86_400_000).toISOString();
  const shifted: Reference = {
    ...reference,
    createdAt: move(reference.createdAt),
    updatedAt: move(reference.updatedAt),
    deadlineAt: move(reference.deadlineAt),
  };
  if (reference.report)
    shifted.report = { ...reference.report, submittedAt: move(reference.report.submittedAt) };
  if (reference.disposal)
    shifted.disposal = { ...reference.disposal, disposedAt: move(reference.disposal.disposedAt) };
  if (reference.feedback) shifted.feedback = { ...reference.feedback, at: move(reference.feedback.at) };
  if (reference.defaulterAt) shifted.defaulterAt = move(reference.defaulterAt);
  if (reference.randomCheck)
    shifted.randomCheck = {
      ...reference.randomCheck,
      drawnAt: move(reference.randomCheck.drawnAt),
      ...(reference.randomCheck.checkedAt ? { checkedAt: move(reference.randomCheck.checkedAt) } : {}),
    };
  return shifted;
}

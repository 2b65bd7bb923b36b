import { describe, expect, it } from 'vitest';
import { POLICY_V2 } from '../../shared/domain/ranking/default-policy.ts';
import {
  buildSnapshot,
  DEFAULT_POLICY,
  POLICIES,
  PolicyError,
  policyFor,
  RankingAccumulator,
  type ScoringPolicy,
  validatePolicy,
} from '../../shared/domain/ranking/index.ts';
import { rankView } from '../../shared/domain/ranking/rank-view.ts';
import { markDefaulter } from '../../shared/domain/reference/transitions.ts';
import type { HistoryEvent, Reference } from '../../shared/domain/reference/types.ts';
import { holderAtDeadline } from '../../shared/domain/sweep/plan.ts';
import { rankingCsv } from '../../shared/views/exports/csv.ts';
import { AS_OF, aReference, feed, MONTH, perfectMonth } from './ranking-fixtures.ts';

const DISTRICTS = [{ code: 'd1', name: { en: 'D1', hi: 'डी1' } }];
const accumulatorFor = (policy: ScoringPolicy) =>
  new RankingAccumulator({
    month: MONTH,
    asOf: AS_OF,
    priorityChannels: policy.priorityChannels,
    feedbackChannels: policy.feedbackChannels,
    chargeDefaultersToHolder: policy.defaulterCharge?.to === 'holder',
  });
const snapshotOf = (policy: ScoringPolicy, references: Reference[]) =>
  buildSnapshot({
    accumulator: feed(accumulatorFor(policy), references),
    policy,
    districts: DISTRICTS,
    stations: [],
    computedAt: AS_OF,
  });

describe('igrs-140-v2', () => {
  it('is a sound policy: districts on 140 marks over 11 parameters, stations on their own 100 over 11', () => {
    expect(validatePolicy(POLICY_V2)).toBe(POLICY_V2);
    expect(POLICY_V2.parameters).toHaveLength(11);
    expect(POLICY_V2.parameters.reduce((sum, p) => sum + p.maxMarks, 0)).toBe(140);
    expect(POLICY_V2.stations!.parameters).toHaveLength(11);
    expect(POLICY_V2.stations!.parameters.reduce((sum, p) => sum + p.maxMarks, 0)).toBe(100);
    // The formula of a reweighed parameter says its own marks.
    expect(POLICY_V2.stations!.parameters[0]!.formula.en).toMatch(/^marks = 15 × /);
    expect(POLICY_V2.stations!.parameters[0]!.formula.hi).toMatch(/^अंक = 15 × /);
  });

  it('applies from November 2026; October keeps igrs-130-v1', () => {
    expect(policyFor('2026-10', POLICIES).version).toBe('igrs-130-v1');
    expect(policyFor('2026-11', POLICIES).version).toBe('igrs-140-v2');
  });

  it('lists a station below 5 references as not ranked: too few references, with its scorecard', () => {
    const snapshot = snapshotOf(POLICY_V2, [
      ...perfectMonth('d1-tiny', 'd1', 1),
      ...perfectMonth('d1-small', 'd1', 5),
      ...perfectMonth('d1-big', 'd1', 40).map((r, i) =>
        i === 0 ? { ...r, disposal: { ...r.disposal!, late: true } } : r,
      ),
    ]);
    const byCode = Object.fromEntries(snapshot.stations.map((s) => [s.code, s]));
    expect(byCode['d1-tiny']).toMatchObject({
      rank: null,
      districtRank: null,
      group: null,
      notRanked: 'too-few-references',
      score: 100,
    });
    expect(byCode['d1-tiny']!.scorecard).toHaveLength(11);
    // Each ranked in its own volume group: both rank 1 statewide, the larger ahead in the listing.
    expect(byCode['d1-small']).toMatchObject({ rank: 1, group: 'small', notRanked: null, districtRank: 1 });
    expect(byCode['d1-big']).toMatchObject({ rank: 1, group: 'large', notRanked: null, districtRank: 2 });
    expect(snapshot.stations.map((s) => s.code)).toEqual(['d1-big', 'd1-small', 'd1-tiny']);
    // The district has 46 references: ranked (minimum 20).
    expect(snapshot.districts[0]).toMatchObject({ rank: 1, group: 'all', notRanked: null });
    const csv = rankingCsv(snapshot, { level: 'station' }).split('\r\n');
    expect(csv[0]).toMatch(/,max,on-time-disposal,.*,disposal-rate,movement,.*,group,not_ranked$/);
    expect(csv[3]).toMatch(/^,d1-tiny,.*,100\.00,100,.*,,too-few-references$/);
  });

  it('counts feedback by link and by call apart on the scorecard; both count alike in the score', () => {
    const [a, b] = perfectMonth('d1-s', 'd1', 2) as [Reference, Reference];
    const link = { ...a, feedback: { ...a.feedback!, satisfied: false } };
    const call = { ...b, feedback: { ...b.feedback!, satisfied: false, channel: 'call' as const } };
    const snapshot = snapshotOf(POLICY_V2, [link, call]);
    const district = snapshot.districts[0]!;
    expect(district.counts).toMatchObject({
      feedbackReceived: 2,
      unsatisfied: 2,
      feedbackByLink: 1,
      feedbackByCall: 1,
    });
    const satisfaction = district.scorecard.find((p) => p.id === 'satisfaction')!;
    expect(satisfaction).toMatchObject({ marks: 0, counts: { feedbackByLink: 1, feedbackByCall: 1 } });
    expect(satisfaction.reason!.en).toContain('(1 by link, 1 by call)');
    // v1 keeps exactly its counts: no channel keys.
    expect(Object.keys(snapshotOf(DEFAULT_POLICY, [link, call]).districts[0]!.counts)).not.toContain(
      'feedbackByCall',
    );
    expect(rankView(call)!.feedback).toEqual({ at: call.feedback.at, satisfied: false, channel: 'call' });
  });
});

describe('defaulters charged to the unit that held the reference', () => {
  const FLAGGED = '2026-10-21T00:00:00.000Z';
  const flagged = (holder: Reference['defaulterHolder'], extra: Partial<Reference> = {}) => ({
    ...aReference({ station: 'd1-later', district: 'd1', disposed: { grade: 'A' }, defaulterAt: FLAGGED }),
    ...(holder ? { defaulterHolder: holder } : {}),
    ...extra,
  });
  const defaulters = (policy: ScoringPolicy, reference: Reference) => {
    const snapshot = snapshotOf(policy, [reference]);
    return {
      district: snapshot.districts[0]!.counts.defaulters,
      later: snapshot.stations.find((s) => s.code === 'd1-later')?.counts.defaulters ?? 0,
      earlier: snapshot.stations.find((s) => s.code === 'd1-earlier')?.counts.defaulters ?? 0,
    };
  };

  it('flagged in triage: the district (its cell) only, not the station the cell assigned it to', () => {
    // Assigned after the flag: a new deadline, met.
    const reference = flagged(
      { unit: 'district-cell', code: 'd1' },
      { deadlineAt: '2026-11-05T18:29:59.999Z' },
    );
    expect(defaulters(POLICY_V2, reference)).toEqual({ district: 1, later: 0, earlier: 0 });
    // v1 charges the station it is at now, as before.
    expect(defaulters(DEFAULT_POLICY, reference)).toMatchObject({ district: 1, later: 1 });
  });

  it('flagged at one station and transferred: the station that held it, even when the next disposes late', () => {
    const late = flagged({ unit: 'station', code: 'd1-earlier' });
    const reference = { ...late, disposal: { ...late.disposal!, late: true } };
    expect(defaulters(POLICY_V2, reference)).toEqual({ district: 1, later: 0, earlier: 1 });
  });

  it('late on a deadline of its own after the cell assigned it: the station answers for that too', () => {
    const reference = flagged(
      { unit: 'district-cell', code: 'd1' },
      { deadlineAt: '2026-10-23T18:29:59.999Z' },
    );
    const lateAgain = { ...reference, disposal: { ...reference.disposal!, late: true } };
    expect(defaulters(POLICY_V2, lateAgain)).toEqual({ district: 1, later: 1, earlier: 0 });
  });

  it('a flag from before holders were recorded stays with the station it is at', () => {
    expect(defaulters(POLICY_V2, flagged(undefined))).toEqual({ district: 1, later: 1, earlier: 0 });
  });

  it('the sweep records the holder: the cell while in triage or not yet routed, else the station', () => {
    const due = {
      referenceNo: 'R1',
      version: 1,
      districtCode: 'd1',
      categoryCode: 'theft',
      createdAt: FLAGGED,
      deadlineAt: '2026-10-01T00:00:00.000Z',
      history: [] as HistoryEvent[],
    };
    expect(holderAtDeadline({ ...due, status: 'triage' })).toEqual({ unit: 'district-cell', code: 'd1' });
    expect(holderAtDeadline({ ...due, status: 'registered' })).toEqual({ unit: 'district-cell', code: 'd1' });
    expect(holderAtDeadline({ ...due, status: 'assigned', stationCode: 'd1-s' })).toEqual({
      unit: 'station',
      code: 'd1-s',
    });
    const marked = markDefaulter(
      { ...due, status: 'triage' as const },
      { at: new Date(FLAGGED), actor: { role: 'system' }, holder: { unit: 'district-cell', code: 'd1' } },
    );
    expect(marked).toMatchObject({
      defaulterAt: FLAGGED,
      defaulterHolder: { unit: 'district-cell', code: 'd1' },
    });
    expect(marked.history.at(-1)!.details).toMatchObject({ heldBy: 'district-cell:d1' });
  });
});

describe('policy validation of volume rules', () => {
  const withGroups = (groups: unknown) =>
    ({
      ...POLICY_V2,
      ranking: { ...POLICY_V2.ranking!, station: { minimumReferences: 5, groups } },
    }) as ScoringPolicy;

  it('refuses groups that leave a gap, overlap, or end closed', () => {
    expect(() =>
      validatePolicy(
        withGroups([
          { id: 'a', name: { en: 'a', hi: 'a' }, min: 5, max: 9 },
          { id: 'b', name: { en: 'b', hi: 'b' }, min: 11 },
        ]),
      ),
    ).toThrow(PolicyError);
    expect(() =>
      validatePolicy(withGroups([{ id: 'a', name: { en: 'a', hi: 'a' }, min: 5, max: 9 }])),
    ).toThrow(/open-ended/);
    expect(() => validatePolicy(withGroups([{ id: 'a', name: { en: 'a', hi: 'a' }, min: 6 }]))).toThrow(
      /no group holds/,
    );
  });
});

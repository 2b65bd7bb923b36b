import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildSnapshot,
  COUNT_KEYS,
  competitionRanks,
  DEFAULT_POLICY,
  emptyCounts,
  isRankingMonth,
  PolicyError,
  type PreviousStanding,
  policyFor,
  previousMonth,
  RankingAccumulator,
  type RankingSnapshot,
  rankMonth,
  roundTo,
  type ScoringPolicy,
  scoreUnit,
  selectUnits,
  standingOf,
  type UnitResult,
  validatePolicy,
} from '../../shared/domain/ranking/index.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import { istMonth } from '../../shared/domain/time/ist.ts';
import { AS_OF, alphaMonth, aReference, feed, MONTH, perfectMonth } from './ranking-fixtures.ts';

const newAccumulator = (month = MONTH, asOf = AS_OF) =>
  new RankingAccumulator({ month, asOf, priorityChannels: DEFAULT_POLICY.priorityChannels });

const DISTRICTS = [
  { code: 'd1', name: { en: 'District One', hi: 'जनपद एक' } },
  { code: 'd2', name: { en: 'District Two', hi: 'जनपद दो' } },
];
const station = (code: string, districtCode: string) => ({
  code,
  districtCode,
  name: { en: `Station ${code}`, hi: `थाना ${code}` },
});

const marksOf = (unit: UnitResult) => Object.fromEntries(unit.scorecard.map((r) => [r.id, r.marks]));
const find = (units: UnitResult[], code: string) => units.find((u) => u.code === code)!;

function snapshotOf(
  references: Reference[],
  options: {
    month?: string;
    stations?: ReturnType<typeof station>[];
    previous?: PreviousStanding | null;
    policy?: ScoringPolicy;
  } = {},
) {
  const month = options.month ?? MONTH;
  const policy = options.policy ?? DEFAULT_POLICY;
  const accumulator = new RankingAccumulator({
    month,
    asOf: AS_OF,
    priorityChannels: policy.priorityChannels,
  });
  feed(accumulator, references);
  return buildSnapshot({
    accumulator,
    policy,
    districts: DISTRICTS,
    stations: options.stations ?? [],
    previous: options.previous ?? null,
    computedAt: AS_OF,
  });
}

describe('the default policy', () => {
  it('has 10 parameters adding up to 130 marks, every one not-applicable when empty', () => {
    expect(DEFAULT_POLICY.parameters).toHaveLength(10);
    expect(DEFAULT_POLICY.parameters.reduce((sum, p) => sum + p.maxMarks, 0)).toBe(130);
    expect(DEFAULT_POLICY.totalMarks).toBe(130);
    for (const p of DEFAULT_POLICY.parameters) {
      expect(p.whenEmpty.rule).toBe('not-applicable');
      expect(p.name.hi).not.toBe(p.name.en);
      expect(p.formula.hi).toMatch(/अंक/);
    }
    expect(() => validatePolicy(DEFAULT_POLICY)).not.toThrow();
  });

  it('is chosen for a month by the latest effectiveFrom on or before it', () => {
    const v2: ScoringPolicy = { ...DEFAULT_POLICY, version: 'igrs-130-v2', effectiveFrom: '2026-11' };
    const policies = [v2, DEFAULT_POLICY];
    expect(policyFor('2026-10', policies).version).toBe('igrs-130-v1');
    expect(policyFor('2026-11', policies).version).toBe('igrs-130-v2');
    expect(policyFor('2027-03', policies).version).toBe('igrs-130-v2');
    expect(() => policyFor('2023-04', policies)).toThrow(PolicyError);
    expect(() => policyFor('2026-13', policies)).toThrow(PolicyError);
    expect(() => policyFor('2026-11', [v2, { ...v2, version: 'other' }])).toThrow(/both start/);
    expect(isRankingMonth('2026-10')).toBe(true);
    for (const bad of ['2026-00', '2026-1', '2026-10#x', '26-10', '2026-10 '])
      expect(isRankingMonth(bad)).toBe(false);
  });

  it('rejects a policy whose marks do not add up, or that names an unknown count', () => {
    expect(() => validatePolicy({ ...DEFAULT_POLICY, totalMarks: 125 })).toThrow(/add up to 130/);
    const [first, ...rest] = DEFAULT_POLICY.parameters;
    expect(() =>
      validatePolicy({
        ...DEFAULT_POLICY,
        parameters: [{ ...first!, deduction: { en: '{nonsense}', hi: 'x' } }, ...rest],
      }),
    ).toThrow(/unknown placeholder \{nonsense\}/);
    expect(() =>
      validatePolicy({
        ...DEFAULT_POLICY,
        parameters: [
          { ...first!, measure: { kind: 'share', numerator: 'nope' as never, denominator: 'due' } },
          ...rest,
        ],
      }),
    ).toThrow(/unknown count nope/);
    expect(() => validatePolicy({ ...DEFAULT_POLICY, version: 'has#hash' })).toThrow(/version/);
  });
});

describe('counting a month of references with known outcomes', () => {
  const accumulator = feed(newAccumulator(), alphaMonth());
  const counts = accumulator.counts('station', 'd1-alpha')!;

  it('counts every raw figure', () => {
    expect(counts).toEqual({
      ...emptyCounts(),
      references: 10,
      due: 9,
      disposed: 8,
      onTime: 7,
      late: 1,
      pendingOverdue: 1,
      pendingNotDue: 1,
      defaulters: 2,
      disposedOnce: 8,
      graded: 8,
      gradeA: 6,
      gradeB: 1,
      gradeC: 1,
      contacted: 7,
      feedbackReceived: 7,
      satisfied: 6,
      unsatisfied: 1,
      reviewed: 8,
      returned: 1,
      reopened: 1,
      randomChecked: 2,
      randomConfirmed: 1,
      randomNotConfirmed: 1,
      priorityReferences: 3,
      priorityDue: 3,
      priorityOnTime: 2,
      resolved: 7,
      closed: 1,
    });
    // The district sees the same references.
    expect(accumulator.counts('district', 'd1')).toEqual(counts);
  });

  it('gives every parameter the marks its formula says, and says why marks were lost', () => {
    const unit = scoreUnit(DEFAULT_POLICY, counts);
    const byId = Object.fromEntries(unit.scorecard.map((r) => [r.id, r]));
    expect(Object.fromEntries(unit.scorecard.map((r) => [r.id, r.marks]))).toEqual({
      'on-time-disposal': 15.56, // 20 × 7/9
      defaulters: 1.67, // 15 × (1 − 4 × 2/9)
      grades: 17, // 20 × (6 + 0.8) / 8
      contact: 13.13, // 15 × 7/8 = 13.125
      satisfaction: 12.86, // 15 × 6/7
      'feedback-coverage': 10, // 7/8 = 87.5% ≥ 80%
      returns: 7.5, // 10 × (1 − 2 × 1/8)
      reopened: 7.5, // 10 × (1 − 2 × 1/8)
      'random-check': 2.5, // 5 − 2.5 × 1
      'priority-channels': 6.67, // 10 × 2/3
    });
    expect(unit.earned).toBe(94.39);
    expect(unit.measurableMax).toBe(130);
    expect(unit.score).toBe(94.39);

    expect(byId['on-time-disposal']!.reason).toEqual({
      en: '2 of 9 due references were not disposed within the deadline (77.8% on time): −4.44 marks',
      hi: '9 देय सन्दर्भों में से 2 का निस्तारण समय-सीमा में नहीं हुआ (77.8% समय पर): −4.44 अंक',
    });
    expect(byId.defaulters!.reason!.en).toBe('2 of 9 due references became defaulters (22.2%): −13.33 marks');
    expect(byId.grades!.reason!.en).toBe('1 C and 1 B grades among 8 graded disposals (6 A): −3.00 marks');
    expect(byId.grades!.counts).toEqual({ gradeA: 6, gradeB: 1, gradeC: 1, graded: 8 });
    expect(byId['random-check']!.reason!.hi).toContain('2 रैंडम पुनः सत्यापनों में से 1');
    expect(byId['feedback-coverage']!.reason).toBeNull();
    for (const result of unit.scorecard) {
      expect(result.lost).toBe(roundTo(result.max - (result.marks ?? result.max), 2));
      if (result.lost > 0) expect(result.reason?.hi).toMatch(/अंक$/);
    }
  });

  it('judges a reopened reference on time by its disposal, and open past the deadline as a defaulter', () => {
    // Disposed on time on 15 Oct, the complainant unhappy on 28 Oct: reopened, with the supervisor again.
    const reopened = aReference({
      disposed: { grade: 'B' },
      contacted: true,
      feedback: { satisfied: false },
      reopenCount: 1,
      status: 'reopened',
    });
    const c = feed(newAccumulator(), [reopened]).counts('station', 'd1-alpha')!;
    expect(c).toMatchObject({
      due: 1,
      onTime: 1,
      disposed: 0,
      disposedOnce: 1,
      reopened: 1,
      pendingOverdue: 1,
      defaulters: 1,
      graded: 1,
      gradeB: 1,
      unsatisfied: 1,
      resolved: 0,
      closed: 0,
    });
  });

  it('treats what happened after the cut-off as not yet happened', () => {
    const early = new Date('2026-10-18T00:00:00+05:30');
    const acc = feed(newAccumulator(MONTH, early), alphaMonth());
    const c = acc.counts('station', 'd1-alpha')!;
    // Disposals dated 15 Oct count; the late one (25 Oct) has not happened; no deadline (20 Oct) has passed.
    expect(c.disposed).toBe(7);
    expect(c.due).toBe(7);
    expect(c.pendingNotDue).toBe(3);
    expect(c.feedbackReceived).toBe(0);
    expect(c.randomChecked).toBe(0);
    expect(c.defaulters).toBe(0);
  });
});

describe('nothing to measure', () => {
  it('leaves a unit without references unranked, neither zero nor full marks', () => {
    const snapshot = snapshotOf([], { stations: [station('d1-quiet', 'd1')] });
    const quiet = find(snapshot.stations, 'd1-quiet');
    expect(quiet.counts.references).toBe(0);
    expect(quiet.score).toBeNull();
    expect(quiet.rank).toBeNull();
    expect(quiet.districtRank).toBeNull();
    expect(quiet.movement.status).toBe('unranked');
    expect(quiet.scorecard.every((r) => !r.applicable && r.marks === null)).toBe(true);
    expect(quiet.scorecard[0]!.reason!.en).toBe(
      'Not applicable: no reference was due by the cut-off (all still within their time limit)',
    );
    expect(find(snapshot.districts, 'd1').rank).toBeNull();
  });

  it('leaves a unit whose references are all still within time unranked', () => {
    const snapshot = snapshotOf([aReference({ station: 'd1-new', deadlineAt: '2026-11-20T18:29:59.999Z' })]);
    expect(find(snapshot.stations, 'd1-new').score).toBeNull();
  });

  it('scores a unit that disposed nothing of what fell due at zero, on what could be measured', () => {
    const unit = scoreUnit(DEFAULT_POLICY, {
      ...emptyCounts(),
      references: 3,
      due: 3,
      pendingOverdue: 3,
      defaulters: 3,
    });
    expect(unit.measurableMax).toBe(35);
    expect(unit.earned).toBe(0);
    expect(unit.score).toBe(0);
    expect(unit.scorecard.filter((r) => r.applicable).map((r) => r.id)).toEqual([
      'on-time-disposal',
      'defaulters',
    ]);
  });

  it('re-scales to 130 over the measurable parameters: no feedback yet is not a zero', () => {
    // Perfect, but no random check, no priority reference and no feedback answered yet.
    const references = [1, 2, 3, 4].map(() => aReference({ disposed: { grade: 'A' }, contacted: true }));
    const unit = scoreUnit(DEFAULT_POLICY, feed(newAccumulator(), references).counts('station', 'd1-alpha')!);
    const byId = Object.fromEntries(unit.scorecard.map((r) => [r.id, r]));
    expect(byId.satisfaction!.applicable).toBe(false);
    expect(byId['random-check']!.applicable).toBe(false);
    expect(byId['priority-channels']!.applicable).toBe(false);
    // Coverage is measurable (there were disposals) and is zero: asking for feedback is the unit's job.
    expect(byId['feedback-coverage']!.marks).toBe(0);
    expect(unit.measurableMax).toBe(100);
    expect(unit.earned).toBe(90);
    expect(unit.score).toBe(117);
  });

  it("follows a policy's 'full' and 'zero' empty rules", () => {
    const parameters = DEFAULT_POLICY.parameters.map((p) =>
      p.id === 'random-check'
        ? { ...p, whenEmpty: { ...p.whenEmpty, rule: 'full' as const } }
        : p.id === 'priority-channels'
          ? { ...p, whenEmpty: { ...p.whenEmpty, rule: 'zero' as const } }
          : p,
    );
    const policy = validatePolicy({ ...DEFAULT_POLICY, version: 'rules', parameters });
    const unit = scoreUnit(policy, { ...emptyCounts(), references: 1, due: 1, onTime: 1, disposed: 1 });
    const byId = Object.fromEntries(unit.scorecard.map((r) => [r.id, r]));
    expect(byId['random-check']!.marks).toBe(5);
    expect(byId['priority-channels']!.marks).toBe(0);
    expect(byId['priority-channels']!.reason!.en).toBe(
      'no CM helpline or CM janata darshan reference was due',
    );
  });
});

describe('the IST month boundary', () => {
  const at2359 = '2026-10-31T18:29:00.000Z'; // 23:59 IST, 31 October
  const atMidnight = '2026-10-31T18:30:00.000Z'; // 00:00 IST, 1 November

  it('puts a reference filed at 23:59 IST on the 31st in October and one at 00:00 IST on the 1st in November', () => {
    expect(istMonth(new Date(at2359))).toBe('2026-10');
    expect(istMonth(new Date(atMidnight))).toBe('2026-11');
    const october = newAccumulator('2026-10');
    expect(october.add(aReference({ createdAt: at2359 }))).toBe('counted');
    expect(october.add(aReference({ createdAt: atMidnight }))).toBe('outside-month');
    expect(october.stats).toEqual({ read: 2, counted: 1, outsideMonth: 1 });
    expect(october.counts('district', 'd1')!.references).toBe(1);

    const november = newAccumulator('2026-11', new Date('2026-12-01T00:30:00+05:30'));
    expect(november.add(aReference({ createdAt: at2359 }))).toBe('outside-month');
    expect(november.add(aReference({ createdAt: atMidnight }))).toBe('counted');
  });
});

describe('ranks', () => {
  it('share a rank on a tie: three at rank 1 put the next at 4', () => {
    const references = [
      ...perfectMonth('d1-a', 'd1'),
      ...perfectMonth('d1-b', 'd1'),
      ...perfectMonth('d2-c', 'd2'),
      ...perfectMonth('d2-d', 'd2', 3),
      aReference({ station: 'd2-d', district: 'd2', disposed: { grade: 'C' }, contacted: true }),
    ];
    const snapshot = snapshotOf(references);
    expect(snapshot.stations.map((u) => [u.code, u.score, u.rank])).toEqual([
      ['d1-a', 130, 1],
      ['d1-b', 130, 1],
      ['d2-c', 130, 1],
      ['d2-d', expect.any(Number), 4],
    ]);
    expect(find(snapshot.stations, 'd2-d').score!).toBeLessThan(130);
    // Within districts: d1's two stations share 1; in d2, c is 1 and d is 2.
    expect(
      selectUnits(snapshot, { level: 'station', district: 'd2' }).map((u) => [u.code, u.districtRank]),
    ).toEqual([
      ['d2-c', 1],
      ['d2-d', 2],
    ]);
    expect(snapshot.districts.map((u) => [u.code, u.rank])).toEqual([
      ['d1', 1],
      ['d2', 2],
    ]);
  });

  it('compares scores rounded to the policy decimals', () => {
    const items = [130, 129.996, 129.994, 129.99];
    const ranks = competitionRanks(items, (x) => x, 2);
    expect(items.map((x) => ranks.get(x))).toEqual([1, 1, 3, 3]);
    const exact = competitionRanks(items, (x) => x, 3);
    expect(items.map((x) => exact.get(x))).toEqual([1, 2, 3, 4]);
  });

  it('are a valid competition ranking of the totals for any scores', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.option(
            fc.oneof(fc.double({ min: 0, max: 130, noNaN: true }), fc.constantFrom(0, 65, 100, 130)),
            { freq: 8 },
          ),
          { maxLength: 80 },
        ),
        fc.integer({ min: 0, max: 3 }),
        (scores, decimals) => {
          const items = scores.map((score, index) => ({ index, score }));
          const ranks = competitionRanks(items, (i) => i.score, decimals);
          const key = (s: number) => roundTo(s, decimals);
          for (const item of items) {
            const rank = ranks.get(item);
            if (item.score === null) {
              expect(rank).toBeNull();
              continue;
            }
            const better = items.filter((o) => o.score !== null && key(o.score) > key(item.score!)).length;
            expect(rank).toBe(better + 1);
            for (const other of items)
              if (other.score !== null && key(other.score) === key(item.score))
                expect(ranks.get(other)).toBe(rank);
          }
        },
      ),
    );
  });
});

describe('movement and streaks', () => {
  const stations = [station('d1-a', 'd1'), station('d1-b', 'd1'), station('d2-c', 'd2')];
  const revise = (draft: ReturnType<typeof snapshotOf>, revision = 1): RankingSnapshot => ({
    ...draft,
    revision,
  });
  const septemberRefs = (month: string) => [
    ...perfectMonth('d1-a', 'd1').map((r) => ({ ...r, createdAt: `${month}-05T04:30:00.000Z` })),
    ...alphaMonth('d1-b', 'd1').map((r) => ({ ...r, createdAt: `${month}-05T04:30:00.000Z` })),
  ];

  it("marks every unit new when there is no last month, and counts 'second month in a row'", () => {
    const september = revise(snapshotOf(septemberRefs('2026-09'), { month: '2026-09', stations }));
    const a9 = find(september.stations, 'd1-a');
    expect(a9.rank).toBe(1);
    expect(a9.movement).toEqual({ status: 'new', previousRank: null, change: null });
    expect(a9.streak).toBe(1);
    expect(find(september.stations, 'd1-b').streak).toBe(0);
    expect(find(september.stations, 'd2-c').movement.status).toBe('unranked');
    expect(september.previous).toBeNull();

    // October: b becomes perfect too (shares rank 1), a stays, c appears.
    const october = revise(
      snapshotOf(
        [...perfectMonth('d1-a', 'd1'), ...perfectMonth('d1-b', 'd1'), ...alphaMonth('d2-c', 'd2')],
        { stations, previous: standingOf(september) },
      ),
      2,
    );
    expect(october.previous).toEqual({ month: '2026-09', policyVersion: 'igrs-130-v1', revision: 1 });
    const a10 = find(october.stations, 'd1-a');
    const b10 = find(october.stations, 'd1-b');
    const c10 = find(october.stations, 'd2-c');
    expect(a10.streak).toBe(2);
    expect(a10.movement).toEqual({ status: 'same', previousRank: 1, change: 0 });
    expect(b10.streak).toBe(1);
    expect(b10.movement).toEqual({ status: 'up', previousRank: 2, change: 1 });
    expect(c10.movement.status).toBe('new');
    expect(c10.rank).toBe(3);
    expect(find(october.districts, 'd1').streak).toBe(2);

    // November: a slips below b.
    const november = snapshotOf(
      [...alphaMonth('d1-a', 'd1'), ...perfectMonth('d1-b', 'd1')].map((r) => ({
        ...r,
        createdAt: '2026-11-05T04:30:00.000Z',
      })),
      { month: '2026-11', stations, previous: standingOf(october) },
    );
    const a11 = find(november.stations, 'd1-a');
    expect(a11.movement).toEqual({ status: 'down', previousRank: 1, change: -1 });
    expect(a11.streak).toBe(0);
    expect(find(november.stations, 'd1-b').streak).toBe(2);
    expect(a11.districtMovement).toEqual({ status: 'down', previousRank: 1, change: -1 });
  });

  it('ignores a standing that is not the month just before (a gap breaks the streak)', () => {
    const july = revise(snapshotOf(septemberRefs('2026-07'), { month: '2026-07', stations }));
    const september = snapshotOf(septemberRefs('2026-09'), {
      month: '2026-09',
      stations,
      previous: standingOf(july),
    });
    expect(september.previous).toBeNull();
    expect(find(september.stations, 'd1-a').streak).toBe(1);
    expect(find(september.stations, 'd1-a').movement.status).toBe('new');
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-10')).toBe('2026-09');
  });
});

describe('units outside master data, and district totals', () => {
  it('ranks a district on all its references, including those not at a station', () => {
    const snapshot = snapshotOf([
      ...perfectMonth('d1-a', 'd1'),
      aReference({ station: null, district: 'd1' }),
    ]);
    const d1 = find(snapshot.districts, 'd1');
    expect(d1.counts.references).toBe(5);
    expect(d1.counts.pendingOverdue).toBe(1);
    expect(d1.score!).toBeLessThan(find(snapshot.stations, 'd1-a').score!);
    // A station counted but missing from master data still appears, under its code.
    expect(find(snapshot.stations, 'd1-a').name).toEqual({ en: 'd1-a', hi: 'd1-a' });
  });
});

describe('memory', () => {
  function* generated(count: number): Generator<Reference> {
    for (let i = 0; i < count; i++) {
      const district = `d${i % 3}`;
      yield aReference({
        district,
        station: `${district}-s${i % 5}`,
        channel: i % 7 === 0 ? 'cm-helpline-1076' : 'portal',
        ...(i % 4 === 0
          ? {}
          : { disposed: { grade: (['A', 'B', 'C'] as const)[i % 3]!, late: i % 9 === 0 } }),
        contacted: i % 2 === 0,
        ...(i % 3 === 0 ? { feedback: { satisfied: i % 6 === 0 } } : {}),
      });
    }
  }

  it('keeps state per unit, not per reference: 5,000 and 50,000 references hold the same', async () => {
    const small = newAccumulator();
    await small.addAll(generated(5_000));
    const large = newAccumulator();
    await large.addAll(generated(50_000));
    expect(large.stats.counted).toBe(50_000);
    // 3 districts + 15 stations.
    expect(large.unitCount).toBe(18);
    expect(large.stateSize).toBe(18 * COUNT_KEYS.length);
    expect(large.stateSize).toBe(small.stateSize);
    let total = 0;
    for (const unit of large.units()) if (unit.level === 'district') total += unit.counts.references;
    expect(total).toBe(50_000);
  });

  it('merges accumulators counted apart', () => {
    const whole = feed(newAccumulator(), [...alphaMonth(), ...perfectMonth('d2-x', 'd2')]);
    const parts = feed(newAccumulator(), alphaMonth()).merge(
      feed(newAccumulator(), perfectMonth('d2-x', 'd2')),
    );
    expect(parts.counts('district', 'd1')).toEqual(whole.counts('district', 'd1'));
    expect(parts.counts('station', 'd2-x')).toEqual(whole.counts('station', 'd2-x'));
    expect(parts.stats).toEqual(whole.stats);
    expect(() => parts.merge(newAccumulator('2026-09'))).toThrow();
  });
});

describe('rankMonth', () => {
  it('reads each district through the reader, reports progress and picks the policy by month', async () => {
    const byDistrict: Record<string, Reference[]> = {
      d1: alphaMonth(),
      d2: perfectMonth('d2-x', 'd2'),
    };
    const progress: number[] = [];
    const read = async function* (district: string, month: string) {
      expect(month).toBe(MONTH);
      for (const reference of byDistrict[district] ?? []) yield reference;
    };
    const draft = await rankMonth({
      month: MONTH,
      asOf: AS_OF,
      districts: DISTRICTS,
      stations: [station('d1-alpha', 'd1'), station('d2-x', 'd2')],
      read,
      onProgress: (p) => progress.push(p.referencesRead),
    });
    expect(progress).toEqual([10, 14]);
    expect(draft.policy.version).toBe('igrs-130-v1');
    expect(draft.stats).toMatchObject({ read: 14, counted: 14, districts: 2, stations: 2 });
    expect(draft.districts.map((d) => d.code)).toEqual(['d2', 'd1']);
    expect(marksOf(find(draft.stations, 'd1-alpha'))['on-time-disposal']).toBe(15.56);
  });
});

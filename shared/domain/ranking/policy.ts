import type { Bilingual } from '../language.ts';
import { CHANNELS, type Channel } from '../reference/types.ts';
import { type CountKey, countOf, isCountKey, type RawCounts } from './counts.ts';

/**
 * A scoring policy is data: parameters, marks and rules, versioned by the month it takes effect,
 * because the real scheme changes (125, 130 and 140 marks; 9 and then 10 parameters have all been
 * reported). A month is scored under the policy with the latest `effectiveFrom` on or before it.
 */

/** How a parameter turns raw counts into marks. `n` is the numerator count, `d` the denominator count. */
export type Measure =
  /** marks = max × min(1, (n ÷ d) ÷ fullAt); fullAt defaults to 1 (full marks only at 100%). */
  | { kind: 'share'; numerator: CountKey; denominator: CountKey; fullAt?: number }
  /** marks = max × max(0, 1 − factor × n ÷ d): each 1% of n costs factor% of the marks. */
  | { kind: 'deduction-by-share'; numerator: CountKey; denominator: CountKey; factor: number }
  /** marks = max(0, max − perCount × n); d only decides whether there is anything to measure. */
  | { kind: 'deduction-per-count'; numerator: CountKey; denominator: CountKey; perCount: number }
  /** marks = max × min(1, Σ weight × count ÷ d), e.g. grades A = 1, B = 0.8, C = 0. */
  | { kind: 'weighted'; weights: Partial<Record<CountKey, number>>; denominator: CountKey };

/**
 * What a parameter scores when its denominator is zero (nothing to measure):
 * - `not-applicable`: no marks and left out of the unit's measurable maximum (the default policy's
 *   choice for every parameter: see `DEFAULT_POLICY`);
 * - `full` / `zero`: full or no marks, counted in the maximum (kept for policies that want them).
 */
export type EmptyRule = 'not-applicable' | 'full' | 'zero';

export interface ParameterDefinition {
  /** Stable, also the CSV column name. */
  id: string;
  name: Bilingual;
  /** The formula in words, printed in the report. */
  formula: Bilingual;
  maxMarks: number;
  measure: Measure;
  whenEmpty: {
    rule: EmptyRule;
    /** When there is nothing to measure, as a unit's scorecard says it. */
    when: Bilingual;
  };
  /**
   * The reason printed when marks fall short of the maximum. Placeholders: any count key in braces
   * ({due}, {gradeC}, ...), {shortfall} (d − n), {percent} (n ÷ d, or the weighted ratio, in %),
   * {lost} (marks lost), {marks}, {max}.
   */
  deduction: Bilingual;
}

/** A band of monthly volume (references filed at the unit in the month) units are ranked within. */
export interface VolumeGroup {
  /** Stable slug, shown in exports. */
  id: string;
  name: Bilingual;
  /** References filed in the month, at least. */
  min: number;
  /** And at most (open-ended when absent). */
  max?: number;
}

/**
 * How one level (districts or stations) is ranked beyond scoring: a unit with fewer references than
 * `minimumReferences` is listed "not ranked: too few references" with its scorecard, and the others
 * are ranked within the volume group their month's references put them in (CPGRAMS groups units by
 * volume and ranks within each group). One group covering every volume ranks them all together.
 */
export interface LevelRanking {
  minimumReferences: number;
  groups: readonly VolumeGroup[];
}

/** Stations scored on their own scale and parameters (UP police HQ ranks thanas on 100 marks). */
export interface StationScoring {
  name: Bilingual;
  totalMarks: number;
  parameters: readonly ParameterDefinition[];
}

export interface ScoringPolicy {
  /** Goes into DynamoDB keys and file names: letters, digits, '.', '_' and '-' only. */
  version: string;
  /** First ranking month (yyyy-mm, IST) this policy applies to. */
  effectiveFrom: string;
  name: Bilingual;
  /** The scale every unit's score is reported on; the parameters' maxima add up to it. */
  totalMarks: number;
  /** Channels whose references the priority parameter follows separately. */
  priorityChannels: readonly Channel[];
  parameters: readonly ParameterDefinition[];
  /** How parameters with nothing to measure enter a unit's score, in words for the report. */
  emptyRule: Bilingual;
  /** Ties: scores equal when rounded to `decimals` share a rank (standard competition ranking). */
  ties: { decimals: number; rule: Bilingual };
  /**
   * Stations' own scale and parameters; absent: stations are scored as districts are (igrs-130-v1).
   * The fields below are all optional so that a policy without them (the shipped igrs-130-v1) stays
   * exactly what it was, and its months recompute to the same bytes.
   */
  stations?: StationScoring;
  /** Minimum volume and volume groups per level, with the rule in words; absent: every unit with a score ranks. */
  ranking?: { district: LevelRanking; station: LevelRanking; rule: Bilingual };
  /**
   * Who a defaulter flag counts against. 'holder': the unit that held the reference when the sweep
   * flagged it (the district cell while in triage, else that station); absent: the station the
   * reference is at when counted.
   */
  defaulterCharge?: { to: 'holder'; rule: Bilingual };
  /** Scorecards also count feedback by channel (signed link, telephone call); both score alike. */
  feedbackChannels?: boolean;
}

/** The parameters a level is scored on. */
export const parametersFor = (policy: ScoringPolicy, level: 'district' | 'station') =>
  (level === 'station' && policy.stations?.parameters) || policy.parameters;

/** The scale a level is reported on. */
export const totalMarksFor = (policy: ScoringPolicy, level: 'district' | 'station') =>
  (level === 'station' && policy.stations?.totalMarks) || policy.totalMarks;

export class PolicyError extends Error {
  override name = 'PolicyError';
}

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;
const TEMPLATE_WORDS = new Set(['shortfall', 'percent', 'lost', 'marks', 'max']);
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A ranking month as URLs and keys carry it: 'yyyy-mm'. Check before using one from a request. */
export const isRankingMonth = (value: string): boolean => MONTH.test(value);
const VERSION = /^[A-Za-z0-9._-]{1,40}$/;

function measureKeys(measure: Measure): CountKey[] {
  return measure.kind === 'weighted'
    ? [...(Object.keys(measure.weights) as CountKey[]), measure.denominator]
    : [measure.numerator, measure.denominator];
}

/** The count keys a parameter reads or names, in a stable order: what its scorecard row shows. */
export function parameterCountKeys(parameter: ParameterDefinition): CountKey[] {
  const keys = new Set<CountKey>(measureKeys(parameter.measure));
  for (const text of [parameter.deduction.en, parameter.deduction.hi]) {
    for (const [, name] of text.matchAll(PLACEHOLDER)) if (name && isCountKey(name)) keys.add(name);
  }
  return [...keys];
}

function validateParameters(
  parameters: readonly ParameterDefinition[],
  totalMarks: number,
  fail: (message: string) => never,
): void {
  const ids = new Set<string>();
  let total = 0;
  for (const parameter of parameters) {
    if (!/^[a-z][a-z0-9-]*$/.test(parameter.id))
      fail(`parameter id ${parameter.id} must be a lowercase slug`);
    if (ids.has(parameter.id)) fail(`parameter ${parameter.id} appears twice`);
    ids.add(parameter.id);
    if (!(parameter.maxMarks > 0 && Number.isFinite(parameter.maxMarks)))
      fail(`${parameter.id}: maxMarks must be positive`);
    total += parameter.maxMarks;
    for (const key of measureKeys(parameter.measure))
      if (!isCountKey(key)) fail(`${parameter.id}: unknown count ${key}`);
    const m = parameter.measure;
    if (m.kind === 'share' && m.fullAt !== undefined && !(m.fullAt > 0 && m.fullAt <= 1))
      fail(`${parameter.id}: fullAt must be in (0, 1]`);
    if (m.kind === 'deduction-by-share' && !(m.factor > 0)) fail(`${parameter.id}: factor must be positive`);
    if (m.kind === 'deduction-per-count' && !(m.perCount > 0))
      fail(`${parameter.id}: perCount must be positive`);
    for (const text of [parameter.deduction.en, parameter.deduction.hi]) {
      for (const [, name] of text.matchAll(PLACEHOLDER))
        if (!name || !(isCountKey(name) || TEMPLATE_WORDS.has(name)))
          fail(`${parameter.id}: unknown placeholder {${name}}`);
    }
  }
  if (parameters.length === 0) fail('no parameters');
  if (Math.abs(total - totalMarks) > 1e-9)
    fail(`parameters add up to ${total}, not totalMarks ${totalMarks}`);
}

/** Throws a PolicyError naming the first thing wrong; returns the policy when it is sound. */
export function validatePolicy(policy: ScoringPolicy): ScoringPolicy {
  const fail = (message: string): never => {
    throw new PolicyError(`Policy ${policy.version}: ${message}`);
  };
  if (!VERSION.test(policy.version)) fail('version must be 1-40 of [A-Za-z0-9._-]');
  if (!MONTH.test(policy.effectiveFrom)) fail(`effectiveFrom ${policy.effectiveFrom} is not yyyy-mm`);
  if (!(Number.isInteger(policy.ties.decimals) && policy.ties.decimals >= 0 && policy.ties.decimals <= 6))
    fail('ties.decimals must be an integer 0-6');
  for (const channel of policy.priorityChannels)
    if (!CHANNELS.includes(channel)) fail(`unknown priority channel ${channel}`);
  validateParameters(policy.parameters, policy.totalMarks, fail);
  if (policy.stations) {
    if (!(policy.stations.totalMarks > 0)) fail('stations.totalMarks must be positive');
    validateParameters(policy.stations.parameters, policy.stations.totalMarks, (m) => fail(`stations: ${m}`));
  }
  if (policy.ranking) {
    for (const level of ['district', 'station'] as const) {
      const rules = policy.ranking[level];
      const where = (m: string) => fail(`ranking.${level}: ${m}`);
      if (!(Number.isInteger(rules.minimumReferences) && rules.minimumReferences >= 1))
        where('minimumReferences must be a whole number from 1');
      if (rules.groups.length === 0) where('at least one volume group');
      const sorted = [...rules.groups].sort((a, b) => a.min - b.min);
      const groupIds = new Set<string>();
      sorted.forEach((group, index) => {
        if (!/^[a-z][a-z0-9-]*$/.test(group.id)) where(`group id ${group.id} must be a lowercase slug`);
        if (groupIds.has(group.id)) where(`group ${group.id} appears twice`);
        groupIds.add(group.id);
        if (!(Number.isInteger(group.min) && group.min >= 0))
          where(`group ${group.id}: min must be a whole number`);
        if (group.max !== undefined && !(Number.isInteger(group.max) && group.max >= group.min))
          where(`group ${group.id}: max must be a whole number from min`);
        const next = sorted[index + 1];
        if (next && group.max === undefined) where(`group ${group.id} is open-ended but ${next.id} follows`);
        if (next && group.max !== undefined && next.min !== group.max + 1)
          where(`groups ${group.id} and ${next.id} must meet (${group.max} then ${group.max + 1})`);
        if (!next && group.max !== undefined) where(`the last group (${group.id}) must be open-ended`);
      });
      if (sorted[0] && sorted[0].min > rules.minimumReferences)
        where(`no group holds a unit of ${rules.minimumReferences} references`);
    }
  }
  return policy;
}

/**
 * The policy for a ranking month: the one with the latest effectiveFrom on or before it. Throws
 * when every policy starts later, or when two share an effectiveFrom (the choice would be a guess).
 */
export function policyFor(month: string, policies: readonly ScoringPolicy[]): ScoringPolicy {
  if (!MONTH.test(month)) throw new PolicyError(`Not a month (yyyy-mm): ${month}`);
  let chosen: ScoringPolicy | undefined;
  for (const policy of policies) {
    if (policy.effectiveFrom > month) continue;
    if (chosen && policy.effectiveFrom === chosen.effectiveFrom)
      throw new PolicyError(
        `Policies ${chosen.version} and ${policy.version} both start ${policy.effectiveFrom}`,
      );
    if (!chosen || policy.effectiveFrom > chosen.effectiveFrom) chosen = policy;
  }
  if (!chosen) throw new PolicyError(`No scoring policy in effect for ${month}`);
  return chosen;
}

/** Fills a deduction template. Unknown placeholders are left as written (validatePolicy rejects them). */
export function fillTemplate(
  template: string,
  counts: Readonly<RawCounts>,
  values: { shortfall: number; percent: string; lost: string; marks: string; max: string },
): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    if (isCountKey(name)) return String(countOf(counts, name));
    if (name in values) return String(values[name as keyof typeof values]);
    return whole;
  });
}

import type { Bilingual } from '../language.ts';
import { type CountKey, countOf, type RawCounts } from './counts.ts';
import {
  fillTemplate,
  type ParameterDefinition,
  parameterCountKeys,
  parametersFor,
  type ScoringPolicy,
  totalMarksFor,
} from './policy.ts';

/** Rounds half away from zero at `decimals`, steady against binary noise (0.285 → 0.29). */
export function roundTo(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  const rounded = Math.round(Number(scaled.toPrecision(12))) / factor;
  return Math.sign(value) * rounded || 0;
}

/** One parameter on one unit's scorecard: what was counted, what it earned and why it lost any. */
export interface ParameterResult {
  id: string;
  /** The raw counts this parameter reads or names. */
  counts: Partial<Record<CountKey, number>>;
  numerator: number;
  denominator: number;
  /** n ÷ d (or the weighted ratio); null when there was nothing to measure. */
  ratio: number | null;
  applicable: boolean;
  /** Rounded to 2 decimals; null when not applicable. */
  marks: number | null;
  max: number;
  /** max − marks when applicable, else 0. */
  lost: number;
  /** Why marks were lost, or why the parameter was not applicable; null at full marks. */
  reason: Bilingual | null;
}

const NOT_APPLICABLE: Bilingual = { en: 'Not applicable: ', hi: 'लागू नहीं: ' };

function numeratorOf(parameter: ParameterDefinition, counts: Readonly<RawCounts>): number {
  const m = parameter.measure;
  if (m.kind !== 'weighted') return countOf(counts, m.numerator);
  let sum = 0;
  for (const [key, weight] of Object.entries(m.weights))
    sum += (weight ?? 0) * countOf(counts, key as CountKey);
  return sum;
}

export function scoreParameter(parameter: ParameterDefinition, counts: Readonly<RawCounts>): ParameterResult {
  const m = parameter.measure;
  const max = parameter.maxMarks;
  const shown: Partial<Record<CountKey, number>> = {};
  for (const key of parameterCountKeys(parameter)) shown[key] = countOf(counts, key);
  const numerator = numeratorOf(parameter, counts);
  const denominator = countOf(counts, m.denominator);
  const base = { id: parameter.id, counts: shown, numerator: roundTo(numerator, 4), denominator, max };

  if (denominator === 0) {
    const rule = parameter.whenEmpty.rule;
    if (rule === 'not-applicable') {
      return {
        ...base,
        ratio: null,
        applicable: false,
        marks: null,
        lost: 0,
        reason: {
          en: NOT_APPLICABLE.en + parameter.whenEmpty.when.en,
          hi: NOT_APPLICABLE.hi + parameter.whenEmpty.when.hi,
        },
      };
    }
    const marks = rule === 'full' ? max : 0;
    return {
      ...base,
      ratio: null,
      applicable: true,
      marks,
      lost: max - marks,
      reason: marks < max ? parameter.whenEmpty.when : null,
    };
  }

  const ratio = numerator / denominator;
  let raw: number;
  switch (m.kind) {
    case 'share':
      raw = max * Math.min(1, ratio / (m.fullAt ?? 1));
      break;
    case 'deduction-by-share':
      raw = max * Math.max(0, 1 - m.factor * ratio);
      break;
    case 'deduction-per-count':
      raw = Math.max(0, max - m.perCount * numerator);
      break;
    case 'weighted':
      raw = max * Math.min(1, ratio);
      break;
  }
  const marks = Math.min(max, Math.max(0, roundTo(raw, 2)));
  const lost = roundTo(max - marks, 2);
  const values = {
    shortfall: roundTo(denominator - numerator, 4),
    percent: String(roundTo(ratio * 100, 1)),
    lost: lost.toFixed(2),
    marks: marks.toFixed(2),
    max: String(max),
  };
  return {
    ...base,
    ratio: roundTo(ratio, 6),
    applicable: true,
    marks,
    lost,
    reason:
      lost > 0
        ? {
            en: fillTemplate(parameter.deduction.en, counts, values),
            hi: fillTemplate(parameter.deduction.hi, counts, values),
          }
        : null,
  };
}

export interface UnitScore {
  scorecard: ParameterResult[];
  /** Marks earned over the applicable parameters (sum of their rounded marks). */
  earned: number;
  /** The maximum of the applicable parameters. */
  measurableMax: number;
  /**
   * earned ÷ measurableMax × the policy's totalMarks, rounded to 2 decimals: every unit on the same
   * scale whatever could be measured. null when nothing could be measured (the unit is not ranked).
   */
  score: number | null;
}

export function scoreUnit(
  policy: ScoringPolicy,
  counts: Readonly<RawCounts>,
  level: 'district' | 'station' = 'district',
): UnitScore {
  const scorecard = parametersFor(policy, level).map((parameter) => scoreParameter(parameter, counts));
  let earned = 0;
  let measurableMax = 0;
  for (const result of scorecard) {
    if (!result.applicable) continue;
    earned += result.marks ?? 0;
    measurableMax += result.max;
  }
  earned = roundTo(earned, 2);
  const score =
    measurableMax > 0 ? roundTo((earned / measurableMax) * totalMarksFor(policy, level), 2) : null;
  return { scorecard, earned, measurableMax, score };
}

import * as z from 'zod/mini';
import type { Bilingual } from '../../../domain/language.ts';
import { isCountKey } from '../../../domain/ranking/counts.ts';
import { PolicyError, type ScoringPolicy, validatePolicy } from '../../../domain/ranking/policy.ts';
import { CHANNELS } from '../../../domain/reference/types.ts';
import { readableTextProblem } from '../../../domain/text.ts';
import { type FieldProblem, HttpProblem } from '../problem.ts';
import { issuesToProblems } from './validation.ts';

/**
 * A scoring policy as a state administrator publishes it (POST /v1/rankings/policies and
 * `npm run ranking:policy`): the shape is checked here, field by field, then the rules that span
 * fields (marks adding up, placeholders, volume groups meeting) by the domain's validatePolicy.
 * Unknown fields are refused, so a misspelt rule is never silently dropped.
 */

/** A policy's names and rules are printed in every export: the readable-text rule (../../../domain/text.ts) applies. */
const readable = z.string().check(
  z.minLength(1),
  z.maxLength(2000),
  z.superRefine((s: string, ctx) => {
    const problem = readableTextProblem(s);
    if (problem) ctx.issues.push({ code: 'custom', input: s, params: problem });
  }),
);
const bilingual = z.strictObject({ en: readable, hi: readable });
const countKey = z.string().check(
  z.refine(isCountKey, {
    params: {
      code: 'unknown-count',
      message: { en: 'Not a count the ranking keeps', hi: 'यह रैंकिंग की कोई गणना नहीं है' } satisfies Bilingual,
    },
  }),
);
const positive = z.number().check(z.positive());
const slug = z.string().check(z.regex(/^[a-z][a-z0-9-]*$/), z.maxLength(60));

const measure = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('share'),
    numerator: countKey,
    denominator: countKey,
    fullAt: z.optional(z.number().check(z.positive(), z.lte(1))),
  }),
  z.strictObject({
    kind: z.literal('deduction-by-share'),
    numerator: countKey,
    denominator: countKey,
    factor: positive,
  }),
  z.strictObject({
    kind: z.literal('deduction-per-count'),
    numerator: countKey,
    denominator: countKey,
    perCount: positive,
  }),
  z.strictObject({
    kind: z.literal('weighted'),
    weights: z.record(countKey, z.number()),
    denominator: countKey,
  }),
]);

const parameter = z.strictObject({
  id: slug,
  name: bilingual,
  formula: bilingual,
  maxMarks: positive,
  measure,
  whenEmpty: z.strictObject({ rule: z.enum(['not-applicable', 'full', 'zero']), when: bilingual }),
  deduction: bilingual,
});
const parameters = z.array(parameter).check(z.minLength(1), z.maxLength(40));

const group = z.strictObject({
  id: slug,
  name: bilingual,
  min: z.int().check(z.gte(0)),
  max: z.optional(z.int().check(z.gte(0))),
});
const levelRanking = z.strictObject({
  minimumReferences: z.int().check(z.gte(1)),
  groups: z.array(group).check(z.minLength(1), z.maxLength(10)),
});

export const scoringPolicySchema = z.strictObject({
  version: z.string().check(z.regex(/^[A-Za-z0-9._-]{1,40}$/)),
  effectiveFrom: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  name: bilingual,
  totalMarks: positive,
  priorityChannels: z.array(z.enum(CHANNELS)),
  parameters,
  emptyRule: bilingual,
  ties: z.strictObject({ decimals: z.int().check(z.gte(0), z.lte(6)), rule: bilingual }),
  stations: z.optional(z.strictObject({ name: bilingual, totalMarks: positive, parameters })),
  ranking: z.optional(z.strictObject({ district: levelRanking, station: levelRanking, rule: bilingual })),
  defaulterCharge: z.optional(z.strictObject({ to: z.literal('holder'), rule: bilingual })),
  feedbackChannels: z.optional(z.boolean()),
});

export const invalidPolicyTitle: Bilingual = {
  en: 'The scoring policy is not valid',
  hi: 'मूल्यांकन नीति मान्य नहीं है',
};

/** A problem+json 400 naming what is wrong with a published policy. */
export const invalidPolicy = (errors: FieldProblem[], detail?: Bilingual) =>
  new HttpProblem(400, 'invalid-policy', invalidPolicyTitle, { errors, ...(detail ? { detail } : {}) });

/**
 * Parses a policy document: its shape (each bad field named by a JSON pointer), then the rules
 * across fields. Throws a 400 problem; returns the policy when it is sound.
 */
export function parsePolicy(data: unknown): ScoringPolicy {
  const result = scoringPolicySchema.safeParse(data, { reportInput: true });
  if (!result.success) throw invalidPolicy(issuesToProblems(result.error.issues));
  try {
    return validatePolicy(result.data as ScoringPolicy);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    throw invalidPolicy([
      {
        pointer: '',
        code: 'policy-rule',
        message: { en: error.message, hi: `नीति का नियम पूरा नहीं होता: ${error.message}` },
      },
    ]);
  }
}

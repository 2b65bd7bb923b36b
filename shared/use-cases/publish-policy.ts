import type { Bilingual } from '../domain/language.ts';
import { POLICIES } from '../domain/ranking/default-policy.ts';
import type { ScoringPolicy } from '../domain/ranking/policy.ts';

/**
 * A state administrator publishes a new scoring policy version, without a code change. The policy
 * arrives already checked for shape and internal rules (parsePolicy); here the rules against what
 * exists: a version is never reused, no two policies start the same month, and a policy never
 * starts in or before a month already ranked (published months never change: a recomputation of
 * one would otherwise score it under new rules). Stored immutable; the monthly run finds it.
 */

export interface PublishPolicyDeps {
  policies: {
    list(): Promise<{ policy: ScoringPolicy }[]>;
    publish(entry: { policy: ScoringPolicy; publishedAt: string; publishedBy: string }): Promise<void>;
  };
  /** The months ranked so far (the rankings catalog). */
  rankedMonths(): Promise<string[]>;
  clock: { now(): Date };
}

export class PolicyConflictError extends Error {
  override name = 'PolicyConflictError';
  constructor(
    readonly code: 'version-taken' | 'month-taken' | 'month-ranked',
    readonly explanation: Bilingual,
  ) {
    super(explanation.en);
  }
}

export interface PublishedPolicySummary {
  version: string;
  effectiveFrom: string;
  publishedAt: string;
}

export async function publishPolicy(
  policy: ScoringPolicy,
  publishedBy: string,
  deps: PublishPolicyDeps,
  options: { dryRun?: boolean } = {},
): Promise<PublishedPolicySummary> {
  const known = [...POLICIES, ...(await deps.policies.list()).map((p) => p.policy)];
  if (known.some((p) => p.version === policy.version))
    throw new PolicyConflictError('version-taken', {
      en: `Policy version ${policy.version} exists already; published versions never change: choose a new version`,
      hi: `नीति संस्करण ${policy.version} पहले से है; प्रकाशित संस्करण बदले नहीं जाते: नया संस्करण नाम दें`,
    });
  const same = known.find((p) => p.effectiveFrom === policy.effectiveFrom);
  if (same)
    throw new PolicyConflictError('month-taken', {
      en: `Policy ${same.version} already takes effect from ${policy.effectiveFrom}`,
      hi: `नीति ${same.version} पहले से ${policy.effectiveFrom} से प्रभावी है`,
    });
  const ranked = (await deps.rankedMonths()).filter((month) => month >= policy.effectiveFrom).sort();
  if (ranked.length > 0)
    throw new PolicyConflictError('month-ranked', {
      en: `${ranked.at(-1)} is ranked already: a new policy takes effect from a month after it`,
      hi: `${ranked.at(-1)} की रैंकिंग बन चुकी है: नई नीति उसके बाद के माह से प्रभावी हो सकती है`,
    });
  const publishedAt = deps.clock.now().toISOString();
  if (!options.dryRun) await deps.policies.publish({ policy, publishedAt, publishedBy });
  return { version: policy.version, effectiveFrom: policy.effectiveFrom, publishedAt };
}

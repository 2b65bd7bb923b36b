import { POLICIES } from '../domain/ranking/default-policy.ts';
import type { ScoringPolicy } from '../domain/ranking/policy.ts';

/**
 * What a state administrator sees first (GET /v1/rankings): every ranked month with its revisions
 * (the latest marked), and every scoring policy, shipped or published, with the months it covers.
 * Two Queries (the rankings catalog and the published policies), never a Scan.
 */

export interface ListRankingsDeps {
  catalog(): Promise<
    { month: string; policyVersion: string; revision: number; completedAt: string; counted: number }[]
  >;
  policies: { list(): Promise<{ policy: ScoringPolicy; publishedAt: string; publishedBy: string }[]> };
}

export interface RankingsList {
  months: {
    month: string;
    latest: { policyVersion: string; revision: number };
    revisions: { policyVersion: string; revision: number; completedAt: string; counted: number }[];
  }[];
  policies: {
    version: string;
    effectiveFrom: string;
    /** The month before the next policy starts; null while it is the latest. */
    effectiveUntil: string | null;
    name: ScoringPolicy['name'];
    totalMarks: number;
    stationTotalMarks: number;
    source: 'shipped' | 'published';
    publishedAt: string | null;
  }[];
}

const monthBefore = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
};

export async function listRankings(deps: ListRankingsDeps): Promise<RankingsList> {
  const [entries, published] = await Promise.all([deps.catalog(), deps.policies.list()]);
  const byMonth = new Map<string, RankingsList['months'][number]>();
  // The latest revision is the last completed, whatever its policy version (as the month's pointer).
  for (const entry of [...entries].sort((a, b) => a.completedAt.localeCompare(b.completedAt))) {
    const month = byMonth.get(entry.month) ?? { month: entry.month, latest: entry, revisions: [] };
    const { policyVersion, revision, completedAt, counted } = entry;
    month.revisions.push({ policyVersion, revision, completedAt, counted });
    month.latest = { policyVersion, revision };
    byMonth.set(entry.month, month);
  }
  const all = [
    ...POLICIES.map((policy) => ({ policy, source: 'shipped' as const, publishedAt: null })),
    ...published.map((p) => ({ policy: p.policy, source: 'published' as const, publishedAt: p.publishedAt })),
  ].sort((a, b) => a.policy.effectiveFrom.localeCompare(b.policy.effectiveFrom));
  return {
    months: [...byMonth.values()]
      .map((m) => ({
        month: m.month,
        latest: { policyVersion: m.latest.policyVersion, revision: m.latest.revision },
        revisions: m.revisions,
      }))
      .sort((a, b) => b.month.localeCompare(a.month)),
    policies: all.map(({ policy, source, publishedAt }, i) => {
      const next = all[i + 1];
      return {
        version: policy.version,
        effectiveFrom: policy.effectiveFrom,
        effectiveUntil: next ? monthBefore(next.policy.effectiveFrom) : null,
        name: policy.name,
        totalMarks: policy.totalMarks,
        stationTotalMarks: policy.stations?.totalMarks ?? policy.totalMarks,
        source,
        publishedAt,
      };
    }),
  };
}

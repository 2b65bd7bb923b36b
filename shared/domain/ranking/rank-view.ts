import type { Reference } from '../reference/types.ts';
import type { RankedReference } from './counts.ts';

/**
 * The officer work the ranking reads, as a small map the `month` index copies (see tables.ts):
 * whether the complainant was contacted, the disposal without its remark, the feedback without its
 * comment, the random check without its remark. Undefined until there is any.
 */
export function rankView(reference: Partial<Reference>): Partial<RankedReference> | undefined {
  const view: Partial<RankedReference> = {};
  if (reference.report) view.report = { contacted: reference.report.contacted };
  if (reference.disposal) {
    const { disposedAt, kind, grade, late } = reference.disposal;
    view.disposal = { disposedAt, kind, grade, late };
  }
  if (reference.feedback)
    view.feedback = { at: reference.feedback.at, satisfied: reference.feedback.satisfied };
  if (reference.randomCheck) {
    const { drawnAt, checkedAt, result } = reference.randomCheck;
    view.randomCheck = { drawnAt, ...(checkedAt ? { checkedAt } : {}), ...(result ? { result } : {}) };
  }
  return Object.keys(view).length > 0 ? view : undefined;
}

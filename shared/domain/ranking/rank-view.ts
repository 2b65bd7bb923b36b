import type { Reference } from '../reference/types.ts';
import type { RankedReference } from './counts.ts';

/**
 * The officer work the ranking reads, as a small map the `month` index copies (see tables.ts):
 * whether the complainant was contacted, the disposal without its remark, the feedback without its
 * comment, the random check without its remark, and who held it when it became a defaulter.
 * Undefined until there is any.
 */
export function rankView(reference: Partial<Reference>): Partial<RankedReference> | undefined {
  const view: Partial<RankedReference> = {};
  if (reference.report) view.report = { contacted: reference.report.contacted };
  if (reference.disposal) {
    const { disposedAt, kind, grade, late } = reference.disposal;
    view.disposal = { disposedAt, kind, grade, late };
  }
  if (reference.feedback) {
    const { at, satisfied, channel } = reference.feedback;
    view.feedback = { at, satisfied, ...(channel ? { channel } : {}) };
  }
  // Who held it when flagged: the sweep writes it at the top level from the `due` copy, and the
  // next change of the whole reference (an assignment, a transfer, a report) copies it here.
  if (reference.defaulterHolder) view.defaulterHolder = reference.defaulterHolder;
  if (reference.randomCheck) {
    const { drawnAt, checkedAt, result } = reference.randomCheck;
    view.randomCheck = { drawnAt, ...(checkedAt ? { checkedAt } : {}), ...(result ? { result } : {}) };
  }
  return Object.keys(view).length > 0 ? view : undefined;
}

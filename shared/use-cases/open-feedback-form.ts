import { ReferenceNotFoundError } from '../domain/errors.ts';
import type { LinkUseLedger } from '../domain/links/ports.ts';
import { assertLinkUnused } from '../domain/links/single-use.ts';
import type { LinkClaims } from '../domain/links/token.ts';
import type { Reference } from '../domain/reference/types.ts';

export interface FeedbackFormDeps {
  links: Pick<LinkUseLedger, 'wasUsed'>;
  references: { get(referenceNo: string): Promise<Reference | undefined> };
}

/**
 * The complainant opens the feedback link: the form for the disposal the link was sent about, or
 * `answered` when that disposal already has its answer (or a later one replaced it). A spent link is
 * refused (LinkUsedError) before anything is read.
 */
export async function openFeedbackForm(
  link: Pick<LinkClaims, 'referenceNo' | 'nonce' | 'version'>,
  deps: FeedbackFormDeps,
): Promise<{ answered: false; reference: Reference } | { answered: true }> {
  await assertLinkUnused(link, deps.links);
  const reference = await deps.references.get(link.referenceNo ?? '');
  if (!reference?.disposal) throw new ReferenceNotFoundError(link.referenceNo ?? '');
  if (
    (reference.disposalCount ?? 1) !== link.version ||
    reference.feedback?.disposalNumber === link.version
  ) {
    return { answered: true };
  }
  return { answered: false, reference };
}

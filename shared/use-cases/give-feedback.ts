import { InvalidFieldsError } from '../domain/errors.ts';
import type { LinkUseLedger } from '../domain/links/ports.ts';
import { assertLinkUnused } from '../domain/links/single-use.ts';
import type { LinkClaims } from '../domain/links/token.ts';
import { recordFeedback } from '../domain/reference/transitions.ts';
import type { Reference } from '../domain/reference/types.ts';
import { loadReference, type StepDeps, saveStep } from './steps.ts';

export interface GiveFeedbackDeps extends StepDeps {
  /** Spent single-use links: a feedback link answers once. */
  links: LinkUseLedger;
  /** Days after disposal the complainant may answer. */
  feedbackWindowDays: number;
}

export interface GiveFeedbackInput {
  /** The feedback link's claims: its reference, and the nonce that makes it single use. */
  link: Pick<LinkClaims, 'referenceNo' | 'nonce' | 'expiresAt'>;
  /** Undefined when the complainant chose neither answer. */
  satisfied: boolean | undefined;
  comment?: string | undefined;
  /** A feedback operator took the answer by telephone (the link is then their desk's, with no nonce). */
  call?: { operator: string } | undefined;
}

/**
 * The complainant answers the feedback request through its single-use link, or tells a feedback
 * operator who calls them: satisfied, or not (the reference reopens to the supervisor, who is told). The link is spent once the answer is
 * saved; a spent link, or a second answer on the same disposal, changes nothing.
 */
export async function giveFeedback(input: GiveFeedbackInput, deps: GiveFeedbackDeps): Promise<Reference> {
  await assertLinkUnused(input.link, deps.links);
  if (input.satisfied === undefined) {
    throw new InvalidFieldsError([
      {
        pointer: 'satisfied',
        code: 'required',
        message: { en: 'Choose satisfied or not satisfied', hi: 'संतुष्ट या असंतुष्ट चुनें' },
      },
    ]);
  }
  const reference = await loadReference(input.link.referenceNo ?? '', deps);
  const after = recordFeedback(
    reference,
    {
      satisfied: input.satisfied,
      comment: input.comment,
      windowDays: deps.feedbackWindowDays,
      call: input.call,
    },
    deps.clock.now(),
  );
  await saveStep(input.satisfied ? 'feedback-satisfied' : 'feedback-not-satisfied', reference, after, deps);
  if (input.link.nonce !== undefined)
    await deps.links.consume(input.link.nonce, input.link.expiresAt).catch(() => false);
  return after;
}

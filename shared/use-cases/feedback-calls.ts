import { InvalidFieldsError, OutOfScopeError, ReferenceNotFoundError } from '../domain/errors.ts';
import type { Bilingual } from '../domain/language.ts';
import type { Category, District, Station } from '../domain/masterdata/types.ts';
import { checkReferenceNumber } from '../domain/reference/reference-number.ts';
import { recordUnreachableCall } from '../domain/reference/transitions.ts';
import type { Reference } from '../domain/reference/types.ts';
import { type GiveFeedbackDeps, giveFeedback } from './give-feedback.ts';
import {
  type ReferencePage,
  type ReferencePageDeps,
  recordContactView,
  referencePage,
} from './open-reference.ts';
import { loadReference, saveStep } from './steps.ts';

/**
 * The feedback operators' call desk, as the CM office phones complainants: the disposals waiting for
 * an answer, the complainant's number (each operator's read recorded), and the call's result, which
 * goes through the same feedback step as the complainant's own link ("not satisfied" reopens).
 */

export interface FeedbackDeskDeps extends GiveFeedbackDeps, ReferencePageDeps {
  references: GiveFeedbackDeps['references'] &
    ReferencePageDeps['references'] & {
      awaitingFeedback(districtCode: string, sinceIso: string): Promise<Reference[]>;
    };
  masterData: ReferencePageDeps['masterData'] & {
    districts(): Promise<District[]>;
    district(code: string): Promise<District | undefined>;
    categories(): Promise<Category[]>;
  };
}

/** Whose desk: one operator, for one district or (without one) the whole state. */
export interface DeskScope {
  operator: string;
  districtCode?: string | undefined;
}

export interface FeedbackDesk {
  /** The desk's district; undefined for a state desk. */
  district: District | undefined;
  /** Disposals waiting for an answer, the oldest (closest to the end of the window) first. */
  references: Reference[];
  categoryNames: Map<string, Bilingual>;
  districtNames: Map<string, Bilingual>;
  now: Date;
}

/** The disposals of the desk's district (or every district) still waiting for the complainant's answer. */
export async function openFeedbackDesk(
  scope: DeskScope,
  deps: FeedbackDeskDeps,
): Promise<FeedbackDesk | undefined> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - deps.feedbackWindowDays * 86_400_000).toISOString();
  const [districts, categories] = await Promise.all([
    deps.masterData.districts(),
    deps.masterData.categories(),
  ]);
  const district = scope.districtCode ? districts.find((d) => d.code === scope.districtCode) : undefined;
  if (scope.districtCode && !district) return undefined;
  const lists = await Promise.all(
    (district ? [district] : districts).map((d) => deps.references.awaitingFeedback(d.code, since)),
  );
  const references = lists
    .flat()
    .sort((a, b) => (a.disposal?.disposedAt ?? '').localeCompare(b.disposal?.disposedAt ?? ''));
  return {
    district,
    references,
    categoryNames: new Map(categories.map((c) => [c.code, c.name])),
    districtNames: new Map(districts.map((d) => [d.code, d.name])),
    now,
  };
}

async function referenceInScope(referenceNo: string, scope: DeskScope, deps: FeedbackDeskDeps) {
  // Not a reference number at all (a hostile `?ref=`): nothing to read, and no key DynamoDB refuses.
  if (!checkReferenceNumber(referenceNo).ok) throw new ReferenceNotFoundError(referenceNo.slice(0, 20));
  const reference = await loadReference(referenceNo, deps);
  if (scope.districtCode && reference.districtCode !== scope.districtCode)
    throw new OutOfScopeError(referenceNo);
  return reference;
}

export interface FeedbackCallPage extends ReferencePage {
  stations: Station[];
}

/**
 * The operator opens one disposal to call about: the complainant's number is shown, and the read is
 * recorded in the reference's history naming the operator (once a day each, as every officer's).
 */
export async function openFeedbackCall(
  input: DeskScope & { referenceNo: string },
  deps: FeedbackDeskDeps,
): Promise<ReferencePage> {
  const reference = await referenceInScope(input.referenceNo, input, deps);
  await recordContactView(
    reference,
    {
      actor: { role: 'feedback-operator', districtCode: reference.districtCode },
      post: input.operator,
    },
    deps,
  );
  return referencePage(reference, deps);
}

export type CallResult = 'satisfied' | 'not-satisfied' | 'unreachable';

/**
 * Records what a call found. Satisfied or not satisfied is the complainant's answer, saved by the
 * feedback step itself (channel 'call', the operator named); not reachable is counted, and after
 * FEEDBACK_CALL_MAX_TRIES such calls the desk stops listing the disposal.
 */
export async function recordFeedbackCall(
  input: DeskScope & { referenceNo: string; result: string; comment?: string | undefined },
  deps: FeedbackDeskDeps,
): Promise<Reference> {
  const reference = await referenceInScope(input.referenceNo, input, deps);
  if (input.result === 'satisfied' || input.result === 'not-satisfied') {
    return giveFeedback(
      {
        link: { referenceNo: reference.referenceNo, expiresAt: 0 },
        satisfied: input.result === 'satisfied',
        comment: input.comment,
        call: { operator: input.operator },
      },
      deps,
    );
  }
  if (input.result === 'unreachable') {
    const after = recordUnreachableCall(
      reference,
      { operator: input.operator, windowDays: deps.feedbackWindowDays },
      deps.clock.now(),
    );
    return saveStep('feedback-call-unreachable', reference, after, deps);
  }
  throw new InvalidFieldsError([
    {
      pointer: 'result',
      code: 'required',
      message: {
        en: 'Choose what the call found: satisfied, not satisfied or not reachable',
        hi: 'कॉल का परिणाम चुनें: संतुष्ट, असंतुष्ट या संपर्क नहीं हुआ',
      },
    },
  ]);
}

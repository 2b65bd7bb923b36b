import { ReferenceNotFoundError, UnavailableError } from '../domain/errors.ts';
import type { NotificationMessage } from '../domain/notifications/message-types.ts';
import { stepMessage } from '../domain/notifications/messages.ts';
import type { Clock, QueuePort } from '../domain/ports.ts';
import { type StepName, TransitionError, undoTransition } from '../domain/reference/lifecycle.ts';
import type { Reference } from '../domain/reference/types.ts';

/**
 * What every use case that takes a step on one reference shares: reading it, saving the step as one
 * conditional write, and queueing what the lifecycle table says to notify, or taking the step back.
 */

export interface ReferenceSteps {
  get(referenceNo: string): Promise<Reference | undefined>;
  /** Saves `after` only if the stored reference is still `before` (version and status); false if not. */
  saveTransition(before: Reference, after: Reference): Promise<boolean>;
}

export interface StepDeps {
  references: ReferenceSteps;
  notifications: QueuePort<NotificationMessage>;
  clock: Clock;
}

export async function loadReference(
  referenceNo: string,
  deps: { references: Pick<ReferenceSteps, 'get'> },
): Promise<Reference> {
  const reference = await deps.references.get(referenceNo);
  if (!reference) throw new ReferenceNotFoundError(referenceNo);
  return reference;
}

/**
 * Saves a step computed by the domain, then queues its notification. Someone else's step in between
 * refuses it (nothing is written); a notification that cannot be queued takes the step back.
 */
export async function saveStep(
  step: StepName,
  before: Reference,
  after: Reference,
  deps: StepDeps,
): Promise<Reference> {
  if (!(await deps.references.saveTransition(before, after))) {
    throw new TransitionError(before.referenceNo, before.status, step, {
      en: 'Someone else acted on this reference a moment ago. Reload the page and check before acting again.',
      hi: 'इस सन्दर्भ पर अभी-अभी किसी अन्य ने कार्रवाई की है। पृष्ठ पुनः खोलें और जांच कर फिर कार्रवाई करें।',
    });
  }
  const message = stepMessage(step, after);
  if (message) await queueOrUndo(before, after, message, deps);
  return after;
}

/**
 * Queues the step's notification; when that fails the step is taken back (undoTransition) and the
 * person told to try again (UnavailableError, a 503), as intake takes back a complaint it could not
 * queue. Otherwise the step would stand with nobody told of it, and repeating it would be refused as
 * already done.
 */
export async function queueOrUndo(
  before: Reference,
  after: Reference,
  message: NotificationMessage,
  deps: StepDeps,
): Promise<void> {
  try {
    await deps.notifications.send(message);
  } catch (error) {
    const undone = await deps.references
      .saveTransition(after, undoTransition(before, after, deps.clock.now()))
      .catch(() => false);
    throw new UnavailableError(
      `${after.referenceNo}: notification not queued; the step was ${undone ? '' : 'NOT '}taken back`,
      { cause: error },
    );
  }
}

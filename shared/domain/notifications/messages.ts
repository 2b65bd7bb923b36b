import { LIFECYCLE, type Notice, type StepName } from '../reference/lifecycle.ts';
import type { Reference } from '../reference/types.ts';
import type { NotificationMessage } from './message-types.ts';

/**
 * The notifications queue's message for each notice the lifecycle table names, about one reference
 * (a step's notices; the digests and the random-check draw are about many and have builders of their
 * own). The notifier sends each at most once, however often the message is queued.
 */
type ReferenceMessage = Exclude<NotificationMessage, { type: 'bundle' }>;

export function noticeMessage(notice: Notice, reference: Reference): ReferenceMessage | undefined {
  const { referenceNo, version } = reference;
  switch (notice) {
    case 'acknowledgement':
      return { type: 'acknowledgement', referenceNo };
    case 'station-assigned':
      return reference.stationCode
        ? { type: 'station-assigned', referenceNo, stationCode: reference.stationCode, version }
        : undefined;
    case 'triaged':
      return { type: 'triaged', referenceNo, districtCode: reference.districtCode, version };
    case 'report-returned':
      return { type: 'report-returned', referenceNo, stationCode: reference.stationCode ?? '', version };
    case 'report-submitted':
    case 'disposed':
    case 'reopened':
      return { type: notice, referenceNo, version };
    default:
      return undefined;
  }
}

/**
 * What to queue once `step` is saved, as the table says: nothing, one message, or several in one
 * bundle (the router's acknowledgement and its notice to the station or the district cell travel
 * together: one message to send, receive and delete instead of two).
 */
export function stepMessage(step: StepName, after: Reference): NotificationMessage | undefined {
  const messages = LIFECYCLE[step].notifies.flatMap((notice) => noticeMessage(notice, after) ?? []);
  if (messages.length <= 1) return messages[0];
  return { type: 'bundle', notifications: messages };
}

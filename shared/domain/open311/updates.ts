import type { Language } from '../language.ts';
import { publicView } from '../reference/public-view.ts';
import type { Reference, ReferenceStatus } from '../reference/types.ts';
import { w3cIst } from './view.ts';

/**
 * FixMyStreet's service request updates (GET servicerequestupdates.xml, an extension of GeoReport v2
 * that FixMyStreet's client polls: perllib/Open311.pm get_service_request_updates, read by
 * perllib/Open311/UpdatesBase.pm): one <request_update> per public status change of a reference.
 *
 * FixMyStreet lower-cases a status and reads '_' as a space (Open311.pm map_state), then keeps it if
 * it is one of its own states, so the statuses below are the ones it knows: a reference at a station
 * is being investigated, a report under review is in progress, a redressed grievance is fixed, one
 * disposed of without redress is no further action (FixMyStreet shows "unable to fix"); a reopened
 * one is open again.
 */
export type UpdateStatus = 'open' | 'investigating' | 'in_progress' | 'fixed' | 'no_further_action';

export const UPDATE_STATUS: Record<ReferenceStatus, UpdateStatus> = {
  registered: 'open',
  triage: 'open',
  assigned: 'investigating',
  returned: 'investigating',
  'report-submitted': 'in_progress',
  reopened: 'open',
  resolved: 'fixed',
  closed: 'no_further_action',
};

/** What one change says publicly: Hindi first for a Hindi reader, both languages always. */
const describe = (text: { en: string; hi: string }, language: Language) =>
  language === 'hi' ? `${text.hi} / ${text.en}` : `${text.en} / ${text.hi}`;

/**
 * A reference's status changes made within [from, to], oldest first. update_id is the reference
 * number and the change's place in its history, which is only appended to, so it stays the same on every poll
 * and FixMyStreet stores each change once. No media_url: attachments are evidence, not for publishing.
 */
export function serviceRequestUpdates(reference: Reference, from: Date, to: Date, language: Language) {
  const fromIso = from.toISOString();
  const toIso = to.toISOString();
  // The public timeline is the history filtered, in order: walk both to know each entry's place.
  const timeline = publicView(reference).timeline;
  const updates = [];
  let next = 0;
  for (const [place, event] of reference.history.entries()) {
    const entry = timeline[next];
    if (!entry || entry.action !== event.action || entry.at !== event.at) continue;
    next++;
    if (entry.status === undefined || entry.at < fromIso || entry.at > toIso) continue;
    updates.push({
      update_id: `${reference.referenceNo}-${place + 1}`,
      service_request_id: reference.referenceNo,
      status: UPDATE_STATUS[entry.status],
      updated_datetime: w3cIst(entry.at),
      description: describe(entry.description, language),
      media_url: '',
    });
  }
  return updates;
}

import type { Bilingual, Language } from '../language.ts';
import type { Category, District, Station } from '../masterdata/types.ts';
import { STATUS_TEXT } from '../reference/public-view.ts';
import { OPEN_STATUSES, type Reference, type ReferenceStatus } from '../reference/types.ts';

/**
 * A reference as the public sees it through GET requests: a lookup by number needs no API key, so
 * this shows only what may be published about any police complaint. A partner holding the api_key
 * (a FixMyStreet site that files for its users) also reads the description and the position: its
 * importer and map need both, and it sent them (partnerServiceRequest below).
 *
 * Shown: number, open/closed, a status note, category, the unit responsible (station or district
 * IGRS cell), filed / updated / due times, and the district as the address.
 *
 * Withheld: the complaint text (description is left empty, as the specification's own examples
 * show: a police complaint names people, places and often the accused), the complainant's name,
 * mobile, email and address, the locality, PIN code and coordinates (in a village even a PIN code
 * with a category and a date can point at one household), officers' remarks, and the tracking
 * secret. The complainant reads the full record at GET /v1/complaints/{referenceNo}.
 */

export type Open311Status = 'open' | 'closed';

/** GeoReport v2 knows two states: every disposal (resolved or closed without redress) is `closed`. */
export const open311Status = (status: ReferenceStatus): Open311Status =>
  OPEN_STATUSES.includes(status) ? 'open' : 'closed';

/** What each state means, with `resolved` and `closed` kept apart: rankings count them differently. */
const NOTES: Record<ReferenceStatus, { label: string; text: Bilingual }> = {
  registered: { label: 'registered', text: STATUS_TEXT.registered },
  triage: { label: 'triage', text: STATUS_TEXT.triage },
  assigned: { label: 'assigned', text: STATUS_TEXT.assigned },
  'report-submitted': { label: 'report-submitted', text: STATUS_TEXT['report-submitted'] },
  returned: { label: 'returned', text: STATUS_TEXT.returned },
  reopened: { label: 'reopened', text: STATUS_TEXT.reopened },
  resolved: {
    label: 'resolved',
    text: {
      en: 'Disposed of with redress: the grievance was resolved',
      hi: 'निस्तारित: शिकायत का समाधान किया गया',
    },
  },
  closed: {
    label: 'closed without redress',
    text: {
      en: 'Disposed of without redress (for example not a police matter, or referred elsewhere)',
      hi: 'बिना समाधान के निस्तारित (जैसे पुलिस से संबंधित न होना, या अन्यत्र भेजा जाना)',
    },
  },
};

/** `resolved: …` or `closed without redress: …`; the label stays English so programs can read it. */
export const statusNotes = (status: ReferenceStatus, language: Language): string =>
  `${NOTES[status].label}: ${NOTES[status].text[language]}`;

const IST_OFFSET_MS = 330 * 60_000;

/** A stored UTC instant as a w3c datetime in IST, e.g. 2026-11-28T18:05:09+05:30. */
export function w3cIst(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + IST_OFFSET_MS);
  return `${shifted.toISOString().slice(0, 19)}+05:30`;
}

export interface RequestContext {
  category?: Category;
  district?: District;
  station?: Station;
}

const STATE: Bilingual = { en: 'Uttar Pradesh', hi: 'उत्तर प्रदेश' };

function agencyResponsible(reference: Reference, context: RequestContext, language: Language): string {
  const { district, station } = context;
  const districtName = district?.name[language] ?? reference.districtCode;
  if (reference.stationCode && station) {
    if (station.kind !== 'police-station') return station.name[language];
    return language === 'hi'
      ? `थाना ${station.name.hi}, जनपद ${districtName}`
      : `Police station ${station.name.en}, ${districtName}`;
  }
  return language === 'hi' ? `आईजीआरएस प्रकोष्ठ, जनपद ${districtName}` : `IGRS cell, ${districtName} Police`;
}

/** One <request> of GET requests. */
export function publicServiceRequest(reference: Reference, context: RequestContext, language: Language) {
  const districtName = context.district?.name[language] ?? reference.districtCode;
  return {
    service_request_id: reference.referenceNo,
    status: open311Status(reference.status),
    status_notes: statusNotes(reference.status, language),
    service_name: context.category?.name[language] ?? reference.categoryCode,
    service_code: reference.categoryCode,
    // Withheld on purpose; see above.
    description: null,
    agency_responsible: agencyResponsible(reference, context, language),
    requested_datetime: w3cIst(reference.createdAt),
    updated_datetime: w3cIst(reference.updatedAt),
    expected_datetime: w3cIst(reference.deadlineAt),
    address: `${districtName}, ${STATE[language]}`,
  };
}

/**
 * One <request> for an api_key holder: the public fields with the complaint text and the position
 * it was filed with (lat/long, when given). Still none of the complainant's name, contacts or
 * address, and nothing an officer wrote.
 */
export function partnerServiceRequest(reference: Reference, context: RequestContext, language: Language) {
  const { latitude, longitude } = reference.location;
  return {
    ...publicServiceRequest(reference, context, language),
    description: reference.description,
    ...(latitude !== undefined && longitude !== undefined ? { lat: latitude, long: longitude } : {}),
  };
}

/** Who reads: anyone (a lookup by number), or a partner that gave the api_key. */
export type Audience = 'public' | 'partner';

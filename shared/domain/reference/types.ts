import type { Language } from '../../http/language.ts';

/** The channels a reference can come through; rankings weigh some of them separately. */
export const CHANNELS = [
  'portal',
  'cm-helpline-1076',
  'dm-jansunwai',
  'thana-samadhan-diwas',
  'cm-janata-darshan',
  'lokvani-csc',
  'pg-portal',
  'open311',
] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Where a reference stands. `closed` and `resolved` are both disposals but are kept apart
 * everywhere: the ranking counts them differently.
 */
export const STATUSES = [
  'registered', // stored, waiting for routing
  'triage', // the district IGRS cell must assign it by hand
  'assigned', // at a station, report due
  'report-submitted', // waiting for the supervising officer
  'returned', // sent back to the station for re-investigation
  'reopened', // the complainant was not satisfied; with the supervisor again
  'resolved', // disposed: the grievance was redressed
  'closed', // disposed without redress (not a police matter, false complaint, referred elsewhere, ...)
] as const;
export type ReferenceStatus = (typeof STATUSES)[number];

export const OPEN_STATUSES: readonly ReferenceStatus[] = [
  'registered',
  'triage',
  'assigned',
  'report-submitted',
  'returned',
  'reopened',
];

export interface Complainant {
  name: string;
  /** E.164, +91 followed by ten digits. */
  mobile: string;
  email?: string;
  address: string;
  language: Language;
}

export interface ComplaintLocation {
  districtCode: string;
  stationCode?: string;
  pinCode?: string;
  locality?: string;
  latitude?: number;
  longitude?: number;
}

/** Who did something: a role and, for officers, their unit. Never a person's secret. */
export interface Actor {
  role:
    | 'complainant'
    | 'system'
    | 'station-officer'
    | 'supervisor'
    | 'district-cell'
    | 'administrator'
    | 'api-client';
  stationCode?: string;
  districtCode?: string;
}

export interface HistoryEvent {
  at: string;
  actor: Actor;
  action: string;
  fromStatus?: ReferenceStatus;
  toStatus?: ReferenceStatus;
  /** Free text shown to officers; never personal data of the complainant. */
  note?: string;
  details?: Record<string, string | number | boolean>;
}

export interface Reference {
  referenceNo: string;
  version: number;
  status: ReferenceStatus;
  channel: Channel;
  categoryCode: string;
  description: string;
  incidentDate?: string;
  complainant: Complainant;
  location: ComplaintLocation;
  districtCode: string;
  stationCode?: string;
  createdAt: string;
  updatedAt: string;
  deadlineAt: string;
  /** SHA-256 of the tracking secret; the secret itself is shown once and never stored. */
  trackingSecretHash: string;
  possibleDuplicateOf?: string;
  history: HistoryEvent[];
}

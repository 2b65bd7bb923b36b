import type { Language } from '../language.ts';

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
  /** E.164, +91 followed by ten digits. Missing only when the complainant gave an email instead. */
  mobile?: string;
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
    | 'api-client'
    // A feedback operator's call desk (issue 16): records the complainant's answer given by telephone.
    | 'feedback-operator';
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

/** How the station reached the complainant before reporting. */
export const CONTACT_MODES = ['phone', 'visit', 'at-station', 'not-reachable'] as const;
export type ContactMode = (typeof CONTACT_MODES)[number];

export type Grade = 'A' | 'B' | 'C';

/** The station's action-taken report (आख्या), as last submitted. */
export interface ActionTakenReport {
  submittedAt: string;
  /** Whether the complainant was contacted before the report, when and how. */
  contacted: boolean;
  contactedAt?: string;
  contactMode?: ContactMode;
  findings: string;
  /** Outcome code from the configured list (see shared/domain/officer-work/outcomes.ts). */
  outcome: string;
  firNumber?: string;
  actionTaken: string;
  /** S3 keys of attachments uploaded through presigned URLs. */
  attachments: string[];
  stationCode: string;
}

/** The supervising officer's approval that disposed of the reference. */
export interface Disposal {
  disposedAt: string;
  /** resolved or closed: kept apart everywhere, the ranking counts them differently. */
  kind: 'resolved' | 'closed';
  outcome: string;
  grade: Grade;
  remark: string;
  /** Disposed after the deadline had passed. */
  late: boolean;
}

/** How the complainant's answer came: their single-use link, or a feedback operator's call. */
export type FeedbackChannel = 'link' | 'call';

export interface Feedback {
  at: string;
  satisfied: boolean;
  comment?: string;
  /** The disposal (its number, counting from 1) the answer was about. */
  disposalNumber: number;
  /** How the answer came; absent on answers recorded before calls were taken: read it as 'link'. */
  channel?: FeedbackChannel;
}

/** Feedback calls that found nobody, for the current disposal (issue 16). */
export interface FeedbackCalls {
  disposalNumber: number;
  /** Calls that did not reach the complainant; at FEEDBACK_CALL_MAX_TRIES the desk stops listing it. */
  unreachable: number;
  lastAt: string;
}

export interface RandomCheck {
  drawnAt: string;
  checkedAt?: string;
  /** What the re-verification found. */
  result?: 'confirmed' | 'not-confirmed';
  remark?: string;
}

/** The unit holding a reference: a station, or the district IGRS cell (triage, or not yet routed). */
export type DefaulterHolder = { unit: 'station'; code: string } | { unit: 'district-cell'; code: string };

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
  /** Officer work, filled in as the reference moves on (issue 5). */
  report?: ActionTakenReport;
  /** Times the supervisor sent the report back for re-investigation. */
  returnCount?: number;
  disposal?: Disposal;
  /** How many times it has been disposed (a reopened reference is disposed again). */
  disposalCount?: number;
  feedback?: Feedback;
  /** Calls for feedback on the current disposal that found nobody. */
  feedbackCalls?: FeedbackCalls;
  reopenCount?: number;
  /** Set once by the overdue sweep when the deadline passed before disposal. */
  defaulterAt?: string;
  /** Who held the reference when the sweep flagged it: the ranking charges the defaulter to them. */
  defaulterHolder?: DefaulterHolder;
  randomCheck?: RandomCheck;
  history: HistoryEvent[];
  /** Set when the complainant's personal data was removed (shared/domain/retention). */
  redaction?: Redaction;
  /**
   * Version of the complainant's status link (/t/{token}, shared/domain/links/status-token.ts);
   * absent is 0. Bumping it revokes every link issued before.
   */
  statusLinkVersion?: number;
}

/** When and why a reference's personal data was removed; the fields it removed are empty since. */
export interface Redaction {
  at: string;
  /** `retention`: the scheduled job, after the windows; `erasure`: on the complainant's request. */
  reason: 'retention' | 'erasure';
}

/**
 * A reference as the `due` index copies it (DUE_ATTRIBUTES in shared/adapters/dynamodb/tables.ts): what the
 * overdue sweep, the reminders and the district cell's 48-hour list read. Its `history` is always
 * empty, as the index carries none: a transition computed from it (markDefaulter) only appends.
 */
export type DueEntry = Pick<
  Reference,
  | 'referenceNo'
  | 'version'
  | 'status'
  | 'districtCode'
  | 'stationCode'
  | 'categoryCode'
  | 'createdAt'
  | 'deadlineAt'
  | 'defaulterAt'
  | 'history'
>;

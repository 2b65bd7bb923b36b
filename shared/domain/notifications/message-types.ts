import type { DigestMessage } from '../sweep/plan.ts';

/**
 * The notifications queue's messages, as the domain knows them. The queue's zod schemas
 * (shared/triggers/sqs/messages.ts) check the same shapes at both ends.
 */

/** Messages of the officers' workflow (report, review, disposal, feedback). */
export type OfficerWorkMessage =
  | { type: 'report-submitted'; referenceNo: string; version: number }
  | { type: 'report-returned'; referenceNo: string; stationCode: string; version: number }
  | { type: 'disposed'; referenceNo: string; version: number }
  | { type: 'reopened'; referenceNo: string; version: number };

/** The daily draw of disposals for re-verification, for one district. */
export interface RandomCheckDrawnMessage {
  type: 'random-check-drawn';
  districtCode: string;
  date: string;
  referenceNos: string[];
}

export type SingleNotification =
  | { type: 'acknowledgement'; referenceNo: string }
  | { type: 'station-assigned'; referenceNo: string; stationCode: string; version: number }
  | { type: 'triaged'; referenceNo: string; districtCode: string; version: number }
  | OfficerWorkMessage
  | RandomCheckDrawnMessage
  | DigestMessage;

/**
 * Several notifications in one queue message, sent in order: the router's acknowledgement to the
 * complainant and notice to the station travel together, one message instead of two to send,
 * receive, delete and invoke the notifier for. Each has its own ledger entry, so a retry after a
 * failure in the second sends only what is still unsent.
 */
export interface NotificationBundle {
  type: 'bundle';
  notifications: SingleNotification[];
}

export type NotificationMessage = SingleNotification | NotificationBundle;

import type { Category, District, Officer, Station } from '../../domain/masterdata/types.ts';
import type { NotificationMessage, SingleNotification } from '../../domain/notifications/message-types.ts';
import {
  acknowledgement,
  type RenderedNotification,
  stationAssigned,
  TRIAGE_REASON_TEXT,
  triaged,
} from '../../domain/notifications/templates.ts';
import { stationOfficerOf } from '../../domain/officer-work/posts.ts';
import type { ReferenceRepository } from '../../domain/ports.ts';
import type { Reference } from '../../domain/reference/types.ts';
import { deliverOnce, type NotificationLedger } from './deliver-once.ts';
import { type AnnouncementLedger, notifyDigest } from './notify-digest.ts';
import { type Deliver, notifyOfficerWork, notifyRandomCheck } from './notify-officer-work.ts';

export interface SignedLinkRequest {
  purpose:
    | 'reference'
    | 'district-cell'
    | 'station-inbox'
    | 'supervisor-review'
    | 'feedback'
    | 'random-check';
  version?: number;
  /** Makes the link single-use. */
  nonce?: string;
  referenceNo?: string;
  stationCode?: string;
  districtCode?: string;
  officerId?: string;
  expiresAt: Date;
}

export interface NotifyDeps {
  references: Pick<ReferenceRepository, 'get'>;
  masterData: {
    district(code: string): Promise<District | undefined>;
    station(districtCode: string, code: string): Promise<Station | undefined>;
    category(code: string): Promise<Category | undefined>;
    officers(districtCode: string): Promise<Officer[]>;
  };
  ledger: NotificationLedger;
  sms: { send(to: string, text: string, templateKey: string): Promise<string> };
  email: { send(message: { to: string; subject: string; text: string; html: string }): Promise<string> };
  /** A full URL for a signed officer link. */
  signedLink(request: SignedLinkRequest): Promise<string>;
  /** Public base URL of the API, for links in messages to complainants. */
  publicBaseUrl: string;
  /** A full URL of the complainant's status page (/t/{token}), for this version of the reference's link. */
  statusLink(request: { referenceNo: string; version: number }): Promise<string>;
  /** Days a complainant has to answer the feedback request (default 7). */
  feedbackWindowDays?: number;
  /** Which digest told an officer about a reference (defaulter digests; see shared/domain/sweep). */
  announcements?: AnnouncementLedger;
}

interface Recipient {
  mobile?: string;
  email?: string;
}

const DAY_MS = 86_400_000;

/** Sends a rendered notification on each channel the recipient has, each at most once per key. */
async function deliver(deps: NotifyDeps, key: string, to: Recipient, rendered: RenderedNotification) {
  const { mobile, email } = to;
  return deliverOnce(deps.ledger, key, {
    ...(mobile ? { sms: () => deps.sms.send(mobile, rendered.sms.text, rendered.sms.templateKey) } : {}),
    ...(email ? { email: () => deps.email.send({ to: email, ...rendered.email }) } : {}),
  });
}

async function notifyStation(
  message: Extract<NotificationMessage, { type: 'station-assigned' }>,
  reference: Reference,
  deps: NotifyDeps,
) {
  // A later transfer supersedes this message: the station it named no longer holds the reference.
  if (reference.stationCode !== message.stationCode) return [];
  const [station, category, officers] = await Promise.all([
    deps.masterData.station(reference.districtCode, message.stationCode),
    deps.masterData.category(reference.categoryCode),
    deps.masterData.officers(reference.districtCode),
  ]);
  const officer = stationOfficerOf(message, officers);
  if (!station || !officer) throw new Error(`No station officer on record for ${message.stationCode}`);
  const deadlineAt = new Date(reference.deadlineAt);
  const link = await deps.signedLink({
    purpose: 'reference',
    referenceNo: reference.referenceNo,
    stationCode: message.stationCode,
    officerId: officer.id,
    expiresAt: new Date(Math.max(deadlineAt.getTime(), Date.now()) + 30 * DAY_MS),
  });
  const inboxLink = await deps.signedLink({
    purpose: 'station-inbox',
    stationCode: message.stationCode,
    officerId: officer.id,
    expiresAt: new Date(Date.now() + 30 * DAY_MS),
  });
  const rendered = stationAssigned({
    inboxLink,
    referenceNo: reference.referenceNo,
    stationName: station.name,
    categoryName: category?.name ?? { en: reference.categoryCode, hi: reference.categoryCode },
    deadlineAt,
    link,
    transferred: reference.history.some((e) => e.action === 'transferred'),
  });
  return deliver(deps, `station-assigned#${reference.referenceNo}#${message.version}`, officer, rendered);
}

async function notifyDistrictCell(
  message: Extract<NotificationMessage, { type: 'triaged' }>,
  reference: Reference,
  deps: NotifyDeps,
) {
  if (reference.status !== 'triage') return [];
  const [district, officers] = await Promise.all([
    deps.masterData.district(message.districtCode),
    deps.masterData.officers(message.districtCode),
  ]);
  const cell = officers.find((o) => o.role === 'district-cell');
  if (!district || !cell) throw new Error(`No IGRS cell on record for ${message.districtCode}`);
  const reason = String(
    [...reference.history].reverse().find((e) => e.action === 'triaged')?.details?.reason ?? '',
  );
  const link = await deps.signedLink({
    purpose: 'district-cell',
    districtCode: message.districtCode,
    officerId: cell.id,
    expiresAt: new Date(Date.now() + 7 * DAY_MS),
  });
  const rendered = triaged({
    referenceNo: reference.referenceNo,
    districtName: district.name,
    reason: TRIAGE_REASON_TEXT[reason] ?? { en: reason, hi: reason },
    link,
  });
  return deliver(deps, `triaged#${reference.referenceNo}#${message.version}`, cell, rendered);
}

/**
 * Sends one notification on each channel its recipient has, each at most once however often the
 * message is delivered. A reference that no longer exists (taken back at intake) needs no message.
 */
export async function notify(message: NotificationMessage, deps: NotifyDeps): Promise<{ sent: string[] }> {
  if (message.type === 'bundle') {
    // The notifications of a bundle are about one reference: read it once.
    const read = new Map<string, Promise<Reference | undefined>>();
    const once: NotifyDeps = {
      ...deps,
      references: {
        get: (no) => {
          if (!read.has(no)) read.set(no, deps.references.get(no));
          return read.get(no)!;
        },
      },
    };
    // Each is tried even when one before it fails, so a station's notice does not wait for the
    // retry of an acknowledgement another delivery is sending; the failure then retries the bundle.
    const sent: string[] = [];
    const failures: unknown[] = [];
    for (const notification of message.notifications) {
      try {
        sent.push(...(await notifyOne(notification, once)).sent);
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
    return { sent };
  }
  return notifyOne(message, deps);
}

async function notifyOne(message: SingleNotification, deps: NotifyDeps): Promise<{ sent: string[] }> {
  const send: Deliver = (key, to, rendered) => deliver(deps, key, to, rendered);
  switch (message.type) {
    case 'random-check-drawn':
      return { sent: await notifyRandomCheck(message, deps, send) };
    // Officers' digests from the scheduled jobs are about many references, not one.
    case 'defaulter-digest':
    case 'due-digest':
    case 'near-defaulter-digest':
      return { sent: await notifyDigest(message, deps, send) };
  }
  const reference = await deps.references.get(message.referenceNo);
  if (!reference) return { sent: [] };
  switch (message.type) {
    case 'report-submitted':
    case 'report-returned':
    case 'disposed':
    case 'reopened':
      return { sent: await notifyOfficerWork(message, reference, deps, send, deps.feedbackWindowDays ?? 7) };
    case 'station-assigned':
      return { sent: await notifyStation(message, reference, deps) };
    case 'triaged':
      return { sent: await notifyDistrictCell(message, reference, deps) };
  }
  const rendered = acknowledgement({
    language: reference.complainant.language,
    referenceNo: reference.referenceNo,
    deadlineAt: new Date(reference.deadlineAt),
    // The signed status link, not the JSON API (which wants a credential a phone cannot send).
    trackUrl: await deps.statusLink({
      referenceNo: reference.referenceNo,
      version: reference.statusLinkVersion ?? 0,
    }),
  });
  return {
    sent: await deliver(deps, `acknowledgement#${reference.referenceNo}`, reference.complainant, rendered),
  };
}

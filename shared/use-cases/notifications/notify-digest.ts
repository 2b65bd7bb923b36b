import type { Category, District, Officer, Station } from '../../domain/masterdata/types.ts';
import {
  type DigestEntry,
  officerDigest,
  type RenderedNotification,
} from '../../domain/notifications/templates.ts';
import type { ReferenceStatus } from '../../domain/reference/types.ts';
import { announcementOwner, type DigestMessage, type DigestRow, digestKey } from '../../domain/sweep/plan.ts';
import type { SignedLinkRequest } from './send-notification.ts';

/**
 * The notifier's half of the digests: who the message is for, which rows are still theirs to hear
 * about, the links, the rendering, and the one delivery per channel through the ledger.
 */

/** Which digest told a recipient about a reference: at most one, ever. */
export interface AnnouncementLedger {
  /**
   * Records `owner` as the digest that tells `recipientId` about each reference, where no other
   * digest already does (one conditional write each). Returns the references `owner` holds, new or
   * held since an earlier delivery of the same message, in the order given.
   */
  claim(recipientId: string, referenceNos: readonly string[], owner: string): Promise<string[]>;
}

export interface DigestDeps {
  masterData: {
    district(code: string): Promise<District | undefined>;
    station(districtCode: string, code: string): Promise<Station | undefined>;
    category(code: string): Promise<Category | undefined>;
    officers(districtCode: string): Promise<Officer[]>;
  };
  signedLink(request: SignedLinkRequest): Promise<string>;
  announcements?: AnnouncementLedger;
}

/** Sends a rendered message on each channel the recipient has, each once per key. */
export type DeliverOnce = (
  key: string,
  to: { mobile?: string; email?: string },
  rendered: RenderedNotification,
) => Promise<string[]>;

const DAY_MS = 86_400_000;

/** How officers read a status in a list (shorter than the complainant's wording). */
const STATUS_LABEL: Record<ReferenceStatus, { en: string; hi: string }> = {
  registered: { en: 'Being forwarded', hi: 'अग्रसारण प्रक्रिया में' },
  triage: { en: 'With the IGRS cell', hi: 'आईजीआरएस प्रकोष्ठ के पास' },
  assigned: { en: 'Under investigation', hi: 'जांच प्रचलित' },
  'report-submitted': { en: 'Report awaiting review', hi: 'आख्या समीक्षाधीन' },
  returned: { en: 'Returned for re-investigation', hi: 'पुनः जांच हेतु वापस' },
  reopened: { en: 'Reopened', hi: 'पुनः खुला' },
  resolved: { en: 'Resolved', hi: 'समाधान' },
  closed: { en: 'Closed', hi: 'बंद' },
};

async function entries(
  rows: readonly DigestRow[],
  districtCode: string,
  deps: DigestDeps,
  link: (row: DigestRow) => Promise<string | undefined>,
): Promise<DigestEntry[]> {
  const stations = new Map<string, Promise<Station | undefined>>();
  const categories = new Map<string, Promise<Category | undefined>>();
  return Promise.all(
    rows.map(async (row) => {
      const stationCode = row.stationCode;
      if (stationCode && !stations.has(stationCode))
        stations.set(stationCode, deps.masterData.station(districtCode, stationCode));
      if (!categories.has(row.categoryCode))
        categories.set(row.categoryCode, deps.masterData.category(row.categoryCode));
      const station = stationCode ? await stations.get(stationCode) : undefined;
      const category = await categories.get(row.categoryCode);
      const url = await link(row);
      return {
        referenceNo: row.referenceNo,
        ...(stationCode ? { stationName: station?.name ?? { en: stationCode, hi: stationCode } } : {}),
        categoryName: category?.name ?? { en: row.categoryCode, hi: row.categoryCode },
        status: STATUS_LABEL[row.status],
        deadlineAt: new Date(row.deadlineAt),
        ...(url ? { link: url } : {}),
      };
    }),
  );
}

/**
 * Sends one digest. A defaulter digest first takes, per listed reference, the announcement to this
 * recipient (see AnnouncementLedger): rows another message already announced are left out, and a
 * digest left with none sends nothing. Its ledger key is derived from the message and the rows it
 * holds, so a redelivery sends nothing more. Daily digests are keyed by recipient and IST date.
 */
export async function notifyDigest(
  message: DigestMessage,
  deps: DigestDeps,
  deliver: DeliverOnce,
): Promise<string[]> {
  const officers = await deps.masterData.officers(message.districtCode);
  const officer = officers.find((o) => o.id === message.officerId);
  // A post removed since the run was planned: there is nobody to tell.
  if (!officer) throw new Error(`No officer ${message.officerId} on record in ${message.districtCode}`);

  let rows = message.rows;
  let announced: string[] = [];
  if (message.type === 'defaulter-digest') {
    if (!deps.announcements) throw new Error('defaulter digests need the announcement ledger');
    const numbers = rows.map((r) => r.referenceNo);
    announced = await deps.announcements.claim(officer.id, numbers, announcementOwner(message));
    const held = new Set(announced);
    rows = rows.filter((r) => held.has(r.referenceNo));
    if (rows.length === 0) return [];
  }

  const now = Date.now();
  const expiresAt = new Date(now + 30 * DAY_MS);
  // Rows open their reference where the recipient has a page for it: a station officer's reference
  // link (scoped to the station), a supervisor's review link. The cell has its desk; the SP a list.
  const rowLink = async (row: DigestRow): Promise<string | undefined> => {
    const linkExpiry = new Date(Math.max(Date.parse(row.deadlineAt), now) + 30 * DAY_MS);
    if (officer.role === 'station-officer' && row.stationCode) {
      return deps.signedLink({
        purpose: 'reference',
        referenceNo: row.referenceNo,
        stationCode: row.stationCode,
        officerId: officer.id,
        expiresAt: linkExpiry,
      });
    }
    if (officer.role === 'supervisor' && row.stationCode && officer.stationCodes.includes(row.stationCode)) {
      return deps.signedLink({
        purpose: 'supervisor-review',
        referenceNo: row.referenceNo,
        officerId: officer.id,
        expiresAt: linkExpiry,
      });
    }
    return undefined;
  };
  let listLink: string | undefined;
  let unitName: { en: string; hi: string };
  if (message.type === 'due-digest') {
    const unit = await deps.masterData.station(message.districtCode, message.stationCode);
    unitName = unit?.name ?? { en: message.stationCode, hi: message.stationCode };
    listLink = await deps.signedLink({
      purpose: 'station-inbox',
      stationCode: message.stationCode,
      officerId: officer.id,
      expiresAt,
    });
  } else {
    const district = await deps.masterData.district(message.districtCode);
    unitName = district?.name ?? { en: message.districtCode, hi: message.districtCode };
    if (officer.role === 'district-cell') {
      listLink = await deps.signedLink({
        purpose: 'district-cell',
        districtCode: message.districtCode,
        officerId: officer.id,
        expiresAt: new Date(now + 7 * DAY_MS),
      });
    }
  }

  const rendered = officerDigest({
    kind:
      message.type === 'defaulter-digest'
        ? 'defaulter'
        : message.type === 'due-digest'
          ? 'due'
          : 'near-defaulter',
    unitName,
    entries: await entries(rows, message.districtCode, deps, rowLink),
    total: message.type === 'defaulter-digest' ? rows.length : message.total,
    ...(listLink ? { listLink } : {}),
    ...(message.type === 'defaulter-digest' ? { part: { index: message.part, count: message.parts } } : {}),
  });
  return deliver(digestKey(message, announced), officer, rendered);
}

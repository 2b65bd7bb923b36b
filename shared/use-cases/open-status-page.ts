import type { Bilingual, Language } from '../domain/language.ts';
import type { LinkKeyring } from '../domain/links/keyring.ts';
import { verifyStatusToken } from '../domain/links/status-token.ts';
import { epochSeconds, signLinkToken } from '../domain/links/token.ts';
import type { Category, District, Station } from '../domain/masterdata/types.ts';
import type { Clock, ReferenceRepository } from '../domain/ports.ts';
import { type publicOutcome, publicStatus, type publicView } from '../domain/reference/public-view.ts';
import { feedbackOpen, type StatusLinkRefusal, statusLinkRefusal } from '../domain/reference/status-link.ts';

const DAY_MS = 86_400_000;

export interface StatusPageDeps {
  references: Pick<ReferenceRepository, 'get'>;
  masterData: {
    district(code: string): Promise<District | undefined>;
    station(districtCode: string, code: string): Promise<Station | undefined>;
    category(code: string): Promise<Category | undefined>;
  };
  keyring: LinkKeyring;
  clock: Clock;
  /** Days after disposal the complainant may answer the feedback request (as the notifier's link). */
  feedbackWindowDays: number;
  /** Days a status link keeps opening a disposed reference. */
  linkDaysAfterDisposal: number;
}

/** What the status page shows: the public view, named for people, and nothing else. */
export interface StatusPageData {
  language: Language;
  view: ReturnType<typeof publicView>;
  category: Bilingual;
  /** The unit now responsible: the station, or the district's IGRS cell. Never an officer. */
  unit: Bilingual;
  outcome?: NonNullable<ReturnType<typeof publicOutcome>>;
  /** The single-use feedback link's token (/o/{token}), while feedback on this disposal is open. */
  feedbackToken?: string;
}

export type StatusPageResult =
  | { ok: true; page: StatusPageData }
  | { ok: false; refusal: 'invalid' | StatusLinkRefusal };

/**
 * The complainant opens the status link from their SMS or mail. The link is its own credential:
 * nothing here consults the tracking-attempt counters, so no stranger's failed guesses can shut a
 * complainant out of it. A token that is not genuine and a genuine one whose reference is gone
 * answer alike ('invalid').
 */
export async function openStatusPage(token: string, deps: StatusPageDeps): Promise<StatusPageResult> {
  const claims = verifyStatusToken(token, deps.keyring);
  if (!claims) return { ok: false, refusal: 'invalid' };
  const reference = await deps.references.get(claims.referenceNo);
  if (!reference) return { ok: false, refusal: 'invalid' };
  const now = deps.clock.now();
  const refusal = statusLinkRefusal(reference, claims, now, deps.linkDaysAfterDisposal);
  if (refusal) return { ok: false, refusal };

  const [district, station, category] = await Promise.all([
    deps.masterData.district(reference.districtCode),
    reference.stationCode
      ? deps.masterData.station(reference.districtCode, reference.stationCode)
      : Promise.resolve(undefined),
    deps.masterData.category(reference.categoryCode),
  ]);
  const districtName = district?.name ?? { en: reference.districtCode, hi: reference.districtCode };
  const unit: Bilingual = station
    ? { en: `${station.name.en}, ${districtName.en}`, hi: `${station.name.hi}, ${districtName.hi}` }
    : { en: `District IGRS cell, ${districtName.en}`, hi: `जनपद आईजीआरएस प्रकोष्ठ, ${districtName.hi}` };

  // The same projection the tracking API answers (publicStatus), shown as a page.
  const { outcome, ...view } = publicStatus(reference);
  const disposalNumber = reference.disposalCount ?? 1;
  // The same single-use link the disposal SMS carries (same nonce), so one answer spends both.
  const feedbackToken =
    reference.disposal && feedbackOpen(reference, now, deps.feedbackWindowDays)
      ? signLinkToken(
          {
            purpose: 'feedback',
            referenceNo: reference.referenceNo,
            version: disposalNumber,
            nonce: `${reference.referenceNo}-${disposalNumber}`,
            expiresAt: epochSeconds(
              new Date(new Date(reference.disposal.disposedAt).getTime() + deps.feedbackWindowDays * DAY_MS),
            ),
          },
          deps.keyring,
          now,
        )
      : undefined;
  return {
    ok: true,
    page: {
      language: reference.complainant.language,
      view,
      category: category?.name ?? { en: reference.categoryCode, hi: reference.categoryCode },
      unit,
      ...(outcome ? { outcome } : {}),
      ...(feedbackToken ? { feedbackToken } : {}),
    },
  };
}

import type { Bilingual } from '../domain/language.ts';
import type { LinkClaims } from '../domain/links/token.ts';
import type { Category, Station } from '../domain/masterdata/types.ts';
import type { Clock } from '../domain/ports.ts';
import type { Actor, HistoryEvent, Reference } from '../domain/reference/types.ts';
import { istDate } from '../domain/time/ist.ts';
import { type OfficersPort, scopedReference } from './scope.ts';

export interface ReferencePageDeps extends OfficersPort {
  references: {
    get(referenceNo: string): Promise<Reference | undefined>;
    /**
     * Records a read of the complainant's contact details beside the reference, once per viewer per
     * IST day (a conditional write on that key); false when already recorded.
     */
    recordView(
      referenceNo: string,
      event: HistoryEvent,
      once: { day: string; viewer: string },
    ): Promise<boolean>;
    /** The reads recorded by recordView, oldest first. */
    viewsOf(referenceNo: string): Promise<HistoryEvent[]>;
  };
  masterData: {
    category(code: string): Promise<Category | undefined>;
    stations(districtCode: string): Promise<Station[]>;
  };
  clock: Clock;
}

/** What an officer's reference page shows. */
export interface ReferencePage {
  /** The reference, its history with the recorded reads of its contact details in time order. */
  reference: Reference;
  category: Category | undefined;
  /** Names of the district's stations, for its history (transfers name stations). */
  stationNames: Map<string, Bilingual>;
}

/** The page of a reference already read and checked to be the link holder's. */
export async function referencePage(reference: Reference, deps: ReferencePageDeps): Promise<ReferencePage> {
  const [views, category, stations] = await Promise.all([
    deps.references.viewsOf(reference.referenceNo),
    deps.masterData.category(reference.categoryCode),
    deps.masterData.stations(reference.districtCode),
  ]);
  return {
    reference: {
      ...reference,
      history: [...reference.history, ...views].sort((a, b) => a.at.localeCompare(b.at)),
    },
    category,
    stationNames: new Map(stations.map((s) => [s.code, s.name])),
  };
}

/**
 * Records that someone read the complainant's contact details: the first read of each viewer (their
 * post, or their unit when the link names no post) on each IST day, so every viewer is named but a
 * reload or the page shown again after a form adds nothing.
 */
export async function recordContactView(
  reference: Pick<Reference, 'referenceNo'>,
  viewer: { actor: Actor; post?: string | undefined },
  deps: Pick<ReferencePageDeps, 'references' | 'clock'>,
): Promise<void> {
  const now = deps.clock.now();
  const who = viewer.post ?? viewer.actor.stationCode ?? viewer.actor.districtCode ?? 'unknown';
  await deps.references.recordView(
    reference.referenceNo,
    {
      at: now.toISOString(),
      actor: viewer.actor,
      action: 'contact-viewed',
      ...(viewer.post ? { details: { post: viewer.post } } : {}),
    },
    { day: istDate(now), viewer: `${viewer.actor.role}#${who}` },
  );
}

/**
 * A station officer or supervisor opens a reference from their link: if it is theirs now, the read
 * of the complainant's contact details is recorded (who, when, through which post; once a day each)
 * and the page's content returned.
 */
export async function openReference(claims: LinkClaims, deps: ReferencePageDeps): Promise<ReferencePage> {
  const reference = await scopedReference(claims, deps);
  await recordContactView(
    reference,
    {
      actor: {
        role: claims.purpose === 'reference' ? 'station-officer' : 'supervisor',
        ...(reference.stationCode ? { stationCode: reference.stationCode } : {}),
        districtCode: reference.districtCode,
      },
      post: claims.officerId,
    },
    deps,
  );
  return referencePage(reference, deps);
}

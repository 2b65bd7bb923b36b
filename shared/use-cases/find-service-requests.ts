import type { Language } from '../domain/language.ts';
import type { RequestQuery } from '../domain/open311/query.ts';
import {
  type Audience,
  open311Status,
  partnerServiceRequest,
  publicServiceRequest,
} from '../domain/open311/view.ts';
import type { MasterDataReader } from '../domain/ports.ts';
import type { Reference } from '../domain/reference/types.ts';
import { addIstDays, istDate } from '../domain/time/ist.ts';

/** What GET requests reads: the state's references by IST filing day, and references by number. */
export interface RequestSource {
  /** Numbers of the references filed on one IST day with createdAt in [fromIso, toIso], newest first. */
  filedOn(istDay: string, fromIso: string, toIso: string): Promise<string[]>;
  getMany(referenceNos: string[]): Promise<Reference[]>;
}

export interface SearchLimits {
  /**
   * With a status or service_code filter every reference in the window must be read to test it;
   * past this many the search stops and says it is incomplete rather than run out the clock.
   */
  maxExamined: number;
}

export const DEFAULT_SEARCH_LIMITS: SearchLimits = { maxExamined: 5000 };

export interface SearchResult {
  references: Reference[];
  /** False when the read limit stopped the search before the page was full. */
  complete: boolean;
}

const BATCH = 100;

/** References by number, in the order asked for; numbers that do not exist are left out. */
async function inOrder(source: RequestSource, referenceNos: string[]): Promise<Reference[]> {
  if (referenceNos.length === 0) return [];
  const found = new Map((await source.getMany(referenceNos)).map((r) => [r.referenceNo, r]));
  return referenceNos.flatMap((no) => found.get(no) ?? []);
}

/**
 * Reference numbers in the window, newest first, a day at a time. Days are read a few at once,
 * starting with one and doubling to eight, so a busy today costs one query and a quiet quarter
 * does not cost ninety in a row.
 */
async function* newestFirst(query: RequestQuery, source: RequestSource): AsyncGenerator<string> {
  const fromIso = query.from.toISOString();
  const toIso = query.to.toISOString();
  const first = istDate(query.from);
  let day = istDate(query.to);
  let width = 1;
  while (day >= first) {
    const days: string[] = [];
    for (; days.length < width && day >= first; day = addIstDays(day, -1)) days.push(day);
    const found = await Promise.all(days.map((d) => source.filedOn(d, fromIso, toIso)));
    for (const numbers of found) yield* numbers;
    width = Math.min(width * 2, 8);
  }
}

/** GET requests: the page of references that match, newest first. */
export async function findServiceRequests(
  query: RequestQuery,
  source: RequestSource,
  limits: SearchLimits = DEFAULT_SEARCH_LIMITS,
): Promise<SearchResult> {
  if (query.ids) return { references: await inOrder(source, query.ids), complete: true };

  const skip = (query.page - 1) * query.pageSize;
  const { serviceCodes, statuses } = query;

  if (!serviceCodes && !statuses) {
    // Every reference in the window matches: count past the earlier pages on the index alone.
    const wanted: string[] = [];
    let seen = 0;
    for await (const no of newestFirst(query, source)) {
      if (seen++ < skip) continue;
      wanted.push(no);
      if (wanted.length === query.pageSize) break;
    }
    return { references: await inOrder(source, wanted), complete: true };
  }

  const matches = (reference: Reference) =>
    (!serviceCodes || serviceCodes.includes(reference.categoryCode)) &&
    (!statuses || statuses.includes(open311Status(reference.status)));
  const results: Reference[] = [];
  let matched = 0;
  let batch: string[] = [];
  let examined = 0;
  /** Tests a batch; true once the page is full. */
  const flush = async (): Promise<boolean> => {
    const references = await inOrder(source, batch);
    batch = [];
    for (const reference of references) {
      if (!matches(reference)) continue;
      if (matched++ < skip) continue;
      results.push(reference);
      if (results.length === query.pageSize) return true;
    }
    return false;
  };
  for await (const no of newestFirst(query, source)) {
    if (examined === limits.maxExamined) {
      // More remain unread: what was found is returned, marked incomplete unless the page filled.
      return { references: results, complete: await flush() };
    }
    batch.push(no);
    examined++;
    if (batch.length === BATCH && (await flush())) return { references: results, complete: true };
  }
  await flush();
  return { references: results, complete: true };
}

/** The <request> list for references, naming each one's category, district and unit from master data. */
export async function publicServiceRequests(
  references: readonly Reference[],
  masterData: MasterDataReader,
  language: Language,
  audience: Audience = 'public',
) {
  const view = audience === 'partner' ? partnerServiceRequest : publicServiceRequest;
  return Promise.all(
    references.map(async (reference) => {
      const [category, district, station] = await Promise.all([
        masterData.category(reference.categoryCode),
        masterData.district(reference.districtCode),
        reference.stationCode
          ? masterData.station(reference.districtCode, reference.stationCode)
          : Promise.resolve(undefined),
      ]);
      return view(reference, { category, district, station }, language);
    }),
  );
}

export interface ServiceRequestsDeps {
  references: RequestSource & { get(referenceNo: string): Promise<Reference | undefined> };
  masterData: MasterDataReader;
}

/**
 * An Open311 client's GET requests: the page of references that match, newest first, as the public
 * may see them (view.ts says what is shown and what withheld).
 */
export async function searchServiceRequests(
  query: RequestQuery,
  language: Language,
  deps: ServiceRequestsDeps,
  audience: Audience = 'public',
): Promise<{ requests: Awaited<ReturnType<typeof publicServiceRequests>>; complete: boolean }> {
  const result = await findServiceRequests(query, deps.references);
  return {
    requests: await publicServiceRequests(result.references, deps.masterData, language, audience),
    complete: result.complete,
  };
}

/** An Open311 client's GET requests/{id}: the one reference as the public may see it, if it exists. */
export async function serviceRequestById(
  referenceNo: string,
  language: Language,
  deps: ServiceRequestsDeps,
  audience: Audience = 'public',
) {
  const reference = await deps.references.get(referenceNo);
  return reference ? publicServiceRequests([reference], deps.masterData, language, audience) : undefined;
}

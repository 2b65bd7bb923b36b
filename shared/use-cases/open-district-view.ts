import type { Bilingual } from '../domain/language.ts';
import type { Category, District, Station } from '../domain/masterdata/types.ts';
import type { Clock } from '../domain/ports.ts';
import type { RankedReference } from '../domain/ranking/counts.ts';
import { rankMonth } from '../domain/ranking/run.ts';
import type { RankingSnapshotDraft, UnitResult } from '../domain/ranking/snapshot.ts';
import type { DueEntry } from '../domain/reference/types.ts';
import { istMonth } from '../domain/time/ist.ts';
import { categoryNameMap, DUE_WITHIN_3_DAYS_MS } from './open-cell-desk.ts';

export interface DistrictViewDeps {
  masterData: {
    district(code: string): Promise<District | undefined>;
    stations(districtCode: string): Promise<Station[]>;
    categories(): Promise<Category[]>;
  };
  references: {
    /** Open references not yet defaulters (the `due` index), all of the district's. */
    openNotDefaulted(districtCode: string): Promise<DueEntry[]>;
    /** Open defaulters (the `due` index's flagged list), all of the district's. */
    openDefaulters(districtCode: string): Promise<DueEntry[]>;
  };
  /** A district's references filed in one IST month (the `month` index), as the ranking reads them. */
  months: { read(districtCode: string, month: string): AsyncIterable<RankedReference> };
  clock: Clock;
}

export interface PendingRow {
  /** Undefined for what waits in the cell's own triage. */
  stationCode: string | undefined;
  pending: number;
  dueSoon: number;
  defaulters: number;
}

export interface DistrictView {
  district: District;
  stations: Station[];
  categoryNames: Map<string, Bilingual>;
  now: Date;
  /** Open references by the unit holding them, stations with nothing pending included. */
  pending: PendingRow[];
  /** Open references due within three days, earliest first. */
  dueSoon: DueEntry[];
  /** Open references past their deadline, as the sweep marked them, longest overdue first. */
  defaulters: DueEntry[];
  /** The month so far, scored and ranked by the ranking engine; never stored or published. */
  provisional: {
    month: string;
    district: UnitResult | undefined;
    stations: UnitResult[];
    policy: RankingSnapshotDraft['policy'];
  };
}

/**
 * The SP office's live view of its district: what is pending where, what falls due within three
 * days, the defaulters, and the month so far as the monthly ranking would score it now (the
 * district's score and its stations' ranks within the district). All by Query; the provisional
 * scores come from the same pure engine as the published ranking but are computed on the spot and
 * never written, so nobody can mistake them for the month's result.
 */
export async function openDistrictView(
  districtCode: string,
  deps: DistrictViewDeps,
): Promise<DistrictView | undefined> {
  const district = await deps.masterData.district(districtCode);
  if (!district) return undefined;
  const now = deps.clock.now();
  const month = istMonth(now);
  const [stations, categories, open, defaulters] = await Promise.all([
    deps.masterData.stations(district.code),
    deps.masterData.categories(),
    deps.references.openNotDefaulted(district.code),
    deps.references.openDefaulters(district.code),
  ]);
  const snapshot = await rankMonth({
    month,
    asOf: now,
    districts: [district],
    stations: stations.map((s) => ({ code: s.code, districtCode: s.districtCode, name: s.name })),
    read: deps.months.read,
  });

  const soonUntil = new Date(now.getTime() + DUE_WITHIN_3_DAYS_MS).toISOString();
  const dueSoon = open
    .filter((r) => r.deadlineAt >= now.toISOString() && r.deadlineAt <= soonUntil)
    .sort((a, b) => a.deadlineAt.localeCompare(b.deadlineAt));
  const rows = new Map<string | undefined, PendingRow>();
  const row = (stationCode: string | undefined) => {
    const key = stationCode;
    let found = rows.get(key);
    if (!found) {
      found = { stationCode, pending: 0, dueSoon: 0, defaulters: 0 };
      rows.set(key, found);
    }
    return found;
  };
  for (const station of stations) row(station.code);
  const unit = (r: DueEntry) =>
    r.status === 'triage' || r.status === 'registered' ? undefined : r.stationCode;
  for (const r of open) row(unit(r)).pending++;
  for (const r of dueSoon) row(unit(r)).dueSoon++;
  for (const r of defaulters) {
    row(unit(r)).pending++;
    row(unit(r)).defaulters++;
  }
  const names = new Map(stations.map((s) => [s.code, s.name.en]));
  const pending = [...rows.values()].sort(
    (a, b) =>
      b.defaulters - a.defaulters ||
      b.pending - a.pending ||
      (names.get(a.stationCode ?? '') ?? '').localeCompare(names.get(b.stationCode ?? '') ?? ''),
  );
  return {
    district,
    stations,
    categoryNames: categoryNameMap(categories),
    now,
    pending,
    dueSoon,
    defaulters: [...defaulters].sort((a, b) => a.deadlineAt.localeCompare(b.deadlineAt)),
    provisional: {
      month,
      district: snapshot.districts.find((d) => d.code === district.code),
      stations: snapshot.stations
        .filter((s) => s.districtCode === district.code)
        .sort(
          (a, b) =>
            (a.districtRank ?? Number.POSITIVE_INFINITY) - (b.districtRank ?? Number.POSITIVE_INFINITY) ||
            a.code.localeCompare(b.code),
        ),
      policy: snapshot.policy,
    },
  };
}

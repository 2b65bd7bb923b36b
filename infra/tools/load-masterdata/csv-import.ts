import {
  hasDevanagari,
  isCode,
  isPinCode,
  normaliseLocality,
  parseEmail,
  parseIndianMobile,
  splitList,
} from '../../../shared/domain/masterdata/fields.ts';
import type {
  District,
  Officer,
  OfficerRole,
  Station,
  StationKind,
} from '../../../shared/domain/masterdata/types.ts';
import { parseCsv } from './csv.ts';

/**
 * Master data from CSV: what each kind of file holds, how every row is checked, and what loading a
 * valid file changes. Pure: the caller reads the file and the rows already in the table, and writes
 * the plan (infra/tools/load-masterdata.ts).
 *
 * Every file starts with a header row naming its columns, in any order. A column the kind does not
 * know, or a required one that is missing, is an error. Values are trimmed. Lists inside a cell are
 * separated by semicolons (PIN codes also by spaces).
 *
 *   districts      code, name_en, name_hi, division, commissionerate (true/false)
 *   stations       code, district_code, name_en, name_hi, kind (police-station | cyber-cell |
 *                  women-help-desk), pin_codes, localities, [action: upsert (default) | delete]
 *                  An upsert replaces the station: its PIN codes and localities become exactly the
 *                  listed ones. A delete needs only code and district_code.
 *   jurisdictions  station_code, district_code, and pin_code and/or locality (one column or both;
 *                  each row gives at least one): adds the PIN / locality to the station's area.
 *   officers       id, role (station-officer | supervisor | district-cell | senior-officer),
 *                  district_code, station_codes, title_en, title_hi, email, mobile, language (hi | en;
 *                  blank means hi), [action: upsert (default) | delete]
 *                  A station officer acts for exactly one station, a supervisor for one or more (all in
 *                  its district), district-cell and senior-officer posts for none. Each post needs an
 *                  email, a mobile or both. A station has one station officer and one supervisor.
 *
 * Codes are lower-case slugs; a station's code starts with its district's code and a hyphen, and so
 * does an officer's id. Districts and stations a row refers to must already be in the table.
 */

export const MASTER_DATA_KINDS = ['districts', 'stations', 'jurisdictions', 'officers'] as const;
export type MasterDataKind = (typeof MASTER_DATA_KINDS)[number];

export const isMasterDataKind = (value: string): value is MasterDataKind =>
  (MASTER_DATA_KINDS as readonly string[]).includes(value);

interface ColumnSpec {
  required: readonly string[];
  optional: readonly string[];
  /** Of these optional columns the header must have at least one. */
  atLeastOne?: readonly string[];
}

export const COLUMNS: Readonly<Record<MasterDataKind, ColumnSpec>> = {
  districts: { required: ['code', 'name_en', 'name_hi', 'division', 'commissionerate'], optional: [] },
  stations: {
    required: ['code', 'district_code', 'name_en', 'name_hi', 'kind', 'pin_codes', 'localities'],
    optional: ['action'],
  },
  jurisdictions: {
    required: ['station_code', 'district_code'],
    optional: ['pin_code', 'locality'],
    atLeastOne: ['pin_code', 'locality'],
  },
  officers: {
    required: [
      'id',
      'role',
      'district_code',
      'station_codes',
      'title_en',
      'title_hi',
      'email',
      'mobile',
      'language',
    ],
    optional: ['action'],
  },
};

const STATION_KINDS: readonly StationKind[] = ['police-station', 'cyber-cell', 'women-help-desk'];
const OFFICER_ROLES: readonly OfficerRole[] = [
  'station-officer',
  'supervisor',
  'district-cell',
  'senior-officer',
];

/** A problem with one row (or the header), by the physical line the record starts on. */
export interface RowError {
  line: number;
  /** The column at fault; `header` for the header row, `row` for the record as a whole. */
  column: string;
  message: string;
}

export const formatRowError = (file: string, error: RowError): string =>
  `${file}:${error.line}: ${error.column}: ${error.message}`;

export interface CsvRow {
  line: number;
  values: Readonly<Record<string, string>>;
}

export interface MasterDataTable {
  kind: MasterDataKind;
  rows: CsvRow[];
  /** Syntax and header errors, and rows whose field count does not match the header. */
  errors: RowError[];
}

/** Parses a file's text into rows keyed by column, checking the header against the kind. */
export function readMasterDataCsv(kind: MasterDataKind, text: string): MasterDataTable {
  const parsed = parseCsv(text);
  const errors: RowError[] = parsed.errors.map((e) => ({ line: e.line, column: 'row', message: e.message }));
  const [header, ...records] = parsed.records;
  if (!header) {
    errors.push({
      line: 1,
      column: 'header',
      message: 'the file is empty; the first line must name the columns',
    });
    return { kind, rows: [], errors };
  }
  const spec = COLUMNS[kind];
  const known = new Set([...spec.required, ...spec.optional]);
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const headerErrors: RowError[] = [];
  const seen = new Set<string>();
  for (const column of columns) {
    if (column === '')
      headerErrors.push({ line: header.line, column: 'header', message: 'a column has no name' });
    else if (!known.has(column))
      headerErrors.push({
        line: header.line,
        column: 'header',
        message: `unknown column '${column}'; ${kind} files have ${describeColumns(spec)}`,
      });
    else if (seen.has(column))
      headerErrors.push({ line: header.line, column: 'header', message: `column '${column}' appears twice` });
    seen.add(column);
  }
  for (const column of spec.required) {
    if (!seen.has(column))
      headerErrors.push({ line: header.line, column: 'header', message: `missing column '${column}'` });
  }
  if (spec.atLeastOne && !spec.atLeastOne.some((c) => seen.has(c))) {
    headerErrors.push({
      line: header.line,
      column: 'header',
      message: `needs at least one of the columns ${spec.atLeastOne.map((c) => `'${c}'`).join(', ')}`,
    });
  }
  errors.push(...headerErrors);
  if (headerErrors.length > 0) return { kind, rows: [], errors };

  const rows: CsvRow[] = [];
  for (const record of records) {
    if (record.fields.length !== columns.length) {
      errors.push({
        line: record.line,
        column: 'row',
        message: `has ${record.fields.length} fields, the header has ${columns.length}`,
      });
      continue;
    }
    const values: Record<string, string> = {};
    columns.forEach((column, index) => {
      values[column] = (record.fields[index] ?? '').trim();
    });
    rows.push({ line: record.line, values });
  }
  return { kind, rows, errors };
}

function describeColumns(spec: ColumnSpec): string {
  const optional = spec.optional.length > 0 ? `, optionally ${spec.optional.join(', ')}` : '';
  return `${spec.required.join(', ')}${optional}`;
}

/** The districts a file's rows name, so the caller can read just their stations and officers. */
export function referencedDistricts(table: MasterDataTable): string[] {
  const codes = new Set<string>();
  for (const row of table.rows) {
    const code = row.values.district_code ?? (table.kind === 'districts' ? row.values.code : undefined);
    if (code && isCode(code)) codes.add(code);
  }
  return [...codes].sort();
}

/** What the table holds now: all districts, and the stations and officers of the districts named. */
export interface ExistingMasterData {
  districts: ReadonlyMap<string, District>;
  stations: ReadonlyMap<string, Station>;
  officers: ReadonlyMap<string, Officer>;
}

/** The changes a valid file makes, as whole items to put and remove. */
export interface MasterDataPlan {
  kind: MasterDataKind;
  rows: number;
  districts: { put: District[] };
  stations: {
    /** Each station's new state; its PIN and locality entries are written with it. */
    put: Station[];
    /** PIN codes and localities that upserted stations no longer list (entries to remove only). */
    stale: Station[];
    /** Stations to remove with their PIN and locality entries. */
    remove: Station[];
  };
  officers: { put: Officer[]; remove: Officer[] };
  /** Things worth knowing that do not stop the load. */
  notes: string[];
}

export interface MasterDataCheck {
  errors: RowError[];
  plan: MasterDataPlan;
}

/** Checks every row against the rules and the existing data; the plan is meant only when errors is empty. */
export function planMasterData(table: MasterDataTable, existing: ExistingMasterData): MasterDataCheck {
  const ctx = new Checker(table, existing);
  switch (table.kind) {
    case 'districts':
      planDistricts(ctx);
      break;
    case 'stations':
      planStations(ctx);
      break;
    case 'jurisdictions':
      planJurisdictions(ctx);
      break;
    case 'officers':
      planOfficers(ctx);
      break;
  }
  const order = new Map<string, number>(
    ['header', 'row', ...COLUMNS[table.kind].required, ...COLUMNS[table.kind].optional].map((c, i) => [c, i]),
  );
  const errors = [...table.errors, ...ctx.errors].sort(
    (a, b) => a.line - b.line || (order.get(a.column) ?? 99) - (order.get(b.column) ?? 99),
  );
  return { errors, plan: ctx.plan };
}

class Checker {
  readonly errors: RowError[] = [];
  readonly plan: MasterDataPlan;

  constructor(
    readonly table: MasterDataTable,
    readonly existing: ExistingMasterData,
  ) {
    this.plan = {
      kind: table.kind,
      rows: table.rows.length,
      districts: { put: [] },
      stations: { put: [], stale: [], remove: [] },
      officers: { put: [], remove: [] },
      notes: [],
    };
  }

  error(row: CsvRow, column: string, message: string) {
    this.errors.push({ line: row.line, column, message });
  }

  /** A required value, or undefined after reporting it missing. */
  required(row: CsvRow, column: string): string | undefined {
    const value = row.values[column] ?? '';
    if (value === '') {
      this.error(row, column, 'is required');
      return undefined;
    }
    return value;
  }

  code(row: CsvRow, column: string): string | undefined {
    const value = this.required(row, column);
    if (value === undefined) return undefined;
    if (!isCode(value)) {
      this.error(row, column, `'${value}' is not a code: use lower-case letters, digits and single hyphens`);
      return undefined;
    }
    return value;
  }

  /** A district_code that names a district in the table. */
  district(row: CsvRow, column = 'district_code'): string | undefined {
    const code = this.code(row, column);
    if (code === undefined) return undefined;
    if (!this.existing.districts.has(code)) {
      this.error(row, column, `no district '${code}'; load it with a districts file first`);
      return undefined;
    }
    return code;
  }

  hindi(row: CsvRow, column: string): string | undefined {
    const value = this.required(row, column);
    if (value !== undefined && !hasDevanagari(value)) {
      this.error(row, column, `'${value}' has no Devanagari; write the Hindi name in Hindi`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(row: CsvRow, column: string, allowed: readonly T[], fallback?: T): T | undefined {
    const value = (row.values[column] ?? '').toLowerCase();
    if (value === '' && fallback !== undefined) return fallback;
    if (value === '') {
      this.error(row, column, `is required: one of ${allowed.join(', ')}`);
      return undefined;
    }
    if (!(allowed as readonly string[]).includes(value)) {
      this.error(row, column, `'${row.values[column]}' is not one of ${allowed.join(', ')}`);
      return undefined;
    }
    return value as T;
  }

  /** Reports a repeated key; true the first time a key is seen. */
  unique(seen: Map<string, number>, row: CsvRow, column: string, key: string, what: string): boolean {
    const first = seen.get(key);
    if (first !== undefined) {
      this.error(row, column, `${what} repeats line ${first}`);
      return false;
    }
    seen.set(key, row.line);
    return true;
  }

  localities(row: CsvRow, column: string, raw: string): string[] | undefined {
    const localities: string[] = [];
    let ok = true;
    for (const part of splitList(raw)) {
      const locality = normaliseLocality(part);
      if (locality.includes('#')) {
        this.error(row, column, `locality '${part}' contains '#', which locality names cannot have`);
        ok = false;
      } else if (!localities.includes(locality)) localities.push(locality);
    }
    return ok ? localities : undefined;
  }
}

function planDistricts(ctx: Checker) {
  const seen = new Map<string, number>();
  for (const row of ctx.table.rows) {
    const code = ctx.code(row, 'code');
    if (code !== undefined) ctx.unique(seen, row, 'code', code, `district '${code}'`);
    const en = ctx.required(row, 'name_en');
    const hi = ctx.hindi(row, 'name_hi');
    const division = ctx.required(row, 'division');
    const commissionerate = ctx.oneOf(row, 'commissionerate', ['true', 'false'] as const);
    if (code && en && hi && division && commissionerate) {
      ctx.plan.districts.put.push({
        code,
        name: { en, hi },
        division,
        commissionerate: commissionerate === 'true',
      });
    }
  }
}

/** A station's code must be its district's code, a hyphen, and a name. */
function stationInDistrict(
  ctx: Checker,
  row: CsvRow,
  column: string,
  code: string,
  district: string,
): boolean {
  if (!code.startsWith(`${district}-`) || code.length === district.length + 1) {
    ctx.error(row, column, `'${code}' must start with its district's code: '${district}-…'`);
    return false;
  }
  return true;
}

function planStations(ctx: Checker) {
  const seen = new Map<string, number>();
  const upserts: { row: CsvRow; station: Station }[] = [];
  const removals = new Set<string>();
  for (const row of ctx.table.rows) {
    const action = ctx.oneOf(row, 'action', ['upsert', 'delete'] as const, 'upsert');
    const code = ctx.code(row, 'code');
    const district = ctx.district(row);
    if (code !== undefined) ctx.unique(seen, row, 'code', code, `station '${code}'`);
    const placed =
      code !== undefined && district !== undefined && stationInDistrict(ctx, row, 'code', code, district);

    // Without a valid action it is unclear which other columns the row needs.
    if (action === undefined) continue;
    if (action === 'delete') {
      if (!placed || code === undefined) continue;
      const current = ctx.existing.stations.get(code);
      removals.add(code);
      if (current) ctx.plan.stations.remove.push(current);
      else ctx.plan.notes.push(`line ${row.line}: station ${code} is not in the table; nothing to delete`);
      continue;
    }

    const en = ctx.required(row, 'name_en');
    const hi = ctx.hindi(row, 'name_hi');
    const kind = ctx.oneOf(row, 'kind', STATION_KINDS);
    const pinCodes: string[] = [];
    let pinsOk = true;
    for (const pin of splitList(row.values.pin_codes ?? '', { spaces: true })) {
      if (!isPinCode(pin)) {
        ctx.error(row, 'pin_codes', `'${pin}' is not a PIN code: six digits, the first not 0`);
        pinsOk = false;
      } else if (!pinCodes.includes(pin)) pinCodes.push(pin);
    }
    const localities = ctx.localities(row, 'localities', row.values.localities ?? '');
    if (code === undefined || district === undefined || !placed) continue;
    if (!en || !hi || !kind || !pinsOk || !localities) continue;
    upserts.push({
      row,
      station: { code, districtCode: district, name: { en, hi }, kind, pinCodes, localities, demo: false },
    });
  }

  // A district has one cyber cell and one women help desk, so category routing is unambiguous.
  const inFile = new Set([...upserts.map((u) => u.station.code), ...removals]);
  for (const { row, station } of upserts) {
    if (station.kind === 'police-station') continue;
    const others = [
      ...[...ctx.existing.stations.values()].filter((s) => !inFile.has(s.code)),
      ...upserts.map((u) => u.station),
    ].filter(
      (s) => s.districtCode === station.districtCode && s.kind === station.kind && s.code !== station.code,
    );
    if (others.length > 0) {
      ctx.error(
        row,
        'kind',
        `district ${station.districtCode} already has a ${station.kind} (${others.map((s) => s.code).join(', ')}); a district has one`,
      );
    }
  }

  for (const { station } of upserts) {
    ctx.plan.stations.put.push(station);
    const current = ctx.existing.stations.get(station.code);
    if (!current) continue;
    const stale: Station = {
      ...current,
      pinCodes: current.pinCodes.filter((p) => !station.pinCodes.includes(p)),
      localities: current.localities.filter((l) => !station.localities.includes(normaliseLocality(l))),
    };
    if (stale.pinCodes.length + stale.localities.length > 0) ctx.plan.stations.stale.push(stale);
  }

  for (const station of ctx.plan.stations.remove) {
    for (const officer of ctx.existing.officers.values()) {
      if (officer.stationCodes.includes(station.code)) {
        ctx.plan.notes.push(`officer ${officer.id} still lists ${station.code}, which this file deletes`);
      }
    }
  }
}

function planJurisdictions(ctx: Checker) {
  const seen = new Map<string, number>();
  const touched = new Map<string, Station>();
  let added = 0;
  for (const row of ctx.table.rows) {
    const district = ctx.district(row);
    const code = ctx.code(row, 'station_code');
    const pin = row.values.pin_code ?? '';
    const rawLocality = row.values.locality ?? '';
    let ok = true;
    if (pin === '' && rawLocality === '') {
      ctx.error(
        row,
        'pin_code' in row.values ? 'pin_code' : 'locality',
        'give a pin_code, a locality or both',
      );
      ok = false;
    }
    if (pin !== '' && !isPinCode(pin)) {
      ctx.error(row, 'pin_code', `'${pin}' is not a PIN code: six digits, the first not 0`);
      ok = false;
    }
    const locality = rawLocality === '' ? '' : normaliseLocality(rawLocality);
    if (locality.includes('#')) {
      ctx.error(row, 'locality', `locality '${rawLocality}' contains '#', which locality names cannot have`);
      ok = false;
    }
    if (code === undefined || district === undefined) continue;
    const station = touched.get(code) ?? ctx.existing.stations.get(code);
    if (!station || station.districtCode !== district) {
      ctx.error(
        row,
        'station_code',
        `no station '${code}' in district ${district}; load it with a stations file first`,
      );
      continue;
    }
    if (!ok || !ctx.unique(seen, row, 'row', `${code}|${pin}|${locality}`, 'this station, PIN and locality'))
      continue;
    const next: Station = {
      ...station,
      pinCodes: [...station.pinCodes],
      localities: [...station.localities],
    };
    if (pin !== '' && !next.pinCodes.includes(pin)) {
      next.pinCodes.push(pin);
      added++;
    }
    if (locality !== '' && !next.localities.map(normaliseLocality).includes(locality)) {
      next.localities.push(locality);
      added++;
    }
    touched.set(code, next);
  }
  ctx.plan.stations.put.push(...touched.values());
  if (touched.size > 0 && added === 0) {
    ctx.plan.notes.push('every PIN code and locality in the file is already in its station');
  }
}

function planOfficers(ctx: Checker) {
  const seen = new Map<string, number>();
  const upserts: { row: CsvRow; officer: Officer }[] = [];
  const removals = new Set<string>();
  for (const row of ctx.table.rows) {
    const action = ctx.oneOf(row, 'action', ['upsert', 'delete'] as const, 'upsert');
    const id = ctx.code(row, 'id');
    const district = ctx.district(row);
    if (id !== undefined) ctx.unique(seen, row, 'id', id, `officer '${id}'`);
    let placed = id !== undefined && district !== undefined;
    if (id !== undefined && district !== undefined && !id.startsWith(`${district}-`)) {
      ctx.error(row, 'id', `'${id}' must start with its district's code: '${district}-…'`);
      placed = false;
    }

    if (action === undefined) continue;
    if (action === 'delete') {
      if (!placed || id === undefined) continue;
      const current = ctx.existing.officers.get(id);
      removals.add(id);
      if (current) ctx.plan.officers.remove.push(current);
      else ctx.plan.notes.push(`line ${row.line}: officer ${id} is not in the table; nothing to delete`);
      continue;
    }

    const role = ctx.oneOf(row, 'role', OFFICER_ROLES);
    const stationCodes = [...new Set(splitList(row.values.station_codes ?? ''))];
    let stationsOk = true;
    if (district !== undefined) {
      for (const code of stationCodes) {
        const station = ctx.existing.stations.get(code);
        if (!station || station.districtCode !== district) {
          ctx.error(row, 'station_codes', `'${code}' is not a station of district ${district}`);
          stationsOk = false;
        }
      }
    }
    if (role === 'station-officer' && stationCodes.length !== 1) {
      ctx.error(
        row,
        'station_codes',
        `a station-officer acts for exactly one station, not ${stationCodes.length}`,
      );
      stationsOk = false;
    } else if (role === 'supervisor' && stationCodes.length === 0) {
      ctx.error(row, 'station_codes', 'a supervisor covers at least one station');
      stationsOk = false;
    } else if ((role === 'district-cell' || role === 'senior-officer') && stationCodes.length > 0) {
      ctx.error(row, 'station_codes', `a ${role} post is district-wide; leave station_codes empty`);
      stationsOk = false;
    }
    const en = ctx.required(row, 'title_en');
    const hi = ctx.hindi(row, 'title_hi');

    const rawEmail = row.values.email ?? '';
    const rawMobile = row.values.mobile ?? '';
    const email = rawEmail === '' ? undefined : parseEmail(rawEmail);
    const mobile = rawMobile === '' ? undefined : parseIndianMobile(rawMobile);
    let contactOk = true;
    if (rawEmail === '' && rawMobile === '') {
      ctx.error(row, 'email', 'give an email, a mobile or both: a post nobody can be told about is no use');
      contactOk = false;
    }
    if (rawEmail !== '' && !email) {
      ctx.error(row, 'email', `'${rawEmail}' is not an email address`);
      contactOk = false;
    }
    if (rawMobile !== '' && !mobile) {
      ctx.error(
        row,
        'mobile',
        `'${rawMobile}' is not an Indian mobile number (ten digits starting 6-9, optionally +91)`,
      );
      contactOk = false;
    }
    const language = ctx.oneOf(row, 'language', ['hi', 'en'] as const, 'hi');
    if (id === undefined || district === undefined || !placed) continue;
    if (!role || !stationsOk || !en || !hi || !contactOk || !language) continue;
    const officer: Officer = {
      id,
      role,
      districtCode: district,
      stationCodes,
      title: { en, hi },
      language,
      demo: false,
    };
    if (email) officer.email = email;
    if (mobile) officer.mobile = mobile;
    upserts.push({ row, officer });
  }

  // One station officer and one supervisor per station, counting posts already in the table that
  // this file leaves alone.
  const inFile = new Set([...upserts.map((u) => u.officer.id), ...removals]);
  const kept = [...ctx.existing.officers.values()].filter((o) => !inFile.has(o.id));
  const after = [...kept, ...upserts.map((u) => u.officer)];
  for (const { row, officer } of upserts) {
    if (officer.role !== 'station-officer' && officer.role !== 'supervisor') continue;
    for (const code of officer.stationCodes) {
      const rivals = after.filter(
        (o) => o.id !== officer.id && o.role === officer.role && o.stationCodes.includes(code),
      );
      if (rivals.length > 0) {
        ctx.error(
          row,
          'station_codes',
          `${code} already has a ${officer.role} (${rivals.map((o) => o.id).join(', ')}); reuse that id, or delete that post in this file`,
        );
      }
    }
  }
  ctx.plan.officers.put.push(...upserts.map((u) => u.officer));
}

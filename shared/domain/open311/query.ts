import type { Bilingual } from '../language.ts';
import { checkReferenceNumber } from '../reference/reference-number.ts';
import { addIstDays, istDayStart } from '../time/ist.ts';
import { Open311Error, type Open311ErrorItem } from './errors.ts';
import { shown } from './resource.ts';
import type { Open311Status } from './view.ts';

/** GET requests.{format}: the specification's filters, its default window, and page/page_size. */
export interface RequestQuery {
  /** service_request_id: when given it overrides every other argument. */
  ids?: string[];
  serviceCodes?: string[];
  statuses?: Open311Status[];
  /** The requested_datetime window, both ends included. */
  from: Date;
  to: Date;
  page: number;
  pageSize: number;
}

const DAY_MS = 86_400_000;
/** "Default query limit is a span of 90 days or first 1000 requests returned, whichever is smallest." */
export const MAX_WINDOW_DAYS = 90;
export const MAX_PAGE_SIZE = 1000;
/** Without page_size a client gets what the specification promises: up to 1000 requests. */
export const DEFAULT_PAGE_SIZE = MAX_PAGE_SIZE;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Date rolls 2026-02-30 over into March and rejects month 13: only a real calendar date survives. */
function isCalendarDate(text: string): boolean {
  const probe = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(probe.getTime()) && probe.toISOString().startsWith(text);
}

const problem = (en: string, hi: string): Open311ErrorItem => ({ code: 400, description: { en, hi } });

/**
 * A w3c datetime with its time zone, or a plain date taken as a whole IST day (its start for
 * start_date, its end for end_date). A '+' sent unencoded in a query string arrives as a space;
 * it is read back as the '+' of the offset.
 */
export function parseW3c(value: string, end: boolean): Date | undefined {
  const text = value.trim().replace(/ (\d{2}:\d{2})$/, '+$1');
  if (DATE.test(text)) {
    if (!isCalendarDate(text)) return undefined;
    return end ? new Date(istDayStart(addIstDays(text, 1)).getTime() - 1) : istDayStart(text);
  }
  // A datetime's date must be a real one too: Date reads 2026-02-30T00:00:00Z as 2 March.
  if (!DATETIME.test(text) || !isCalendarDate(text.slice(0, 10))) return undefined;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

const list = (value: string | undefined): string[] => [
  ...new Set(
    (value ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  ),
];

function positiveInteger(
  value: string | undefined,
  name: string,
  max: number,
  errors: Open311ErrorItem[],
): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  const number = Number(text);
  if (/^\d+$/.test(text) && number >= 1 && number <= max) return number;
  errors.push(
    problem(
      `${name}: must be a whole number from 1 to ${max}`,
      `${name}: 1 से ${max} तक की पूर्ण संख्या होनी चाहिए`,
    ),
  );
  return undefined;
}

const DATE_HINT: Bilingual = {
  en: 'must be a w3c datetime with a time zone, e.g. 2026-11-01T00:00:00+05:30, or a date YYYY-MM-DD',
  hi: 'समय क्षेत्र सहित w3c तिथि-समय होना चाहिए, जैसे 2026-11-01T00:00:00+05:30, या तारीख YYYY-MM-DD',
};

/** Reads the query arguments, or throws a 400 listing every one that is wrong. */
export function parseRequestQuery(query: Record<string, string | undefined>, now: Date): RequestQuery {
  const errors: Open311ErrorItem[] = [];

  const ids = list(query.service_request_id);
  if (ids.length > MAX_PAGE_SIZE) {
    errors.push(
      problem(
        `service_request_id: at most ${MAX_PAGE_SIZE} at once`,
        `service_request_id: एक बार में अधिकतम ${MAX_PAGE_SIZE}`,
      ),
    );
  }
  const checkedIds: string[] = [];
  for (const id of ids.slice(0, MAX_PAGE_SIZE)) {
    const checked = checkReferenceNumber(id);
    if (checked.ok) checkedIds.push(checked.value);
    else errors.push(requestIdError(id, checked.problem));
  }

  const statuses = list(query.status).map((s) => s.toLowerCase());
  for (const status of statuses) {
    if (status !== 'open' && status !== 'closed') {
      errors.push(
        problem(
          `status: '${shown(status)}' is not a status; use open, closed or both (comma separated)`,
          `status: '${shown(status)}' कोई स्थिति नहीं है; open, closed या दोनों (अल्पविराम से अलग) दें`,
        ),
      );
    }
  }

  const dates: { from?: Date; to?: Date } = {};
  for (const [name, end] of [
    ['start_date', false],
    ['end_date', true],
  ] as const) {
    const raw = query[name];
    if (raw === undefined || raw.trim() === '') continue;
    const parsed = parseW3c(raw, end);
    if (parsed) dates[end ? 'to' : 'from'] = parsed;
    else
      errors.push({
        code: 400,
        description: { en: `${name}: ${DATE_HINT.en}`, hi: `${name}: ${DATE_HINT.hi}` },
      });
  }
  const span = MAX_WINDOW_DAYS * DAY_MS;
  const to = dates.to ?? (dates.from ? new Date(dates.from.getTime() + span) : now);
  const from = dates.from ?? new Date(to.getTime() - span);
  if (dates.from && dates.to) {
    if (to < from)
      errors.push(
        problem('end_date: must not be before start_date', 'end_date: start_date से पहले नहीं हो सकती'),
      );
    else if (to.getTime() - from.getTime() > span) {
      errors.push(
        problem(
          `start_date / end_date: the range may not span more than ${MAX_WINDOW_DAYS} days`,
          `start_date / end_date: अवधि ${MAX_WINDOW_DAYS} दिनों से अधिक नहीं हो सकती`,
        ),
      );
    }
  }

  const page = positiveInteger(query.page, 'page', 1_000_000, errors) ?? 1;
  const pageSize = positiveInteger(query.page_size, 'page_size', MAX_PAGE_SIZE, errors) ?? DEFAULT_PAGE_SIZE;

  if (errors.length > 0) throw new Open311Error(400, errors);
  const serviceCodes = list(query.service_code).map((s) => s.toLowerCase());
  const wantedStatuses = [...new Set(statuses)] as Open311Status[];
  return {
    ...(checkedIds.length > 0 ? { ids: checkedIds } : {}),
    ...(serviceCodes.length > 0 ? { serviceCodes } : {}),
    // open and closed together is every request: no filter.
    ...(wantedStatuses.length === 1 ? { statuses: wantedStatuses } : {}),
    from,
    to,
    page,
    pageSize,
  };
}

/** Why a service_request_id cannot be one of ours: a reference number has 11 digits and a Verhoeff check digit. */
export function requestIdError(id: string, reason: 'format' | 'check-digit'): Open311ErrorItem {
  return reason === 'check-digit'
    ? problem(
        `service_request_id '${shown(id)}' is mistyped: its check digit does not match. Please check every digit.`,
        `service_request_id '${shown(id)}' गलत लिखी गई है: इसका जांच अंक मेल नहीं खाता। कृपया हर अंक जांचें।`,
      )
    : problem(
        `service_request_id '${shown(id)}' is not a reference number: those have 11 digits`,
        `service_request_id '${shown(id)}' सन्दर्भ संख्या नहीं है: सन्दर्भ संख्या 11 अंकों की होती है`,
      );
}

/** GET servicerequestupdates.{format}: the changes made within [from, to]. */
export interface UpdatesQuery {
  from: Date;
  to: Date;
}

/**
 * The longest window one poll may ask for. FixMyStreet asks for the last two hours every few minutes
 * (perllib/Open311/UpdatesBase.pm); a week lets a site catch up after an outage. Windows must also
 * start within the last MAX_WINDOW_DAYS, because finding a change means reading every reference
 * changed since the window's start (a later change moves a reference in the index).
 */
export const MAX_UPDATES_WINDOW_DAYS = 7;
/** Without start_date and end_date: the last day. */
export const DEFAULT_UPDATES_WINDOW_HOURS = 24;

export function parseUpdatesQuery(query: Record<string, string | undefined>, now: Date): UpdatesQuery {
  const errors: Open311ErrorItem[] = [];
  const read = (name: 'start_date' | 'end_date'): Date | undefined => {
    const raw = query[name];
    if (raw === undefined || raw.trim() === '') return undefined;
    const parsed = parseW3c(raw, name === 'end_date');
    if (!parsed) errors.push(problem(`${name}: ${DATE_HINT.en}`, `${name}: ${DATE_HINT.hi}`));
    return parsed;
  };
  const start = read('start_date');
  const end = read('end_date');
  const startGiven = Boolean(query.start_date?.trim());
  const endGiven = Boolean(query.end_date?.trim());
  if (startGiven !== endGiven) {
    errors.push(
      problem(
        'start_date / end_date: give both, or neither for the last 24 hours',
        'start_date / end_date: दोनों दें, या पिछले 24 घंटों के लिए कोई नहीं',
      ),
    );
  }
  if (errors.length > 0) throw new Open311Error(400, errors);
  const to = end ?? now;
  const from = start ?? new Date(now.getTime() - DEFAULT_UPDATES_WINDOW_HOURS * 3_600_000);
  if (to < from)
    errors.push(problem('end_date: must not be before start_date', 'end_date: start_date से पहले नहीं हो सकती'));
  else if (to.getTime() - from.getTime() > MAX_UPDATES_WINDOW_DAYS * DAY_MS) {
    errors.push(
      problem(
        `start_date / end_date: the range may not span more than ${MAX_UPDATES_WINDOW_DAYS} days`,
        `start_date / end_date: अवधि ${MAX_UPDATES_WINDOW_DAYS} दिनों से अधिक नहीं हो सकती`,
      ),
    );
  }
  if (from.getTime() < now.getTime() - MAX_WINDOW_DAYS * DAY_MS) {
    errors.push(
      problem(
        `start_date: must be within the last ${MAX_WINDOW_DAYS} days`,
        `start_date: पिछले ${MAX_WINDOW_DAYS} दिनों के भीतर होनी चाहिए`,
      ),
    );
  }
  if (errors.length > 0) throw new Open311Error(400, errors);
  return { from, to };
}

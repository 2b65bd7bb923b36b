import { describe, expect, it } from 'vitest';
import type { Category, District, Station } from '../../shared/domain/masterdata/types.ts';
import { Open311Error } from '../../shared/domain/open311/errors.ts';
import {
  DEFAULT_PAGE_SIZE,
  parseRequestQuery,
  parseW3c,
  type RequestQuery,
} from '../../shared/domain/open311/query.ts';
import {
  open311Status,
  publicServiceRequest,
  statusNotes,
  w3cIst,
} from '../../shared/domain/open311/view.ts';
import { type Reference, STATUSES } from '../../shared/domain/reference/types.ts';
import { verhoeffCheckDigit } from '../../shared/domain/reference/verhoeff.ts';
import { istDate } from '../../shared/domain/time/ist.ts';
import { findServiceRequests, type RequestSource } from '../../shared/use-cases/find-service-requests.ts';

const NOW = new Date('2026-11-28T12:00:00Z');
const DAY = 86_400_000;
const number = (body: string) => `${body}${verhoeffCheckDigit(body)}`;

function refusal(run: () => unknown): Open311Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Open311Error) return error;
    throw error;
  }
  throw new Error('expected an Open311Error');
}

describe('GET requests arguments', () => {
  it('defaults to the most recent 90 days, page 1 and the specification’s 1000 requests', () => {
    const query = parseRequestQuery({}, NOW);
    expect(query).toEqual({
      from: new Date(NOW.getTime() - 90 * DAY),
      to: NOW,
      page: 1,
      pageSize: DEFAULT_PAGE_SIZE,
    });
    expect(DEFAULT_PAGE_SIZE).toBe(1000);
  });

  it('reads comma-separated ids, service codes and statuses; open and closed together is no filter', () => {
    const a = number('4001572301');
    const b = number('5001572301');
    expect(
      parseRequestQuery(
        { service_request_id: `${a}, ${b}`, service_code: 'Theft,cyber-fraud', status: 'closed' },
        NOW,
      ),
    ).toMatchObject({
      ids: [a, b],
      serviceCodes: ['theft', 'cyber-fraud'],
      statuses: ['closed'],
    });
    expect(parseRequestQuery({ status: 'open,closed' }, NOW).statuses).toBeUndefined();
  });

  it('takes a window from start_date alone, end_date alone, or both', () => {
    const start = '2026-10-01T00:00:00+05:30';
    expect(parseRequestQuery({ start_date: start }, NOW)).toMatchObject({
      from: new Date(start),
      to: new Date(new Date(start).getTime() + 90 * DAY),
    });
    expect(parseRequestQuery({ end_date: '2026-10-01T00:00:00Z' }, NOW).from).toEqual(
      new Date(new Date('2026-10-01T00:00:00Z').getTime() - 90 * DAY),
    );
  });

  it('reads w3c datetimes with a zone, whole IST days, and a + that arrived as a space', () => {
    expect(parseW3c('2010-01-01T00:00:00Z', false)).toEqual(new Date('2010-01-01T00:00:00Z'));
    expect(parseW3c('2026-11-01T10:00:00 05:30', false)).toEqual(new Date('2026-11-01T04:30:00Z'));
    expect(parseW3c('2026-11-01', false)).toEqual(new Date('2026-10-31T18:30:00Z'));
    expect(parseW3c('2026-11-01', true)).toEqual(new Date('2026-11-01T18:29:59.999Z'));
    for (const bad of [
      '2026-11-01T10:00:00',
      'yesterday',
      '2026-13-01',
      '2026-02-30',
      '2026-13-01T00:00:00Z',
      '1700000000',
    ])
      expect(parseW3c(bad, false)).toBeUndefined();
  });

  it('refuses, all at once, a window over 90 days, unknown statuses, bad paging and mistyped ids', () => {
    const mistyped = `4001572301${(Number(verhoeffCheckDigit('4001572301')) + 1) % 10}`;
    const error = refusal(() =>
      parseRequestQuery(
        {
          start_date: '2026-01-01T00:00:00Z',
          end_date: '2026-06-01T00:00:00Z',
          status: 'pending',
          page: '0',
          page_size: '1001',
          service_request_id: `${mistyped},12`,
        },
        NOW,
      ),
    );
    expect(error.status).toBe(400);
    expect(error.errors.map((e) => e.description.en.split(/[:']/)[0]!.trim())).toEqual([
      'service_request_id',
      'service_request_id',
      'status',
      'start_date / end_date',
      'page',
      'page_size',
    ]);
    expect(
      refusal(() => parseRequestQuery({ start_date: '2026-02-01', end_date: '2026-01-01' }, NOW)).errors[0]!
        .description.en,
    ).toBe('end_date: must not be before start_date');
  });
});

const chandauli: District = {
  code: 'chandauli',
  name: { en: 'Chandauli', hi: 'चन्दौली' },
  division: 'Varanasi',
  commissionerate: false,
};
const theft: Category = {
  code: 'theft',
  name: { en: 'Theft', hi: 'चोरी' },
  description: { en: '', hi: '' },
  deadlineDays: 15,
};
const sakaldiha: Station = {
  code: 'chandauli-sakaldiha',
  districtCode: 'chandauli',
  name: { en: 'Sakaldiha', hi: 'सकलडीहा' },
  kind: 'police-station',
  pinCodes: ['232109'],
  localities: [],
  demo: false,
};

function reference(overrides: Partial<Reference> = {}): Reference {
  return {
    referenceNo: number('4001572301'),
    version: 3,
    status: 'assigned',
    channel: 'open311',
    categoryCode: 'theft',
    description: 'Rakesh from the next house took my phone <script>x</script>',
    complainant: {
      name: 'Sunita Devi',
      mobile: '+919876543210',
      email: 'sunita@example.in',
      address: 'House 12, Kasab',
      language: 'hi',
    },
    location: {
      districtCode: 'chandauli',
      stationCode: 'chandauli-sakaldiha',
      pinCode: '232109',
      locality: 'Kasab',
      latitude: 25.26771,
      longitude: 83.26792,
    },
    districtCode: 'chandauli',
    stationCode: 'chandauli-sakaldiha',
    createdAt: '2026-11-28T12:35:09.123Z',
    updatedAt: '2026-11-29T04:00:00.000Z',
    deadlineAt: '2026-12-13T18:29:59.999Z',
    trackingSecretHash: 'f'.repeat(64),
    history: [
      {
        at: '2026-11-28T12:35:09.123Z',
        actor: { role: 'station-officer' },
        action: 'assigned',
        note: 'SI Verma to visit',
      },
    ],
    ...overrides,
  };
}

describe('a reference as a public service request', () => {
  it('maps every open state to open and both disposals to closed', () => {
    expect(STATUSES.filter((s) => open311Status(s) === 'closed')).toEqual(['resolved', 'closed']);
  });

  it('keeps resolved apart from closed without redress in status_notes', () => {
    expect(statusNotes('resolved', 'en')).toMatch(/^resolved: .*resolved/);
    expect(statusNotes('closed', 'en')).toMatch(/^closed without redress: /);
    expect(statusNotes('closed', 'hi')).toMatch(/^closed without redress: बिना समाधान/);
    expect(statusNotes('assigned', 'en')).toBe('assigned: Under investigation at the police station');
  });

  it('writes times as w3c datetimes in IST', () => {
    expect(w3cIst('2026-11-28T12:35:09.123Z')).toBe('2026-11-28T18:05:09+05:30');
    expect(w3cIst('2026-12-13T18:29:59.999Z')).toBe('2026-12-13T23:59:59+05:30');
  });

  it('shows category, unit, times and district, and nothing personal', () => {
    const shown = publicServiceRequest(
      reference(),
      { category: theft, district: chandauli, station: sakaldiha },
      'en',
    );
    expect(shown).toEqual({
      service_request_id: number('4001572301'),
      status: 'open',
      status_notes: 'assigned: Under investigation at the police station',
      service_name: 'Theft',
      service_code: 'theft',
      description: null,
      agency_responsible: 'Police station Sakaldiha, Chandauli',
      requested_datetime: '2026-11-28T18:05:09+05:30',
      updated_datetime: '2026-11-29T09:30:00+05:30',
      expected_datetime: '2026-12-13T23:59:59+05:30',
      address: 'Chandauli, Uttar Pradesh',
    });
    const text = JSON.stringify(shown);
    for (const personal of [
      'Rakesh',
      '<script>',
      'Sunita',
      '9876543210',
      'sunita@',
      'House 12',
      'Kasab',
      '232109',
      '25.26',
      'Verma',
    ]) {
      expect(text).not.toContain(personal);
    }
  });

  it('names the district IGRS cell while no station has it, in Hindi too', () => {
    const unrouted = reference({ status: 'registered', stationCode: undefined });
    expect(
      publicServiceRequest(unrouted, { category: theft, district: chandauli }, 'en').agency_responsible,
    ).toBe('IGRS cell, Chandauli Police');
    expect(publicServiceRequest(unrouted, { category: theft, district: chandauli }, 'hi')).toMatchObject({
      agency_responsible: 'आईजीआरएस प्रकोष्ठ, जनपद चन्दौली',
      service_name: 'चोरी',
      address: 'चन्दौली, उत्तर प्रदेश',
    });
  });
});

/** An in-memory day index: references by IST filing day, newest first, counting what is read. */
function memorySource(references: Reference[]) {
  const reads = { days: 0, items: 0 };
  const byNumber = new Map(references.map((r) => [r.referenceNo, r]));
  const source: RequestSource = {
    async filedOn(day, fromIso, toIso) {
      reads.days++;
      return references
        .filter(
          (r) => istDate(new Date(r.createdAt)) === day && r.createdAt >= fromIso && r.createdAt <= toIso,
        )
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((r) => r.referenceNo);
    },
    async getMany(numbers) {
      reads.items += numbers.length;
      // Out of order, as BatchGetItem answers.
      return numbers.flatMap((n) => byNumber.get(n) ?? []).reverse();
    },
  };
  return { source, reads };
}

/** n references, one every 6 hours back from NOW; every third one resolved, every fifth a cyber fraud. */
function history(n: number): Reference[] {
  return Array.from({ length: n }, (_, i) =>
    reference({
      referenceNo: number(String(4_000_000_000 + i)),
      createdAt: new Date(NOW.getTime() - i * 6 * 3_600_000).toISOString(),
      status: i % 3 === 0 ? 'resolved' : 'assigned',
      categoryCode: i % 5 === 0 ? 'cyber-fraud' : 'theft',
    }),
  );
}

const window = (overrides: Partial<RequestQuery> = {}): RequestQuery => ({
  from: new Date(NOW.getTime() - 90 * DAY),
  to: NOW,
  page: 1,
  pageSize: 1000,
  ...overrides,
});

describe('finding service requests', () => {
  it('returns the window newest first, paging on the index alone when nothing needs the items', async () => {
    const all = history(40);
    const { source, reads } = memorySource(all);
    const page2 = await findServiceRequests(window({ page: 2, pageSize: 7 }), source);
    expect(page2.complete).toBe(true);
    expect(page2.references.map((r) => r.referenceNo)).toEqual(all.slice(7, 14).map((r) => r.referenceNo));
    expect(reads.items).toBe(7);
  });

  it('reads only as many days as the page needs, widening a few at a time', async () => {
    const { source, reads } = memorySource(history(40));
    await findServiceRequests(window({ pageSize: 3 }), source);
    expect(reads.days).toBe(1);
  });

  it('filters on status and service_code across days and pages through the matches', async () => {
    const all = history(60);
    const { source } = memorySource(all);
    const closedTheft = all.filter((r) => r.status === 'resolved' && r.categoryCode === 'theft');
    const query = window({ statuses: ['closed'], serviceCodes: ['theft'], pageSize: 4 });
    expect((await findServiceRequests(query, source)).references).toEqual(closedTheft.slice(0, 4));
    expect((await findServiceRequests({ ...query, page: 2 }, source)).references).toEqual(
      closedTheft.slice(4, 8),
    );
  });

  it('keeps to the date window', async () => {
    const all = history(40);
    const { source } = memorySource(all);
    const from = new Date(NOW.getTime() - 2 * DAY);
    const found = await findServiceRequests(window({ from, to: new Date(NOW.getTime() - DAY) }), source);
    expect(found.references.map((r) => r.referenceNo)).toEqual(
      all
        .filter(
          (r) =>
            r.createdAt >= from.toISOString() && r.createdAt <= new Date(NOW.getTime() - DAY).toISOString(),
        )
        .map((r) => r.referenceNo),
    );
  });

  it('answers ids in the order asked, leaving out unknown ones, whatever the other filters', async () => {
    const all = history(10);
    const { source } = memorySource(all);
    const ids = [all[5]!.referenceNo, number('9999999999'), all[1]!.referenceNo];
    const found = await findServiceRequests(window({ ids, statuses: ['closed'] }), source);
    expect(found.references.map((r) => r.referenceNo)).toEqual([all[5]!.referenceNo, all[1]!.referenceNo]);
  });

  it('stops at its read limit with a filter that matches little, and says the answer is incomplete', async () => {
    const { source, reads } = memorySource(history(300));
    const found = await findServiceRequests(window({ serviceCodes: ['missing-person'] }), source, {
      maxExamined: 150,
    });
    expect(found).toEqual({ references: [], complete: false });
    expect(reads.items).toBe(150);
    const everything = await findServiceRequests(window({ serviceCodes: ['missing-person'] }), source, {
      maxExamined: 5000,
    });
    expect(everything.complete).toBe(true);
  });
});

import { BatchWriteItemCommand, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { CATEGORIES } from '../../infra/local/seed/categories.ts';
import { UP_DISTRICTS } from '../../infra/local/seed/districts.ts';
import { UP_STATIONS } from '../../infra/local/seed/stations.ts';
import { toItem } from '../../shared/adapters/dynamodb/dynamo-item.ts';
import { referenceItem as storedItem } from '../../shared/adapters/dynamodb/reference-item.ts';
import type { Station } from '../../shared/domain/masterdata/types.ts';
import { deadlineFrom } from '../../shared/domain/reference/deadline.ts';
import type { Channel, Grade, HistoryEvent, Reference } from '../../shared/domain/reference/types.ts';
import { istMonthRange } from '../../shared/domain/time/ist.ts';
import { aReference } from '../../test/unit/ranking-fixtures.ts';
import type { Item } from './capacity.ts';
import { prng, sleep, WeightedTable, weighted } from './stats.ts';

/**
 * Synthetic references for the ranking and sweep benchmarks, built with the ranking tests'
 * builder (test/unit/ranking-fixtures.ts aReference) and stored exactly as the repository stores
 * them (shared/adapters/dynamodb/reference-repository.ts create + saveTransition): the reference, its key, the
 * index keys for its state (inbox, due) and the fixed ones (month, complainant, day).
 */

const DAY_MS = 86_400_000;

/** The item the repository keeps for a reference (as DynamoReferenceRepository.create writes it). */
export const referenceItem = (reference: Reference): Item => toItem(storedItem(reference));

/** Writes items with BatchWriteItem, 25 a request and `parallel` requests in flight. */
export async function writeItems(
  client: DynamoDBClient,
  tableName: string,
  items: Iterable<Item>,
  parallel = 8,
): Promise<number> {
  const iterator = items[Symbol.iterator]();
  let written = 0;
  const nextBatch = (): WriteRequest[] => {
    const batch: WriteRequest[] = [];
    while (batch.length < 25) {
      const next = iterator.next();
      if (next.done) break;
      batch.push({ PutRequest: { Item: next.value } });
    }
    return batch;
  };
  const worker = async () => {
    for (let batch = nextBatch(); batch.length > 0; batch = nextBatch()) {
      let pending = batch;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await sleep(Math.min(1000, 20 * 2 ** attempt));
        const result = await client.send(
          new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }),
        );
        pending = result.UnprocessedItems?.[tableName] ?? [];
      }
      written += batch.length;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return written;
}

// ---------------------------------------------------------------------------------------------
// Where references go: skewed district sizes, skewed stations within a district.

const STATIONS_BY_DISTRICT = new Map<string, Station[]>();
for (const station of UP_STATIONS) {
  const list = STATIONS_BY_DISTRICT.get(station.districtCode) ?? [];
  list.push(station);
  STATIONS_BY_DISTRICT.set(station.districtCode, list);
}

/**
 * Districts weighted like a Zipf law over a fixed shuffle (the busiest about twenty times the
 * quietest, as Lucknow or Prayagraj against Shravasti), stations within a district the same way
 * but flatter.
 */
function geography(seed: number) {
  const random = prng(seed);
  const districts = [...UP_DISTRICTS].sort(() => random() - 0.5);
  const districtTable = new WeightedTable(
    districts.map((d) => d.code),
    districts.map((_, i) => 1 / (i + 1) ** 0.7),
  );
  const stationTables = new Map<string, Map<string, WeightedTable<Station>>>();
  for (const [district, stations] of STATIONS_BY_DISTRICT) {
    const byKind = new Map<string, WeightedTable<Station>>();
    for (const kind of ['police-station', 'cyber-cell', 'women-help-desk']) {
      const ofKind = stations.filter((s) => s.kind === kind).sort(() => random() - 0.5);
      if (ofKind.length > 0)
        byKind.set(
          kind,
          new WeightedTable(
            ofKind,
            ofKind.map((_, i) => 1 / (i + 1) ** 0.5),
          ),
        );
    }
    stationTables.set(district, byKind);
  }
  return {
    district: (draw: number) => districtTable.pick(draw),
    station: (district: string, kind: string, draw: number): Station | undefined => {
      const byKind = stationTables.get(district);
      return (byKind?.get(kind) ?? byKind?.get('police-station'))?.pick(draw);
    },
  };
}

const CATEGORY_WEIGHTS: Record<string, number> = {
  'land-dispute': 22,
  theft: 14,
  'assault-violence': 10,
  'threat-intimidation': 9,
  'dowry-domestic-violence': 7,
  'offences-against-women': 5,
  'cyber-fraud': 8,
  'online-harassment': 3,
  'missing-person': 2,
  'police-misconduct': 4,
  traffic: 2,
  'noise-public-nuisance': 3,
  'fraud-cheating': 6,
  other: 5,
};
const CATEGORY_OPTIONS = CATEGORIES.map((c) => [c, CATEGORY_WEIGHTS[c.code] ?? 1] as const);

const CHANNEL_OPTIONS: (readonly [Channel, number])[] = [
  ['portal', 38],
  ['cm-helpline-1076', 30],
  ['dm-jansunwai', 8],
  ['thana-samadhan-diwas', 9],
  ['cm-janata-darshan', 4],
  ['lokvani-csc', 6],
  ['pg-portal', 3],
  ['open311', 2],
];

const DESCRIPTIONS = [
  'My motorcycle was stolen from outside my house during the night; the lock was broken and a neighbour saw two men leave towards the highway.',
  'Neighbours have encroached on our ancestral land and threaten my family when we object; the revenue officials have already measured the plot.',
  'A man on the phone took money from my bank account pretending to be from the bank and asked for the OTP; I have the transaction messages.',
  'पड़ोसी नाली के विवाद में रोज़ शाम को गाली-गलौज करते हैं और मारपीट की धमकी देते हैं, कृपया कार्यवाही करें।',
  'Loud DJ music near the crossing until two in the morning every day this week; elderly people in the lane cannot sleep.',
  'मेरी बहन को ससुराल वाले दहेज के लिए प्रताड़ित कर रहे हैं, पिछले सप्ताह उसे घर से निकाल दिया गया।',
];
const NAMES = [
  'Sunita Devi',
  'Ramesh Kumar',
  'Mohd. Irfan',
  'Anita Yadav',
  'Suresh Pal',
  'राम प्रकाश',
  'Neha Singh',
];

const isoAt = (ms: number) => new Date(ms).toISOString();

/**
 * One realistic month of references (`count` of them, numbered from `offset`), filed across the
 * IST month, judged at `asOf`: most disposed (some late, graded, with feedback, a few reopened,
 * returned or re-checked), some still open, the overdue ones marked defaulters, a few in triage.
 * A fixed seed per offset keeps every run's month the same.
 */
export function* monthReferences(options: {
  month: string;
  asOf: Date;
  count: number;
  offset: number;
  seed?: number;
}): Generator<Reference> {
  const random = prng((options.seed ?? 7) + options.offset);
  const where = geography(options.seed ?? 7);
  const { start, end } = istMonthRange(options.month);
  const asOf = options.asOf.getTime();
  for (let i = 0; i < options.count; i++) {
    const n = options.offset + i;
    const district = where.district(random());
    const category = weighted(random(), CATEGORY_OPTIONS);
    const createdMs = start.getTime() + Math.floor(random() * (end.getTime() - start.getTime()));
    const deadlineMs = deadlineFrom(new Date(createdMs), category.deadlineDays).getTime();
    const triage = random() < 0.02;
    const station = triage
      ? undefined
      : where.station(district, category.routeToKind ?? 'police-station', random());
    const channel = weighted(random(), CHANNEL_OPTIONS);

    let disposed: { kind: 'resolved' | 'closed'; late: boolean; grade: Grade; at: string } | undefined;
    let defaulterAt: string | undefined;
    let status: Reference['status'] | undefined;
    if (triage) status = 'triage';
    else if (deadlineMs < asOf) {
      const late = random() < 0.16;
      if (random() < 0.88) {
        const atMs = late
          ? deadlineMs + (0.1 + random() * 4) * DAY_MS
          : createdMs + random() * (deadlineMs - createdMs) * 0.95 + 3_600_000;
        disposed = {
          kind: random() < 0.18 ? 'closed' : 'resolved',
          late,
          grade: weighted(random(), [
            ['A', late ? 35 : 58],
            ['B', 33],
            ['C', late ? 32 : 9],
          ] as const),
          at: isoAt(Math.min(atMs, asOf - 60_000)),
        };
        if (late) defaulterAt = isoAt(deadlineMs + 35 * 60_000);
      } else {
        defaulterAt = isoAt(deadlineMs + 35 * 60_000);
        status = random() < 0.7 ? 'assigned' : 'report-submitted';
      }
    } else if (random() < 0.5 && createdMs + 2 * DAY_MS < asOf) {
      disposed = {
        kind: random() < 0.18 ? 'closed' : 'resolved',
        late: false,
        grade: weighted(random(), [
          ['A', 58],
          ['B', 33],
          ['C', 9],
        ] as const),
        at: isoAt(createdMs + DAY_MS + random() * (asOf - createdMs - 2 * DAY_MS)),
      };
    } else status = random() < 0.7 ? 'assigned' : 'report-submitted';

    const feedbackMs = disposed ? Date.parse(disposed.at) + (0.5 + random() * 3) * DAY_MS : Number.NaN;
    const feedback =
      disposed && feedbackMs < asOf && random() < 0.45
        ? { satisfied: random() < 0.78, at: isoAt(feedbackMs) }
        : undefined;
    const reopened = feedback && !feedback.satisfied && random() < 0.3;
    const returned = (disposed || status === 'report-submitted') && random() < 0.07;
    const checked = disposed && random() < 0.04;

    const reference = aReference({
      no: `${1 + (n % 9)}${String(n).padStart(10, '0')}`,
      district,
      station: station?.code ?? null,
      channel,
      createdAt: isoAt(createdMs),
      deadlineAt: isoAt(deadlineMs),
      ...(disposed ? { disposed } : {}),
      ...(disposed || status === 'report-submitted'
        ? { contacted: random() < (disposed?.late ? 0.8 : 0.93) }
        : {}),
      ...(feedback ? { feedback } : {}),
      ...(returned ? { returnCount: 1 } : {}),
      ...(reopened ? { reopenCount: 1 } : {}),
      ...(defaulterAt ? { defaulterAt } : {}),
      ...(checked
        ? { randomCheck: random() < 0.85 ? ('confirmed' as const) : ('not-confirmed' as const) }
        : {}),
      ...(status ? { status } : {}),
    });
    yield realistic(reference, { n, category: category.code, random });
  }
}

/** Gives a builder reference a real complaint's text, complainant, report dates and history. */
function realistic(
  reference: Reference,
  extra: { n: number; category: string; random: () => number },
): Reference {
  const { n, random } = extra;
  const mobile = `+91${6 + (n % 4)}${String(n).padStart(9, '0')}`;
  const createdMs = Date.parse(reference.createdAt);
  const events: HistoryEvent[] = [
    { at: reference.createdAt, actor: { role: 'api-client' }, action: 'filed', toStatus: 'registered' },
  ];
  const routedAt = isoAt(createdMs + 4000);
  if (reference.status === 'triage') {
    events.push({
      at: routedAt,
      actor: { role: 'system' },
      action: 'triaged',
      fromStatus: 'registered',
      toStatus: 'triage',
    });
  } else {
    events.push({
      at: routedAt,
      actor: { role: 'system' },
      action: 'routed',
      fromStatus: 'registered',
      toStatus: 'assigned',
      details: { stationCode: reference.stationCode ?? '' },
    });
  }
  const officer = { role: 'station-officer' as const, stationCode: reference.stationCode ?? '' };
  const supervisor = { role: 'supervisor' as const, districtCode: reference.districtCode };
  if (reference.report) {
    const reportMs = reference.disposal
      ? Date.parse(reference.disposal.disposedAt) - (0.2 + random()) * 3_600_000 * 12
      : createdMs + DAY_MS * 2;
    reference.report = {
      ...reference.report,
      submittedAt: isoAt(reportMs),
      contactedAt: isoAt(reportMs - 3_600_000 * 5),
      contactMode: 'phone',
      findings:
        'Spoke to the complainant and two neighbours; statements recorded in the general diary and the site was visited.',
      actionTaken:
        'Both parties were called to the station and warned; the complainant is satisfied with the action.',
      stationCode: reference.stationCode ?? '',
    };
    if (reference.returnCount) {
      events.push(
        {
          at: isoAt(reportMs - DAY_MS),
          actor: officer,
          action: 'report-submitted',
          fromStatus: 'assigned',
          toStatus: 'report-submitted',
        },
        {
          at: isoAt(reportMs - DAY_MS / 2),
          actor: supervisor,
          action: 'returned',
          fromStatus: 'report-submitted',
          toStatus: 'returned',
          note: 'Record the statements of both neighbours in writing.',
        },
      );
    }
    events.push({
      at: reference.report.submittedAt,
      actor: officer,
      action: 'report-submitted',
      fromStatus: reference.returnCount ? 'returned' : 'assigned',
      toStatus: 'report-submitted',
    });
  }
  if (reference.defaulterAt)
    events.push({ at: reference.defaulterAt, actor: { role: 'system' }, action: 'marked-defaulter' });
  if (reference.disposal) {
    events.push({
      at: reference.disposal.disposedAt,
      actor: supervisor,
      action: 'approved',
      fromStatus: 'report-submitted',
      toStatus: reference.disposal.kind,
      details: { grade: reference.disposal.grade, late: reference.disposal.late },
    });
    if (reference.randomCheck) {
      const drawnAt = isoAt(Date.parse(reference.disposal.disposedAt) + DAY_MS);
      reference.randomCheck = {
        ...reference.randomCheck,
        drawnAt,
        checkedAt: isoAt(Date.parse(drawnAt) + DAY_MS),
      };
      events.push({ at: drawnAt, actor: { role: 'system' }, action: 'random-check-drawn' });
    }
  }
  if (reference.feedback) {
    events.push({
      at: reference.feedback.at,
      actor: { role: 'complainant' },
      action: 'feedback-received',
      details: { satisfied: reference.feedback.satisfied },
    });
    if (reference.reopenCount)
      events.push({ at: reference.feedback.at, actor: { role: 'system' }, action: 'reopened' });
  }
  return {
    ...reference,
    categoryCode: extra.category,
    description: DESCRIPTIONS[n % DESCRIPTIONS.length]!,
    complainant: {
      name: NAMES[n % NAMES.length]!,
      mobile,
      address: `House ${n % 300}, Ward ${n % 40}, ${reference.districtCode}`,
      language: n % 3 === 0 ? 'en' : 'hi',
    },
    location: { ...reference.location, pinCode: String(200000 + (n % 90000)) },
    trackingSecretHash: 'f'.repeat(64),
    updatedAt: events[events.length - 1]!.at,
    history: events.sort((a, b) => a.at.localeCompare(b.at)),
  };
}

/** Whether the n-th sweep reference is one of the due ones: spread evenly, `due` in every `total`. */
export const isDueAt = (n: number, total: number, due: number): boolean =>
  Math.floor(((n + 1) * due) / total) > Math.floor((n * due) / total);

/**
 * Compact stored references for the sweep benchmark: the fields the sweep and the indexes use and
 * little else. `due` in every `total` are open at a station with a deadline before `runAt`
 * (spread evenly, so a run cut short keeps the proportion); of the rest one in five is open with a
 * later deadline and the others are disposed (out of the due index).
 */
export function* sweepReferences(options: {
  total: number;
  due: number;
  runAt: Date;
  seed?: number;
}): Generator<Item> {
  const random = prng(options.seed ?? 11);
  const where = geography(options.seed ?? 11);
  const runAt = options.runAt.getTime();
  for (let n = 0; n < options.total; n++) {
    const district = where.district(random());
    const station = where.station(district, 'police-station', random())!;
    const kind = isDueAt(n, options.total, options.due) ? 'due' : n % 5 === 1 ? 'open' : 'disposed';
    const createdMs =
      kind === 'disposed'
        ? runAt - (20 + random() * 700) * DAY_MS
        : runAt - (kind === 'due' ? 20 : 5) * DAY_MS * random() - DAY_MS;
    const deadlineMs =
      kind === 'due'
        ? runAt - (0.01 + random() * 10) * DAY_MS
        : kind === 'open'
          ? runAt + (0.5 + random() * 14) * DAY_MS
          : createdMs + 15 * DAY_MS;
    const createdAt = isoAt(createdMs);
    const referenceNo = `${1 + (n % 9)}${String(n + 50_000_000).padStart(10, '0')}`;
    const reference: Reference = {
      referenceNo,
      version: 2,
      status: kind === 'disposed' ? 'resolved' : 'assigned',
      channel: 'portal',
      categoryCode: 'theft',
      description: 'Bicycle stolen near the market.',
      complainant: { name: 'A', mobile: `+919${String(n).padStart(9, '0')}`, address: '-', language: 'hi' },
      location: { districtCode: district, stationCode: station.code },
      districtCode: district,
      stationCode: station.code,
      createdAt,
      updatedAt: createdAt,
      deadlineAt: isoAt(deadlineMs),
      trackingSecretHash: 'f',
      ...(kind === 'disposed'
        ? {
            disposal: {
              disposedAt: isoAt(createdMs + 10 * DAY_MS),
              kind: 'resolved' as const,
              outcome: 'resolved',
              grade: 'A' as const,
              remark: '',
              late: false,
            },
            disposalCount: 1,
          }
        : {}),
      history: [{ at: createdAt, actor: { role: 'api-client' }, action: 'filed' }],
    };
    yield referenceItem(reference);
  }
}

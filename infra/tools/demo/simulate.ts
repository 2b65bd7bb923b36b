import { createHash } from 'node:crypto';
import type { Category, District, Station } from '../../../shared/domain/masterdata/types.ts';
import { OUTCOMES } from '../../../shared/domain/officer-work/outcomes.ts';
import { deadlineFrom } from '../../../shared/domain/reference/deadline.ts';
import { newReferenceNumber } from '../../../shared/domain/reference/reference-number.ts';
import {
  approveDisposal,
  assignToStation,
  drawForRandomCheck,
  markDefaulter,
  recordFeedback,
  recordRandomCheck,
  returnForReinvestigation,
  routeToStation,
  sendToTriage,
  submitReport,
} from '../../../shared/domain/reference/transitions.ts';
import {
  type Actor,
  type Channel,
  OPEN_STATUSES,
  type Reference,
} from '../../../shared/domain/reference/types.ts';
import { addIstDays, istDate, istDayStart, istMonthRange } from '../../../shared/domain/time/ist.ts';

/**
 * A simulated month of Uttar Pradesh's references for the demo, deterministic for a seed. Every
 * reference is filed in the month and then lives its life up to `now` through the real domain
 * transitions (routing, triage, report, return, approval with a grade, feedback, reopening, the
 * hourly defaulter sweep, the random-check draw and its result), so its fields and history are
 * exactly what the running system would have written.
 *
 * Units differ on purpose: district sizes are skewed (a few large commissionerates, a long tail),
 * and each district and station has a "diligence" that shifts its timeliness, grades, contact
 * and satisfaction, so the ranking has something to tell apart.
 */

export interface SimulationInput {
  month: string;
  /** Nothing after this instant happens (the demo runs "now"). */
  now: Date;
  seed: number;
  references: number;
  districts: readonly District[];
  stations: readonly Station[];
  categories: readonly Category[];
}

export interface SimulationSummary {
  references: number;
  byChannel: Record<string, number>;
  byStatus: Record<string, number>;
  triaged: number;
  returned: number;
  reopened: number;
  defaulters: number;
  feedback: { satisfied: number; unsatisfied: number };
  grades: Record<string, number>;
  randomChecks: { drawn: number; confirmed: number; notConfirmed: number };
  largestDistrict: { code: string; references: number };
  smallestDistrict: { code: string; references: number };
  /** Steps the domain refused (expected 0). */
  skippedSteps: number;
}

/** mulberry32: small, fast and good enough for a demo. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    chance: (p: number) => next() < p,
    between: (lo: number, hi: number) => lo + (hi - lo) * next(),
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    weighted: <T>(items: readonly T[], weights: readonly number[]): T => {
      const total = weights.reduce((s, w) => s + w, 0);
      let x = next() * total;
      for (let i = 0; i < items.length; i++) {
        x -= weights[i]!;
        if (x < 0) return items[i]!;
      }
      return items[items.length - 1]!;
    },
    normal,
    digits: (count: number) => Array.from({ length: count }, () => Math.floor(next() * 10)).join(''),
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const clamp = (x: number, lo = 0, hi = 1) => Math.min(hi, Math.max(lo, x));

const CHANNEL_WEIGHTS: [Channel, number][] = [
  ['portal', 30],
  ['cm-helpline-1076', 26],
  ['dm-jansunwai', 10],
  ['thana-samadhan-diwas', 9],
  ['cm-janata-darshan', 5],
  ['lokvani-csc', 9],
  ['pg-portal', 6],
  ['open311', 5],
];

const CATEGORY_WEIGHTS: Record<string, number> = {
  'land-dispute': 20,
  theft: 12,
  'assault-violence': 8,
  'threat-intimidation': 8,
  'dowry-domestic-violence': 6,
  'offences-against-women': 5,
  'cyber-fraud': 9,
  'online-harassment': 3,
  'missing-person': 2,
  'police-misconduct': 4,
  traffic: 3,
  'noise-public-nuisance': 4,
  'fraud-cheating': 9,
  other: 7,
};

const DESCRIPTIONS: Record<string, string[]> = {
  'land-dispute': [
    'पड़ोसी ने मेरे खेत की मेड़ काटकर कब्जा कर लिया है, मना करने पर गाली-गलौज करते हैं।',
    'Neighbours have encroached on our ancestral plot and are building a wall on it.',
  ],
  theft: [
    'रात में घर के बाहर खड़ी मोटरसाइकिल चोरी हो गई, आसपास पूछताछ की पर कुछ पता नहीं चला।',
    'My bicycle was stolen from outside the ration shop on Monday evening.',
  ],
  'assault-violence': [
    'गाँव के कुछ लोगों ने रास्ते में रोककर मारपीट की, सिर में चोट आई है।',
    'I was beaten by three men over a water dispute near the hand pump.',
  ],
  'threat-intimidation': [
    'दबंग लोग मुकदमा वापस लेने के लिए जान से मारने की धमकी दे रहे हैं।',
    'A local contractor is threatening my family over unpaid wages I asked for.',
  ],
  'dowry-domestic-violence': [
    'ससुराल वाले दहेज के लिए मेरी बेटी को प्रताड़ित कर रहे हैं और घर से निकाल दिया है।',
    'My sister is being harassed by her in-laws for more dowry.',
  ],
  'offences-against-women': [
    'कॉलेज जाते समय एक युवक रोज पीछा करता है और अभद्र टिप्पणी करता है।',
    'A man follows my daughter to school every day and makes lewd remarks.',
  ],
  'cyber-fraud': [
    'KYC अपडेट के नाम पर फोन आया और खाते से ₹48,000 कट गए।',
    'I lost Rs 25,000 through a fake UPI payment request from someone posing as a buyer.',
  ],
  'online-harassment': [
    'किसी ने मेरे नाम से फर्जी फेसबुक प्रोफाइल बनाकर अश्लील संदेश भेजे हैं।',
    'Someone is posting morphed photos of me on Instagram.',
  ],
  'missing-person': [
    'मेरा 15 वर्षीय बेटा कल शाम से घर नहीं लौटा है।',
    'My father, 70, with memory loss, left home this morning and has not returned.',
  ],
  'police-misconduct': [
    'थाने पर प्रार्थना पत्र लेने से मना कर दिया गया और अभद्रता की गई।',
    'The beat constable demanded money to register my complaint.',
  ],
  traffic: [
    'मुख्य बाजार में रोज जाम लगता है, अवैध पार्किंग हटवाई जाए।',
    'Trucks are parked on the highway service lane every night, causing accidents.',
  ],
  'noise-public-nuisance': [
    'पड़ोस में देर रात तक तेज आवाज में डीजे बजाया जाता है।',
    'A marriage hall plays loud music past midnight every day.',
  ],
  'fraud-cheating': [
    'नौकरी दिलाने के नाम पर ₹2 लाख ले लिए और अब फोन नहीं उठाते।',
    'A dealer took an advance for a tractor and never delivered it.',
  ],
  other: [
    'गाँव में अवैध शराब की बिक्री हो रही है, कार्रवाई की जाए।',
    'Stray cattle are being smuggled through our village at night.',
  ],
};

const FIRST = [
  'राम',
  'सुनीता',
  'मोहम्मद',
  'गीता',
  'अशोक',
  'रेखा',
  'इरफ़ान',
  'पूजा',
  'विनोद',
  'शबनम',
  'Rajesh',
  'Anita',
  'Suresh',
  'Kavita',
  'Imran',
  'Neha',
];
const LAST = [
  'यादव',
  'देवी',
  'अंसारी',
  'सिंह',
  'कुमार',
  'मौर्य',
  'पाल',
  'गुप्ता',
  'Verma',
  'Tiwari',
  'Khan',
  'Pandey',
  'Chauhan',
  'Nishad',
];

const FINDINGS = [
  'Both parties were heard at the spot; the facts in the complaint were verified with neighbours.',
  'मौके पर जाकर दोनों पक्षों के बयान लिए गए तथा स्वतंत्र गवाहों से पूछताछ की गई।',
  'The complainant was called to the station; documents were examined and the other party was summoned.',
];
const ACTIONS = [
  'Action taken as per law; the complainant has been informed.',
  'विधिक कार्रवाई की गई, शिकायतकर्ता को अवगत कराया गया।',
  'Both parties counselled and bound down; beat staff told to watch the spot.',
];
const RETURN_REASONS = [
  'The report does not record the statement of the complainant; enquire again and report.',
  'शिकायतकर्ता से संपर्क का विवरण अधूरा है, पुनः जांच कर आख्या प्रस्तुत करें।',
];
const C_REMARKS = [
  'The enquiry is superficial; the complainant was not heard before disposal.',
  'जांच सतही है, शिकायतकर्ता का पक्ष नहीं लिया गया।',
];
const OUTCOME_WEIGHTS: Record<string, number> = {
  resolved: 34,
  'fir-registered': 10,
  'ncr-registered': 8,
  settled: 12,
  'not-police-matter': 10,
  'false-complaint': 10,
  'referred-elsewhere': 7,
  'sub-judice': 4,
  'complainant-untraceable': 5,
};

const SYSTEM: Actor = { role: 'system' };

/** The first hourly sweep (at :05 IST, i.e. :35 UTC) strictly after an instant. */
function nextSweep(after: number): number {
  const hourStart = Math.floor(after / HOUR) * HOUR;
  const candidate = hourStart + 35 * 60_000;
  return candidate > after ? candidate : candidate + HOUR;
}

interface Unit {
  station: Station;
  diligence: number;
}

interface Step {
  at: number;
  run: (reference: Reference, at: Date) => Reference | undefined;
}

/** Complete reference items for the month, in filing order, and what they add up to. */
export function simulateMonth(input: SimulationInput): {
  references: Reference[];
  summary: SimulationSummary;
} {
  const random = prng(input.seed);
  const { start, end } = istMonthRange(input.month);
  const last = Math.min(end.getTime(), input.now.getTime()) - 1;
  if (last <= start.getTime()) throw new Error(`${input.month} has not begun`);
  const now = input.now.getTime();
  const categories = [...input.categories].sort((a, b) => a.code.localeCompare(b.code));
  const categoryWeights = categories.map((c) => CATEGORY_WEIGHTS[c.code] ?? 3);

  // Skewed district sizes: a shuffled Zipf-like tail, commissionerates (big cities) doubled.
  const districts = [...input.districts].sort((a, b) => a.code.localeCompare(b.code));
  const order = districts.map((d) => ({ d, key: random.next() })).sort((a, b) => a.key - b.key);
  const sizeWeights = new Map(
    order.map(({ d }, i) => [d.code, (1 / (i + 1) ** 0.75) * (d.commissionerate ? 2 : 1)] as const),
  );
  const diligence = new Map(districts.map((d) => [d.code, clamp(0.3 + 0.65 * random.next(), 0.2, 0.97)]));

  const unitsByDistrict = new Map<
    string,
    { thanas: Unit[]; weights: number[]; special: Map<string, Unit> }
  >();
  for (const district of districts) {
    const own = input.stations
      .filter((s) => s.districtCode === district.code)
      .sort((a, b) => a.code.localeCompare(b.code));
    const base = diligence.get(district.code)!;
    const units = own.map((station) => ({
      station,
      diligence: clamp(base + 0.15 * random.normal(), 0.05, 1),
    }));
    const thanas = units.filter((u) => u.station.kind === 'police-station');
    unitsByDistrict.set(district.code, {
      thanas,
      weights: thanas.map(() => Math.exp(0.7 * random.normal())),
      special: new Map(
        units.filter((u) => u.station.kind !== 'police-station').map((u) => [u.station.kind, u]),
      ),
    });
  }
  const withStations = districts.filter((d) => (unitsByDistrict.get(d.code)?.thanas.length ?? 0) > 0);
  const districtWeights = withStations.map((d) => sizeWeights.get(d.code)!);
  const channels = CHANNEL_WEIGHTS.map(([c]) => c);
  const channelWeights = CHANNEL_WEIGHTS.map(([, w]) => w);
  const outcomes = OUTCOMES.map((o) => o.code);
  const outcomeWeights = outcomes.map((code) => OUTCOME_WEIGHTS[code] ?? 2);
  const used = new Set<string>();

  const references: Reference[] = [];
  let skipped = 0;
  for (let n = 0; n < input.references; n++) {
    // Each reference draws from its own stream, so its life does not depend on how far (up to
    // `now`) the ones before it got: the same seed gives the same month whenever the demo runs.
    const random = prng((input.seed * 1_000_003 + n * 7919) >>> 0);
    const district = random.weighted(withStations, districtWeights);
    const units = unitsByDistrict.get(district.code)!;
    const category = random.weighted(categories, categoryWeights);
    const channel = random.weighted(channels, channelWeights);
    // Filing times lean to office hours (IST), spread over the month's days.
    const day = start.getTime() + random.int(Math.ceil((last - start.getTime()) / DAY)) * DAY;
    const hourIst = random.chance(0.8) ? random.between(8, 20) : random.between(0, 24);
    const filed = Math.round(Math.min(last, day + hourIst * HOUR));
    const thana = random.weighted(units.thanas, units.weights);
    const unit = (category.routeToKind && units.special.get(category.routeToKind)) || thana;
    const referenceNo = (() => {
      for (;;) {
        const candidate = newReferenceNumber(random.digits);
        if (!used.has(candidate)) {
          used.add(candidate);
          return candidate;
        }
      }
    })();
    const named = random.chance(0.3) && unit === thana;
    const createdAt = new Date(filed).toISOString();
    const language = random.chance(0.8) ? 'hi' : 'en';
    const mobile = `+91${random.pick(['6', '7', '8', '9'])}${random.digits(9)}`;
    const locality = random.chance(0.6)
      ? random.pick(thana.station.localities.length ? thana.station.localities : ['ward 1'])
      : undefined;
    let reference: Reference = {
      referenceNo,
      version: 1,
      status: 'registered',
      channel,
      categoryCode: category.code,
      description: random.pick(DESCRIPTIONS[category.code] ?? DESCRIPTIONS.other!),
      complainant: {
        name: `${random.pick(FIRST)} ${random.pick(LAST)}`,
        mobile,
        address: `${locality ?? `Ward ${1 + random.int(30)}`}, ${thana.station.name.en}, ${district.name.en}`,
        language,
      },
      location: {
        districtCode: district.code,
        ...(named ? { stationCode: thana.station.code } : {}),
        ...(thana.station.pinCodes[0] ? { pinCode: random.pick(thana.station.pinCodes) } : {}),
        ...(locality ? { locality } : {}),
      },
      districtCode: district.code,
      createdAt,
      updatedAt: createdAt,
      deadlineAt: deadlineFrom(new Date(filed), category.deadlineDays).toISOString(),
      trackingSecretHash: createHash('sha256').update(`demo:${input.seed}:${referenceNo}`).digest('hex'),
      history: [
        {
          at: createdAt,
          actor: { role: 'api-client' },
          action: 'registered',
          toStatus: 'registered',
          details: { channel },
        },
      ],
    };

    const d = unit.diligence;
    const districtActor: Actor = { role: 'district-cell', districtCode: district.code };
    const stationActor: Actor = {
      role: 'station-officer',
      stationCode: unit.station.code,
      districtCode: district.code,
    };
    const supervisor: Actor = {
      role: 'supervisor',
      stationCode: unit.station.code,
      districtCode: district.code,
    };
    const queue: Step[] = [];
    const schedule = (at: number, run: Step['run']) => queue.push({ at, run });
    const deadline = (r: Reference) => Date.parse(r.deadlineAt);

    const report = (r: Reference, at: Date) => {
      const contacted = random.chance(0.55 + 0.4 * d);
      const contactAt = Math.min(
        at.getTime(),
        Math.max(filed + 1000, at.getTime() - random.between(0.1, 2) * DAY),
      );
      const outcome = random.weighted(outcomes, outcomeWeights);
      return submitReport(
        r,
        {
          contacted,
          ...(contacted
            ? {
                contactedAt: new Date(contactAt).toISOString(),
                contactMode: random.pick(['phone', 'visit', 'at-station']),
              }
            : {}),
          findings: random.pick(FINDINGS),
          outcome,
          ...(outcome === 'fir-registered' ? { firNumber: `${100 + random.int(800)}/2026` } : {}),
          actionTaken: random.pick(ACTIONS),
        },
        at,
        stationActor,
      );
    };
    // The station's report: on time with a probability that follows its diligence, else late;
    // a few never come (the reference stays pending past its deadline).
    const scheduleReport = (r: Reference, from: number) => {
      if (random.chance(0.05 * (1.2 - d))) return;
      const due = deadline(r);
      const onTime = random.chance(0.58 + 0.4 * d) && due - from > 3 * HOUR;
      const at = onTime
        ? from + random.between(0.1, 0.8) * (due - 2 * HOUR - from)
        : Math.max(from, due) + random.between(0.5, 12) * DAY;
      schedule(at, (ref, when) => {
        const after = report(ref, when);
        scheduleReview(after, when.getTime());
        return after;
      });
    };
    const scheduleReview = (r: Reference, from: number) => {
      const at = from + random.between(0.1, 2.5) * DAY * (1.4 - d);
      const returns = r.returnCount ?? 0;
      schedule(at, (ref, when) => {
        if (random.chance((0.14 - 0.1 * d) / (1 + 3 * returns))) {
          const after = returnForReinvestigation(ref, random.pick(RETURN_REASONS), when, supervisor);
          scheduleReport(after, when.getTime());
          return after;
        }
        const grade = random.chance(0.25 * (1 - d) + 0.02) ? 'C' : random.chance(0.3 + 0.6 * d) ? 'A' : 'B';
        const after = approveDisposal(
          ref,
          { grade, remark: grade === 'C' ? random.pick(C_REMARKS) : grade === 'A' ? 'Satisfactory' : '' },
          when,
          supervisor,
        );
        scheduleAfterDisposal(after, when.getTime());
        return after;
      });
    };
    const scheduleAfterDisposal = (r: Reference, disposedAt: number) => {
      const disposal = r.disposal!;
      const number = r.disposalCount ?? 1;
      if (random.chance(number === 1 ? 0.7 : 0.45)) {
        let satisfiedChance = 0.6 + 0.33 * d;
        if (disposal.grade === 'C') satisfiedChance -= 0.3;
        if (disposal.kind === 'closed') satisfiedChance -= 0.15;
        if (r.report?.contacted) satisfiedChance += 0.05;
        const satisfied = random.chance(clamp(satisfiedChance, 0.05, 0.97));
        schedule(disposedAt + random.between(0.2, 6.5) * DAY, (ref, when) => {
          const after = recordFeedback(ref, { satisfied, windowDays: 7 }, when);
          if (after.status === 'reopened') scheduleReview(after, when.getTime());
          return after;
        });
      }
      // The daily draw at 09:00 IST reads the previous day's disposals.
      if (random.chance(0.05)) {
        const drawAt = istDayStart(addIstDays(istDate(new Date(disposedAt)), 1)).getTime() + 9 * HOUR;
        schedule(drawAt, (ref, when) => {
          if (ref.randomCheck || (ref.status !== 'resolved' && ref.status !== 'closed')) return undefined;
          const drawn = drawForRandomCheck(ref, when);
          if (random.chance(0.85)) {
            const result = random.chance(0.6 + 0.38 * d) ? 'confirmed' : 'not-confirmed';
            schedule(when.getTime() + random.between(1, 6) * DAY, (later, at) =>
              recordRandomCheck(
                later,
                {
                  result,
                  remark:
                    result === 'confirmed'
                      ? 'Verified with the complainant'
                      : 'Complainant disputes the report',
                },
                at,
                supervisor,
              ),
            );
          }
          return drawn;
        });
      }
    };

    // Routing a minute or so after filing: most references go straight to a unit; a few wait
    // for the district cell to decide (triage).
    const routedAt = filed + random.between(5, 90) * 1000;
    schedule(routedAt, (ref, when) => {
      const category_ = category;
      if (random.chance(0.03)) {
        const triaged = sendToTriage(ref, {
          reason: 'no-jurisdiction-match',
          at: when,
          actor: { role: 'system', districtCode: district.code },
        });
        schedule(when.getTime() + random.between(2, 40) * HOUR, (later, at) => {
          const assigned = assignToStation(later, {
            stationCode: unit.station.code,
            deadlineDays: category_.deadlineDays,
            at,
            actor: districtActor,
            rule: 'district-cell',
          });
          scheduleReport(assigned, at.getTime());
          return assigned;
        });
        return triaged;
      }
      const rule =
        unit !== thana ? 'category-override' : named ? 'station-code' : locality ? 'locality' : 'pin-code';
      const assigned = routeToStation(ref, {
        stationCode: unit.station.code,
        deadlineDays: category_.deadlineDays,
        at: when,
        actor: { role: 'system', districtCode: district.code },
        rule,
      });
      scheduleReport(assigned, when.getTime());
      return assigned;
    });

    // Play the reference's life in time order up to now, with the hourly sweep marking it a
    // defaulter at the first run after its deadline while it is still open.
    let guard = 0;
    while (queue.length > 0 && guard++ < 50) {
      queue.sort((a, b) => a.at - b.at);
      const step = queue[0]!;
      const open = OPEN_STATUSES.includes(reference.status) && reference.status !== 'registered';
      if (open && reference.defaulterAt === undefined) {
        const sweepAt = nextSweep(Math.max(deadline(reference), Date.parse(reference.updatedAt)));
        if (sweepAt < step.at && sweepAt <= now) {
          reference = markDefaulter(reference, { at: new Date(sweepAt), actor: SYSTEM });
          continue;
        }
      }
      queue.shift();
      if (step.at > now) continue;
      try {
        reference = step.run(reference, new Date(Math.round(step.at))) ?? reference;
      } catch {
        // A step the domain refuses (it should not happen) is left out, as a real officer's would be.
        skipped++;
      }
    }
    if (
      OPEN_STATUSES.includes(reference.status) &&
      reference.status !== 'registered' &&
      reference.defaulterAt === undefined
    ) {
      const sweepAt = nextSweep(Math.max(deadline(reference), Date.parse(reference.updatedAt)));
      if (sweepAt <= now) reference = markDefaulter(reference, { at: new Date(sweepAt), actor: SYSTEM });
    }
    references.push(reference);
  }
  references.sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.referenceNo.localeCompare(b.referenceNo),
  );
  return { references, summary: { ...summarise(references), skippedSteps: skipped } };
}

function summarise(references: readonly Reference[]): SimulationSummary {
  const count = (into: Record<string, number>, key: string) => {
    into[key] = (into[key] ?? 0) + 1;
  };
  const byChannel: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  const grades: Record<string, number> = {};
  const byDistrict: Record<string, number> = {};
  const summary: SimulationSummary = {
    references: references.length,
    byChannel,
    byStatus,
    triaged: 0,
    returned: 0,
    reopened: 0,
    defaulters: 0,
    feedback: { satisfied: 0, unsatisfied: 0 },
    grades,
    randomChecks: { drawn: 0, confirmed: 0, notConfirmed: 0 },
    largestDistrict: { code: '', references: 0 },
    smallestDistrict: { code: '', references: Number.POSITIVE_INFINITY },
    skippedSteps: 0,
  };
  for (const r of references) {
    count(byChannel, r.channel);
    count(byStatus, r.status);
    count(byDistrict, r.districtCode);
    if (r.history.some((e) => e.action === 'triaged')) summary.triaged++;
    if ((r.returnCount ?? 0) > 0) summary.returned++;
    if ((r.reopenCount ?? 0) > 0) summary.reopened++;
    if (r.defaulterAt) summary.defaulters++;
    for (const e of r.history) {
      if (e.action === 'feedback-received') {
        if (e.details?.satisfied) summary.feedback.satisfied++;
        else summary.feedback.unsatisfied++;
      }
      if (e.action === 'approved') count(grades, String(e.details?.grade));
    }
    if (r.randomCheck) {
      summary.randomChecks.drawn++;
      if (r.randomCheck.result === 'confirmed') summary.randomChecks.confirmed++;
      if (r.randomCheck.result === 'not-confirmed') summary.randomChecks.notConfirmed++;
    }
  }
  for (const [code, n] of Object.entries(byDistrict)) {
    if (n > summary.largestDistrict.references) summary.largestDistrict = { code, references: n };
    if (n < summary.smallestDistrict.references) summary.smallestDistrict = { code, references: n };
  }
  return summary;
}

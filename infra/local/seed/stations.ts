import type { District, Station } from '../../../shared/domain/masterdata/types.ts';
import { UP_DISTRICTS } from './districts.ts';
import { stableHash } from './stable-hash.ts';

/**
 * Police units that references are assigned to.
 *
 * Chandauli is the pilot district, so its thanas are real: the 15 territorial police stations named in
 * Chandauli police's own circle allocations and press notes (Sadar, Mughalsarai, Sakaldiha, Chakia and
 * Naugarh circles). PIN codes come from India Post's office directory for the area each thana covers;
 * localities are a sample of towns and villages in its jurisdiction, not a complete list.
 *
 * Every other district gets generated stand-ins (demo: true) so the state-wide flows can be exercised.
 * They are built from a seeded PRNG keyed on the district code, so every run and every machine yields
 * the same list; nothing here depends on time or Math.random.
 */

interface RealThana {
  slug: string;
  en: string;
  hi: string;
  pinCodes: string[];
  localities: string[];
}

const CHANDAULI_THANAS: readonly RealThana[] = [
  // Sadar circle
  {
    slug: 'sadar-kotwali',
    en: 'Chandauli (Sadar Kotwali)',
    hi: 'चन्दौली (सदर कोतवाली)',
    pinCodes: ['232104'],
    localities: ['chandauli', 'basila', 'kanta', 'jamunipur', 'majhwar', 'dharauli'],
  },
  {
    slug: 'saiyadraja',
    en: 'Saiyadraja',
    hi: 'सैयदराजा',
    pinCodes: ['232110'],
    localities: ['saiyadraja', 'naubatpur', 'rewasa', 'arangi', 'bhujana'],
  },
  {
    slug: 'kandwa',
    en: 'Kandwa',
    hi: 'कंदवा',
    pinCodes: ['232106', '232110'],
    localities: ['kandwa', 'barhani', 'derhgaonwa'],
  },
  // Mughalsarai (Pt. Deen Dayal Upadhyaya Nagar) circle
  {
    slug: 'mughalsarai',
    en: 'Mughalsarai (PDDU Nagar)',
    hi: 'मुगलसराय (पीडीडीयू नगर)',
    pinCodes: ['232101'],
    localities: [
      'mughalsarai',
      'pt deen dayal upadhyaya nagar',
      'ravinagar',
      'kailashpuri',
      'chandasi',
      'patel nagar',
    ],
  },
  {
    slug: 'alinagar',
    en: 'Alinagar',
    hi: 'अलीनगर',
    pinCodes: ['232101'],
    localities: ['alinagar', 'niyamatabad', 'jalilpur', 'alampur'],
  },
  {
    slug: 'baburi',
    en: 'Baburi',
    hi: 'बबुरी',
    pinCodes: ['232102'],
    localities: ['baburi', 'jarkhor', 'sikari', 'dhaneja', 'akorha'],
  },
  // Sakaldiha circle
  {
    slug: 'sakaldiha',
    en: 'Sakaldiha',
    hi: 'सकलडीहा',
    pinCodes: ['232108'],
    localities: ['sakaldiha', 'naraina', 'paura', 'maniyarpur', 'nai bazar'],
  },
  {
    slug: 'balua',
    en: 'Balua',
    hi: 'बलुआ',
    pinCodes: ['232109', '221115'],
    localities: ['balua', 'chahaniya', 'mahuari khas', 'majidaha', 'tanda kalan'],
  },
  {
    slug: 'dhanapur',
    en: 'Dhanapur',
    hi: 'धानापुर',
    pinCodes: ['232105'],
    localities: ['dhanapur', 'shaheedgaon', 'hinguttar', 'kandharpur', 'kawai paharpur'],
  },
  {
    slug: 'dhina',
    en: 'Dhina',
    hi: 'धीना',
    pinCodes: ['232106'],
    localities: ['dhina', 'kamalpur', 'jamurkha'],
  },
  // Chakia circle
  {
    slug: 'chakia',
    en: 'Chakia',
    hi: 'चकिया',
    pinCodes: ['232103'],
    localities: ['chakia', 'shikarganj', 'gaighat', 'utraut', 'sikanderpur'],
  },
  {
    slug: 'shahabganj',
    en: 'Shahabganj',
    hi: 'शहाबगंज',
    pinCodes: ['232118'],
    localities: ['shahabganj', 'amaon', 'karnaul', 'bhorsar'],
  },
  {
    slug: 'ilia',
    en: 'Ilia',
    hi: 'इलिया',
    pinCodes: ['232118'],
    localities: ['ilia', 'tiyara', 'khilchi'],
  },
  // Naugarh circle: the forested south bordering Bihar and Sonbhadra
  {
    slug: 'naugarh',
    en: 'Naugarh',
    hi: 'नौगढ़',
    pinCodes: ['232111'],
    localities: ['naugarh', 'majhgain', 'shamsherpur', 'horila', 'mangarhi'],
  },
  {
    slug: 'chakarghatta',
    en: 'Chakarghatta',
    hi: 'चकरघट्टा',
    pinCodes: ['232111'],
    localities: ['chakarghatta', 'gahila', 'jamsot'],
  },
];

/**
 * First three digits of each district's PINs (India Post sorting district), so demo PINs look local.
 * Districts may share a prefix (Ghaziabad and Gautam Buddh Nagar are both 201); PINs only need to be
 * unique within a district.
 */
const PIN_PREFIX: Readonly<Record<string, string>> = {
  agra: '282',
  aligarh: '202',
  'ambedkar-nagar': '224',
  amethi: '227',
  amroha: '244',
  auraiya: '206',
  ayodhya: '224',
  azamgarh: '276',
  baghpat: '250',
  bahraich: '271',
  ballia: '277',
  balrampur: '271',
  banda: '210',
  barabanki: '225',
  bareilly: '243',
  basti: '272',
  bhadohi: '221',
  bijnor: '246',
  budaun: '243',
  bulandshahr: '203',
  chandauli: '232',
  chitrakoot: '210',
  deoria: '274',
  etah: '207',
  etawah: '206',
  farrukhabad: '209',
  fatehpur: '212',
  firozabad: '283',
  'gautam-buddh-nagar': '201',
  ghaziabad: '201',
  ghazipur: '233',
  gonda: '271',
  gorakhpur: '273',
  hamirpur: '210',
  hapur: '245',
  hardoi: '241',
  hathras: '204',
  jalaun: '285',
  jaunpur: '222',
  jhansi: '284',
  kannauj: '209',
  'kanpur-dehat': '209',
  'kanpur-nagar': '208',
  kasganj: '207',
  kaushambi: '212',
  kushinagar: '274',
  'lakhimpur-kheri': '262',
  lalitpur: '284',
  lucknow: '226',
  maharajganj: '273',
  mahoba: '210',
  mainpuri: '205',
  mathura: '281',
  mau: '275',
  meerut: '250',
  mirzapur: '231',
  moradabad: '244',
  muzaffarnagar: '251',
  pilibhit: '262',
  pratapgarh: '230',
  prayagraj: '211',
  raebareli: '229',
  rampur: '244',
  saharanpur: '247',
  sambhal: '244',
  'sant-kabir-nagar': '272',
  shahjahanpur: '242',
  shamli: '247',
  shravasti: '271',
  siddharthnagar: '272',
  sitapur: '261',
  sonbhadra: '231',
  sultanpur: '227',
  unnao: '209',
  varanasi: '221',
};

/** Districts with an army cantonment, where a 'Cantt' thana is plausible. */
const CANTONMENT_DISTRICTS = new Set([
  'agra',
  'ayodhya',
  'bareilly',
  'farrukhabad',
  'jhansi',
  'kanpur-nagar',
  'lucknow',
  'mathura',
  'meerut',
  'prayagraj',
  'shahjahanpur',
  'varanasi',
]);

/** Populous non-commissionerate districts that get more demo thanas than the rest. */
const LARGE_DISTRICTS = new Set([
  'aligarh',
  'azamgarh',
  'bahraich',
  'ballia',
  'bareilly',
  'bulandshahr',
  'deoria',
  'gonda',
  'gorakhpur',
  'hardoi',
  'jaunpur',
  'kushinagar',
  'lakhimpur-kheri',
  'mathura',
  'meerut',
  'moradabad',
  'muzaffarnagar',
  'saharanpur',
  'sitapur',
  'unnao',
]);

type Pair = readonly [en: string, hi: string];

/** Urban thana names common across UP cities. */
const URBAN_NAMES: readonly Pair[] = [
  ['Chowk', 'चौक'],
  ['Gandhi Nagar', 'गांधी नगर'],
  ['Subhash Nagar', 'सुभाष नगर'],
  ['Indira Nagar', 'इंदिरा नगर'],
  ['Kamla Nagar', 'कमला नगर'],
  ['Rajendra Nagar', 'राजेन्द्र नगर'],
  ['Shastri Nagar', 'शास्त्री नगर'],
  ['Transport Nagar', 'ट्रांसपोर्ट नगर'],
  ['Industrial Area', 'औद्योगिक क्षेत्र'],
  ['Station Road', 'स्टेशन रोड'],
  ['Model Town', 'मॉडल टाउन'],
  ['Awas Vikas', 'आवास विकास'],
  ['Kidwai Nagar', 'किदवई नगर'],
  ['Nehru Nagar', 'नेहरू नगर'],
  ['Azad Nagar', 'आजाद नगर'],
  ['Patel Nagar', 'पटेल नगर'],
];

/** Name stems of rural thanas; combined with the suffixes below they give names like Nawabganj, Devgarh. */
const STEMS: readonly Pair[] = [
  ['Ram', 'राम'],
  ['Shiv', 'शिव'],
  ['Lal', 'लाल'],
  ['Kishan', 'किशन'],
  ['Fateh', 'फतेह'],
  ['Madho', 'माधो'],
  ['Bahadur', 'बहादुर'],
  ['Daulat', 'दौलत'],
  ['Jalal', 'जलाल'],
  ['Nawab', 'नवाब'],
  ['Gopal', 'गोपाल'],
  ['Mohan', 'मोहन'],
  ['Raja', 'राजा'],
  ['Rani', 'रानी'],
  ['Kamal', 'कमल'],
  ['Hari', 'हरि'],
  ['Narayan', 'नारायण'],
  ['Bhawani', 'भवानी'],
  ['Dev', 'देव'],
  ['Sikandar', 'सिकंदर'],
  ['Salem', 'सलेम'],
  ['Azam', 'आजम'],
  ['Gauri', 'गौरी'],
  ['Jahangir', 'जहांगीर'],
  ['Akbar', 'अकबर'],
  ['Bihari', 'बिहारी'],
  ['Sahab', 'साहब'],
  ['Bishun', 'बिशुन'],
  ['Khair', 'खैर'],
  ['Prem', 'प्रेम'],
  ['Anand', 'आनंद'],
  ['Mahmood', 'महमूद'],
];

/** `spaced` suffixes are written as a separate word ('Kamal Nagar'), the rest joined ('Kamalpur'). */
const SUFFIXES: readonly { en: string; hi: string; spaced: boolean }[] = [
  { en: 'pur', hi: 'पुर', spaced: false },
  { en: 'ganj', hi: 'गंज', spaced: false },
  { en: 'garh', hi: 'गढ़', spaced: false },
  { en: 'Nagar', hi: 'नगर', spaced: true },
];

/** Village-name endings used only for the (English, lower-case) localities of demo stations. */
const VILLAGE_ENDINGS: readonly string[] = ['pur', 'pura', 'khera', 'mau', 'ganj', 'pur kalan', 'pur khurd'];

const DISTRICT_CODES = new Set(UP_DISTRICTS.map((d) => d.code));

/** mulberry32: small, fast and identical on every JS engine, which is all demo data needs. */
function seeded(seed: number): (n: number) => number {
  let a = seed;
  return (n: number) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

/** Deterministic Fisher–Yates shuffle of a copy. */
function shuffled<T>(items: readonly T[], next: (n: number) => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = next(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function ruralNames(): Pair[] {
  const names: Pair[] = [];
  for (const [stemEn, stemHi] of STEMS) {
    for (const suffix of SUFFIXES) {
      const en = suffix.spaced ? `${stemEn} ${suffix.en}` : `${stemEn}${suffix.en}`;
      const hi = suffix.spaced ? `${stemHi} ${suffix.hi}` : `${stemHi}${suffix.hi}`;
      // A thana named like another district (Rampur, Fatehpur) would confuse routing and people alike.
      if (!DISTRICT_CODES.has(slugify(en))) names.push([en, hi]);
    }
  }
  return names;
}

const RURAL_NAMES = ruralNames();

/** Number of police stations for a demo district: roughly tracks size, between 10 and 35. */
function stationCount(d: District, h: number): number {
  if (d.commissionerate) return 30 + (h % 6);
  if (LARGE_DISTRICTS.has(d.code)) return 22 + (h % 10);
  return 10 + (h % 13);
}

function specialUnits(d: District, demo: boolean): Station[] {
  return [
    {
      code: `${d.code}-cyber-cell`,
      districtCode: d.code,
      name: { en: `Cyber Crime Police Station ${d.name.en}`, hi: `साइबर क्राइम थाना ${d.name.hi}` },
      kind: 'cyber-cell',
      pinCodes: [],
      localities: [],
      demo,
    },
    {
      code: `${d.code}-mahila-thana`,
      districtCode: d.code,
      name: { en: `Mahila Thana ${d.name.en}`, hi: `महिला थाना ${d.name.hi}` },
      kind: 'women-help-desk',
      pinCodes: [],
      localities: [],
      demo,
    },
  ];
}

function chandauliStations(d: District): Station[] {
  const thanas: Station[] = CHANDAULI_THANAS.map((t) => ({
    code: `${d.code}-${t.slug}`,
    districtCode: d.code,
    name: { en: t.en, hi: t.hi },
    kind: 'police-station',
    pinCodes: [...t.pinCodes],
    localities: [...t.localities],
    demo: false,
  }));
  // Both exist: the Mahila Thana sits in the Sadar circle, and the cyber crime thana was notified with
  // those of the other district HQs in December 2023. So they are real units too.
  return [...thanas, ...specialUnits(d, false)];
}

function demoStations(d: District): Station[] {
  const h = stableHash(d.code);
  const next = seeded(h);
  // Every district has an entry; the fallback only keeps a future district inside UP's 20x-28x range.
  const prefix = PIN_PREFIX[d.code] ?? '200';
  const lower = d.name.en.toLowerCase();
  const total = stationCount(d, h);

  // Every district HQ has a city kotwali and a rural one, plus the usual civil-lines thana.
  const picks: { name: Pair; localities: string[]; slug?: string }[] = [
    {
      name: [`Kotwali ${d.name.en}`, `कोतवाली ${d.name.hi}`],
      localities: [lower, `${lower} city`],
      slug: 'kotwali',
    },
    { name: ['Kotwali Dehat', 'कोतवाली देहात'], localities: [`${lower} rural`] },
    { name: ['Civil Lines', 'सिविल लाइंस'], localities: ['civil lines', 'collectorate'] },
  ];
  if (d.commissionerate || LARGE_DISTRICTS.has(d.code) || h % 2 === 0) {
    picks.push({ name: ['Sadar Bazar', 'सदर बाजार'], localities: ['sadar bazar'] });
  }
  if (CANTONMENT_DISTRICTS.has(d.code)) {
    picks.push({ name: ['Cantt', 'कैंट'], localities: ['cantonment'] });
  }
  const urbanCount = d.commissionerate ? 8 + (h % 4) : LARGE_DISTRICTS.has(d.code) ? 3 + (h % 3) : h % 2;
  for (const name of shuffled(URBAN_NAMES, next).slice(0, urbanCount)) {
    picks.push({ name, localities: [name[0].toLowerCase()] });
  }
  const villages = (): string[] => {
    const stem = STEMS[next(STEMS.length)] as Pair;
    const ending = VILLAGE_ENDINGS[next(VILLAGE_ENDINGS.length)] as string;
    return [`${stem[0].toLowerCase()}${ending}`];
  };
  for (const name of shuffled(RURAL_NAMES, next).slice(0, Math.max(0, total - picks.length))) {
    picks.push({ name, localities: [name[0].toLowerCase(), ...villages(), ...villages()] });
  }

  // PINs: the kotwali gets the head office's xxx001, the rest distinct offsets drawn without replacement.
  const offsets = shuffled(
    Array.from({ length: 298 }, (_, i) => i + 2),
    next,
  );
  let used = 0;
  const pin = (offset: number): string => `${prefix}${String(offset).padStart(3, '0')}`;

  const stations = picks.slice(0, total).map(({ name, localities, slug }, index): Station => {
    const pinCodes =
      index === 0
        ? [pin(1)]
        : Array.from({ length: 1 + next(2) }, () => pin(offsets[used++] as number)).sort();
    return {
      code: `${d.code}-${slug ?? slugify(name[0])}`,
      districtCode: d.code,
      name: { en: name[0], hi: name[1] },
      kind: 'police-station',
      pinCodes,
      localities: [...new Set(localities)],
      demo: true,
    };
  });
  return [...stations, ...specialUnits(d, true)];
}

export const UP_STATIONS: readonly Station[] = UP_DISTRICTS.flatMap((d) =>
  d.code === 'chandauli' ? chandauliStations(d) : demoStations(d),
);

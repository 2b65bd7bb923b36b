import * as z from 'zod/mini';
import type { Bilingual } from '../../../domain/language.ts';
import { checkReferenceNumber } from '../../../domain/reference/reference-number.ts';
import { ERASURE_REASONS } from '../../../use-cases/erase-complainant.ts';
import { indianMobile } from './complaint-schema.ts';

/** POST /v1/admin/erasures: the request the handler validates and the OpenAPI document describes. */

const custom = (code: string, message: Bilingual) => ({ params: { code, message } });
const about = (meta: { description: string; examples?: unknown[]; id?: string }) => z.meta(meta);

const referenceNo = z.string().check(
  z.refine(
    (s) => checkReferenceNumber(s).ok,
    custom('invalid-reference-number', {
      en: 'Must be an 11-digit reference number with a correct check digit',
      hi: 'सही जाँच अंक वाली 11 अंकों की सन्दर्भ संख्या होनी चाहिए',
    }),
  ),
  about({ description: 'One reference whose personal data to erase', examples: ['40015723013'] }),
);

export const erasureRequestSchema = z
  .strictObject({
    referenceNo: z.optional(referenceNo),
    mobile: z
      .optional(indianMobile)
      .check(about({ description: 'Or every reference filed from this mobile number' })),
    reason: z
      .enum(ERASURE_REASONS)
      .check(about({ description: 'Why the data is erased ahead of the retention schedule' })),
    requestRef: z.optional(
      z.string().check(
        z.regex(/^[A-Za-z0-9/._-]{1,64}$/),
        about({
          description: "The request's own number (letter, RTI or grievance number); letters, digits, / . _ -",
          examples: ['SP-CHD/2026/117'],
        }),
      ),
    ),
    operator: z.string().check(
      z.regex(/^[A-Za-z0-9._@-]{2,64}$/),
      about({
        description:
          "The administrator's staff or post id, recorded in the audit entry (not a complainant's data)",
        examples: ['igrs-admin-lko-02'],
      }),
    ),
  })
  .check(
    z.refine(
      (r) => (r.referenceNo === undefined) !== (r.mobile === undefined),
      custom('one-target', {
        en: 'Give either referenceNo or mobile, not both',
        hi: 'referenceNo या mobile में से केवल एक दें',
      }),
    ),
    about({
      id: 'ErasureRequest',
      description: "Erase one reference's, or one mobile number's, personal data now",
    }),
  );

export const erasureAuditSchema = z
  .object({
    id: z.string(),
    at: z.string().check(about({ description: 'UTC ISO-8601' })),
    operator: z.string(),
    reason: z.enum(ERASURE_REASONS),
    requestRef: z.optional(z.string()),
    scope: z.enum(['reference', 'mobile']),
    referenceNos: z.array(z.string()).check(about({ description: 'The references whose data was erased' })),
    objectsDeleted: z.number().check(about({ description: 'Attachment files deleted' })),
    recordsDeleted: z.number().check(about({ description: 'Items beside the references deleted' })),
  })
  .check(
    about({ id: 'ErasureAudit', description: 'The audit entry recorded for the erasure (no personal data)' }),
  );

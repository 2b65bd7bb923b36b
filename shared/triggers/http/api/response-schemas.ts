import * as z from 'zod';
import { STATUSES } from '../../../domain/reference/types.ts';

/**
 * The public API's response bodies, for the OpenAPI document only (shared/triggers/http/api/openapi.ts): apart
 * from the request schemas so that a function validating a complaint does not build these at init.
 */

const historyEntrySchema = z.object({
  at: z.string().meta({ description: 'UTC ISO-8601' }),
  action: z.string(),
  status: z.enum(STATUSES).optional(),
  description: z.object({ en: z.string(), hi: z.string() }),
});

export const complaintCreatedSchema = z
  .object({
    referenceNo: z
      .string()
      .meta({ description: '11 digits with a Verhoeff check digit', examples: ['40015723013'] }),
    status: z.enum(STATUSES),
    deadlineAt: z
      .string()
      .meta({ description: 'UTC ISO-8601; the end of the IST day by which it should be disposed' }),
    trackingSecret: z.string().meta({
      description: "Shown once: needed (or the mobile number's last four digits) to track the complaint",
    }),
    createdAt: z.string(),
    links: z.object({ track: z.string() }),
  })
  .meta({
    id: 'ComplaintCreated',
    description: 'A registered complaint, answered once it is stored and queued',
  });

export const complaintStatusSchema = z
  .object({
    referenceNo: z.string(),
    status: z.enum(STATUSES),
    statusText: z.object({ en: z.string(), hi: z.string() }),
    categoryCode: z.string(),
    districtCode: z.string(),
    stationCode: z.string().optional(),
    createdAt: z.string(),
    deadlineAt: z.string(),
    timeline: z.array(historyEntrySchema),
  })
  .meta({ id: 'ComplaintStatus', description: 'A complaint as its complainant sees it' });

export const problemSchema = z
  .object({
    type: z
      .string()
      .meta({ description: 'URI naming the kind of problem; its last segment is a stable code' }),
    title: z.string().meta({ description: 'Short summary in the language of Accept-Language' }),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional().meta({ description: 'The request id; quote it when asking for help' }),
    errors: z
      .array(
        z.object({
          pointer: z.string().meta({ description: 'JSON pointer to the field, e.g. /complainant/mobile' }),
          code: z
            .string()
            .meta({ description: 'Stable code, e.g. invalid-mobile, too-short, unknown-field' }),
          detail: z.string(),
        }),
      )
      .optional()
      .meta({ description: 'One entry per bad field' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

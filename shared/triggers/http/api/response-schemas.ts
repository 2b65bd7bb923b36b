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
    outcome: z
      .object({
        kind: z.enum(['resolved', 'closed']).meta({
          description: '`resolved`: redressed or acted on; `closed`: ended without redress',
        }),
        outcome: z.string().meta({ description: 'Outcome code', examples: ['fir-registered'] }),
        label: z.object({ en: z.string(), hi: z.string() }).meta({ description: 'The outcome in words' }),
        disposedAt: z.string().meta({ description: 'UTC ISO-8601' }),
        findings: z.string().optional().meta({ description: "The station's findings, as it reported them" }),
        actionTaken: z
          .string()
          .optional()
          .meta({ description: 'The action taken, as the station reported it' }),
        firNumber: z.string().optional().meta({ description: 'When an FIR was registered' }),
      })
      .optional()
      .meta({
        description:
          'Present once the complaint is disposed (status resolved or closed), as the status page shows it: the ' +
          "station's report. Never the supervising officer's grade or remark, an officer's name, or an attachment.",
      }),
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

/** POST /v1/otp: the same answer for every number, whether or not it has complaints. */
export const otpSentSchema = z
  .object({
    expiresIn: z
      .number()
      .int()
      .meta({ description: 'Seconds the code is valid for', examples: [300] }),
    message: z.object({ en: z.string(), hi: z.string() }),
  })
  .meta({ id: 'OtpSent', description: 'A code is on its way if the number can receive SMS' });

/** POST /v1/otp/verify: the bearer token for GET /v1/my/complaints. */
export const otpSessionSchema = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z
      .number()
      .int()
      .meta({ description: 'Seconds the token is valid for', examples: [900] }),
  })
  .meta({ id: 'OtpSession', description: 'A bearer token for this number’s complaints, of limited life' });

/** GET /v1/my/complaints. */
export const myComplaintsSchema = z
  .object({
    since: z
      .string()
      .meta({ description: 'UTC ISO-8601: the list covers references filed from here on (12 months)' }),
    complaints: z.array(
      z.object({
        referenceNo: z.string(),
        status: z.enum(STATUSES),
        statusText: z.object({ en: z.string(), hi: z.string() }),
        categoryCode: z.string(),
        districtCode: z.string(),
        stationCode: z.string().optional(),
        filedAt: z.string(),
        deadlineAt: z.string(),
        disposedAt: z.string().optional(),
      }),
    ),
  })
  .meta({
    id: 'MyComplaints',
    description: 'The references filed from one mobile number in the last 12 months, newest first',
  });

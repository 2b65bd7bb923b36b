import type * as z from 'zod';
import { PROBLEM_TYPE_BASE } from '../problem.ts';
import { otpRequestSchema, otpVerifySchema } from './otp-schema.ts';
import { myComplaintsSchema, otpSentSchema, otpSessionSchema } from './response-schemas.ts';

/** The OpenAPI paths of "my complaints by OTP" (functions/my-complaints), merged into openapi.ts. */

type Components = { ref(schema: z.core.$ZodType, io: 'input' | 'output'): { $ref: string } };

const header = (name: string) => ({ $ref: `#/components/headers/${name}` });

const problem = (
  description: string,
  code: string,
  status: number,
  title: string,
  headers: string[] = [],
) => ({
  description,
  headers: Object.fromEntries(['Content-Language', ...headers].map((name) => [name, header(name)])),
  content: {
    'application/problem+json': {
      schema: { $ref: '#/components/schemas/Problem' },
      example: { type: `${PROBLEM_TYPE_BASE}${code}`, title, status, instance: 'JmQ7xgT3hcwEJ3Q=' },
    },
  },
});

const validation = problem(
  'The body is not the expected JSON (`validation`, `malformed-json`); fields are named by JSON pointer.',
  'validation',
  422,
  'Some fields are missing or invalid',
);
const internal = { $ref: '#/components/responses/InternalError' };
const language = { $ref: '#/components/parameters/Accept-Language' };

export const MY_COMPLAINTS_SECURITY_SCHEME = {
  type: 'http',
  scheme: 'bearer',
  description: 'The token POST /v1/otp/verify returns: 15 minutes, for one mobile number’s complaints',
};

export function myComplaintsPaths(components: Components): Record<string, Record<string, unknown>> {
  return {
    '/v1/otp': {
      post: {
        operationId: 'requestOtp',
        summary: 'Send a one-time code to a mobile number',
        description:
          'Sends a 6-digit code by SMS (Hindi and English), valid for 5 minutes, to see the complaints filed from ' +
          'this number. The answer is the same whether or not the number has complaints. At most 3 codes per ' +
          'number an hour and 10 a day, and a limit per client address.',
        tags: ['complaints'],
        parameters: [language],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: components.ref(otpRequestSchema, 'input') } },
        },
        responses: {
          '202': {
            description: 'A code is on its way if the number can receive SMS.',
            content: { 'application/json': { schema: components.ref(otpSentSchema, 'output') } },
          },
          '400': problem(
            'The body is not JSON or not UTF-8.',
            'malformed-json',
            400,
            'The request body is not valid JSON',
          ),
          '415': problem(
            'The body is not application/json.',
            'unsupported-media-type',
            415,
            'Send the body as application/json',
          ),
          '422': validation,
          '429': problem(
            'Too many codes for this number (`too-many-otps`) or from this client address (`too-many-otp-requests`).',
            'too-many-otps',
            429,
            'Too many codes have been sent to this number',
            ['Retry-After'],
          ),
          '500': internal,
        },
      },
    },
    '/v1/otp/verify': {
      post: {
        operationId: 'verifyOtp',
        summary: 'Exchange a one-time code for a bearer token',
        description:
          'Checks the code sent to the number. Three tries per code: each try is counted before it is compared. ' +
          'A right code is spent and earns a bearer token for GET /v1/my/complaints, valid for 15 minutes.',
        tags: ['complaints'],
        parameters: [language],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: components.ref(otpVerifySchema, 'input') } },
        },
        responses: {
          '200': {
            description: 'The code was right.',
            content: { 'application/json': { schema: components.ref(otpSessionSchema, 'output') } },
          },
          '400': problem(
            'The body is not JSON or not UTF-8.',
            'malformed-json',
            400,
            'The request body is not valid JSON',
          ),
          '401': problem(
            'The code is wrong (`otp-wrong`, the detail says how many tries are left), or there is no code to try: ' +
              'expired, used up or never sent (`otp-expired`).',
            'otp-wrong',
            401,
            'That code is not right',
          ),
          '415': problem(
            'The body is not application/json.',
            'unsupported-media-type',
            415,
            'Send the body as application/json',
          ),
          '422': validation,
          '500': internal,
        },
      },
    },
    '/v1/my/complaints': {
      get: {
        operationId: 'listMyComplaints',
        summary: 'List the complaints filed from my mobile number',
        description:
          'The references filed from the number the bearer token was issued for, in the last 12 months, newest ' +
          'first, with their status.',
        tags: ['complaints'],
        security: [{ myComplaintsBearer: [] }],
        parameters: [language],
        responses: {
          '200': {
            description: 'The list (empty when the number filed nothing).',
            content: { 'application/json': { schema: components.ref(myComplaintsSchema, 'output') } },
          },
          '401': problem(
            'No bearer token, or one that is altered or expired (`session-required`).',
            'session-required',
            401,
            'Sign in again with a one-time code',
            ['WWW-Authenticate'],
          ),
          '500': internal,
        },
      },
    },
  };
}

import { isDeepStrictEqual } from 'node:util';
import * as z from 'zod';
import { PROBLEM_TYPE_BASE } from '../problem.ts';
import { complaintRequestSchema } from './complaint-schema.ts';
import { erasureAuditSchema, erasureRequestSchema } from './erasure-schema.ts';
import { categoryListSchema, districtListSchema, districtStationsSchema } from './master-data-schema.ts';
import { MY_COMPLAINTS_SECURITY_SCHEME, myComplaintsPaths } from './otp-openapi.ts';
import { complaintCreatedSchema, complaintStatusSchema, problemSchema } from './response-schemas.ts';
import { validationTitle } from './validation.ts';

/**
 * The OpenAPI 3.1 document served at GET /v1/openapi.json. Request and response bodies are the
 * zod schemas the handlers validate with, turned into JSON Schema by zod itself: request bodies as
 * they are sent (io 'input'), responses as they are produced (io 'output'). Each schema's meta id
 * becomes its name under components.schemas. Only the route table, headers and prose live here.
 */

/** package.json's version; test/unit/openapi.test.ts keeps the two equal. */
export const API_VERSION = '0.1.0';

/** Reference numbers in canonical form (the handler also drops spaces and dashes people type). */
export const REFERENCE_NUMBER_PATTERN = '^[1-9][0-9]{10}$';

type JsonObject = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: JsonObject;
  servers: { url: string; description: string }[];
  security: Record<string, string[]>[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, JsonObject>>;
  components: {
    schemas: Record<string, JsonObject>;
    parameters: Record<string, JsonObject>;
    headers: Record<string, JsonObject>;
    responses: Record<string, JsonObject>;
    securitySchemes: Record<string, JsonObject>;
  };
}

/** GET /health's answer (functions/health/handler.ts, shared/adapters/health-probes.ts). */
export const healthReportSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    runtime: z
      .object({
        node: z.string().meta({ description: 'Node.js version the functions run on, e.g. 24.22.3' }),
      })
      .meta({ description: 'What the functions run on; the stack deploys the matching Lambda runtime' }),
    components: z.record(
      z.string(),
      z.object({
        status: z.enum(['ok', 'down']),
        url: z.string().optional().meta({ description: 'Where a person can look (the local mail inbox)' }),
        detail: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'HealthReport', description: 'Each bound table and queue, email and SMS: `ok` or `down`' });

/** API Gateway's own error body: throttling, or a function that did not answer in time. */
export const gatewayMessageSchema = z
  .object({ message: z.string() })
  .meta({ id: 'GatewayMessage', examples: [{ message: 'Too Many Requests' }] });

/** POST /v1/complaints/{referenceNo}/status-link's answer (functions/track-complaint/handler.ts). */
export const statusLinkIssuedSchema = z
  .object({
    referenceNo: z.string().meta({ examples: ['40015723013'] }),
    statusUrl: z.string().meta({
      description: "The status page, script-free HTML in the complainant's language first; a personal link",
      examples: ['https://api.example/t/k1.40015723013.1.Qm9vZ2llV29vZ2ll'],
    }),
    version: z.number().int().meta({ description: 'How many times the links were withdrawn so far' }),
  })
  .meta({ id: 'StatusLinkIssued', description: 'A new status link; every earlier one now answers 410' });

const DEFS = '#/$defs/';
const SCHEMAS = '#/components/schemas/';

/** components.schemas, filled from zod's output; every schema added must carry a meta id. */
class SchemaComponents {
  readonly schemas: Record<string, JsonObject> = {};

  ref(schema: z.core.$ZodType, io: 'input' | 'output'): { $ref: string } {
    const { $ref, $defs = {} } = z.toJSONSchema(schema, { io, target: 'draft-2020-12' }) as {
      $ref?: string;
      $defs?: Record<string, JsonObject>;
    };
    if (!$ref?.startsWith(DEFS)) throw new Error('A schema in the OpenAPI document needs .meta({ id })');
    for (const [id, definition] of Object.entries($defs)) {
      const component = retarget(definition) as JsonObject;
      const existing = this.schemas[id];
      if (existing && !isDeepStrictEqual(existing, component)) {
        throw new Error(`Two different schemas claim the id ${id} (or it differs between input and output)`);
      }
      this.schemas[id] = component;
    }
    return { $ref: `${SCHEMAS}${$ref.slice(DEFS.length)}` };
  }
}

/** Points zod's #/$defs/ references at #/components/schemas/. */
function retarget(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(retarget);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' && inner.startsWith(DEFS)
        ? `${SCHEMAS}${inner.slice(DEFS.length)}`
        : retarget(inner),
    ]),
  );
}

const ref = (kind: 'parameters' | 'headers' | 'responses', name: string) => ({
  $ref: `#/components/${kind}/${name}`,
});

/** Two complaints a client might send; the unit test parses both with complaintRequestSchema. */
export const COMPLAINT_EXAMPLES = {
  hindi: {
    summary: 'A theft, in Hindi, from the citizen portal',
    value: {
      complainant: {
        name: 'रमेश कुमार',
        mobile: '9876543210',
        address: 'ग्राम नरैना, पोस्ट सकलडीहा, चन्दौली',
        language: 'hi',
      },
      location: { districtCode: 'chandauli', stationCode: 'chandauli-sakaldiha', pinCode: '232108' },
      categoryCode: 'theft',
      description: 'कल रात मेरे घर के बाहर खड़ी मोटरसाइकिल (UP67 AB 1234) चोरी हो गई।',
      incidentDate: '2025-01-14',
      channel: 'portal',
    },
  },
  positionOnly: {
    summary: 'A map pin and an email only: the post offices nearest the position decide the district',
    value: {
      complainant: { name: 'Ramesh', email: 'ramesh@example.in', address: 'Near the school, Sakaldiha' },
      location: { latitude: 25.4878, longitude: 83.2308 },
      categoryCode: 'theft',
      description: 'My motorcycle was stolen from outside the school gate on Monday night.',
      channel: 'portal',
    },
  },
  english: {
    summary: 'A cyber fraud, in English, typed by a CM Helpline 1076 operator',
    value: {
      complainant: {
        name: 'Sunita Devi',
        mobile: '+91 98390 12345',
        email: 'sunita@example.in',
        address: 'House 12, Station Road, Chandauli',
      },
      location: { districtCode: 'chandauli', latitude: 25.2618, longitude: 83.2687 },
      categoryCode: 'cyber-fraud',
      description: 'A caller posing as my bank took an OTP and Rs 40,000 left my account the same evening.',
      channel: 'cm-helpline-1076',
    },
  },
};

const problemExample = (code: string, status: number, title: string, extra: JsonObject = {}) => ({
  type: `${PROBLEM_TYPE_BASE}${code}`,
  title,
  status,
  instance: 'JmQ7xgT3hcwEJ3Q=',
  ...extra,
});

/** An error answer: RFC 9457 problem details in the language of Accept-Language. */
function problem(description: string, options: { headers?: string[]; example?: JsonObject } = {}) {
  return {
    description,
    headers: Object.fromEntries(
      ['Content-Language', ...(options.headers ?? [])].map((name) => [name, ref('headers', name)]),
    ),
    content: {
      'application/problem+json': {
        schema: { $ref: `${SCHEMAS}Problem` },
        ...(options.example ? { example: options.example } : {}),
      },
    },
  };
}

/** 429: our own limit (problem+json) or API Gateway's stage throttle (its plain JSON body). */
function tooManyRequests(description: string, example: JsonObject) {
  const own = problem(`${description} API Gateway's stage throttle also answers 429, as plain JSON.`, {
    headers: ['Retry-After'],
    example,
  });
  return {
    ...own,
    content: {
      ...own.content,
      'application/json': { schema: { $ref: `${SCHEMAS}GatewayMessage` } },
    },
  };
}

const jsonContent = (schema: { $ref: string }, extra: JsonObject = {}) => ({
  content: { 'application/json': { schema, ...extra } },
});

const COMMON_ERRORS = { '429': ref('responses', 'Throttled'), '500': ref('responses', 'InternalError') };

/** The servers entry: the API's own address when known, else the origin the document came from. */
export function serversFor(serverUrl?: string): OpenApiDocument['servers'] {
  return [
    serverUrl
      ? { url: serverUrl, description: 'This deployment' }
      : { url: '/', description: 'Where this document was served from' },
  ];
}

export function buildOpenApiDocument(options: { serverUrl?: string } = {}): OpenApiDocument {
  const components = new SchemaComponents();
  components.ref(problemSchema, 'output');
  components.ref(gatewayMessageSchema, 'output');
  const output = (schema: z.ZodType) => components.ref(schema, 'output');
  const cacheable = { 'Cache-Control': ref('headers', 'Cache-Control') };

  const paths: OpenApiDocument['paths'] = {
    '/v1/complaints': {
      post: {
        operationId: 'fileComplaint',
        summary: 'File a complaint',
        description:
          'Registers a complaint in Hindi or English. Answers 201 only once the reference is stored and queued ' +
          'for routing to a police station; an acknowledgement follows by SMS (and email, if given). ' +
          'Free text is stored as typed and never rendered as markup. Bodies over 32 KiB are refused.',
        tags: ['complaints'],
        parameters: [ref('parameters', 'Idempotency-Key'), ref('parameters', 'Accept-Language')],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: components.ref(complaintRequestSchema, 'input'),
              examples: COMPLAINT_EXAMPLES,
            },
          },
        },
        responses: {
          '201': {
            description:
              'Registered. `trackingSecret` is shown only here: keep it to track the complaint. With the same ' +
              'Idempotency-Key a retry returns this same answer (and Idempotent-Replayed: true).',
            headers: {
              Location: ref('headers', 'Location'),
              'Idempotent-Replayed': ref('headers', 'Idempotent-Replayed'),
            },
            ...jsonContent(output(complaintCreatedSchema), {
              example: {
                referenceNo: '40015723013',
                status: 'registered',
                deadlineAt: '2025-01-30T18:29:59.999Z',
                trackingSecret: 'h4PzR9wq',
                createdAt: '2025-01-15T05:12:44.118Z',
                links: { track: '/v1/complaints/40015723013' },
              },
            }),
          },
          '400': problem(
            'The body is not JSON (`malformed-json`) or not UTF-8 (`invalid-utf8`), or the Idempotency-Key ' +
              'is malformed (`invalid-idempotency-key`).',
          ),
          '413': problem('The body is larger than the limit (`body-too-large`).'),
          '415': problem('The body is not sent as application/json (`unsupported-media-type`).'),
          '422': problem(
            'Fields are missing or invalid (`validation`), each named in `errors` by JSON pointer; or the ' +
              'Idempotency-Key was used before with a different body (`idempotency-key-reused`). Nothing was stored.',
            {
              example: problemExample('validation', 422, validationTitle.en, {
                errors: [
                  {
                    pointer: '/complainant/mobile',
                    code: 'invalid-mobile',
                    detail: 'Must be an Indian mobile number: 10 digits starting with 6, 7, 8 or 9',
                  },
                ],
              }),
            },
          ),
          '429': tooManyRequests(
            'This mobile number has reached its monthly limit of new complaints (`too-many-complaints`).',
            problemExample('too-many-complaints', 429, 'This mobile number has reached its monthly limit'),
          ),
          '500': ref('responses', 'InternalError'),
          '503': problem(
            'The complaint could not be registered just now (`unavailable`); nothing was saved.',
            {
              headers: ['Retry-After'],
            },
          ),
        },
      },
    },
    '/v1/complaints/{referenceNo}': {
      get: {
        operationId: 'trackComplaint',
        summary: 'Track a complaint',
        description:
          'Status and public timeline of one complaint, for its complainant, and once it is disposed its ' +
          "outcome with the station's findings and action taken (as the status page shows). Needs the tracking secret or the " +
          "registered mobile number's last four digits. A wrong credential and an unknown reference both " +
          'answer 404; repeated failures answer 429.',
        tags: ['complaints'],
        security: [
          { trackingSecret: [] },
          { mobileLast4: [] },
          { trackingSecretQuery: [] },
          { mobileLast4Query: [] },
        ],
        parameters: [ref('parameters', 'referenceNo'), ref('parameters', 'Accept-Language')],
        responses: {
          '200': {
            description: 'The complaint as its complainant sees it: no officer names or remarks.',
            headers: { 'Content-Language': ref('headers', 'Content-Language') },
            ...jsonContent(output(complaintStatusSchema)),
          },
          '400': problem(
            'Not an 11-digit reference number, or its Verhoeff check digit does not match: a mistyped number ' +
              '(`invalid-reference-number`); or X-Mobile-Last4 (`mobileLast4`) is not exactly four digits, ' +
              'e.g. a whole mobile number (`invalid-mobile-last4`).',
          ),
          '401': problem(
            'Neither a tracking secret nor four mobile digits were given (`credentials-required`).',
            {
              headers: ['WWW-Authenticate'],
            },
          ),
          '404': problem('No complaint matches this reference number and credential (`not-found`).'),
          '429': tooManyRequests(
            'Too many failed attempts (`too-many-attempts`): from this client address (a sliding hour), or, for ' +
              'the last four mobile digits only, on this reference number from all addresses together. A correct ' +
              'tracking secret from an address under its own limit always succeeds, and the status link from ' +
              'the SMS never counts attempts.',
            problemExample(
              'too-many-attempts',
              429,
              'Too many attempts for this reference number; try again later',
            ),
          ),
          '500': ref('responses', 'InternalError'),
        },
      },
    },
    // Issue 15: the complainant withdraws their status links and gets a new one.
    '/v1/complaints/{referenceNo}/status-link': {
      post: {
        operationId: 'reissueStatusLink',
        summary: 'Withdraw the status links and get a new one',
        description:
          'The acknowledgement SMS and mail carry a status link (`/t/{token}`) that opens an HTML status page ' +
          'without any other credential. This withdraws every status link issued for the complaint (one was ' +
          'forwarded, or a phone was lost: the old links then answer 410) and returns a new one. Needs the ' +
          'tracking secret in the header, never in the URL; failed attempts count as for tracking. No body.',
        tags: ['complaints'],
        security: [{ trackingSecret: [] }],
        parameters: [ref('parameters', 'referenceNo'), ref('parameters', 'Accept-Language')],
        responses: {
          '201': {
            description: 'The earlier links are withdrawn; this is the only one that opens the page now.',
            headers: { 'Content-Language': ref('headers', 'Content-Language') },
            ...jsonContent(output(statusLinkIssuedSchema)),
          },
          '400': problem('Not a valid reference number (`invalid-reference-number`).'),
          '401': problem('No X-Tracking-Secret was given (`credentials-required`).', {
            headers: ['WWW-Authenticate'],
          }),
          '404': problem('No complaint matches this reference number and secret (`not-found`).'),
          '429': tooManyRequests(
            'Too many failed attempts from this client address (`too-many-attempts`).',
            problemExample(
              'too-many-attempts',
              429,
              'Too many attempts for this reference number; try again later',
            ),
          ),
          '500': ref('responses', 'InternalError'),
        },
      },
    },
    '/v1/districts': {
      get: {
        operationId: 'listDistricts',
        summary: 'List districts',
        description: "Uttar Pradesh's police districts and commissionerates, names in English and Hindi.",
        tags: ['master-data'],
        responses: {
          '200': {
            description: 'Every district',
            headers: cacheable,
            ...jsonContent(output(districtListSchema)),
          },
          ...COMMON_ERRORS,
        },
      },
    },
    '/v1/districts/{code}/stations': {
      get: {
        operationId: 'listDistrictStations',
        summary: "List a district's police stations",
        description: 'Thanas, and the district cyber cell and women help desk, that a complaint can name.',
        tags: ['master-data'],
        parameters: [ref('parameters', 'districtCode'), ref('parameters', 'Accept-Language')],
        responses: {
          '200': {
            description: 'The district and its stations',
            headers: cacheable,
            ...jsonContent(output(districtStationsSchema)),
          },
          '404': problem('No district has this code (`unknown-district`).'),
          ...COMMON_ERRORS,
        },
      },
    },
    '/v1/categories': {
      get: {
        operationId: 'listCategories',
        summary: 'List complaint categories',
        description: 'Categories with their disposal deadline in days, names in English and Hindi.',
        tags: ['master-data'],
        responses: {
          '200': {
            description: 'Every category',
            headers: cacheable,
            ...jsonContent(output(categoryListSchema)),
          },
          ...COMMON_ERRORS,
        },
      },
    },
    '/v1/rankings/{month}': {
      get: {
        operationId: 'getRanking',
        summary: "Get a month's ranking of districts or stations",
        description:
          "For state administrators: the latest stored revision of an IST month's ranking (or `revision`), " +
          "with every unit's scorecard. JSON by default, CSV (UTF-8 with BOM, for Excel) or the printable " +
          'HTML report. The statewide station level as JSON or HTML is large: it answers 303 with a ' +
          'short-lived link to the export the monthly run stored.',
        tags: ['rankings'],
        security: [{ adminBearer: [] }],
        parameters: [
          {
            name: 'month',
            in: 'path',
            required: true,
            description: 'The ranking month (IST, by date of filing), yyyy-mm',
            schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', examples: ['2026-10'] },
          },
          {
            name: 'level',
            in: 'query',
            description: 'Districts (default) or police stations',
            schema: { type: 'string', enum: ['district', 'station'], default: 'district' },
          },
          {
            name: 'district',
            in: 'query',
            description:
              'Only this district (its row, or with level=station its stations in district-rank order)',
            schema: { type: 'string', pattern: '^[a-z0-9-]{1,60}$', examples: ['chandauli'] },
          },
          {
            name: 'format',
            in: 'query',
            description: 'json (default), csv or html',
            schema: { type: 'string', enum: ['json', 'csv', 'html'], default: 'json' },
          },
          {
            name: 'revision',
            in: 'query',
            description: 'An earlier revision of the month (a recomputation keeps the old ones)',
            schema: { type: 'integer', minimum: 1 },
          },
          ref('parameters', 'Accept-Language'),
        ],
        responses: {
          '200': {
            description: 'The ranking of the level asked for, in rank order',
            content: {
              'application/json': {
                schema: { type: 'object', description: 'Header, policy and the units with their scorecards' },
              },
              'text/csv': {
                schema: { type: 'string', description: 'One row per unit, a column per parameter' },
              },
              'text/html': { schema: { type: 'string', description: 'The printable report' } },
            },
          },
          '303': {
            description:
              'The statewide station JSON or HTML: fetch it from the presigned link (valid 15 minutes)',
            headers: {
              Location: { description: 'The stored export', schema: { type: 'string', format: 'uri' } },
            },
          },
          '400': problem(
            'A bad month, level, format, district or revision (`invalid-month`, `invalid-level`, ...).',
          ),
          '401': problem('No admin token or a wrong one (`unauthorized`).', {
            headers: ['WWW-Authenticate'],
          }),
          '404': problem('The month was never ranked, or has no such revision or district.'),
          ...COMMON_ERRORS,
        },
      },
    },
    '/v1/admin/erasures': erasureOperations(components),
    '/v1/rankings': {
      get: {
        operationId: 'listRankings',
        summary: 'List the ranked months, their revisions and the scoring policies',
        description:
          'For state administrators: every month ranked, newest first, with each stored revision ' +
          '(policy version, revision, when it completed, references counted) and the latest marked; and ' +
          'every scoring policy, shipped or published, with the months it covers.',
        tags: ['rankings'],
        security: [{ adminBearer: [] }],
        parameters: [ref('parameters', 'Accept-Language')],
        responses: {
          '200': {
            description: 'Months (`months[].month`, `latest`, `revisions[]`) and policies (`policies[]`)',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          '401': problem('No admin token or a wrong one (`unauthorized`).', {
            headers: ['WWW-Authenticate'],
          }),
          ...COMMON_ERRORS,
        },
      },
    },
    '/v1/rankings/policies': {
      post: {
        operationId: 'publishScoringPolicy',
        summary: 'Publish a new scoring policy version',
        description:
          'For state administrators: a scoring policy as JSON (the shape of `policy` in any ranking ' +
          'export: version, effectiveFrom, name, totalMarks, priorityChannels, parameters, emptyRule, ties, ' +
          'and optionally stations, ranking, defaulterCharge, feedbackChannels). It is stored immutable and ' +
          'scores every month from `effectiveFrom` not yet ranked; no code change. Bodies over 64 KiB are refused.',
        tags: ['rankings'],
        security: [{ adminBearer: [] }],
        parameters: [ref('parameters', 'Accept-Language')],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', description: 'A scoring policy' } } },
        },
        responses: {
          '201': {
            description: 'Published: `version`, `effectiveFrom`, `publishedAt`',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          '400': problem(
            'Not a valid policy (`invalid-policy`, each bad field by JSON pointer), or not JSON (`malformed-json`).',
          ),
          '401': problem('No admin token or a wrong one (`unauthorized`).', {
            headers: ['WWW-Authenticate'],
          }),
          '409': problem(
            'The version exists (`version-taken`), a policy starts that month (`month-taken`), or the month is ranked already (`month-ranked`).',
          ),
          '413': problem('The body is over 64 KiB.'),
          '415': problem('The body is not application/json.'),
          ...COMMON_ERRORS,
        },
      },
    },
    '/health': {
      get: {
        operationId: 'getHealth',
        summary: 'Check health',
        description: 'Probes the tables, queues, email and SMS this function is bound to.',
        tags: ['operations'],
        responses: {
          '200': { description: 'Every component answers', ...jsonContent(output(healthReportSchema)) },
          '503': {
            description: 'Some component does not answer; the body names it',
            ...jsonContent(output(healthReportSchema)),
          },
          ...COMMON_ERRORS,
        },
      },
    },
    '/v1/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'Get this OpenAPI document',
        tags: ['operations'],
        responses: {
          '200': {
            description: 'This document, OpenAPI 3.1',
            headers: cacheable,
            content: {
              'application/json': { schema: { type: 'object', description: 'An OpenAPI 3.1.0 document' } },
            },
          },
          ...COMMON_ERRORS,
        },
      },
    },
    // My complaints by OTP (functions/my-complaints).
    ...(myComplaintsPaths(components) as OpenApiDocument['paths']),
  };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Nivaran public API',
      version: API_VERSION,
      summary: 'Police complaints for Uttar Pradesh: file, track, and look up districts and categories.',
      description: [
        'Citizens reach Nivaran through API clients: mobile apps, web portals, kiosks and call-centre operators.',
        'Complaints are accepted in Hindi or English; errors are RFC 9457 problem details in the language of',
        'Accept-Language (`hi` or `en`).',
        '',
        'Open311 GeoReport v2 clients use `/open311/v2/` (XML and JSON), which follows the',
        '[GeoReport v2 specification](https://wiki.open311.org/GeoReport_v2/) and is not described here;',
        "the README describes what it adds: FixMyStreet's service request updates (`servicerequestupdates.xml`),",
        'reads with the partner api_key, and the district derived from lat/long or a PIN code.',
        '',
        'उत्तर प्रदेश पुलिस शिकायत API: शिकायत हिन्दी या अंग्रेज़ी में दर्ज करें और सन्दर्भ संख्या से उसकी स्थिति देखें।',
      ].join('\n'),
      license: { name: 'Apache 2.0', identifier: 'Apache-2.0' },
    },
    servers: serversFor(options.serverUrl),
    security: [],
    tags: [
      { name: 'complaints', description: 'File a complaint and track it' },
      { name: 'master-data', description: 'Districts, police stations and categories a complaint refers to' },
      { name: 'operations', description: 'Health and this document' },
      {
        name: 'rankings',
        description: 'Monthly rankings of districts and stations, for state administrators',
      },
      { name: 'administration', description: "Erasure of a complainant's personal data on request" },
    ],
    paths,
    components: {
      schemas: components.schemas,
      parameters: PARAMETERS,
      headers: HEADERS,
      responses: {
        Throttled: {
          description: "API Gateway's stage throttle: too many requests to the API as a whole.",
          content: { 'application/json': { schema: { $ref: `${SCHEMAS}GatewayMessage` } } },
        },
        InternalError: {
          description:
            'Something failed on our side (`internal`); the body says nothing more. API Gateway answers with ' +
            'its own plain JSON body when the function does not answer at all.',
          content: {
            'application/problem+json': { schema: { $ref: `${SCHEMAS}Problem` } },
            'application/json': { schema: { $ref: `${SCHEMAS}GatewayMessage` } },
          },
        },
      },
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}

const PARAMETERS: Record<string, JsonObject> = {
  'Accept-Language': {
    name: 'Accept-Language',
    in: 'header',
    description: 'hi or en, by quality value; problem titles and details follow it. Defaults to en.',
    schema: { type: 'string', examples: ['hi, en;q=0.8'] },
  },
  'Idempotency-Key': {
    name: 'Idempotency-Key',
    in: 'header',
    description:
      'A key the client chooses per complaint (a UUID, say). Retrying with the same key and body returns the ' +
      'first answer instead of filing a second complaint. A key is scoped to the client that sent it (its source ' +
      'address, for this anonymous API): the same key from another client is another key.',
    schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
  },
  referenceNo: {
    name: 'referenceNo',
    in: 'path',
    required: true,
    description: 'The 11-digit reference number; its last digit is a Verhoeff check digit.',
    schema: { type: 'string', pattern: REFERENCE_NUMBER_PATTERN, examples: ['40015723013'] },
  },
  districtCode: {
    name: 'code',
    in: 'path',
    required: true,
    description: 'A district code from GET /v1/districts',
    schema: { type: 'string', examples: ['chandauli'] },
  },
};

const HEADERS: Record<string, JsonObject> = {
  Location: {
    description: 'Where to track the new complaint',
    schema: { type: 'string', examples: ['/v1/complaints/40015723013'] },
  },
  'Idempotent-Replayed': {
    description: 'Present when this answer repeats an earlier one for the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    schema: { type: 'integer', minimum: 0 },
  },
  'Content-Language': {
    description: 'The language of the text in the body',
    schema: { type: 'string', enum: ['hi', 'en'] },
  },
  'Cache-Control': {
    description: 'Master data and this document may be cached for five minutes',
    schema: { type: 'string', examples: ['public, max-age=300'] },
  },
  'WWW-Authenticate': {
    description: 'How to authenticate',
    schema: { type: 'string', examples: ['Tracking-Secret'] },
  },
};

const SECURITY_SCHEMES: Record<string, JsonObject> = {
  myComplaintsBearer: MY_COMPLAINTS_SECURITY_SCHEME,
  adminBearer: {
    type: 'http',
    scheme: 'bearer',
    description:
      "State administrators: the deployment's admin token, or (where configured) a JWT from the state's identity provider",
  },
  trackingSecret: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Tracking-Secret',
    description: 'The tracking secret returned when the complaint was filed',
  },
  mobileLast4: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Mobile-Last4',
    description: 'The last four digits of the registered mobile number, e.g. 3210',
  },
  trackingSecretQuery: {
    type: 'apiKey',
    in: 'query',
    name: 'secret',
    description:
      'The tracking secret as a query parameter, for clients that cannot set headers (prefer the header)',
  },
  mobileLast4Query: {
    type: 'apiKey',
    in: 'query',
    name: 'mobileLast4',
    description: 'The last four mobile digits as a query parameter (prefer the header)',
  },
};

/** POST /v1/admin/erasures (functions/erasure-api): an audited erasure, ahead of the retention schedule. */
function erasureOperations(components: SchemaComponents): Record<string, JsonObject> {
  return {
    post: {
      operationId: 'eraseComplainant',
      summary: "Erase a complainant's personal data now",
      description:
        "For state administrators: removes one reference's (or every reference of one mobile number's) " +
        'personal data from every copy, as the retention schedule does after its windows, deletes its ' +
        'attachments, and records an audit entry (who, when, why; no personal data) which the answer is. ' +
        'Statistics stay: district, station, category, dates, status, outcome, grade.',
      tags: ['administration'],
      security: [{ adminBearer: [] }],
      parameters: [ref('parameters', 'Accept-Language')],
      requestBody: {
        required: true,
        ...jsonContent(components.ref(erasureRequestSchema, 'input'), {
          example: {
            referenceNo: '40015723013',
            reason: 'complainant-request',
            requestRef: 'SP-CHD/2026/117',
            operator: 'igrs-admin-lko-02',
          },
        }),
      },
      responses: {
        '200': {
          description: 'Erased; the audit entry recorded',
          ...jsonContent(components.ref(erasureAuditSchema, 'output')),
        },
        '400': problem('The body is not JSON (`malformed-json`).'),
        '401': problem('No admin token or a wrong one (`unauthorized`).', { headers: ['WWW-Authenticate'] }),
        '404': problem('No reference with this number (`reference-not-found`).'),
        '413': problem('The body is too large (`body-too-large`).'),
        '415': problem('The body is not application/json (`unsupported-media-type`).'),
        '422': problem(
          'A field is missing or invalid (`validation`), or both or neither of referenceNo and mobile.',
        ),
        ...COMMON_ERRORS,
      },
    },
  };
}

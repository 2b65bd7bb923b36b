import { HttpProblem } from './problem.ts';
import type { HttpRequest } from './request.ts';

/**
 * The longest value each part of a request may carry, checked once for every HTTP function before
 * its handler runs (./handler.ts). Codes, ids and keys end up in DynamoDB keys, S3 keys and log
 * lines; DynamoDB refuses a key value over 1,024 bytes with an error that would otherwise become a
 * 500, and nothing we issue comes near these caps. Free text has its own limits in the request
 * schemas; parameters named here are capped by name, any other by the generous default.
 *
 * Lengths are in UTF-16 code units (JavaScript's length), which is never more than the UTF-8 bytes.
 */
interface Cap {
  /** Most characters in the whole value. */
  max: number;
  /** Most characters in each comma-separated item (Open311's lists). */
  each?: number;
}

/** Path parameters, by the name the route gives them (infra/platform.ts). */
export const PATH_PARAMETER_CAPS: Record<string, Cap> = {
  code: { max: 64 },
  referenceNo: { max: 32 },
  month: { max: 16 },
  document: { max: 80 },
  serviceFile: { max: 80 },
  requestFile: { max: 80 },
  // kid, claims and MAC: a few hundred characters at most.
  token: { max: 1024 },
  file: { max: 64 },
};
const DEFAULT_PATH_CAP: Cap = { max: 256 };

/**
 * Query parameters. Open311 clients may send a POST's arguments (a description among them) in the
 * query, so the default is wide; codes and keys are held to their own size.
 */
export const QUERY_CAPS: Record<string, Cap> = {
  service_code: { max: 2048, each: 64 },
  service_request_id: { max: 12_000, each: 32 },
  jurisdiction_id: { max: 128 },
  api_key: { max: 256 },
  district: { max: 64 },
  level: { max: 16 },
  format: { max: 16 },
  revision: { max: 16 },
  page: { max: 16 },
  page_size: { max: 16 },
  start_date: { max: 64 },
  end_date: { max: 64 },
  status: { max: 64 },
  secret: { max: 64 },
  mobileLast4: { max: 32 },
  lang: { max: 16 },
  done: { max: 32 },
};
const DEFAULT_QUERY_CAP: Cap = { max: 16 * 1024 };

/** Headers whose values reach a key or a comparison (X-Correlation-Id is judged in ../correlation.ts). */
export const HEADER_CAPS: Record<string, Cap> = {
  'idempotency-key': { max: 255 },
  'x-tracking-secret': { max: 64 },
  'x-mobile-last4': { max: 32 },
  authorization: { max: 4096 },
};

const fits = (value: string, cap: Cap) =>
  value.length <= cap.max &&
  (cap.each === undefined || value.split(',').every((item) => item.trim().length <= cap.each!));

const tooLong = (where: { en: string; hi: string }, cap: Cap) =>
  new HttpProblem(
    400,
    'input-too-long',
    { en: 'A part of the request is too long', hi: 'अनुरोध का एक भाग बहुत लंबा है' },
    {
      detail: {
        en: `${where.en} is longer than the ${cap.each ?? cap.max} characters it may have.`,
        hi: `${where.hi} अनुमत ${cap.each ?? cap.max} वर्णों से लंबा है।`,
      },
    },
  );

/** Throws a 400 problem (`input-too-long`) naming the first part of the request over its cap. */
export function checkInputLimits(request: HttpRequest): void {
  for (const [name, value] of Object.entries(request.pathParameters)) {
    const cap = PATH_PARAMETER_CAPS[name] ?? DEFAULT_PATH_CAP;
    if (!fits(value, cap))
      throw tooLong({ en: `The path parameter '${name}'`, hi: `पथ पैरामीटर '${name}'` }, cap);
  }
  for (const [name, value] of Object.entries(request.query)) {
    const cap = QUERY_CAPS[name] ?? DEFAULT_QUERY_CAP;
    if (name.length > 128 || !fits(value, cap)) {
      const shown = name.length > 64 ? `${name.slice(0, 64)}…` : name;
      throw tooLong({ en: `The query parameter '${shown}'`, hi: `क्वेरी पैरामीटर '${shown}'` }, cap);
    }
  }
  for (const [name, cap] of Object.entries(HEADER_CAPS)) {
    const value = request.headers[name];
    if (value !== undefined && !fits(value, cap))
      throw tooLong({ en: `The ${name} header`, hi: `${name} हेडर` }, cap);
  }
}

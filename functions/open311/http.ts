import { isOpen311ApiKey, open311Settings } from '../../shared/adapters/secrets/open311-settings.ts';
import type { Language } from '../../shared/domain/language.ts';
import type { DocumentValue, Open311Format } from '../../shared/domain/open311/document.ts';
import {
  errorsDocument,
  internalError,
  Open311Error,
  open311Error,
} from '../../shared/domain/open311/errors.ts';
import { shown } from '../../shared/domain/open311/resource.ts';
import type { Audience } from '../../shared/domain/open311/view.ts';
import type { HttpProblem } from '../../shared/triggers/http/problem.ts';
import { asProblem } from '../../shared/triggers/http/problem-response.ts';
import type { HttpRequest } from '../../shared/triggers/http/request.ts';
import { type HttpResponse, text } from '../../shared/triggers/http/response.ts';
import { renderDocument } from '../../shared/views/open311/render.ts';

/** The Open311 function's HTTP edges: documents and errors out, jurisdiction and origin in. */

export function respond(
  status: number,
  format: Open311Format,
  root: string,
  value: DocumentValue,
  language: Language,
  headers: Record<string, string> = {},
): HttpResponse {
  const { body, contentType } = renderDocument(format, root, value);
  return text(status, body, contentType, { 'content-language': language, ...headers });
}

/**
 * A problem raised by shared HTTP or domain code (body not UTF-8, too large, rate limited,
 * unavailable, ...) in Open311's terms. Open311 has no 415 or 422: the client must change its
 * request, which GeoReport v2 calls 400.
 */
export function fromHttpProblem(problem: HttpProblem): Open311Error {
  const status = problem.status === 415 || problem.status === 422 ? 400 : problem.status;
  const detail = problem.options.detail;
  const description = detail
    ? { en: `${problem.title.en}. ${detail.en}`, hi: `${problem.title.hi}। ${detail.hi}` }
    : problem.title;
  return new Open311Error(status, [{ code: status, description }], {
    headers: problem.options.headers ?? {},
    cause: problem,
  });
}

/** An Open311 refusal as it is; anything else by its HTTP meaning (shared/triggers/http/problem-response.ts). */
function toOpen311Error(error: unknown): Open311Error {
  if (error instanceof Open311Error) return error;
  const problem = asProblem(error);
  if (problem.code === 'internal') {
    return new Open311Error(500, [{ code: 500, description: internalError }], { cause: error });
  }
  return fromHttpProblem(problem);
}

/**
 * Any refusal or failure as an Open311 <errors> list; a 5xx says nothing of its inside. The HTTP
 * factory logs it (shared/triggers/http/handler.ts).
 */
export function failure(caught: unknown, format: Open311Format, language: Language): HttpResponse {
  const error = toOpen311Error(caught);
  return respond(
    error.status,
    format,
    'errors',
    errorsDocument(error, language),
    language,
    error.options.headers,
  );
}

/** One jurisdiction is served; a client naming another is told it is not here. */
export function checkJurisdiction(value: string | undefined): void {
  const given = value?.trim();
  const ours = open311Settings().jurisdictionId;
  if (!given || given.toLowerCase() === ours.toLowerCase()) return;
  throw open311Error(404, {
    en: `jurisdiction_id '${shown(given)}' was not found; this endpoint serves ${ours}`,
    hi: `jurisdiction_id '${shown(given)}' नहीं मिला; यह सेवा ${ours} के लिए है`,
  });
}

export const unknownService = (code: string) =>
  open311Error(404, {
    en: `service_code '${shown(code)}' was not found; see services.xml`,
    hi: `service_code '${shown(code)}' नहीं मिला; services.xml देखें`,
  });

export const unknownRequest = (id: string) =>
  open311Error(404, {
    en: `service_request_id '${shown(id)}' was not found`,
    hi: `service_request_id '${shown(id)}' नहीं मिला`,
  });

async function checkApiKey(apiKey: string): Promise<boolean> {
  try {
    return await isOpen311ApiKey(apiKey);
  } catch (cause) {
    throw open311Error(
      503,
      {
        en: 'The service cannot check the api_key just now; please try again',
        hi: 'सेवा अभी api_key की जांच नहीं कर सकती; कृपया फिर से प्रयास करें',
      },
      { headers: { 'retry-after': '5' }, cause },
    );
  }
}

const wrongKey = (what: string) =>
  open311Error(403, {
    en: `Invalid or missing api_key: ${what} need the api_key issued to your application`,
    hi: `api_key अमान्य है या नहीं दी गई: ${what} के लिए आपके एप्लिकेशन को जारी api_key आवश्यक है`,
  });

/** Refuses (403) unless the api_key issued to partner applications is given. */
export async function requireApiKey(apiKey: string | undefined, what: string): Promise<void> {
  if (!apiKey || !(await checkApiKey(apiKey))) throw wrongKey(what);
}

/**
 * Who reads: a partner with the api_key, or the public without one. A key that is given but wrong is
 * refused rather than read as none, so a misconfigured partner finds out at once.
 */
export async function audienceOf(apiKey: string | undefined): Promise<Audience> {
  if (!apiKey) return 'public';
  if (await checkApiKey(apiKey)) return 'partner';
  throw wrongKey('reads with an api_key');
}

/** scheme://host the client called, for the discovery url when PUBLIC_BASE_URL is not set. */
export function requestOrigin(request: HttpRequest): string {
  const proto = request.headers['x-forwarded-proto']?.split(',')[0]?.trim() || 'https';
  return `${proto}://${request.headers.host ?? 'localhost'}`;
}

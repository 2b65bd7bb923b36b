import { DomainError } from '../../domain/errors.ts';
import { domainErrorToProblem } from './domain-errors.ts';
import { HttpProblem, internalErrorTitle, problemBody } from './problem.ts';
import type { HttpRequest } from './request.ts';
import { type HttpResponse, json } from './response.ts';
import { isDependencyUnavailable, unavailableProblem } from './unavailable.ts';

/**
 * Any error in HTTP terms, in one place: a domain error by its meaning (./domain-errors.ts), a
 * problem raised by request parsing as it is, a backing service that could not be reached as a 503
 * with Retry-After (./unavailable.ts), and anything else as a 500 that says nothing of its inside.
 */
export function asProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof DomainError) return domainErrorToProblem(error);
  if (isDependencyUnavailable(error)) return unavailableProblem(error);
  return new HttpProblem(500, 'internal', internalErrorTitle, { cause: error });
}

/** The JSON API's answer to an error: RFC 9457 problem details in the request's language. */
export function problemResponse(error: unknown, request: HttpRequest): HttpResponse {
  const problem = asProblem(error);
  const body = problemBody(problem, request.language, request.requestId);
  if (problem.code === 'internal') {
    return json(500, body, { 'content-type': 'application/problem+json; charset=utf-8' });
  }
  return json(problem.status, body, {
    'content-type': 'application/problem+json; charset=utf-8',
    'content-language': request.language,
    ...problem.options.headers,
  });
}

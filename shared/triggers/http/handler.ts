import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { DomainError, UnavailableError } from '../../domain/errors.ts';
import { logger } from '../observability/logger.ts';
import { domainErrorToProblem } from './domain-errors.ts';
import { HttpProblem, internalErrorTitle, problemBody } from './problem.ts';
import { type HttpRequest, toHttpRequest } from './request.ts';
import { type HttpResponse, json } from './response.ts';
import { isDependencyUnavailable, unavailableProblem } from './unavailable.ts';

export type HttpRouteHandler = (request: HttpRequest, context: Context) => Promise<HttpResponse>;

export interface HttpHandlerOptions {
  /** The 503 answer when a backing service is unavailable (pages render HTML); problem+json by default. */
  unavailable?: (request: HttpRequest) => HttpResponse;
}

/**
 * The one middleware stack for HTTP functions, in a fixed order: correlation id and logging
 * first, then the handler, then errors mapped to problem+json. A handler only parses, calls the
 * domain and shapes the response. A backing service that cannot be reached is a 503 with
 * Retry-After (see ./unavailable.ts), not a 500.
 */
export function httpHandler(handle: HttpRouteHandler, options: HttpHandlerOptions = {}) {
  return middy<APIGatewayProxyEventV2, HttpResponse, Error, Context>()
    .before(function setCorrelation(request) {
      const headers = request.event.headers ?? {};
      logger.setContext({
        correlationId: headers['x-correlation-id'] ?? request.event.requestContext.requestId,
        requestId: request.context.awsRequestId,
        route: request.event.routeKey,
      });
    })
    .handler(async (event, context) => {
      const started = Date.now();
      const request = toHttpRequest(event);
      let response: HttpResponse;
      try {
        response = await handle(request, context);
      } catch (error) {
        response =
          options.unavailable &&
          (error instanceof UnavailableError ||
            (!(error instanceof DomainError) && isDependencyUnavailable(error)))
            ? unavailableResponse(error, request, options.unavailable)
            : errorResponse(error, request);
      }
      // One line per request, like an access log: never the path (it can carry a link token) or the body.
      logger.info('request handled', { status: response.statusCode, durationMs: Date.now() - started });
      return response;
    });
}

function unavailableResponse(
  error: unknown,
  request: HttpRequest,
  render: (request: HttpRequest) => HttpResponse,
): HttpResponse {
  logger.error('request failed: a backing service is unavailable', { error });
  return render(request);
}

function errorResponse(caught: unknown, request: HttpRequest): HttpResponse {
  const error =
    caught instanceof DomainError
      ? domainErrorToProblem(caught)
      : isDependencyUnavailable(caught)
        ? unavailableProblem(caught)
        : caught;
  if (error instanceof HttpProblem) {
    if (error.status >= 500) logger.error('request failed', { error });
    else logger.info('request refused', { status: error.status, code: error.code });
    return json(error.status, problemBody(error, request.language, request.requestId), {
      'content-type': 'application/problem+json; charset=utf-8',
      'content-language': request.language,
      ...error.options.headers,
    });
  }
  logger.error('unhandled error', { error });
  const problem = new HttpProblem(500, 'internal', internalErrorTitle);
  return json(500, problemBody(problem, request.language, request.requestId), {
    'content-type': 'application/problem+json; charset=utf-8',
  });
}

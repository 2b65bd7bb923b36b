import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { DomainError } from '../domain/errors.ts';
import { logger } from '../observability/logger.ts';
import { domainErrorToProblem } from './domain-errors.ts';
import { HttpProblem, internalErrorTitle, problemBody } from './problem.ts';
import { type HttpRequest, toHttpRequest } from './request.ts';
import { type HttpResponse, json } from './response.ts';

export type HttpRouteHandler = (request: HttpRequest, context: Context) => Promise<HttpResponse>;

/**
 * The one middleware stack for HTTP functions, in a fixed order: correlation id and logging
 * first, then the handler, then errors mapped to problem+json. A handler only parses, calls the
 * domain and shapes the response.
 */
export function httpHandler(handle: HttpRouteHandler) {
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
        response = errorResponse(error, request);
      }
      // One line per request, like an access log: never the path (it can carry a link token) or the body.
      logger.info('request handled', { status: response.statusCode, durationMs: Date.now() - started });
      return response;
    });
}

function errorResponse(caught: unknown, request: HttpRequest): HttpResponse {
  const error = caught instanceof DomainError ? domainErrorToProblem(caught) : caught;
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

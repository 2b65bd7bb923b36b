import middy, { type MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { CORRELATION_HEADER, correlationIdOr, setCorrelationId } from '../correlation.ts';
import { logContext, publishMetrics } from '../middleware.ts';
import { logger } from '../powertools.ts';
import { checkQueryEncoding } from './form.ts';
import { checkInputLimits } from './input-limits.ts';
import { problemResponse } from './problem-response.ts';
import { type HttpRequest, httpRequestOf } from './request.ts';
import type { HttpResponse } from './response.ts';

export type HttpRouteHandler = (request: HttpRequest, context: Context) => Promise<HttpResponse>;

/** Turns whatever a handler threw into the answer: problem+json, a page, an Open311 error list. */
export type ErrorResponder = (error: unknown, request: HttpRequest) => HttpResponse;

export interface HttpHandlerOptions {
  /**
   * How errors are answered. Default: RFC 9457 problem+json (./problem-response.ts), the JSON API's;
   * officer link pages pass pageErrorResponse (./page-errors.ts).
   */
  errors?: ErrorResponder;
}

type HttpMiddleware = MiddlewareObj<APIGatewayProxyEventV2, HttpResponse, Error, Context>;

/**
 * The one middleware stack for HTTP API (payload 2.0) functions, in a fixed order: the Lambda
 * context on every log line, metrics published at the end, header names lower-cased, the
 * correlation id set, one access-log line, errors turned into responses in one place, and every
 * path parameter, query value and key header held to its length cap (./input-limits.ts). A
 * handler only parses, calls a use case and shapes the response; it catches nothing it would only
 * turn into an error response.
 */
export function httpHandler(handle: HttpRouteHandler, options: HttpHandlerOptions = {}) {
  return middy<APIGatewayProxyEventV2, HttpResponse, Error, Context>()
    .use(logContext())
    .use(publishMetrics())
    .use(httpHeaderNormalizer())
    .use(correlation())
    .use(accessLog())
    .use(errorResponses(options.errors ?? problemResponse))
    .use(inputLimits())
    .handler((event, context) => handle(httpRequestOf(event), context));
}

/** X-Correlation-Id when the caller sends a sound one, else API Gateway's request id. */
function correlation(): HttpMiddleware {
  return {
    before: function setCorrelation(request) {
      const { event } = request;
      setCorrelationId(correlationIdOr(event.headers?.[CORRELATION_HEADER], event.requestContext.requestId));
      logger.appendKeys({ route: event.routeKey });
    },
  };
}

/**
 * One line per request, like an access log: never the path (it can carry a link token) or the
 * body. Refusals (4xx) are logged as such, failures (5xx) with their error.
 */
function accessLog(): HttpMiddleware {
  let started = 0;
  const requestHandled = (request: { response?: HttpResponse | null; error?: Error | null }) => {
    const status = request.response?.statusCode ?? 500;
    if (request.error) {
      if (status >= 500) logger.error('request failed', { status, error: request.error });
      else
        logger.info('request refused', { status, error: request.error.name, ...problemCode(request.error) });
    }
    logger.info('request handled', { status, durationMs: Date.now() - started });
  };
  return {
    before: function startClock() {
      started = Date.now();
    },
    after: requestHandled,
    onError: requestHandled,
  };
}

/** The problem type of a refusal (validation, too-many-attempts...), when it has one. */
const problemCode = (error: Error): { code?: string } =>
  'code' in error && typeof error.code === 'string' ? { code: error.code } : {};

/**
 * Refuses a request with a part over its cap, or a query string whose percent-encoding is not
 * UTF-8, before the handler sees it (a 400, never a 500 nor replacement characters stored).
 */
function inputLimits(): HttpMiddleware {
  return {
    before: function checkLimits(request) {
      checkInputLimits(httpRequestOf(request.event));
      checkQueryEncoding(request.event.rawQueryString);
    },
  };
}

/** Sets the response for any error; it never rethrows, so a caller sees an answer, not a crash. */
function errorResponses(respond: ErrorResponder): HttpMiddleware {
  return {
    onError: function errorResponse(request) {
      request.response = respond(request.error, httpRequestOf(request.event));
    },
  };
}

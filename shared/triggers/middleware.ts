import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { MiddlewareObj } from '@middy/core';
import { logger, metrics } from './powertools.ts';

/**
 * Middlewares every trigger factory (http/, sqs/, schedule/) starts with, in this order: the
 * Lambda context on every log line (keys appended during an invocation, the correlation id among
 * them, are dropped when it ends), then the metrics it counted, published when it ends.
 */
export const logContext = (): MiddlewareObj => injectLambdaContext(logger, { resetKeys: true });

/**
 * Publishes what the invocation counted, once, whether it succeeded or failed. Unlike Powertools'
 * logMetrics it stays silent when nothing was counted (most invocations of most functions): that
 * one warns on every such invocation.
 */
export function publishMetrics(): MiddlewareObj {
  const publishMetricsAfter = () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: publishMetricsAfter, onError: publishMetricsAfter };
}

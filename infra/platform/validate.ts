import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseScheduleExpression } from './cron.ts';
import type { Platform } from './types.ts';

export class PlatformError extends Error {
  override name = 'PlatformError';
}

interface Rule {
  condition: boolean;
  message: string;
}

const ROUTE_PATH =
  /^\/(?:[A-Za-z0-9._~-]+|\{[A-Za-z][A-Za-z0-9]*\}|\{proxy\+\})(?:\/(?:[A-Za-z0-9._~-]+|\{[A-Za-z][A-Za-z0-9]*\}|\{proxy\+\}))*$|^\/$/;

/**
 * Checks the declaration before either runner uses it, so a typo fails at synth or start with a
 * message naming the field, the value received and what is allowed, instead of at deploy time.
 */
export function validatePlatform(platform: Platform, root = process.cwd()): Platform {
  const rules: Rule[] = [];
  const fnNames = Object.keys(platform.functions);
  const routeKeys = new Set<string>();

  for (const [name, fn] of Object.entries(platform.functions)) {
    rules.push({
      condition: existsSync(resolve(root, fn.entry)),
      message: `functions.${name}.entry: file '${fn.entry}' does not exist`,
    });
    rules.push({
      condition: fn.timeoutSeconds >= 1 && fn.timeoutSeconds <= 900,
      message: `functions.${name}.timeoutSeconds: ${fn.timeoutSeconds} is outside 1-900`,
    });
    rules.push({
      condition: fn.memoryMb >= 128 && fn.memoryMb <= 10240,
      message: `functions.${name}.memoryMb: ${fn.memoryMb} is outside 128-10240`,
    });
    if (fn.reservedConcurrency !== undefined) {
      rules.push({
        condition: Number.isInteger(fn.reservedConcurrency) && fn.reservedConcurrency >= 1,
        message: `functions.${name}.reservedConcurrency: ${fn.reservedConcurrency} is not a whole number from 1`,
      });
    }
    for (const route of fn.http ?? []) {
      const key = `${route.method} ${route.path}`;
      rules.push({ condition: !routeKeys.has(key), message: `route '${key}' is declared twice` });
      routeKeys.add(key);
      rules.push({
        condition: ROUTE_PATH.test(route.path),
        message: `functions.${name}: route path '${route.path}' is not an HTTP API route path`,
      });
      if (route.throttle) {
        rules.push({
          condition:
            route.throttle.rateLimitPerSecond > 0 &&
            Number.isInteger(route.throttle.burstLimit) &&
            route.throttle.burstLimit >= 0 &&
            route.throttle.rateLimitPerSecond <= platform.api.throttle.rateLimitPerSecond &&
            route.throttle.burstLimit <= platform.api.throttle.burstLimit,
          message: `functions.${name}: route '${key}' throttle ${route.throttle.rateLimitPerSecond}/s burst ${route.throttle.burstLimit} must be above 0 and within the stage's ${platform.api.throttle.rateLimitPerSecond}/s burst ${platform.api.throttle.burstLimit}`,
        });
      }
      rules.push({
        condition: fn.timeoutSeconds <= 30,
        message: `functions.${name}: HTTP API integrations time out at 30 s, timeoutSeconds is ${fn.timeoutSeconds}`,
      });
    }
    for (const table of Object.keys(fn.access?.tables ?? {})) {
      rules.push({
        condition: table in platform.tables,
        message: `functions.${name}: unknown table '${table}'`,
      });
    }
    for (const queue of Object.keys(fn.access?.queues ?? {})) {
      rules.push({
        condition: queue in platform.queues,
        message: `functions.${name}: unknown queue '${queue}'`,
      });
    }
    for (const bucket of Object.keys(fn.access?.buckets ?? {})) {
      rules.push({
        condition: bucket in platform.buckets,
        message: `functions.${name}: unknown bucket '${bucket}'`,
      });
    }
    for (const secret of fn.access?.secrets ?? []) {
      rules.push({
        condition: secret in platform.secrets,
        message: `functions.${name}: unknown secret '${secret}'`,
      });
    }
  }

  for (const [name, queue] of Object.entries(platform.queues)) {
    const consumer = queue.consumer === undefined ? undefined : platform.functions[queue.consumer];
    rules.push({
      condition: queue.consumer === undefined || consumer !== undefined,
      message: `queues.${name}.consumer: '${queue.consumer}' is not a function (have ${fnNames.join(', ')})`,
    });
    if (consumer) {
      rules.push({
        condition: queue.visibilityTimeoutSeconds >= 6 * consumer.timeoutSeconds,
        message: `queues.${name}.visibilityTimeoutSeconds: ${queue.visibilityTimeoutSeconds} is below 6 x its consumer's timeout ${consumer.timeoutSeconds} (${6 * consumer.timeoutSeconds}), as AWS asks for a Lambda event source`,
      });
    }
    if (queue.maxConcurrency !== undefined) {
      rules.push({
        condition:
          Number.isInteger(queue.maxConcurrency) && queue.maxConcurrency >= 2 && queue.maxConcurrency <= 1000,
        message: `queues.${name}.maxConcurrency: ${queue.maxConcurrency} is outside Lambda's 2-1000`,
      });
      rules.push({
        condition: queue.consumer !== undefined,
        message: `queues.${name}.maxConcurrency: the queue has no consumer to cap`,
      });
    }
    rules.push({
      condition: queue.batchSize >= 1 && queue.batchSize <= 10,
      message: `queues.${name}.batchSize: ${queue.batchSize} is outside 1-10`,
    });
    rules.push({
      condition: queue.maxReceiveCount >= 1 && queue.maxReceiveCount <= 1000,
      message: `queues.${name}.maxReceiveCount: ${queue.maxReceiveCount} is outside 1-1000`,
    });
  }

  for (const [name, schedule] of Object.entries(platform.schedules)) {
    rules.push({
      condition: schedule.function in platform.functions,
      message: `schedules.${name}.function: '${schedule.function}' is not a function`,
    });
    let expressionError = '';
    try {
      parseScheduleExpression(schedule.expression);
    } catch (error) {
      expressionError = (error as Error).message;
    }
    rules.push({
      condition: expressionError === '',
      message: `schedules.${name}.expression: ${expressionError}`,
    });
  }

  const failures = rules.filter((rule) => !rule.condition).map((rule) => rule.message);
  if (failures.length > 0) {
    throw new PlatformError(`Invalid platform declaration:\n- ${failures.join('\n- ')}`);
  }
  return platform;
}

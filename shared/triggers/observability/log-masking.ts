import { LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';

/**
 * Personal data never reaches a log line: logs are read by many people and kept for months. Values
 * under keys that can hold personal data are replaced whole; mobile numbers and email addresses
 * anywhere else (a message, an error's text, a nested value) are masked where they appear.
 */
const PERSONAL_KEYS =
  /^(name|mobile|phone|email|address|complainant|contact|description|trackingSecret|token)$/i;
const MOBILE = /(?<!\d)(?:\+?91[- ]?)?[6-9]\d{9}(?!\d)/g;
const EMAIL = /[^\s@"'<>]+@[^\s@"'<>]+\.[^\s@"'<>]+/g;

export function maskText(text: string): string {
  return text.replace(MOBILE, (m) => `******${m.slice(-4)}`).replace(EMAIL, '***@***');
}

export function maskValue(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[depth]';
  if (typeof value === 'string') return maskText(value);
  if (Array.isArray(value)) return value.map((v) => maskValue(v, depth + 1));
  if (value instanceof Error) {
    return {
      name: value.name,
      message: maskText(value.message),
      stack: value.stack && maskText(value.stack),
    };
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] =
        PERSONAL_KEYS.test(key) && v !== undefined && v !== null ? '[masked]' : maskValue(v, depth + 1);
    }
    return out;
  }
  return value;
}

/**
 * Powertools Logger's formatter with the masking above: the keys Powertools' own formatter writes
 * (level, message, timestamp, service, cold_start, function_*...), then the appended keys
 * (correlation_id, route, messageId...) and the line's own, every value masked before it is written.
 */
export class MaskingLogFormatter extends LogFormatter {
  override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const context = attributes.lambdaContext;
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: maskText(attributes.message),
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        cold_start: context?.coldStart,
        function_arn: context?.invokedFunctionArn,
        function_memory_size: context?.memoryLimitInMB,
        function_name: context?.functionName,
        function_request_id: context?.awsRequestId,
        sampling_rate: attributes.sampleRateValue,
        xray_trace_id: attributes.xRayTraceId,
        ...(maskValue(additional) as LogAttributes),
      },
    });
  }
}

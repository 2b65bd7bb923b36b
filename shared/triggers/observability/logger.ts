/**
 * Structured JSON logs with a correlation id, in the shape Powertools for AWS Lambda writes. Values
 * under keys that can hold personal data are masked before they are written: logs are read by
 * many people and kept for months.
 */
type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

const LEVELS: Record<Level, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };
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

export class Logger {
  private context: Record<string, unknown> = {};
  private readonly threshold: number;

  constructor(private readonly service = process.env.POWERTOOLS_SERVICE_NAME ?? 'nivaran') {
    const level = (process.env.LOG_LEVEL ?? 'INFO').toUpperCase() as Level;
    this.threshold = LEVELS[level] ?? LEVELS.INFO;
  }

  /** Keys that stay on every line until reset (correlation id, request id). */
  setContext(context: Record<string, unknown>): void {
    this.context = { ...context };
  }

  debug(message: string, extra?: Record<string, unknown>): void {
    this.write('DEBUG', message, extra);
  }
  info(message: string, extra?: Record<string, unknown>): void {
    this.write('INFO', message, extra);
  }
  warn(message: string, extra?: Record<string, unknown>): void {
    this.write('WARN', message, extra);
  }
  error(message: string, extra?: Record<string, unknown>): void {
    this.write('ERROR', message, extra);
  }

  private write(level: Level, message: string, extra?: Record<string, unknown>): void {
    if (LEVELS[level] < this.threshold) return;
    const line = {
      level,
      message: maskText(message),
      timestamp: new Date().toISOString(),
      service: this.service,
      ...this.context,
      ...(extra ? (maskValue(extra) as Record<string, unknown>) : {}),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

export const logger = new Logger();

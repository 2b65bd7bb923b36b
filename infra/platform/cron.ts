/**
 * The one parser of EventBridge Scheduler cron expressions. The CDK stack passes the expression to
 * AWS unchanged; the local scheduler turns it into a croner pattern here, so the two read the same
 * grammar and an expression AWS would reject fails locally too.
 *
 * Supported: numbers, names (JAN, MON), ranges, lists, steps, `*` and `?`. Not supported (rejected
 * with a message): L, W, # and a year other than `*`; nothing in Nivaran needs them.
 */

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

export class CronExpressionError extends Error {
  override name = 'CronExpressionError';
}

interface FieldRule {
  label: string;
  min: number;
  max: number;
  names?: string[];
  /** Value of the first name (JAN is 1, SUN is 1 in AWS). */
  namesStartAt?: number;
}

const FIELDS: FieldRule[] = [
  { label: 'minutes', min: 0, max: 59 },
  { label: 'hours', min: 0, max: 23 },
  { label: 'day-of-month', min: 1, max: 31 },
  { label: 'month', min: 1, max: 12, names: MONTH_NAMES, namesStartAt: 1 },
  { label: 'day-of-week', min: 1, max: 7, names: DAY_NAMES, namesStartAt: 1 },
];

function parseValue(raw: string, rule: FieldRule, expression: string): number {
  const upper = raw.toUpperCase();
  const nameIndex = rule.names?.indexOf(upper) ?? -1;
  const value = nameIndex >= 0 ? nameIndex + (rule.namesStartAt ?? 0) : Number(raw);
  if (!/^\d+$/.test(raw) && nameIndex < 0) {
    throw new CronExpressionError(`${expression}: ${rule.label} value '${raw}' is not supported`);
  }
  if (!Number.isInteger(value) || value < rule.min || value > rule.max) {
    throw new CronExpressionError(
      `${expression}: ${rule.label} value '${raw}' is outside ${rule.min}-${rule.max}`,
    );
  }
  return value;
}

/** Checks one field and rewrites it for croner: AWS days of week are 1-7 from Sunday, croner's 0-6. */
function translateField(field: string, rule: FieldRule, expression: string): string {
  if (field === '*' || field === '?') return '*';
  const isDayOfWeek = rule.label === 'day-of-week';
  return field
    .split(',')
    .map((part) => {
      const [range, step] = part.split('/');
      if (step !== undefined && !/^\d+$/.test(step)) {
        throw new CronExpressionError(`${expression}: ${rule.label} step '${step}' is not a number`);
      }
      if (step !== undefined && Number(step) < 1) {
        throw new CronExpressionError(`${expression}: ${rule.label} step '${step}' must be at least 1`);
      }
      const bounds = range === '*' ? [] : (range ?? '').split('-');
      if (bounds.length > 2) throw new CronExpressionError(`${expression}: bad range '${range}'`);
      const values = bounds.map((b) => parseValue(b, rule, expression));
      if (values.length === 2 && values[0]! > values[1]!) {
        throw new CronExpressionError(
          `${expression}: ${rule.label} range '${range}' runs backwards; wrap-around ranges are not supported`,
        );
      }
      const shifted = isDayOfWeek ? values.map((v) => v - 1) : values;
      // croner takes a step only after * or a range: AWS's 0/15 (from 0, every 15) becomes 0-59/15.
      const top = isDayOfWeek ? rule.max - 1 : rule.max;
      const head =
        range === '*'
          ? '*'
          : step !== undefined && shifted.length === 1
            ? `${shifted[0]}-${top}`
            : shifted.join('-');
      return step === undefined ? head : `${head}/${step}`;
    })
    .join(',');
}

export interface ParsedCron {
  /** Five-field pattern for croner: minute hour day-of-month month day-of-week (0 = Sunday). */
  cronerPattern: string;
}

export function parseScheduleExpression(expression: string): ParsedCron {
  const match = /^cron\((.+)\)$/.exec(expression.trim());
  if (!match?.[1]) throw new CronExpressionError(`${expression}: expected cron(...)`);
  const parts = match[1].trim().split(/\s+/);
  if (parts.length !== 6) {
    throw new CronExpressionError(`${expression}: expected 6 fields, got ${parts.length}`);
  }
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (year !== '*') throw new CronExpressionError(`${expression}: only '*' is supported for the year`);
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    throw new CronExpressionError(
      `${expression}: exactly one of day-of-month and day-of-week must be '?', as AWS requires`,
    );
  }
  const fields = [minutes, hours, dayOfMonth, month, dayOfWeek].map((field, i) =>
    translateField(field, FIELDS[i]!, expression),
  );
  return { cronerPattern: fields.join(' ') };
}

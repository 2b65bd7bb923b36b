import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { CronExpressionError, parseScheduleExpression } from '../../infra/platform/cron.ts';

const pattern = (expression: string) => parseScheduleExpression(expression).cronerPattern;

/** The next runs croner makes of a translated expression, in the time zone the schedules use. */
function nextRuns(expression: string, from: string, count = 1): string[] {
  const job = new Cron(pattern(expression), { timezone: 'Asia/Kolkata', paused: true });
  return job.nextRuns(count, new Date(from)).map((d) => d.toISOString());
}

function rejection(expression: string): CronExpressionError {
  try {
    parseScheduleExpression(expression);
  } catch (error) {
    expect(error).toBeInstanceOf(CronExpressionError);
    return error as CronExpressionError;
  }
  throw new Error(`${expression} was accepted`);
}

describe('parseScheduleExpression: translating EventBridge Scheduler cron to croner', () => {
  it.each([
    ['cron(30 2 * * ? *)', '30 2 * * *'],
    ['cron(0 * * * ? *)', '0 * * * *'],
    ['cron(0 0 1 * ? *)', '0 0 1 * *'],
    ['cron(15 10 ? * 6 *)', '15 10 * * 5'],
    ['cron(0 9 ? * 2-6 *)', '0 9 * * 1-5'],
    ['cron(0 9 ? * 1,7 *)', '0 9 * * 0,6'],
    ['cron(0 9 ? * MON-FRI *)', '0 9 * * 1-5'],
    ['cron(0 9 ? * SUN,SAT *)', '0 9 * * 0,6'],
    ['cron(0 9 ? * mon *)', '0 9 * * 1'],
    ['cron(0 0 1 JAN,JUL ? *)', '0 0 1 1,7 *'],
    ['cron(0 0 1 1-3 ? *)', '0 0 1 1-3 *'],
    ['cron(*/5 * * * ? *)', '*/5 * * * *'],
    ['cron(0/15 * * * ? *)', '0-59/15 * * * *'],
    ['cron(10-50/20 8-18 * * ? *)', '10-50/20 8-18 * * *'],
    ['cron(0 0 ? * 2/2 *)', '0 0 * * 1-6/2'],
    ['  cron(0  12   * * ? *)  ', '0 12 * * *'],
  ])('%s becomes %s', (expression, expected) => {
    expect(pattern(expression)).toBe(expected);
  });

  it('gives croner patterns that it accepts', () => {
    for (const expression of ['cron(0/15 * * * ? *)', 'cron(0 0 ? * 2/2 *)', 'cron(5/10 1/6 1/7 */2 ? *)']) {
      expect(() => new Cron(pattern(expression), { paused: true }), expression).not.toThrow();
    }
  });

  it('runs 02:30 daily in Asia/Kolkata at 21:00 UTC the day before', () => {
    expect(nextRuns('cron(30 2 * * ? *)', '2025-03-01T00:00:00Z', 2)).toEqual([
      '2025-03-01T21:00:00.000Z',
      '2025-03-02T21:00:00.000Z',
    ]);
  });

  it('counts days of week from Sunday = 1, as AWS does', () => {
    // 1 March 2025 is a Saturday. MON is 2 in AWS, 1 in croner.
    expect(nextRuns('cron(0 9 ? * MON *)', '2025-03-01T00:00:00Z')).toEqual(['2025-03-03T03:30:00.000Z']);
    expect(nextRuns('cron(0 9 ? * 2 *)', '2025-03-01T00:00:00Z')).toEqual(['2025-03-03T03:30:00.000Z']);
    expect(nextRuns('cron(0 9 ? * 1 *)', '2025-03-01T00:00:00Z')).toEqual(['2025-03-02T03:30:00.000Z']);
    expect(nextRuns('cron(0 9 ? * 7 *)', '2025-03-01T00:00:00Z')).toEqual(['2025-03-01T03:30:00.000Z']);
  });

  it('runs a 0/15 step at minutes 0, 15, 30 and 45', () => {
    expect(nextRuns('cron(0/15 * * * ? *)', '2025-03-01T00:00:00Z', 4)).toEqual([
      '2025-03-01T00:15:00.000Z',
      '2025-03-01T00:30:00.000Z',
      '2025-03-01T00:45:00.000Z',
      '2025-03-01T01:00:00.000Z',
    ]);
  });
});

describe('parseScheduleExpression: expressions AWS would reject, or that are not supported', () => {
  it.each([
    ['rate(5 minutes)', /expected cron\(\.\.\.\)/],
    ['30 2 * * ? *', /expected cron\(\.\.\.\)/],
    ['cron(30 2 * * ?)', /expected 6 fields, got 5/],
    ['cron(30 2 * * *)', /expected 6 fields, got 5/],
    ['cron(0 30 2 * * ? *)', /expected 6 fields, got 7/],
    ['cron(0 9 1 * MON *)', /exactly one of day-of-month and day-of-week must be '\?'/],
    ['cron(0 9 * * * *)', /exactly one of day-of-month and day-of-week/],
    ['cron(0 9 ? * ? *)', /exactly one of day-of-month and day-of-week/],
    ['cron(0 9 L * ? *)', /day-of-month value 'L' is not supported/],
    ['cron(0 9 15W * ? *)', /day-of-month value '15W' is not supported/],
    ['cron(0 9 LW * ? *)', /day-of-month value 'LW' is not supported/],
    ['cron(0 9 ? * 6L *)', /day-of-week value '6L' is not supported/],
    ['cron(0 9 ? * 6#3 *)', /day-of-week value '6#3' is not supported/],
    ['cron(0 9 * * ? 2025)', /only '\*' is supported for the year/],
    ['cron(0 9 * * ? 2025-2030)', /only '\*' is supported for the year/],
    ['cron(60 9 * * ? *)', /minutes value '60' is outside 0-59/],
    ['cron(0 24 * * ? *)', /hours value '24' is outside 0-23/],
    ['cron(0 9 0 * ? *)', /day-of-month value '0' is outside 1-31/],
    ['cron(0 9 32 * ? *)', /day-of-month value '32' is outside 1-31/],
    ['cron(0 9 1 13 ? *)', /month value '13' is outside 1-12/],
    ['cron(0 9 1 0 ? *)', /month value '0' is outside 1-12/],
    ['cron(0 9 ? * 0 *)', /day-of-week value '0' is outside 1-7/],
    ['cron(0 9 ? * 8 *)', /day-of-week value '8' is outside 1-7/],
    ['cron(0 9 ? * FUNDAY *)', /day-of-week value 'FUNDAY' is not supported/],
    ['cron(0 9 1 SMARCH ? *)', /month value 'SMARCH' is not supported/],
    ['cron(*/x * * * ? *)', /minutes step 'x' is not a number/],
    ['cron(*/0 * * * ? *)', /minutes step '0' must be at least 1/],
    ['cron(1-2-3 * * * ? *)', /bad range '1-2-3'/],
    ['cron(50-10 * * * ? *)', /minutes range '50-10' runs backwards/],
    ['cron(0 9 ? * FRI-MON *)', /day-of-week range 'FRI-MON' runs backwards/],
    ['cron(1,,2 * * * ? *)', /minutes value '' is not supported/],
  ])('rejects %s', (expression, message) => {
    const error = rejection(expression);
    expect(error.name).toBe('CronExpressionError');
    expect(error.message).toMatch(message);
    // The message starts with the expression, so a platform error names what was written.
    expect(error.message.startsWith(expression)).toBe(true);
  });
});

import type * as z from 'zod';
import type { Bilingual } from '../../../domain/language.ts';
import { type FieldProblem, HttpProblem } from '../problem.ts';

/**
 * Turns schema issues into field problems in Hindi and English. Custom checks put their own code
 * and message in `params`; everything else is phrased here from zod's issue code, once.
 */
export function fieldMessage(code: string, values: Record<string, string | number> = {}): Bilingual {
  const v = (key: string) => String(values[key] ?? '');
  switch (code) {
    case 'required':
      return { en: 'This field is required', hi: 'यह फ़ील्ड आवश्यक है' };
    case 'wrong-type':
      return { en: `Must be a ${v('expected')}`, hi: `${v('expected')} प्रकार का मान होना चाहिए` };
    case 'too-short':
      return {
        en: `Must be at least ${v('minimum')} characters`,
        hi: `कम से कम ${v('minimum')} अक्षर होने चाहिए`,
      };
    case 'too-long':
      return { en: `Must be at most ${v('maximum')} characters`, hi: `अधिकतम ${v('maximum')} अक्षर हो सकते हैं` };
    case 'too-small':
      return { en: `Must be at least ${v('minimum')}`, hi: `कम से कम ${v('minimum')} होना चाहिए` };
    case 'too-big':
      return { en: `Must be at most ${v('maximum')}`, hi: `अधिकतम ${v('maximum')} हो सकता है` };
    case 'not-allowed-value':
      return { en: `Must be one of: ${v('values')}`, hi: `इनमें से एक होना चाहिए: ${v('values')}` };
    case 'unknown-field':
      return { en: 'Unknown field', hi: 'अज्ञात फ़ील्ड' };
    default:
      return { en: 'Invalid value', hi: 'अमान्य मान' };
  }
}

const toPointer = (path: PropertyKey[]) =>
  `/${path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

export function issuesToProblems(issues: z.core.$ZodIssue[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of issues) {
    const pointer = issue.path.length > 0 ? toPointer(issue.path) : '';
    const custom =
      issue.code === 'custom'
        ? (issue.params as { code?: string; message?: Bilingual } | undefined)
        : undefined;
    if (custom?.code && custom.message) {
      problems.push({ pointer, code: custom.code, message: custom.message });
      continue;
    }
    switch (issue.code) {
      case 'invalid_type': {
        const missing = 'input' in issue && issue.input === undefined;
        problems.push({
          pointer,
          code: missing ? 'required' : 'wrong-type',
          message: fieldMessage(missing ? 'required' : 'wrong-type', { expected: issue.expected }),
        });
        break;
      }
      case 'too_small':
        problems.push(
          issue.origin === 'string'
            ? {
                pointer,
                code: 'too-short',
                message: fieldMessage('too-short', { minimum: Number(issue.minimum) }),
              }
            : {
                pointer,
                code: 'too-small',
                message: fieldMessage('too-small', { minimum: Number(issue.minimum) }),
              },
        );
        break;
      case 'too_big':
        problems.push(
          issue.origin === 'string'
            ? {
                pointer,
                code: 'too-long',
                message: fieldMessage('too-long', { maximum: Number(issue.maximum) }),
              }
            : {
                pointer,
                code: 'too-big',
                message: fieldMessage('too-big', { maximum: Number(issue.maximum) }),
              },
        );
        break;
      case 'invalid_value':
        problems.push({
          pointer,
          code: 'not-allowed-value',
          message: fieldMessage('not-allowed-value', { values: issue.values.map(String).join(', ') }),
        });
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          problems.push({
            pointer: toPointer([...issue.path, key]),
            code: 'unknown-field',
            message: fieldMessage('unknown-field'),
          });
        }
        break;
      default:
        problems.push({ pointer, code: 'invalid', message: fieldMessage('invalid') });
    }
  }
  // One problem per field and code: a raw-length check and its trimmed twin may both fire.
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.pointer} ${problem.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const validationTitle: Bilingual = {
  en: 'Some fields are missing or invalid',
  hi: 'कुछ फ़ील्ड अनुपस्थित या अमान्य हैं',
};

export function validationProblem(errors: FieldProblem[]): HttpProblem {
  return new HttpProblem(422, 'validation', validationTitle, { errors });
}

/** A schema from zod or zod/mini: both parse the same way. */
type ParsingSchema = z.core.$ZodType & {
  safeParse(
    data: unknown,
    params?: z.core.ParseContext<z.core.$ZodIssue>,
  ): { success: true; data: unknown } | { success: false; error: z.core.$ZodError };
};

/** Parses or throws a problem naming every bad field. */
export function parseWith<T extends ParsingSchema>(schema: T, data: unknown): z.output<T> {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data as z.output<T>;
  throw validationProblem(issuesToProblems(result.error.issues));
}

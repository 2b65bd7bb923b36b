import type { Bilingual, Language } from '../../domain/language.ts';

export interface FieldProblem {
  /** JSON pointer to the offending field, e.g. /complainant/mobile. */
  pointer: string;
  code: string;
  message: Bilingual;
}

/**
 * An error with an HTTP meaning, rendered as RFC 9457 problem details. Only these reach the
 * client with their text; anything else becomes a 500 that says nothing of its inside.
 */
export class HttpProblem extends Error {
  override name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: Bilingual,
    readonly options: {
      detail?: Bilingual;
      errors?: FieldProblem[];
      headers?: Record<string, string>;
      cause?: unknown;
    } = {},
  ) {
    super(title.en, { cause: options.cause });
  }
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { pointer: string; code: string; detail: string }[];
}

export const PROBLEM_TYPE_BASE = 'https://nivaran.dev/problems/';

export function problemBody(problem: HttpProblem, language: Language, instance?: string): ProblemBody {
  return {
    type: `${PROBLEM_TYPE_BASE}${problem.code}`,
    title: problem.title[language],
    status: problem.status,
    ...(problem.options.detail ? { detail: problem.options.detail[language] } : {}),
    ...(instance ? { instance } : {}),
    ...(problem.options.errors
      ? {
          errors: problem.options.errors.map((e) => ({
            pointer: e.pointer,
            code: e.code,
            detail: e.message[language],
          })),
        }
      : {}),
  };
}

export const internalErrorTitle: Bilingual = {
  en: 'Something went wrong on our side. Please try again.',
  hi: 'हमारी ओर से कोई त्रुटि हुई। कृपया फिर से प्रयास करें।',
};

import type { Bilingual, Language } from '../language.ts';
import type { DocumentValue } from './document.ts';

/** One entry of an Open311 error list: a code and a description meant for the person using the app. */
export interface Open311ErrorItem {
  /** The HTTP status in most cases, as the specification suggests (clients may parse it as a number). */
  code: number;
  description: Bilingual;
}

/**
 * A refusal in GeoReport v2 terms: 404 for what does not exist, 403 for a missing or wrong api_key,
 * 400 for anything else the client must change; the body lists every error found.
 */
export class Open311Error extends Error {
  override name = 'Open311Error';
  constructor(
    readonly status: number,
    readonly errors: Open311ErrorItem[],
    readonly options: { headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(errors.map((e) => e.description.en).join('; '), { cause: options.cause });
  }
}

export const open311Error = (
  status: number,
  description: Bilingual,
  options: { code?: number; headers?: Record<string, string>; cause?: unknown } = {},
): Open311Error => new Open311Error(status, [{ code: options.code ?? status, description }], options);

/** The <errors> document: an array of {code, description} in the client's language. */
export function errorsDocument(error: Open311Error, language: Language): DocumentValue {
  return error.errors.map((e) => ({ code: e.code, description: e.description[language] }));
}

export const internalError: Bilingual = {
  en: 'Something went wrong on our side; nothing was saved. Please try again.',
  hi: 'हमारी ओर से कोई त्रुटि हुई; कुछ भी सहेजा नहीं गया। कृपया फिर से प्रयास करें।',
};

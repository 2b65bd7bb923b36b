import { HttpProblem } from './problem.ts';
import { bodyText, type HttpRequest } from './request.ts';

/**
 * application/x-www-form-urlencoded, read strictly. URLSearchParams turns a percent-encoded byte
 * sequence that is not UTF-8 (`%C0%AF`, a lone `%E0%A4`) into U+FFFD and carries on, so a
 * complainant's address or an officer's findings would be stored with replacement characters in
 * place of what was typed; the JSON API refuses such bodies (./request.ts), and so do forms: a 400
 * `invalid-form-encoding`, which each function's error responder turns into its own answer (a page,
 * an Open311 error list, problem+json). A `%` not followed by two hex digits stays as typed, as the
 * WHATWG parser (and every browser) leaves it.
 */

const notUtf8 = (cause: unknown) =>
  new HttpProblem(
    400,
    'invalid-form-encoding',
    {
      en: 'The request is not valid UTF-8; nothing was stored',
      hi: 'अनुरोध मान्य UTF-8 नहीं है; कुछ संग्रहीत नहीं हुआ',
    },
    { cause },
  );

/**
 * One name or value: '+' is a space, %XX a byte, and the bytes must be UTF-8. decodeURIComponent
 * refuses what is not (URIError); a '%' that starts no escape is escaped first, so it stays as typed.
 */
function decodeComponent(text: string): string {
  const spaced = text.replaceAll('+', ' ');
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced.replace(/%(?![0-9a-fA-F]{2})/g, '%25'));
  } catch (cause) {
    throw notUtf8(cause);
  }
}

/** The name/value pairs of a urlencoded text, in order, repeats kept; throws `invalid-form-encoding`. */
export function urlEncodedPairs(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const at = part.indexOf('=');
    const name = at < 0 ? part : part.slice(0, at);
    const value = at < 0 ? '' : part.slice(at + 1);
    pairs.push([decodeComponent(name), decodeComponent(value)]);
  }
  return pairs;
}

/**
 * Refuses (415 `unsupported-media-type`) a body sent as anything but a urlencoded form: a JSON or
 * multipart body read as a form loses every field, and its sender would be told a field is missing
 * or the form token is wrong instead of what is. No Content-Type is taken as a form (curl -d, some
 * Open311 clients).
 */
export function requireUrlEncoded(request: HttpRequest): void {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === '' || type === 'application/x-www-form-urlencoded') return;
  throw new HttpProblem(415, 'unsupported-media-type', {
    en: 'Send the form as application/x-www-form-urlencoded; nothing was stored',
    hi: 'फ़ॉर्म application/x-www-form-urlencoded के रूप में भेजें; कुछ संग्रहीत नहीं हुआ',
  });
}

/** The body's fields, the last of a repeated name winning, in an object without a prototype. */
export function formBodyFields(request: HttpRequest): Record<string, string> {
  return fieldsOf(bodyText(request));
}

/** A urlencoded text's fields, the last of a repeated name winning, in an object without a prototype. */
export function fieldsOf(text: string): Record<string, string> {
  const fields: Record<string, string> = Object.create(null);
  for (const [name, value] of urlEncodedPairs(text)) fields[name] = value;
  return fields;
}

/**
 * Refuses a raw query string whose percent-encoded bytes are not UTF-8 (400 `invalid-form-encoding`):
 * API Gateway hands the handler its values with U+FFFD in their place, and Open311 clients may send
 * a complaint's text in the query.
 */
export function checkQueryEncoding(rawQueryString: string | undefined): void {
  if (rawQueryString?.includes('%')) urlEncodedPairs(rawQueryString);
}

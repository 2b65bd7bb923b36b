import { open311Error } from './errors.ts';

/**
 * A POST request's arguments, whichever way they came: top-level fields (api_key, service_code,
 * lat, ...) and the attribute[code]=value answers to the service definition. Empty values count as
 * not sent, as GeoReport v2 asks ("a null parameter should be treated as equivalent to a
 * non-declared parameter").
 */
export interface Open311Form {
  fields: Record<string, string>;
  attributes: Record<string, string>;
}

const ATTRIBUTE_KEY = /^attribute\[([^\]]+)\](?:\[\])?$/;

function put(form: Open311Form, key: string, raw: unknown): void {
  if (raw === null || raw === undefined) return;
  if (Array.isArray(raw)) {
    // A multivaluelist answer: none of our attributes takes several values, so the first one counts.
    put(form, key, raw[0]);
    return;
  }
  if (typeof raw === 'object') return;
  const value = String(raw);
  if (value.trim() === '') return;
  const attribute = ATTRIBUTE_KEY.exec(key);
  const target = attribute ? form.attributes : form.fields;
  const name = attribute ? attribute[1]! : key;
  // The first occurrence wins, so a repeated field cannot override what was read before it.
  if (!(name in target)) target[name] = value;
}

/** application/x-www-form-urlencoded, the format the specification prescribes. */
export function formFromUrlEncoded(text: string): Open311Form {
  return formFromPairs(new URLSearchParams(text));
}

/** The name/value pairs of a urlencoded body as decoded by the HTTP trigger (strictly, as UTF-8). */
export function formFromPairs(pairs: Iterable<[string, string]>): Open311Form {
  const form: Open311Form = { fields: {}, attributes: {} };
  for (const [key, value] of pairs) put(form, key, value);
  return form;
}

/** A JSON object with the same names; attributes as "attribute[code]" keys or an `attribute` object. */
export function formFromJson(value: unknown): Open311Form {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw open311Error(400, {
      en: 'A JSON body must be an object of request arguments',
      hi: 'JSON मुख्य भाग अनुरोध के तर्कों का एक ऑब्जेक्ट होना चाहिए',
    });
  }
  const form: Open311Form = { fields: {}, attributes: {} };
  for (const [key, raw] of Object.entries(value)) {
    if (
      (key === 'attribute' || key === 'attributes') &&
      raw &&
      typeof raw === 'object' &&
      !Array.isArray(raw)
    ) {
      for (const [code, answer] of Object.entries(raw)) put(form, `attribute[${code}]`, answer);
    } else {
      put(form, key, raw);
    }
  }
  return form;
}

/** Arguments from the body first, then any the client put in the query string (some send api_key there). */
export function withFallback(
  primary: Open311Form,
  fallback: Record<string, string | undefined>,
): Open311Form {
  const form: Open311Form = { fields: { ...primary.fields }, attributes: { ...primary.attributes } };
  const extra: Open311Form = { fields: {}, attributes: {} };
  for (const [key, value] of Object.entries(fallback)) put(extra, key, value);
  for (const [key, value] of Object.entries(extra.fields)) form.fields[key] ??= value;
  for (const [key, value] of Object.entries(extra.attributes)) form.attributes[key] ??= value;
  return form;
}

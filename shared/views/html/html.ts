/**
 * Escaping templates for server-rendered pages. Every value interpolated into `html` is escaped
 * unless it is already SafeHtml (built by `html` itself or by `raw`), so user text such as
 * `<script>` renders as text. Always quote attribute values: `value="${v}"`, never `value=${v}`.
 */
const TRUSTED = Symbol('SafeHtml');

export class SafeHtml {
  readonly #text: string;
  /** Only this module constructs SafeHtml: use `html` or `raw`. */
  constructor(key: typeof TRUSTED, text: string) {
    if (key !== TRUSTED) throw new TypeError('Use html`…` or raw() to make SafeHtml');
    this.#text = text;
  }
  toString(): string {
    return this.#text;
  }
}

/** What may be interpolated: text and numbers are escaped; null, undefined and booleans render nothing. */
export type HtmlValue =
  | SafeHtml
  | string
  | number
  | bigint
  | boolean
  | null
  | undefined
  | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and for quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || typeof value === 'boolean') return '';
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new SafeHtml(TRUSTED, out);
}

/** Marks a trusted constant (never user text) as HTML. */
export function raw(trusted: string): SafeHtml {
  return new SafeHtml(TRUSTED, trusted);
}

/** Any value rendered to a string, as `html` would interpolate it. */
export function renderHtml(value: HtmlValue): string {
  return render(value);
}

const ATTRIBUTE_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Attributes from a record, each with a leading space: strings and numbers quoted and escaped,
 * `true` as a bare attribute, false/null/undefined left out. Names are code, not data.
 */
export function attrs(record: Record<string, string | number | boolean | null | undefined>): SafeHtml {
  let out = '';
  for (const [name, value] of Object.entries(record)) {
    if (!ATTRIBUTE_NAME.test(name)) throw new Error(`Not an attribute name: ${name}`);
    if (value === true) out += ` ${name}`;
    else if (value !== false && value !== null && value !== undefined)
      out += ` ${name}="${escapeHtml(String(value))}"`;
  }
  return new SafeHtml(TRUSTED, out);
}

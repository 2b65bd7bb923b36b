import type { Bilingual, Language } from '../../domain/language.ts';
import { FORM_TOKEN_FIELD } from '../../domain/links/form-token.ts';
import { formatIst } from '../../domain/time/ist.ts';
import { attrs, type HtmlValue, html, type SafeHtml } from './html.ts';

/**
 * Building blocks for officers' and complainants' pages. Every text a person reads comes in both
 * languages (Bilingual); every control has a visible label tied to it by for/id, and its hint and
 * error are announced through aria-describedby.
 */

/** Both languages, each marked with its lang so screen readers switch voice: `English / हिन्दी`. */
export function bi(text: Bilingual): SafeHtml;
export function bi(en: string, hi: string): SafeHtml;
export function bi(first: Bilingual | string, second?: string): SafeHtml {
  const text = typeof first === 'string' ? { en: first, hi: second ?? first } : first;
  if (text.en === text.hi) return html`${text.en}`;
  return html`<span lang="en">${text.en}</span> / <span lang="hi">${text.hi}</span>`;
}

/**
 * Both languages with `first` first: a complainant's own language leads (`हिन्दी / English` for a
 * Hindi complaint). Officers' pages keep `bi`'s fixed order.
 */
export function biFirst(text: Bilingual, first: Language): SafeHtml {
  if (text.en === text.hi) return html`${text.en}`;
  const second: Language = first === 'hi' ? 'en' : 'hi';
  return html`<span lang="${first}">${text[first]}</span> / <span lang="${second}">${text[second]}</span>`;
}

/** Both languages as plain text, for places that cannot hold markup (option, title). */
/** `bi`'s fixed order, or `first` first where a complainant's page leads with their language. */
function both(text: Bilingual, first: Language | undefined): SafeHtml {
  return first ? biFirst(text, first) : bi(text);
}

export function plain(text: Bilingual): string {
  return text.en === text.hi ? text.en : `${text.en} / ${text.hi}`;
}

const REQUIRED: Bilingual = { en: 'required', hi: 'आवश्यक' };
const ERROR_PREFIX: Bilingual = { en: 'Error:', hi: 'त्रुटि:' };

/** An id usable in for/id/aria attributes from a field name. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export interface FieldOptions {
  name: string;
  label: Bilingual;
  /** Defaults to fieldId(name). */
  id?: string;
  hint?: Bilingual;
  /** A validation message from the last submission; marks the control invalid. */
  error?: Bilingual;
  required?: boolean;
  /** The language that leads label, hint and error (complainants' pages); else `bi`'s order. */
  first?: Language;
}

/** Label, hint and error around one control; `control` receives the attributes that tie them together. */
function field(options: FieldOptions, control: (common: SafeHtml) => SafeHtml): SafeHtml {
  const id = options.id ?? fieldId(options.name);
  const describedBy = [options.hint && `${id}-hint`, options.error && `${id}-error`]
    .filter(Boolean)
    .join(' ');
  const common = attrs({
    id,
    name: options.name,
    required: options.required,
    'aria-describedby': describedBy || undefined,
    'aria-invalid': options.error ? 'true' : undefined,
  });
  return html`<div class="field${options.error ? ' field-error' : ''}">
<label for="${id}">${both(options.label, options.first)}${options.required ? html` <span class="req">(${both(REQUIRED, options.first)})</span>` : ''}</label>
${options.hint ? html`<p class="hint" id="${id}-hint">${both(options.hint, options.first)}</p>` : ''}
${options.error ? html`<p class="error" id="${id}-error">${both(ERROR_PREFIX, options.first)} ${both(options.error, options.first)}</p>` : ''}
${control(common)}
</div>`;
}

export function textField(
  options: FieldOptions & {
    value?: string | undefined;
    type?: 'text' | 'tel' | 'email' | 'number' | 'url';
    maxLength?: number;
    inputMode?: 'text' | 'numeric' | 'tel' | 'email' | 'decimal';
    autocomplete?: string;
    pattern?: string;
  },
): SafeHtml {
  return field(
    options,
    (common) =>
      html`<input${common}${attrs({
        type: options.type ?? 'text',
        value: options.value,
        maxlength: options.maxLength,
        inputmode: options.inputMode,
        autocomplete: options.autocomplete ?? 'off',
        pattern: options.pattern,
      })}>`,
  );
}

export function textArea(
  options: FieldOptions & { value?: string | undefined; rows?: number; maxLength?: number },
): SafeHtml {
  return field(
    options,
    (common) =>
      html`<textarea${common}${attrs({ rows: options.rows ?? 5, maxlength: options.maxLength })}>${options.value ?? ''}</textarea>`,
  );
}

/** `type="date"` (yyyy-mm-dd), or `datetime-local` with `withTime`; values are IST wall-clock. */
export function dateField(
  options: FieldOptions & { value?: string | undefined; min?: string; max?: string; withTime?: boolean },
): SafeHtml {
  return field(
    options,
    (common) =>
      html`<input${common}${attrs({
        type: options.withTime ? 'datetime-local' : 'date',
        value: options.value,
        min: options.min,
        max: options.max,
      })}>`,
  );
}

export interface Choice {
  value: string;
  label: Bilingual;
  hint?: Bilingual;
}

export function selectField(
  options: FieldOptions & { choices: readonly Choice[]; value?: string | undefined; placeholder?: Bilingual },
): SafeHtml {
  return field(
    options,
    (common) => html`<select${common}>
${options.placeholder ? html`<option value="">${plain(options.placeholder)}</option>` : ''}
${options.choices.map(
  (choice) =>
    html`<option${attrs({ value: choice.value, selected: choice.value === options.value })}>${plain(choice.label)}</option>`,
)}
</select>`,
  );
}

/** A fieldset of radio buttons, its legend the question; each button has its own label. */
export function radioGroup(options: {
  name: string;
  legend: Bilingual;
  choices: readonly Choice[];
  value?: string | undefined;
  id?: string;
  hint?: Bilingual;
  error?: Bilingual;
  required?: boolean;
}): SafeHtml {
  const id = options.id ?? fieldId(options.name);
  const describedBy = [options.hint && `${id}-hint`, options.error && `${id}-error`]
    .filter(Boolean)
    .join(' ');
  return html`<fieldset${attrs({ class: options.error ? 'field field-error' : 'field', id, 'aria-describedby': describedBy || undefined })}>
<legend>${bi(options.legend)}${options.required ? html` <span class="req">(${bi(REQUIRED)})</span>` : ''}</legend>
${options.hint ? html`<p class="hint" id="${id}-hint">${bi(options.hint)}</p>` : ''}
${options.error ? html`<p class="error" id="${id}-error">${bi(ERROR_PREFIX)} ${bi(options.error)}</p>` : ''}
${options.choices.map((choice, index) => {
  const choiceId = `${id}-${index}`;
  return html`<div class="choice">
<input${attrs({
    type: 'radio',
    id: choiceId,
    name: options.name,
    value: choice.value,
    checked: choice.value === options.value,
    required: options.required,
    'aria-describedby': choice.hint ? `${choiceId}-hint` : undefined,
  })}>
<label for="${choiceId}">${bi(choice.label)}</label>
${choice.hint ? html`<p class="hint" id="${choiceId}-hint">${bi(choice.hint)}</p>` : ''}
</div>`;
})}
</fieldset>`;
}

export function hiddenField(name: string, value: string): SafeHtml {
  return html`<input${attrs({ type: 'hidden', name, value })}>`;
}

export function submitButton(
  label: Bilingual,
  options: {
    name?: string;
    value?: string;
    variant?: 'primary' | 'secondary' | 'danger';
    first?: Language;
  } = {},
): SafeHtml {
  return html`<button${attrs({
    type: 'submit',
    class: `button button-${options.variant ?? 'primary'}`,
    name: options.name,
    value: options.value,
  })}>${both(label, options.first)}</button>`;
}

/**
 * A POST form carrying its form token (see shared/domain/links/form-token.ts) in a hidden field.
 * `action` is the URL the form posts to, usually the page's own link URL.
 */
export function form(options: {
  action: string;
  formToken: string;
  body: HtmlValue;
  tokenField?: string;
}): SafeHtml {
  return html`<form method="post"${attrs({ action: options.action, 'accept-charset': 'utf-8' })}>
${hiddenField(options.tokenField ?? FORM_TOKEN_FIELD, options.formToken)}
${options.body}
</form>`;
}

/** Facts about a record, as term / value pairs. */
export function definitionList(items: readonly { term: Bilingual; value: HtmlValue }[]): SafeHtml {
  return html`<dl class="facts">
${items.map((item) => html`<div><dt>${bi(item.term)}</dt><dd>${item.value}</dd></div>\n`)}</dl>`;
}

const NOTHING: Bilingual = { en: 'Nothing to show', hi: 'दिखाने के लिए कुछ नहीं' };

/**
 * A data table with a caption and column headers (th scope="col"); with `rowHeaders`, each row's
 * first cell is its header (th scope="row"). On a narrow screen each row stacks into a card, every
 * cell under its column's name (data-label, shown by the page CSS), so nothing runs off a phone.
 */
export function table(options: {
  caption: Bilingual;
  columns: readonly Bilingual[];
  rows: readonly (readonly HtmlValue[])[];
  rowHeaders?: boolean;
  empty?: Bilingual;
  id?: string;
  /** The language that leads caption, headings and the empty row; else `bi`'s order. */
  first?: Language;
}): SafeHtml {
  const id =
    options.id ??
    `t-${options.caption.en
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}`;
  const body =
    options.rows.length === 0
      ? html`<tr><td colspan="${options.columns.length}">${both(options.empty ?? NOTHING, options.first)}</td></tr>`
      : options.rows.map(
          (row) =>
            html`<tr>${row.map((cell, index) => {
              // The column's name on each cell: on a phone the table stacks and shows it (page CSS).
              const label = options.columns[index] ? plain(options.columns[index]) : undefined;
              return index === 0 && options.rowHeaders
                ? html`<th scope="row"${attrs({ 'data-label': label })}>${cell}</th>`
                : html`<td${attrs({ 'data-label': label })}>${cell}</td>`;
            })}</tr>\n`,
        );
  return html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="${id}">
<table>
<caption id="${id}">${both(options.caption, options.first)}</caption>
<thead><tr>${options.columns.map((column) => html`<th scope="col">${both(column, options.first)}</th>`)}</tr></thead>
<tbody>
${body}</tbody>
</table>
</div>`;
}

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** A status in words (never colour alone), e.g. badge({ en: 'Overdue', hi: 'अतिदेय' }, 'danger'). */
export function badge(label: Bilingual, tone: Tone = 'neutral', first?: Language): SafeHtml {
  return html`<span class="badge badge-${tone}">${both(label, first)}</span>`;
}

/** A message box; `danger` and `warning` are announced at once (role="alert"), others politely. */
export function notice(message: HtmlValue, tone: Tone = 'info', title?: Bilingual): SafeHtml {
  const role = tone === 'danger' || tone === 'warning' ? 'alert' : 'status';
  return html`<div class="notice notice-${tone}" role="${role}">
${title ? html`<h2>${bi(title)}</h2>` : ''}
<p>${message}</p>
</div>`;
}

/** An instant for people, in IST in both languages, machine-readable in `datetime`. */
export function istDateTime(instant: Date | string, first?: Language): SafeHtml {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return html`—`;
  return html`<time datetime="${date.toISOString()}">${both({ en: formatIst(date, 'en'), hi: formatIst(date, 'hi') }, first)}</time>`;
}

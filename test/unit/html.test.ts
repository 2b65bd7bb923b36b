import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinkExpiredError, LinkSignatureError, LinkUsedError } from '../../shared/domain/links/errors.ts';
import {
  attrs,
  badge,
  bi,
  dateField,
  definitionList,
  errorPage,
  escapeHtml,
  form,
  hiddenField,
  html,
  istDateTime,
  linkErrorPage,
  notice,
  page,
  radioGroup,
  raw,
  renderHtml,
  SafeHtml,
  selectField,
  submitButton,
  table,
  textArea,
  textField,
} from '../../shared/views/html/index.ts';

const ATTACKS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</textarea><script>alert(1)</script>',
  '&lt;already escaped&gt;',
];
const HINDI = 'मेरी शिकायत: चोरी हुई — कृपया मदद करें 🙏🏽 👮‍♀️';

const VOID = new Set(['meta', 'link', 'input', 'br', 'hr', 'img', 'source', 'col', 'wbr']);

/** A strict enough reader for our own output: tags balance, ids are unique, and what they point to exists. */
function inspect(document: string) {
  const withoutStyle = document.replace(/<style>[\s\S]*?<\/style>/, '<style></style>');
  const stack: string[] = [];
  const tags: { name: string; attributes: Record<string, string> }[] = [];
  for (const match of withoutStyle.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    const [, closing, rawName, rest] = match as unknown as [string, string, string, string];
    const name = rawName.toLowerCase();
    if (closing) {
      expect(stack.pop(), `closing </${name}>`).toBe(name);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const a of rest.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)) attributes[a[1]!] = a[2] ?? '';
    // Nothing unquoted slipped in: every attribute is name or name="value".
    expect(rest.replace(/\s+[a-z-]+(="[^"]*")?/g, '').trim(), `attributes of <${name}>`).toBe('');
    tags.push({ name, attributes });
    if (!VOID.has(name)) stack.push(name);
  }
  expect(stack).toEqual([]);
  const ids = tags.map((t) => t.attributes.id).filter((id): id is string => id !== undefined);
  expect(new Set(ids).size, 'unique ids').toBe(ids.length);
  return { tags, ids: new Set(ids) };
}

describe('html escaping', () => {
  it.each(ATTACKS)('renders %s as text, in content and in attributes', (attack) => {
    const out = html`<p title="${attack}">${attack}</p>`.toString();
    expect(out).not.toMatch(/<(script|img|svg)/);
    expect(out).toBe(`<p title="${escapeHtml(attack)}">${escapeHtml(attack)}</p>`);
    expect(escapeHtml(attack)).not.toMatch(/["'<>]/);
    inspect(out);
  });

  it('escapes the five characters and nothing else, so any text reads back intact', () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
    const unescapeHtml = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const out = html`<p>${text}</p>`.toString();
        expect(out.slice(3, -4)).not.toMatch(/[<>"']/);
        expect(unescapeHtml(out.slice(3, -4))).toBe(text);
      }),
    );
  });

  it('passes Hindi and emoji through unchanged', () => {
    expect(html`<p>${HINDI}</p>`.toString()).toBe(`<p>${HINDI}</p>`);
    expect(
      textArea({ name: 'findings', label: { en: 'Findings', hi: 'जांच' }, value: HINDI }).toString(),
    ).toContain(`>${HINDI}</textarea>`);
  });

  it('joins arrays, keeps nested SafeHtml, drops null, undefined and booleans, prints numbers', () => {
    const items = ['<b>', 'ok'].map((x) => html`<li>${x}</li>`);
    const out = html`<ul>${items}</ul>${null}${undefined}${false}${true}${0}${-1.5}${10n}`;
    expect(out.toString()).toBe('<ul><li>&lt;b&gt;</li><li>ok</li></ul>0-1.510');
    expect(html`${[html`<i>`, '<i>', [raw('<br>')]]}`.toString()).toBe('<i>&lt;i&gt;<br>');
    expect(renderHtml(['a', null, html`<b>b</b>`])).toBe('a<b>b</b>');
  });

  it('cannot be fooled into trusting a string', () => {
    const fake = { toString: () => '<script>' } as unknown as SafeHtml;
    expect(html`${fake}`.toString()).toBe('&lt;script&gt;');
    expect(
      () => new (SafeHtml as unknown as new (k: symbol, t: string) => SafeHtml)(Symbol('SafeHtml'), 'x'),
    ).toThrow();
  });

  it('builds attributes from a record', () => {
    expect(attrs({ id: 'a"b', required: true, hidden: false, title: undefined, max: 3 }).toString()).toBe(
      ' id="a&quot;b" required max="3"',
    );
    expect(() => attrs({ 'on"x': 'y' })).toThrow();
  });
});

describe('components', () => {
  it('marks both languages', () => {
    expect(bi('Deadline', 'समय-सीमा').toString()).toBe(
      '<span lang="en">Deadline</span> / <span lang="hi">समय-सीमा</span>',
    );
    expect(bi({ en: '<x>', hi: '<x>' }).toString()).toBe('&lt;x&gt;');
  });

  it('labels every control and ties hints and errors to it', () => {
    const out = html`${textField({
      name: 'firNumber',
      label: { en: 'FIR number', hi: 'एफआईआर संख्या' },
      hint: { en: 'As registered', hi: 'जैसा दर्ज है' },
      error: { en: 'Enter the FIR number', hi: 'एफआईआर संख्या लिखें' },
      required: true,
      value: ATTACKS[1],
    })}${dateField({ name: 'contactedOn', label: { en: 'Contacted on', hi: 'संपर्क की तिथि' }, max: '2026-11-28' })}${selectField(
      {
        name: 'outcome',
        label: { en: 'Outcome', hi: 'परिणाम' },
        placeholder: { en: 'Choose', hi: 'चुनें' },
        value: 'fir',
        choices: [
          { value: 'resolved', label: { en: 'Resolved', hi: 'निस्तारित' } },
          { value: 'fir', label: { en: 'FIR registered', hi: 'एफआईआर दर्ज' } },
        ],
      },
    )}${radioGroup({
      name: 'contacted',
      legend: { en: 'Was the complainant contacted?', hi: 'क्या शिकायतकर्ता से संपर्क हुआ?' },
      required: true,
      value: 'yes',
      choices: [
        { value: 'yes', label: { en: 'Yes', hi: 'हाँ' } },
        { value: 'no', label: { en: 'No', hi: 'नहीं' }, hint: { en: 'Say why below', hi: 'नीचे कारण लिखें' } },
      ],
    })}${hiddenField('version', '3')}`.toString();
    const { tags, ids } = inspect(out);
    const labels = tags.filter((t) => t.name === 'label');
    const controls = tags.filter(
      (t) => ['input', 'select', 'textarea'].includes(t.name) && t.attributes.type !== 'hidden',
    );
    expect(controls).toHaveLength(5);
    for (const control of controls) {
      expect(
        labels.some((l) => l.attributes.for === control.attributes.id),
        `label for ${control.attributes.id}`,
      ).toBe(true);
      for (const ref of (control.attributes['aria-describedby'] ?? '').split(' ').filter(Boolean)) {
        expect(ids.has(ref), `describedby ${ref}`).toBe(true);
      }
    }
    for (const label of labels) expect(ids.has(label.attributes.for!)).toBe(true);
    expect(out).toContain('aria-invalid="true"');
    expect(out).toContain('<option value="fir" selected>FIR registered / एफआईआर दर्ज</option>');
    expect(out).toMatch(
      /<input type="radio" id="f-contacted-0" name="contacted" value="yes" checked required>/,
    );
    expect(out).toContain('<legend>');
    expect(out).not.toContain('<img');
  });

  it('puts the form token in every form', () => {
    const out = form({
      action: '/o/k1.abc.def?x=1&y=2',
      formToken: 'k1.tag',
      body: submitButton({ en: 'Submit report', hi: 'आख्या भेजें' }),
    }).toString();
    expect(out).toContain('action="/o/k1.abc.def?x=1&amp;y=2"');
    expect(out).toContain('<input type="hidden" name="formToken" value="k1.tag">');
    expect(out).toContain('<button type="submit" class="button button-primary">');
    inspect(out);
  });

  it('renders tables with caption and header scopes, lists, badges and notices', () => {
    const out = html`${table({
      caption: { en: 'Pending references', hi: 'लंबित सन्दर्भ' },
      columns: [
        { en: 'Reference', hi: 'सन्दर्भ' },
        { en: 'Due', hi: 'नियत तिथि' },
      ],
      rows: [[ATTACKS[0], badge({ en: 'Overdue', hi: 'अतिदेय' }, 'danger')]],
      rowHeaders: true,
    })}${table({ caption: { en: 'Triage', hi: 'ट्राइएज' }, columns: [{ en: 'A', hi: 'अ' }], rows: [] })}${definitionList(
      [{ term: { en: 'Complaint', hi: 'शिकायत' }, value: HINDI }],
    )}${notice(bi('Saved', 'सहेजा गया'), 'success')}`.toString();
    inspect(out);
    expect(out).toContain('<caption id="t-pending-references">');
    expect(out).toContain('aria-labelledby="t-pending-references"');
    expect(out.match(/<th scope="col">/g)).toHaveLength(3);
    // Each cell carries its column's name, which the page CSS shows when the table stacks on a phone.
    expect(out).toContain('<th scope="row" data-label="Reference / सन्दर्भ">&lt;script&gt;');
    expect(out).toContain('<td data-label="Due / नियत तिथि"><span class="badge badge-danger">');
    expect(out).toContain('<td colspan="1">');
    expect(out).toContain('class="badge badge-danger"');
    expect(out).toContain(`<dd>${HINDI}</dd>`);
    expect(out).toContain('role="status"');
  });

  it('shows instants in IST in both languages', () => {
    const out = istDateTime('2026-11-28T12:35:00Z').toString();
    expect(out).toContain('datetime="2026-11-28T12:35:00.000Z"');
    expect(out).toContain('28 Nov 2026, 18:05 IST');
    expect(out).toMatch(/<span lang="hi">28 नव.* 2026, 18:05 IST<\/span>/);
    expect(istDateTime('not a date').toString()).toBe('—');
  });
});

describe('page', () => {
  const title = { en: 'Reference 4001 5723 012', hi: 'सन्दर्भ 4001 5723 012' };
  const document = page({
    title,
    lang: 'hi',
    body: html`<h2>${bi('Complaint', 'शिकायत')}</h2><p>${ATTACKS[0]}</p>${form({
      action: '/o/token',
      formToken: 'k1.x',
      body: [
        textArea({ name: 'findings', label: { en: 'Findings', hi: 'जांच का निष्कर्ष' }, required: true }),
        submitButton({ en: 'Submit', hi: 'भेजें' }),
      ],
    })}`,
  });

  it('is a complete, well-formed HTML5 document', () => {
    expect(document.startsWith('<!doctype html>\n<html lang="hi" dir="ltr">')).toBe(true);
    const { tags, ids } = inspect(document);
    expect(tags.filter((t) => t.name === 'h1')).toHaveLength(1);
    expect(tags.filter((t) => t.name === 'main')).toHaveLength(1);
    expect(
      tags.find((t) => t.name === 'meta' && t.attributes.name === 'viewport')?.attributes.content,
    ).toContain('width=device-width');
    expect(document).toContain('<meta charset="utf-8">');
    expect(document).toContain('<title>सन्दर्भ 4001 5723 012 / Reference 4001 5723 012 · Nivaran</title>');
    const skip = tags.find((t) => t.name === 'a');
    expect(skip?.attributes).toMatchObject({ class: 'skip', href: '#main' });
    expect(ids.has('main')).toBe(true);
    for (const label of tags.filter((t) => t.name === 'label'))
      expect(ids.has(label.attributes.for!)).toBe(true);
  });

  it('carries no script and no external resource', () => {
    expect(document).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(document).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(document).toContain(':focus-visible');
  });

  it('renders refusals as complete pages with the page security headers', () => {
    const response = errorPage(
      410,
      { en: 'This link has expired', hi: 'लिंक की समय-सीमा समाप्त' },
      { en: ATTACKS[0]!, hi: 'कुछ नहीं बदला' },
    );
    expect(response.statusCode).toBe(410);
    expect(response.headers?.['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).not.toContain('<script>');
    inspect(response.body!);

    const statuses = [new LinkSignatureError(), new LinkExpiredError(new Date()), new LinkUsedError()].map(
      (error) => {
        const r = linkErrorPage(error, 'en');
        expect(r.body).toContain(`<span lang="hi">${error.title.hi}</span>`);
        expect(r.body).toContain('<html lang="en"');
        expect(r.body).toContain('role="alert"');
        return r.statusCode;
      },
    );
    expect(statuses).toEqual([403, 410, 409]);
  });
});

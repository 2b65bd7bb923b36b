import type { Bilingual, Language } from '../../domain/language.ts';
import type { LinkError, LinkRefusal } from '../../domain/links/errors.ts';
import { type HttpResponse, html as htmlResponse } from '../../triggers/http/response.ts';
import { biFirst, bi as biFixed, notice } from './components.ts';
import { type HtmlValue, html, raw } from './html.ts';

/**
 * Inline styles only (the page CSP allows no scripts and no external sheets). Mobile first:
 * 18px text, 48px touch targets, a yellow-and-black focus ring, colours at AA contrast or better,
 * Devanagari-capable fonts; below 40rem every table stacks into one card per row, each cell under
 * its column's name, so no table is wider than a 360 px phone.
 */
const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1.125rem/1.6 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans Devanagari","Nirmala UI",Mangal,sans-serif;color:#1b1b1b;background:#fff}
.skip{position:absolute;left:-9999px;top:0;padding:.75rem 1rem;background:#ffd400;color:#0b0c0c;z-index:1}
.skip:focus{left:0}
header.site,footer.site{background:#14355e;color:#fff;padding:.75rem 1rem}
header.site p,footer.site p{margin:0;max-width:48rem;margin-inline:auto}
footer.site{background:#f3f3f3;color:#333;margin-top:3rem;font-size:1rem}
main{display:block;max-width:48rem;margin:0 auto;padding:1rem}
h1{font-size:1.75rem;line-height:1.3;margin:.5rem 0 1rem}
h2{font-size:1.375rem;line-height:1.3;margin:2rem 0 .75rem}
h3{font-size:1.125rem;margin:1.5rem 0 .5rem}
a{color:#0b4f9c;text-decoration-thickness:2px;text-underline-offset:2px}
a:visited{color:#4c2c92}
:focus-visible{outline:3px solid #0b0c0c;outline-offset:2px;box-shadow:0 0 0 6px #ffd400}
a:focus-visible{background:#ffd400;color:#0b0c0c}
.field{margin:0 0 1.5rem;padding:0;border:0}
label,legend{display:block;font-weight:600;margin-bottom:.25rem}
legend{padding:0}
.req{font-weight:400;color:#444}
.hint{margin:0 0 .5rem;color:#444}
.error{margin:0 0 .5rem;color:#a4161a;font-weight:600}
.field-error{border-left:5px solid #a4161a;padding-left:.75rem}
input,select,textarea{font:inherit;width:100%;min-height:3rem;padding:.5rem .75rem;border:2px solid #555;border-radius:4px;background:#fff;color:#1b1b1b}
textarea{min-height:8rem;resize:vertical}
[aria-invalid=true]{border-color:#a4161a}
.choice{display:flex;align-items:flex-start;gap:.75rem;min-height:3rem;padding:.375rem 0}
.choice input{width:1.75rem;height:1.75rem;min-height:0;margin:.25rem 0 0;flex:none;accent-color:#14355e}
.choice label{font-weight:400;margin:0;padding-top:.25rem;flex:1}
.choice .hint{flex-basis:100%}
.button{display:inline-block;font:inherit;font-weight:600;min-height:3rem;min-width:3rem;padding:.625rem 1.25rem;margin:.25rem .5rem .25rem 0;border:2px solid transparent;border-radius:4px;cursor:pointer;text-align:center;text-decoration:none}
.button-primary{background:#14355e;color:#fff}
.button-secondary{background:#fff;color:#14355e;border-color:#14355e}
.button-danger{background:#a4161a;color:#fff}
.facts{margin:0 0 1.5rem}
.facts div{padding:.5rem 0;border-bottom:1px solid #ccc}
.facts dt{font-weight:600}
.facts dd{margin:0;overflow-wrap:anywhere}
.table-wrap{overflow-x:auto;margin:0 0 1.5rem}
table{border-collapse:collapse;width:100%;font-size:1rem}
caption{text-align:left;font-weight:600;padding:.5rem 0}
th,td{text-align:left;vertical-align:top;padding:.5rem;border-bottom:1px solid #bbb}
thead th{border-bottom:2px solid #555}
.badge{display:inline-block;padding:.125rem .5rem;border-radius:1rem;font-size:.9375rem;font-weight:600;border:1px solid currentColor}
.badge-neutral{background:#eee;color:#333}
.badge-info{background:#e7f0fb;color:#0b3d78}
.badge-success{background:#e6f4ea;color:#0d5323}
.badge-warning{background:#fff4ce;color:#5c3d00}
.badge-danger{background:#fde7e9;color:#8a1020}
.notice{border-left:6px solid;padding:.75rem 1rem;margin:0 0 1.5rem}
.notice h2{margin:0 0 .5rem;font-size:1.25rem}
.notice p{margin:0}
.notice-neutral,.notice-info{border-color:#0b4f9c;background:#eef4fb}
.notice-success{border-color:#0d5323;background:#e6f4ea}
.notice-warning{border-color:#8a5a00;background:#fff8e1}
.notice-danger{border-color:#a4161a;background:#fdecee}
@media (min-width:40rem){h1{font-size:2.25rem}main{padding:1.5rem}}
@media (max-width:39.99rem){
.table-wrap table,.table-wrap tbody,.table-wrap tr,.table-wrap th,.table-wrap td{display:block;width:100%}
.table-wrap thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.table-wrap tbody tr{border-bottom:2px solid #555;padding:.5rem 0}
.table-wrap th,.table-wrap td{border:0;padding:.25rem 0;overflow-wrap:anywhere}
.table-wrap [data-label]::before{content:attr(data-label);display:block;font-weight:600;font-size:.875rem;color:#444}
}
h1,h2,h3,p,dd,li{overflow-wrap:anywhere}
@media print{.skip,header.site,footer.site,form{display:none}body{font-size:11pt}}
`;

const BRAND = raw(
  '<span lang="en">Nivaran</span> · <span lang="hi">निवारण</span> — <span lang="en">UP Police IGRS</span>',
);
const SKIP: Bilingual = { en: 'Skip to main content', hi: 'मुख्य सामग्री पर जाएँ' };
const PRIVATE: Bilingual = {
  en: 'This page was opened from a personal link. Do not forward it.',
  hi: 'यह पृष्ठ एक व्यक्तिगत लिंक से खुला है। इसे आगे न भेजें।',
};

/**
 * A complete HTML5 document. `title` becomes both <title> and the page's one <h1>, so `body`
 * starts at <h2>. `lang` is the document language (the one shown first in <title>); every text
 * carries both languages anyway.
 */
export function page(options: {
  title: Bilingual;
  body: HtmlValue;
  lang: Language;
  /** Puts `lang` first in the heading, skip link and footer too (complainants' pages). */
  langFirst?: boolean;
  /** The footer's words; by default the warning that the page came from a personal link. */
  footer?: Bilingual;
}): string {
  const { title, lang } = options;
  const bi = options.langFirst ? (text: Bilingual) => biFirst(text, lang) : biFixed;
  const other: Language = lang === 'hi' ? 'en' : 'hi';
  const titleText = title.en === title.hi ? title.en : `${title[lang]} / ${title[other]}`;
  return `<!doctype html>\n${html`<html lang="${lang}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<title>${titleText} · Nivaran</title>
<style>${raw(CSS)}</style>
</head>
<body>
<a class="skip" href="#main">${bi(SKIP)}</a>
<header class="site"><p>${BRAND}</p></header>
<main id="main" tabindex="-1">
<h1>${bi(title)}</h1>
${options.body}
</main>
<footer class="site"><p>${bi(options.footer ?? PRIVATE)}</p></footer>
</body>
</html>
`}`;
}

/** A refusal page's document: what went wrong and what to do, in both languages. */
export function errorDocument(
  title: Bilingual,
  message: Bilingual,
  lang: Language = 'hi',
  next?: HtmlValue,
): string {
  return page({ title, lang, body: html`${notice(biFixed(message), 'danger')}${next ?? ''}` });
}

/** A refusal as a complete response (with the page CSP), e.g. errorPage(410, title, message). */
export function errorPage(
  status: number,
  title: Bilingual,
  message: Bilingual,
  options: { lang?: Language; next?: HtmlValue } = {},
): HttpResponse {
  return htmlResponse(status, errorDocument(title, message, options.lang, options.next));
}

/** The HTTP status for each refused link. */
export const LINK_REFUSAL_STATUS: Record<LinkRefusal, number> = {
  malformed: 400,
  altered: 403,
  scope: 403,
  form: 403,
  used: 409,
  expired: 410,
};

/** The refusal page for a LinkError: altered, expired, used, another station's... */
export function linkErrorPage(error: LinkError, lang: Language = 'hi'): HttpResponse {
  return errorPage(LINK_REFUSAL_STATUS[error.refusal], error.title, error.detail, { lang });
}

/** A reference that is not there, as a page. */
export const referenceNotFoundPage = (): HttpResponse =>
  errorPage(
    404,
    { en: 'Not found', hi: 'नहीं मिला' },
    { en: 'This reference does not exist.', hi: 'यह सन्दर्भ मौजूद नहीं है।' },
  );

/** A reference that is not with the link's station or circle, as a page. */
export const notYoursPage = (): HttpResponse =>
  errorPage(
    403,
    { en: 'Not for this link', hi: 'इस लिंक हेतु नहीं' },
    { en: 'This reference is not with your station or circle.', hi: 'यह सन्दर्भ आपके थाने या सर्किल का नहीं है।' },
  );

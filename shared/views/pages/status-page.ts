import type { Bilingual, Language } from '../../domain/language.ts';
import { formatReferenceNumber } from '../../domain/reference/reference-number.ts';
import { formatIst } from '../../domain/time/ist.ts';
import type { StatusPageData } from '../../use-cases/open-status-page.ts';
import { biFirst, type HtmlValue, html, notice, page, type SafeHtml } from '../html/index.ts';

/**
 * The complainant's status page behind the link in their SMS and mail (GET /t/{token}): what a
 * basic phone browser can show without scripts, in the complainant's language first. Everything on
 * it comes from the public view (shared/domain/reference/public-view.ts): no officer's name or
 * contact, no supervisor's remark or grade, no other person's data.
 */

const T = {
  title: (number: string): Bilingual => ({
    en: `Complaint ${number}: status`,
    hi: `शिकायत ${number}: स्थिति`,
  }),
  status: { en: 'Status', hi: 'स्थिति' },
  number: { en: 'Reference number', hi: 'सन्दर्भ संख्या' },
  category: { en: 'Category', hi: 'श्रेणी' },
  unit: { en: 'Now with', hi: 'अब किसके पास' },
  filed: { en: 'Registered on', hi: 'पंजीकरण' },
  deadline: { en: 'To be disposed of by', hi: 'निस्तारण की समय-सीमा' },
  timeline: { en: 'What has happened', hi: 'अब तक की कार्यवाही' },
  outcome: { en: 'Outcome', hi: 'परिणाम' },
  result: { en: 'Result', hi: 'निष्कर्ष' },
  disposedOn: { en: 'Disposed on', hi: 'निस्तारण तिथि' },
  findings: { en: 'Findings of the investigation', hi: 'जांच के निष्कर्ष' },
  actionTaken: { en: 'Action taken', hi: 'की गई कार्रवाई' },
  fir: { en: 'FIR number', hi: 'FIR संख्या' },
  asReported: {
    en: 'As reported by the police station and approved by a senior officer.',
    hi: 'थाने द्वारा प्रस्तुत आख्या के अनुसार, वरिष्ठ अधिकारी द्वारा स्वीकृत।',
  },
  feedback: { en: 'Are you satisfied?', hi: 'क्या आप संतुष्ट हैं?' },
  feedbackText: {
    en: 'Tell us whether you are satisfied with the police action. If not, the complaint is reopened for a senior officer.',
    hi: 'बताएं कि क्या आप पुलिस की कार्रवाई से संतुष्ट हैं। असंतुष्ट होने पर शिकायत वरिष्ठ अधिकारी हेतु पुनः खोली जाएगी।',
  },
  feedbackLink: { en: 'Give your feedback', hi: 'अपना फीडबैक दें' },
} as const;

const textBlock = (text: string, lang: Language | undefined): SafeHtml =>
  // The station writes in either language; no lang attribute when it cannot be told.
  html`<p class="report-text" style="white-space:pre-wrap;overflow-wrap:anywhere"${lang ? html` lang="${lang}"` : ''}>${text}</p>`;

const scriptOf = (text: string): Language | undefined =>
  /[\u0900-\u097F]/.test(text) ? 'hi' : /[A-Za-z]/.test(text) ? 'en' : undefined;

function when(instant: string, first: Language): SafeHtml {
  const date = new Date(instant);
  return html`<time datetime="${date.toISOString()}">${biFirst({ en: formatIst(date, 'en'), hi: formatIst(date, 'hi') }, first)}</time>`;
}

function facts(items: readonly { term: Bilingual; value: HtmlValue }[], first: Language): SafeHtml {
  return html`<dl class="facts">
${items.map((item) => html`<div><dt>${biFirst(item.term, first)}</dt><dd>${item.value}</dd></div>\n`)}</dl>`;
}

export function statusPage(data: StatusPageData): string {
  const first = data.language;
  const b = (text: Bilingual) => biFirst(text, first);
  const { view, outcome } = data;
  const number = formatReferenceNumber(view.referenceNo);
  const disposed = view.status === 'resolved' || view.status === 'closed';
  // The notice's own heading would put English first: this page's headings follow the complainant.
  const body = html`<h2>${b(T.status)}</h2>
${notice(b(view.statusText), disposed ? 'success' : 'info')}
${facts(
  [
    { term: T.number, value: number },
    { term: T.category, value: b(data.category) },
    { term: T.unit, value: b(data.unit) },
    { term: T.filed, value: when(view.createdAt, first) },
    ...(disposed ? [] : [{ term: T.deadline, value: when(view.deadlineAt, first) }]),
  ],
  first,
)}
${
  outcome
    ? html`<section aria-labelledby="outcome"><h2 id="outcome">${b(T.outcome)}</h2>
${facts(
  [
    { term: T.result, value: b(outcome.label) },
    { term: T.disposedOn, value: when(outcome.disposedAt, first) },
    ...(outcome.firNumber ? [{ term: T.fir, value: outcome.firNumber }] : []),
  ],
  first,
)}
${outcome.findings !== undefined ? html`<h3>${b(T.findings)}</h3>${textBlock(outcome.findings, scriptOf(outcome.findings))}` : ''}
${outcome.actionTaken !== undefined ? html`<h3>${b(T.actionTaken)}</h3>${textBlock(outcome.actionTaken, scriptOf(outcome.actionTaken))}` : ''}
<p class="hint">${b(T.asReported)}</p>
</section>`
    : ''
}
${
  data.feedbackToken
    ? html`<section aria-labelledby="feedback"><h2 id="feedback">${b(T.feedback)}</h2>
<p>${b(T.feedbackText)}</p>
<p><a class="button button-primary" href="/o/${data.feedbackToken}">${b(T.feedbackLink)}</a></p>
</section>`
    : ''
}
<section aria-labelledby="timeline"><h2 id="timeline">${b(T.timeline)}</h2>
<ol class="timeline">
${view.timeline.map((entry) => html`<li>${when(entry.at, first)}<br>${b(entry.description)}</li>\n`)}</ol>
</section>`;
  return page({ title: T.title(number), body, lang: first, langFirst: true });
}

const REFUSALS: Record<
  'invalid' | 'revoked' | 'expired',
  { status: number; title: Bilingual; message: Bilingual }
> = {
  invalid: {
    status: 404,
    title: { en: 'Status link not recognised', hi: 'स्थिति लिंक मान्य नहीं' },
    message: {
      en: 'This link is incomplete or has been changed. Open the link exactly as it came in your SMS or email, or track the complaint with its reference number and tracking code.',
      hi: 'यह लिंक अधूरा है या इसमें बदलाव हुआ है। SMS या ईमेल में आया लिंक पूरा खोलें, या सन्दर्भ संख्या और ट्रैकिंग कोड से शिकायत की स्थिति देखें।',
    },
  },
  revoked: {
    status: 410,
    title: { en: 'This status link was withdrawn', hi: 'यह स्थिति लिंक वापस ले लिया गया है' },
    message: {
      en: 'A newer link has been issued for this complaint, or this one was withdrawn. Use the newest link, or track the complaint with its reference number and tracking code.',
      hi: 'इस शिकायत के लिए नया लिंक जारी हुआ है, या यह लिंक वापस ले लिया गया है। नवीनतम लिंक खोलें, या सन्दर्भ संख्या और ट्रैकिंग कोड से स्थिति देखें।',
    },
  },
  expired: {
    status: 410,
    title: { en: 'This status link has expired', hi: 'इस स्थिति लिंक की अवधि समाप्त हो गई है' },
    message: {
      en: 'The complaint was disposed of long ago, so its status link no longer opens. Ask the district IGRS cell if you need its details.',
      hi: 'शिकायत का निस्तारण काफ़ी पहले हो चुका है, इसलिए इसका स्थिति लिंक अब नहीं खुलता। विवरण हेतु जनपद आईजीआरएस प्रकोष्ठ से संपर्क करें।',
    },
  },
};

/** The refusal page of a status link, Hindi first, and its HTTP status (404 or 410). */
export function statusRefusalPage(refusal: keyof typeof REFUSALS): { status: number; document: string } {
  const { status, title, message } = REFUSALS[refusal];
  return {
    status,
    document: page({
      title,
      lang: 'hi',
      langFirst: true,
      body: notice(biFirst(message, 'hi'), 'danger'),
    }),
  };
}

import type { Bilingual, Language } from '../../domain/language.ts';
import { attemptsLeftText, OTP_TEXT } from '../../domain/otp/otp.ts';
import type { MyComplaintsList } from '../../use-cases/my-complaints.ts';
import {
  badge,
  biFirst,
  form,
  type HtmlValue,
  hiddenField,
  html,
  istDateTime,
  notice,
  page,
  submitButton,
  table,
  textField,
} from '../html/index.ts';

/**
 * The "my complaints" pages: a form for the mobile number, a form for the code, and the list.
 * Server-rendered, no scripts, both languages on every page (Hindi first unless the browser asks
 * for English), every control labelled, errors announced and tied to their field.
 */

const TITLE: Bilingual = { en: 'My complaints', hi: 'मेरी शिकायतें' };

/** These pages are opened by anyone, not from a personal link: the footer says what protects them. */
const FOOTER: Bilingual = {
  en: 'Complaints are shown only with the code sent to the number. Never share that code; close this page when you are done.',
  hi: 'शिकायतें केवल नंबर पर भेजे गए कोड से दिखती हैं। वह कोड किसी को न बताएं; काम पूरा होने पर यह पृष्ठ बंद करें।',
};

/** A complainant's page: their language leads every text (`bi` keeps officers' fixed order). */
const bi = (text: Bilingual, first: Language) => biFirst(text, first);

const MOBILE_LABEL: Bilingual = { en: 'Mobile number', hi: 'मोबाइल नंबर' };
const MOBILE_HINT: Bilingual = {
  en: 'The 10-digit number you filed your complaints from. We will send a 6-digit code to it by SMS.',
  hi: 'वह 10 अंकों का नंबर जिससे आपने शिकायतें दर्ज कीं। इस पर एसएमएस से 6 अंकों का कोड भेजा जाएगा।',
};
const OTP_LABEL: Bilingual = { en: 'Code from the SMS', hi: 'एसएमएस में आया कोड' };
const OTP_HINT: Bilingual = { en: '6 digits, valid for 5 minutes', hi: '6 अंक, 5 मिनट तक मान्य' };

export interface MobileFormOptions {
  lang: Language;
  mobile?: string;
  error?: Bilingual;
  /** A message above the form (a code that expired, a limit reached). */
  message?: { text: Bilingual; tone: 'warning' | 'danger' | 'info' };
}

export function mobileFormPage(options: MobileFormOptions): string {
  const body = html`${options.message ? notice(bi(options.message.text, options.lang), options.message.tone) : ''}
<p>${bi(
    {
      en: 'See the complaints you filed in the last 12 months and where each one stands.',
      hi: 'पिछले 12 महीनों में दर्ज अपनी शिकायतें और हर एक की स्थिति देखें।',
    },
    options.lang,
  )}</p>
<form method="post" action="/my/otp" accept-charset="utf-8">
${textField({
  name: 'mobile',
  label: MOBILE_LABEL,
  hint: MOBILE_HINT,
  error: options.error,
  required: true,
  type: 'tel',
  inputMode: 'numeric',
  autocomplete: 'tel-national',
  maxLength: 16,
  value: options.mobile,
  first: options.lang,
})}
${submitButton({ en: 'Send code', hi: 'कोड भेजें' }, { first: options.lang })}
</form>`;
  return page({ title: TITLE, lang: options.lang, langFirst: true, footer: FOOTER, body });
}

export interface OtpFormOptions {
  lang: Language;
  mobile: string;
  sentTo: string;
  formToken: string;
  error?: Bilingual;
}

export function otpFormPage(options: OtpFormOptions): string {
  const body = html`${notice(
    html`${bi(OTP_TEXT.sent, options.lang)} ${bi({ en: `Number: ${options.sentTo}`, hi: `नंबर: ${options.sentTo}` }, options.lang)}`,
    'info',
  )}
${form({
  action: '/my/verify',
  formToken: options.formToken,
  body: html`${hiddenField('mobile', options.mobile)}
${textField({
  name: 'otp',
  label: OTP_LABEL,
  hint: OTP_HINT,
  error: options.error,
  required: true,
  inputMode: 'numeric',
  autocomplete: 'one-time-code',
  maxLength: 6,
  pattern: '[0-9]{6}',
  first: options.lang,
})}
${submitButton({ en: 'See my complaints', hi: 'मेरी शिकायतें देखें' }, { first: options.lang })}`,
})}
<p><a href="/my">${bi({ en: 'Use another number or ask for a new code', hi: 'दूसरा नंबर डालें या नया कोड मांगें' }, options.lang)}</a></p>`;
  return page({
    title: { en: 'Enter the code', hi: 'कोड डालें' },
    lang: options.lang,
    langFirst: true,
    footer: FOOTER,
    body,
  });
}

/** The message shown with the code form after a wrong code. */
export const wrongCodeMessage = (attemptsLeft: number): Bilingual => ({
  en: `${OTP_TEXT.wrong.en} ${attemptsLeftText(attemptsLeft).en}`,
  hi: `${OTP_TEXT.wrong.hi} ${attemptsLeftText(attemptsLeft).hi}`,
});

const DISPOSED = new Set(['resolved', 'closed']);

export function myComplaintsPage(options: {
  lang: Language;
  list: MyComplaintsList;
  sentTo: string;
}): string {
  const rows: HtmlValue[][] = options.list.complaints.map((complaint) => [
    html`<span class="ref">${complaint.referenceNo}</span>`,
    badge(complaint.statusText, DISPOSED.has(complaint.status) ? 'success' : 'info', options.lang),
    istDateTime(complaint.filedAt, options.lang),
    istDateTime(complaint.disposedAt ?? complaint.deadlineAt, options.lang),
  ]);
  const body = html`<p>${bi(
    { en: `Complaints filed from ${options.sentTo} since`, hi: `${options.sentTo} से दर्ज शिकायतें, इस तिथि से:` },
    options.lang,
  )} ${istDateTime(options.list.since, options.lang)}</p>
${table({
  caption: { en: 'Your complaints, newest first', hi: 'आपकी शिकायतें, नवीनतम पहले' },
  columns: [
    { en: 'Reference number', hi: 'सन्दर्भ संख्या' },
    { en: 'Status', hi: 'स्थिति' },
    { en: 'Filed', hi: 'दर्ज' },
    { en: 'Deadline or disposal', hi: 'समय-सीमा या निस्तारण' },
  ],
  rows,
  rowHeaders: true,
  empty: {
    en: 'No complaints were filed from this number in the last 12 months.',
    hi: 'पिछले 12 महीनों में इस नंबर से कोई शिकायत दर्ज नहीं हुई।',
  },
  id: 'my-complaints',
  first: options.lang,
})}
<p>${bi(
    {
      en: 'To see a complaint’s full timeline, track it with its reference number and tracking code.',
      hi: 'किसी शिकायत का पूरा विवरण देखने हेतु उसकी सन्दर्भ संख्या और ट्रैकिंग कोड से देखें।',
    },
    options.lang,
  )}</p>
<p><a href="/my">${bi({ en: 'Done: leave this page', hi: 'समाप्त: यह पृष्ठ छोड़ें' }, options.lang)}</a></p>`;
  return page({ title: TITLE, lang: options.lang, langFirst: true, footer: FOOTER, body });
}

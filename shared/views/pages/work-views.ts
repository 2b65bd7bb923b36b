import type { FieldIssue } from '../../domain/errors.ts';
import type { Bilingual, Language } from '../../domain/language.ts';
import { FORM_TOKEN_FIELD } from '../../domain/links/form-token.ts';
import { attachmentsOf } from '../../domain/officer-work/attachments.ts';
import { OUTCOMES, outcomeByCode } from '../../domain/officer-work/outcomes.ts';
import { STATUS_TEXT } from '../../domain/reference/public-view.ts';
import { formatReferenceNumber } from '../../domain/reference/reference-number.ts';
import type { Reference } from '../../domain/reference/types.ts';
import {
  attrs,
  bi,
  dateField,
  definitionList,
  fieldId,
  form,
  type HtmlValue,
  hiddenField,
  html,
  istDateTime,
  notice,
  page,
  radioGroup,
  selectField,
  submitButton,
  table,
  textArea,
  textField,
} from '../html/index.ts';

const CONTACT_MODE_TEXT: Record<string, Bilingual> = {
  phone: { en: 'By phone', hi: 'फ़ोन द्वारा' },
  visit: { en: 'Visited the complainant', hi: 'शिकायतकर्ता के पास जाकर' },
  'at-station': { en: 'At the police station', hi: 'थाने पर' },
};

const errorFor = (issues: FieldIssue[] | undefined, pointer: string) =>
  issues?.find((i) => i.pointer === pointer)?.message;

/** A file attached to the reference, with a short-lived presigned link to download it. */
export interface AttachmentLink {
  key: string;
  /** The name the station's device gave the file; user text, escaped like any other. */
  name: string;
  url: string;
  /** PDF, JPEG or PNG. */
  type: string;
  size?: number;
}

const sizeText = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Links to attached files; each link works for ten minutes after the page was made. */
export function attachmentList(links: readonly AttachmentLink[]): HtmlValue {
  return html`<ul class="attachments">
${links.map((link) => html`<li><a href="${link.url}" rel="noreferrer">${link.name}</a> (${[link.type, link.size === undefined ? '' : sizeText(link.size)].filter(Boolean).join(', ')})</li>\n`)}</ul>
<p class="hint">${bi({ en: 'Download links work for ten minutes; reload the page for fresh ones.', hi: 'डाउनलोड लिंक दस मिनट तक चलते हैं; नए लिंक हेतु पृष्ठ पुनः खोलें।' })}</p>`;
}

/** A submitted report, read-only, with links to the files it carries. */
export function reportSection(reference: Reference, attachments: readonly AttachmentLink[] = []): HtmlValue {
  const report = reference.report;
  if (!report) return '';
  const outcome = outcomeByCode(report.outcome);
  const carried = attachments.filter((a) => report.attachments?.includes(a.key));
  return html`<section aria-labelledby="report-heading">
<h2 id="report-heading">${bi({ en: 'Action-taken report', hi: 'जांच आख्या' })}</h2>
${definitionList([
  { term: { en: 'Submitted', hi: 'प्रस्तुत' }, value: istDateTime(report.submittedAt) },
  {
    term: { en: 'Complainant contacted', hi: 'शिकायतकर्ता से संपर्क' },
    value: report.contacted
      ? html`${bi({ en: 'Yes', hi: 'हाँ' })}, ${report.contactedAt ? istDateTime(report.contactedAt) : ''} ${report.contactMode ? bi(CONTACT_MODE_TEXT[report.contactMode] ?? { en: report.contactMode, hi: report.contactMode }) : ''}`
      : bi({ en: 'No', hi: 'नहीं' }),
  },
  { term: { en: 'Outcome', hi: 'परिणाम' }, value: outcome ? bi(outcome.label) : report.outcome },
  ...(report.firNumber ? [{ term: { en: 'FIR number', hi: 'एफआईआर संख्या' }, value: report.firNumber }] : []),
])}
<h3>${bi({ en: 'Findings', hi: 'जांच के निष्कर्ष' })}</h3>
<p class="complaint-text">${report.findings}</p>
<h3>${bi({ en: 'Action taken', hi: 'की गई कार्रवाई' })}</h3>
<p class="complaint-text">${report.actionTaken}</p>
${carried.length > 0 ? html`<h3>${bi({ en: 'Attachments', hi: 'संलग्नक' })}</h3>\n${attachmentList(carried)}` : ''}
${reference.disposal ? html`<p>${bi({ en: 'Disposed with grade', hi: 'निस्तारण श्रेणी' })}: <strong>${reference.disposal.grade}</strong> (${bi(STATUS_TEXT[reference.disposal.kind])})</p>` : ''}
</section>`;
}

export interface FormContext {
  action: string;
  formToken: string;
  issues?: FieldIssue[];
  values?: Record<string, string>;
}

/**
 * The station's "attach a file" form, apart from the report form because it posts
 * multipart/form-data (no script needed): one file at a time, listed once attached, and carried
 * by the report when it is submitted.
 */
export function attachForm(
  ctx: Pick<FormContext, 'action' | 'formToken'>,
  attached: readonly AttachmentLink[],
): HtmlValue {
  const id = fieldId('file');
  return html`<section aria-labelledby="attach-heading" id="attach">
<h2 id="attach-heading">${bi({ en: 'Attach a file', hi: 'फ़ाइल संलग्न करें' })}</h2>
${
  attached.length > 0
    ? html`<h3>${bi({ en: 'Files attached so far', hi: 'अब तक संलग्न फ़ाइलें' })}</h3>\n${attachmentList(attached)}`
    : html`<p>${bi({ en: 'No files attached yet.', hi: 'अभी कोई फ़ाइल संलग्न नहीं है।' })}</p>`
}
<form method="post"${attrs({ action: ctx.action, enctype: 'multipart/form-data', 'accept-charset': 'utf-8' })}>
${hiddenField(FORM_TOKEN_FIELD, ctx.formToken)}
${hiddenField('action', 'attach')}
<div class="field">
<label for="${id}">${bi({ en: 'File', hi: 'फ़ाइल' })}</label>
<p class="hint" id="${id}-hint">${bi({
    en: 'PDF, JPEG or PNG, at most 4 MB. Attach files before writing the report: attaching reloads this page. Every file attached goes with the report when you submit it.',
    hi: 'PDF, JPEG या PNG, अधिकतम 4 MB। आख्या लिखने से पहले फ़ाइलें संलग्न करें: संलग्न करने पर यह पृष्ठ पुनः खुलता है। संलग्न हर फ़ाइल आख्या प्रस्तुत करने पर उसके साथ जाती है।',
  })}</p>
<input${attrs({ type: 'file', id, name: 'file', accept: 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png', required: true, 'aria-describedby': `${id}-hint` })}>
</div>
${submitButton({ en: 'Attach this file', hi: 'यह फ़ाइल संलग्न करें' }, { variant: 'secondary' })}
</form>
</section>`;
}

/** The station's action-taken report form (आख्या). */
export function reportForm(reference: Reference, ctx: FormContext): HtmlValue {
  const v = ctx.values ?? {};
  const lastReturn = [...reference.history].reverse().find((e) => e.action === 'returned');
  return html`<section aria-labelledby="report-form">
<h2 id="report-form">${bi({ en: 'Submit the action-taken report', hi: 'जांच आख्या प्रस्तुत करें' })}</h2>
${reference.status === 'returned' && lastReturn?.note ? notice(html`${bi({ en: 'Returned for re-investigation:', hi: 'पुनः जांच हेतु वापस:' })} ${lastReturn.note}`, 'warning') : ''}
${ctx.issues?.length ? notice(html`${ctx.issues.map((i) => html`<p>${bi(i.message)}</p>`)}`, 'danger', { en: 'Please correct the form', hi: 'कृपया फ़ॉर्म ठीक करें' }) : ''}
${form({
  action: ctx.action,
  formToken: ctx.formToken,
  body: html`${hiddenField('action', 'report')}
${radioGroup({
  name: 'contacted',
  legend: { en: 'Was the complainant contacted?', hi: 'क्या शिकायतकर्ता से संपर्क किया गया?' },
  choices: [
    { value: 'yes', label: { en: 'Yes', hi: 'हाँ' } },
    { value: 'no', label: { en: 'No, could not be reached', hi: 'नहीं, संपर्क नहीं हो सका' } },
  ],
  value: v.contacted,
  required: true,
})}
${dateField({ name: 'contactedAt', label: { en: 'When (IST)', hi: 'कब (IST)' }, withTime: true, value: v.contactedAt, error: errorFor(ctx.issues, 'contactedAt') })}
${selectField({
  name: 'contactMode',
  label: { en: 'How', hi: 'कैसे' },
  choices: Object.entries(CONTACT_MODE_TEXT).map(([value, label]) => ({ value, label })),
  placeholder: { en: 'Choose', hi: 'चुनें' },
  value: v.contactMode,
  error: errorFor(ctx.issues, 'contactMode'),
})}
${textArea({ name: 'findings', label: { en: 'Findings of the investigation', hi: 'जांच के निष्कर्ष' }, required: true, rows: 5, maxLength: 4000, value: v.findings, error: errorFor(ctx.issues, 'findings') })}
${selectField({
  name: 'outcome',
  label: { en: 'Outcome', hi: 'परिणाम' },
  choices: OUTCOMES.map((o) => ({ value: o.code, label: o.label })),
  placeholder: { en: 'Choose the outcome', hi: 'परिणाम चुनें' },
  required: true,
  value: v.outcome,
  error: errorFor(ctx.issues, 'outcome'),
})}
${textField({ name: 'firNumber', label: { en: 'FIR number, if registered', hi: 'एफआईआर संख्या, यदि पंजीकृत' }, maxLength: 40, value: v.firNumber, error: errorFor(ctx.issues, 'firNumber') })}
${textArea({ name: 'actionTaken', label: { en: 'Action taken', hi: 'की गई कार्रवाई' }, required: true, rows: 3, maxLength: 2000, value: v.actionTaken, error: errorFor(ctx.issues, 'actionTaken') })}
${submitButton({ en: 'Submit to the supervising officer', hi: 'पर्यवेक्षण अधिकारी को प्रस्तुत करें' })}`,
})}
</section>`;
}

/** The supervisor's decision: approve with a grade, or return with reasons. */
export function reviewForms(reference: Reference, ctx: FormContext): HtmlValue {
  const v = ctx.values ?? {};
  return html`<section aria-labelledby="review">
<h2 id="review">${bi({ en: 'Your review', hi: 'आपकी समीक्षा' })}</h2>
${reference.status === 'reopened' ? notice(html`${bi({ en: 'The complainant was not satisfied with the disposal.', hi: 'शिकायतकर्ता निस्तारण से संतुष्ट नहीं था।' })} ${reference.feedback?.comment ?? ''}`, 'warning') : ''}
${ctx.issues?.length ? notice(html`${ctx.issues.map((i) => html`<p>${bi(i.message)}</p>`)}`, 'danger', { en: 'Please correct the form', hi: 'कृपया फ़ॉर्म ठीक करें' }) : ''}
<h3>${bi({ en: 'Approve and dispose', hi: 'स्वीकृत कर निस्तारित करें' })}</h3>
${form({
  action: ctx.action,
  formToken: ctx.formToken,
  body: html`${hiddenField('action', 'approve')}
${radioGroup({
  name: 'grade',
  legend: { en: 'Quality of the disposal', hi: 'निस्तारण की गुणवत्ता' },
  choices: [
    { value: 'A', label: { en: 'A: thorough', hi: 'A: उत्तम' } },
    { value: 'B', label: { en: 'B: adequate', hi: 'B: संतोषजनक' } },
    { value: 'C', label: { en: 'C: poor (give the reason)', hi: 'C: असंतोषजनक (कारण दें)' } },
  ],
  value: v.grade,
  required: true,
  error: errorFor(ctx.issues, 'grade'),
})}
${textArea({ name: 'remark', label: { en: 'Remark', hi: 'टिप्पणी' }, rows: 2, maxLength: 1000, value: v.remark, error: errorFor(ctx.issues, 'remark') })}
${submitButton({ en: 'Approve', hi: 'स्वीकृत करें' })}`,
})}
<h3>${bi({ en: 'Return for re-investigation', hi: 'पुनः जांच हेतु वापस करें' })}</h3>
${form({
  action: ctx.action,
  formToken: ctx.formToken,
  body: html`${hiddenField('action', 'return')}
${textArea({ name: 'reasons', id: 'return-reasons', label: { en: 'What must be looked into again', hi: 'किन बिंदुओं पर पुनः जांच आवश्यक है' }, required: true, rows: 3, maxLength: 2000, value: v.reasons, error: errorFor(ctx.issues, 'reasons') })}
${submitButton({ en: 'Return to the station (deadline unchanged)', hi: 'थाने को वापस करें (अंतिम तिथि वही)' }, { variant: 'secondary' })}`,
})}
</section>`;
}

/**
 * What the police found and did, as the approved report says: the complainant judges the disposal
 * on it, on the feedback page and on the operator's call desk alike.
 */
export function disposalReport(reference: Reference): HtmlValue {
  const report = reference.report;
  if (!report) return '';
  return html`<section aria-labelledby="disposal-report">
<h2 id="disposal-report">${bi({ en: 'What the police found and did', hi: 'पुलिस ने क्या पाया और क्या किया' })}</h2>
<h3>${bi({ en: 'Findings', hi: 'जांच के निष्कर्ष' })}</h3>
<p class="complaint-text">${report.findings}</p>
<h3>${bi({ en: 'Action taken', hi: 'की गई कार्रवाई' })}</h3>
<p class="complaint-text">${report.actionTaken}</p>
${report.firNumber ? html`<p>${bi({ en: 'FIR number', hi: 'एफआईआर संख्या' })}: ${report.firNumber}</p>` : ''}
</section>`;
}

/** The complainant's feedback page: one answer per disposal. */
export function feedbackPage(input: {
  reference: Reference;
  language: Language;
  ctx?: FormContext;
  done?: 'thanks' | 'reopened';
}): string {
  const { reference } = input;
  const number = formatReferenceNumber(reference.referenceNo);
  const outcome = reference.disposal ? outcomeByCode(reference.disposal.outcome) : undefined;
  const body = input.done
    ? notice(
        bi(
          input.done === 'reopened'
            ? {
                en: 'Thank you. Your complaint has been reopened and a senior officer will look into it.',
                hi: 'धन्यवाद। आपकी शिकायत पुनः खोल दी गई है और वरिष्ठ अधिकारी इसे देखेंगे।',
              }
            : { en: 'Thank you for your feedback.', hi: 'आपके फीडबैक के लिए धन्यवाद।' },
        ),
        'success',
      )
    : html`${definitionList([
        { term: { en: 'Reference number', hi: 'सन्दर्भ संख्या' }, value: number },
        { term: { en: 'Outcome', hi: 'परिणाम' }, value: outcome ? bi(outcome.label) : '' },
        {
          term: { en: 'Disposed', hi: 'निस्तारित' },
          value: reference.disposal ? istDateTime(reference.disposal.disposedAt) : '',
        },
      ])}
${disposalReport(reference)}
${input.ctx?.issues?.length ? notice(html`${input.ctx.issues.map((i) => html`<p>${bi(i.message)}</p>`)}`, 'danger') : ''}
${form({
  action: input.ctx!.action,
  formToken: input.ctx!.formToken,
  body: html`${radioGroup({
    name: 'satisfied',
    legend: { en: 'Are you satisfied with the police action?', hi: 'क्या आप पुलिस की कार्रवाई से संतुष्ट हैं?' },
    choices: [
      { value: 'yes', label: { en: 'Satisfied', hi: 'संतुष्ट' } },
      {
        value: 'no',
        label: { en: 'Not satisfied', hi: 'असंतुष्ट' },
        hint: {
          en: 'The complaint will be reopened for a senior officer.',
          hi: 'शिकायत वरिष्ठ अधिकारी हेतु पुनः खोली जाएगी।',
        },
      },
    ],
    required: true,
  })}
${textArea({ name: 'comment', label: { en: 'Comment (optional)', hi: 'टिप्पणी (वैकल्पिक)' }, rows: 3, maxLength: 1000 })}
${submitButton({ en: 'Send feedback', hi: 'फीडबैक भेजें' })}`,
})}`;
  return page({
    title: { en: `Feedback on complaint ${number}`, hi: `शिकायत ${number} पर फीडबैक` },
    body,
    lang: input.language,
  });
}

/** A district's disposals drawn for re-verification, with a form to record each result. */
export function randomCheckPage(input: {
  title: Bilingual;
  references: Reference[];
  language: Language;
  ctx: FormContext;
  message?: HtmlValue;
}): string {
  const rows = input.references.map((reference) => [
    formatReferenceNumber(reference.referenceNo),
    reference.disposal ? html`${bi(STATUS_TEXT[reference.disposal.kind])}, ${reference.disposal.grade}` : '',
    reference.report ? reference.report.findings.slice(0, 200) : '',
    reference.randomCheck?.result
      ? bi(
          reference.randomCheck.result === 'confirmed'
            ? { en: 'Confirmed', hi: 'पुष्टि हुई' }
            : { en: 'Not confirmed', hi: 'पुष्टि नहीं हुई' },
        )
      : form({
          action: input.ctx.action,
          formToken: input.ctx.formToken,
          body: html`${hiddenField('action', 'check')}${hiddenField('referenceNo', reference.referenceNo)}
${radioGroup({
  name: 'result',
  id: `result-${reference.referenceNo}`,
  legend: { en: 'Re-verification found', hi: 'पुनः सत्यापन का परिणाम' },
  choices: [
    { value: 'confirmed', label: { en: 'Disposal confirmed', hi: 'निस्तारण की पुष्टि' } },
    { value: 'not-confirmed', label: { en: 'Not confirmed', hi: 'पुष्टि नहीं' } },
  ],
  required: true,
})}
${textArea({ name: 'remark', id: `remark-${reference.referenceNo}`, label: { en: 'Remark', hi: 'टिप्पणी' }, rows: 2, maxLength: 1000 })}
${submitButton({ en: 'Record', hi: 'दर्ज करें' })}`,
        }),
  ]);
  const body = html`${input.message ?? ''}${table({
    caption: { en: 'Disposals drawn for re-verification', hi: 'पुनः सत्यापन हेतु चयनित निस्तारण' },
    columns: [
      { en: 'Reference', hi: 'सन्दर्भ' },
      { en: 'Disposal', hi: 'निस्तारण' },
      { en: 'Findings', hi: 'निष्कर्ष' },
      { en: 'Result', hi: 'परिणाम' },
    ],
    rows,
    empty: { en: 'Nothing drawn today', hi: 'आज कुछ चयनित नहीं' },
  })}`;
  return page({ title: input.title, body, lang: input.language });
}

/**
 * The reference's files as links through its page link (`/o/<token>/attachments/<file>`), which
 * answer with a short-lived presigned S3 URL; the page itself needs no S3 access to list them.
 */
export function attachmentPageLinks(reference: Reference, linkToken: string): AttachmentLink[] {
  return attachmentsOf(reference).map((record) => {
    const file = record.key.slice(record.key.lastIndexOf('/') + 1);
    const ext = /\.(pdf|jpg|png)$/.exec(file)?.[1];
    return {
      key: record.key,
      name: record.name,
      url: `/o/${linkToken}/attachments/${file}`,
      type: ext === 'pdf' ? 'PDF' : ext === 'png' ? 'PNG' : ext === 'jpg' ? 'JPEG' : '',
      ...(record.size !== undefined ? { size: record.size } : {}),
    };
  });
}

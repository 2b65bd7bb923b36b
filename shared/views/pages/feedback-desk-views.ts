import type { FieldIssue } from '../../domain/errors.ts';
import type { Bilingual, Language } from '../../domain/language.ts';
import type { Category, District } from '../../domain/masterdata/types.ts';
import { outcomeByCode } from '../../domain/officer-work/outcomes.ts';
import { formatReferenceNumber } from '../../domain/reference/reference-number.ts';
import { FEEDBACK_CALL_MAX_TRIES, unreachableCalls } from '../../domain/reference/transitions.ts';
import type { Reference } from '../../domain/reference/types.ts';
import {
  bi,
  definitionList,
  form,
  type HtmlValue,
  hiddenField,
  html,
  istDateTime,
  notice,
  page,
  radioGroup,
  submitButton,
  table,
  textArea,
} from '../html/index.ts';
import { categoryName } from './common.ts';
import { contactDetails } from './officer-views.ts';
import { disposalReport } from './work-views.ts';

/** The feedback operators' call desk (issue 16): the list, and one disposal to call about. */

const callHref = (action: string, referenceNo: string) => `${action}?ref=${encodeURIComponent(referenceNo)}`;

const scopeName = (district: District | undefined): Bilingual =>
  district
    ? { en: `${district.name.en} district`, hi: `जनपद ${district.name.hi}` }
    : { en: 'Uttar Pradesh', hi: 'उत्तर प्रदेश' };

/** Disposals waiting for the complainant's answer, the oldest first: their window closes first. */
export function feedbackDeskPage(input: {
  district: District | undefined;
  references: readonly Reference[];
  categoryNames: ReadonlyMap<string, Bilingual>;
  districtNames: ReadonlyMap<string, Bilingual>;
  windowDays: number;
  action: string;
  language: Language;
  message?: HtmlValue;
}): string {
  const body = html`${input.message ?? ''}
<p>${bi({
    en: `Call each complainant and record the answer. A disposal leaves this list once answered (by call or by the complainant's own link), after ${FEEDBACK_CALL_MAX_TRIES} calls that found nobody, or ${input.windowDays} days after disposal.`,
    hi: `प्रत्येक शिकायतकर्ता को कॉल करें और उत्तर दर्ज करें। उत्तर मिलने पर (कॉल या शिकायतकर्ता के अपने लिंक से), ${FEEDBACK_CALL_MAX_TRIES} असफल कॉल के बाद, या निस्तारण के ${input.windowDays} दिन बाद निस्तारण इस सूची से हट जाता है।`,
  })}</p>
${table({
  caption: { en: 'Disposals awaiting feedback', hi: 'फीडबैक हेतु लंबित निस्तारण' },
  columns: [
    { en: 'Reference', hi: 'सन्दर्भ' },
    ...(input.district ? [] : [{ en: 'District', hi: 'जनपद' }]),
    { en: 'Category', hi: 'श्रेणी' },
    { en: 'Outcome', hi: 'परिणाम' },
    { en: 'Disposed', hi: 'निस्तारित' },
    { en: 'Calls not answered', hi: 'अनुत्तरित कॉल' },
  ],
  rows: input.references.map((reference) => {
    const outcome = reference.disposal ? outcomeByCode(reference.disposal.outcome) : undefined;
    return [
      html`<a href="${callHref(input.action, reference.referenceNo)}">${formatReferenceNumber(reference.referenceNo)}</a>`,
      ...(input.district
        ? []
        : [
            bi(
              input.districtNames.get(reference.districtCode) ?? {
                en: reference.districtCode,
                hi: reference.districtCode,
              },
            ),
          ]),
      bi(categoryName(input.categoryNames, reference.categoryCode)),
      outcome ? bi(outcome.label) : (reference.disposal?.outcome ?? ''),
      reference.disposal ? istDateTime(reference.disposal.disposedAt) : '',
      `${unreachableCalls(reference)} / ${FEEDBACK_CALL_MAX_TRIES}`,
    ];
  }),
  empty: { en: 'Nothing waiting for a call', hi: 'कॉल हेतु कुछ भी लंबित नहीं' },
})}`;
  const scope = scopeName(input.district);
  return page({
    title: { en: `Feedback calls, ${scope.en}`, hi: `फीडबैक कॉल, ${scope.hi}` },
    body,
    lang: input.language,
  });
}

/** The call form under one disposal's page: what the complainant said, or that nobody answered. */
export function feedbackCallActions(input: {
  reference: Reference;
  action: string;
  formToken: string;
  issues?: readonly FieldIssue[];
  message?: HtmlValue;
}): HtmlValue {
  const { reference } = input;
  const disposalNumber = reference.disposalCount ?? 1;
  const answered = reference.feedback?.disposalNumber === disposalNumber;
  const disposed = reference.status === 'resolved' || reference.status === 'closed';
  const tries = unreachableCalls(reference);
  const back = html`<p><a href="${input.action}">${bi({ en: 'Back to the list', hi: 'सूची पर वापस' })}</a></p>`;
  if (!disposed || answered || tries >= FEEDBACK_CALL_MAX_TRIES) {
    return html`${input.message ?? ''}${notice(
      bi(
        answered
          ? { en: 'Feedback on this disposal is recorded.', hi: 'इस निस्तारण पर फीडबैक दर्ज है।' }
          : disposed
            ? { en: 'No more calls are made about this disposal.', hi: 'इस निस्तारण पर और कॉल नहीं की जाती।' }
            : { en: 'This reference is not waiting for feedback.', hi: 'यह सन्दर्भ फीडबैक हेतु लंबित नहीं है।' },
      ),
    )}${disposalReport(reference)}${back}`;
  }
  return html`${input.message ?? ''}${disposalReport(reference)}
<section aria-labelledby="call-heading">
<h2 id="call-heading">${bi({ en: 'Record the call', hi: 'कॉल दर्ज करें' })}</h2>
${input.issues?.length ? notice(html`${input.issues.map((i) => html`<p>${bi(i.message)}</p>`)}`, 'danger') : ''}
<p>${bi({ en: `Calls not answered so far: ${tries} of ${FEEDBACK_CALL_MAX_TRIES}.`, hi: `अब तक अनुत्तरित कॉल: ${FEEDBACK_CALL_MAX_TRIES} में से ${tries}।` })}</p>
${form({
  action: input.action,
  formToken: input.formToken,
  body: html`${hiddenField('action', 'call')}${hiddenField('referenceNo', reference.referenceNo)}
${radioGroup({
  name: 'result',
  legend: { en: 'What did the call find?', hi: 'कॉल का परिणाम क्या रहा?' },
  choices: [
    { value: 'satisfied', label: { en: 'Complainant satisfied', hi: 'शिकायतकर्ता संतुष्ट' } },
    {
      value: 'not-satisfied',
      label: { en: 'Complainant not satisfied', hi: 'शिकायतकर्ता असंतुष्ट' },
      hint: {
        en: 'The reference reopens for the supervising officer.',
        hi: 'सन्दर्भ पर्यवेक्षण अधिकारी हेतु पुनः खुलेगा।',
      },
    },
    {
      value: 'unreachable',
      label: {
        en: 'Not reachable (no answer, switched off, wrong number)',
        hi: 'संपर्क नहीं हुआ (उत्तर नहीं, बंद, गलत नंबर)',
      },
    },
  ],
  required: true,
})}
${textArea({ name: 'comment', label: { en: "Complainant's words (optional)", hi: 'शिकायतकर्ता के शब्द (वैकल्पिक)' }, rows: 3, maxLength: 1000 })}
${submitButton({ en: 'Record', hi: 'दर्ज करें' })}`,
})}
</section>${back}`;
}

/**
 * One disposal to call about, with only what the call needs: whom to call (name, number, the
 * language to speak) and what to ask about (category, outcome, the station's findings and action
 * taken). Data minimisation: not the address, email or the complaint's own text, and not the
 * history with its officers' posts and internal remarks, which the station's and supervisor's pages
 * show.
 */
export function feedbackCallPage(input: {
  reference: Reference;
  category: Category | undefined;
  stationNames: ReadonlyMap<string, Bilingual>;
  language: Language;
  actions: HtmlValue;
}): string {
  const { reference } = input;
  const number = formatReferenceNumber(reference.referenceNo);
  const outcome = reference.disposal ? outcomeByCode(reference.disposal.outcome) : undefined;
  const station = reference.stationCode ? input.stationNames.get(reference.stationCode) : undefined;
  const body = html`
<section aria-labelledby="call-about">
<h2 id="call-about">${bi({ en: 'The disposal', hi: 'निस्तारण' })}</h2>
${definitionList([
  { term: { en: 'Reference number', hi: 'सन्दर्भ संख्या' }, value: number },
  {
    term: { en: 'Category', hi: 'श्रेणी' },
    value: input.category ? bi(input.category.name) : reference.categoryCode,
  },
  ...(station || reference.stationCode
    ? [{ term: { en: 'Station', hi: 'थाना' }, value: station ? bi(station) : (reference.stationCode ?? '') }]
    : []),
  { term: { en: 'Filed', hi: 'दर्ज' }, value: istDateTime(reference.createdAt) },
  {
    term: { en: 'Outcome', hi: 'परिणाम' },
    value: outcome ? bi(outcome.label) : (reference.disposal?.outcome ?? ''),
  },
  {
    term: { en: 'Disposed', hi: 'निस्तारित' },
    value: reference.disposal ? istDateTime(reference.disposal.disposedAt) : '',
  },
])}
</section>
<section aria-labelledby="whom-to-call">
<h2 id="whom-to-call">${bi({ en: 'Whom to call', hi: 'किसे कॉल करें' })}</h2>
${contactDetails(reference, 'call')}
${notice(bi({ en: 'Your viewing of these details is recorded in the history.', hi: 'इन विवरणों को देखना इतिहास में दर्ज होता है।' }))}
</section>
${input.actions}`;
  return page({
    title: { en: `Feedback call: ${number}`, hi: `फीडबैक कॉल: ${number}` },
    body,
    lang: input.language,
  });
}

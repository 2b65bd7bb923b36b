import type { Bilingual, Language } from '../../domain/language.ts';
import type { Category, District, Station } from '../../domain/masterdata/types.ts';
import { TRIAGE_REASON_TEXT } from '../../domain/notifications/templates.ts';
import { formatReferenceNumber } from '../../domain/reference/reference-number.ts';
import type { DueEntry, Reference } from '../../domain/reference/types.ts';
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
  selectField,
  submitButton,
  table,
  textArea,
  textField,
} from '../html/index.ts';
import { ACTION_TEXT, deadlineBadge, ROLE_TEXT, statusBadge } from './common.ts';

const name = (names: Map<string, Bilingual>, code: string | undefined) =>
  code ? bi(names.get(code) ?? { en: code, hi: code }) : html`—`;

function historyTable(reference: Reference, stationNames: Map<string, Bilingual>) {
  return table({
    caption: { en: 'History', hi: 'इतिहास' },
    columns: [
      { en: 'When (IST)', hi: 'कब (IST)' },
      { en: 'Who', hi: 'किसने' },
      { en: 'What', hi: 'क्या' },
      { en: 'Note', hi: 'टिप्पणी' },
    ],
    rows: reference.history.map((event) => [
      istDateTime(event.at),
      html`${bi(ROLE_TEXT[event.actor.role] ?? { en: event.actor.role, hi: event.actor.role })}${
        event.actor.stationCode ? html` (${name(stationNames, event.actor.stationCode)})` : ''
      }`,
      html`${bi(ACTION_TEXT[event.action] ?? { en: event.action, hi: event.action })}${
        event.details?.station ? html` → ${name(stationNames, String(event.details.station))}` : ''
      }${event.details?.toStation ? html` → ${name(stationNames, String(event.details.toStation))}` : ''}`,
      event.note ?? '',
    ]),
  });
}

export interface ReferencePageInput {
  reference: Reference;
  category?: Category;
  stationNames: Map<string, Bilingual>;
  now: Date;
  language: Language;
  /** Extra sections (the report form, the review form) that later steps add. */
  actions?: HtmlValue;
}

/** The reference as its station and supervisors see it: complaint, contact, deadline, history. */
/** Shown where a redacted reference's personal data was (shared/domain/retention). */
function redactedNotice(redaction: NonNullable<Reference['redaction']>) {
  const why: Bilingual =
    redaction.reason === 'erasure'
      ? { en: "erased on the complainant's request", hi: 'शिकायतकर्ता के अनुरोध पर मिटाया गया' }
      : { en: 'removed after the retention period', hi: 'प्रतिधारण अवधि के बाद हटाया गया' };
  return notice(
    bi({
      en: `Personal details ${why.en} on ${istDateTime(redaction.at)}.`,
      hi: `व्यक्तिगत विवरण ${istDateTime(redaction.at)} को ${why.hi}।`,
    }),
  );
}

export function referencePage(input: ReferencePageInput): string {
  const { reference, now } = input;
  const number = formatReferenceNumber(reference.referenceNo);
  const contact = reference.complainant;
  const body = html`
<section aria-labelledby="complaint">
<h2 id="complaint">${bi({ en: 'Complaint', hi: 'शिकायत' })}</h2>
${definitionList([
  { term: { en: 'Reference number', hi: 'सन्दर्भ संख्या' }, value: number },
  { term: { en: 'Status', hi: 'स्थिति' }, value: statusBadge(reference) },
  {
    term: { en: 'Category', hi: 'श्रेणी' },
    value: input.category ? bi(input.category.name) : reference.categoryCode,
  },
  { term: { en: 'Station', hi: 'थाना' }, value: name(input.stationNames, reference.stationCode) },
  { term: { en: 'Filed', hi: 'दर्ज' }, value: istDateTime(reference.createdAt) },
  {
    term: { en: 'Deadline', hi: 'अंतिम तिथि' },
    value: html`${istDateTime(reference.deadlineAt)} ${deadlineBadge(reference.deadlineAt, now)}`,
  },
  ...(reference.incidentDate
    ? [{ term: { en: 'Incident date', hi: 'घटना की तिथि' }, value: reference.incidentDate }]
    : []),
  ...(reference.possibleDuplicateOf
    ? [
        {
          term: { en: 'Possible duplicate of', hi: 'संभावित दोहराव' },
          value: formatReferenceNumber(reference.possibleDuplicateOf),
        },
      ]
    : []),
])}
<h3>${bi({ en: 'What the complainant wrote', hi: 'शिकायतकर्ता का विवरण' })}</h3>
${reference.redaction ? redactedNotice(reference.redaction) : html`<p class="complaint-text">${reference.description}</p>`}
</section>
<section aria-labelledby="contact">
<h2 id="contact">${bi({ en: 'Complainant', hi: 'शिकायतकर्ता' })}</h2>
${
  reference.redaction
    ? redactedNotice(reference.redaction)
    : definitionList([
        { term: { en: 'Name', hi: 'नाम' }, value: contact.name },
        ...(contact.mobile
          ? [
              {
                term: { en: 'Mobile', hi: 'मोबाइल' },
                value: html`<a href="tel:${contact.mobile}">${contact.mobile}</a>`,
              },
            ]
          : []),
        ...(contact.email ? [{ term: { en: 'Email', hi: 'ईमेल' }, value: contact.email }] : []),
        { term: { en: 'Address', hi: 'पता' }, value: contact.address },
        { term: { en: 'Language', hi: 'भाषा' }, value: contact.language === 'hi' ? 'हिन्दी' : 'English' },
      ])
}
${notice(bi({ en: 'Your viewing of these details is recorded in the history.', hi: 'इन विवरणों को देखना इतिहास में दर्ज होता है।' }))}
</section>
${input.actions ?? ''}
<section aria-labelledby="history-heading">
<h2 id="history-heading">${bi({ en: 'History', hi: 'इतिहास' })}</h2>
${historyTable(reference, input.stationNames)}
</section>`;
  return page({ title: { en: `Reference ${number}`, hi: `सन्दर्भ ${number}` }, body, lang: input.language });
}

export interface InboxRow {
  reference: Reference;
  link: string;
}

/** A station's pending references, earliest deadline (so overdue) first. */
export function stationInboxPage(input: {
  station: Station;
  rows: InboxRow[];
  now: Date;
  language: Language;
}): string {
  const body = html`
${table({
  caption: { en: 'Pending references, overdue first', hi: 'लंबित सन्दर्भ, अतिदेय पहले' },
  columns: [
    { en: 'Reference', hi: 'सन्दर्भ' },
    { en: 'Deadline', hi: 'अंतिम तिथि' },
    { en: 'Status', hi: 'स्थिति' },
    { en: 'Category', hi: 'श्रेणी' },
  ],
  rows: input.rows.map(({ reference, link }) => [
    html`<a href="${link}">${formatReferenceNumber(reference.referenceNo)}</a>`,
    html`${istDateTime(reference.deadlineAt)} ${deadlineBadge(reference.deadlineAt, input.now)}`,
    statusBadge(reference),
    reference.categoryCode,
  ]),
  empty: { en: 'Nothing pending', hi: 'कुछ भी लंबित नहीं' },
})}`;
  return page({
    title: { en: `Pending at ${input.station.name.en}`, hi: `${input.station.name.hi} पर लंबित` },
    body,
    lang: input.language,
  });
}

export interface CellPageInput {
  district: District;
  stations: Station[];
  triage: Reference[];
  dueSoon: DueEntry[];
  now: Date;
  language: Language;
  action: string;
  formToken: string;
  message?: HtmlValue;
}

const stationChoices = (stations: Station[]) =>
  stations
    .slice()
    .sort((a, b) => a.name.en.localeCompare(b.name.en))
    .map((s) => ({ value: s.code, label: s.name }));

function triageReason(reference: Reference): HtmlValue {
  const code = String(
    [...reference.history].reverse().find((e) => e.action === 'triaged')?.details?.reason ?? '',
  );
  return TRIAGE_REASON_TEXT[code] ? bi(TRIAGE_REASON_TEXT[code]) : code;
}

/** The district IGRS cell's desk: what to forward by hand, and what falls due in the next 48 hours. */
export function districtCellPage(input: CellPageInput): string {
  const stationNames = new Map(input.stations.map((s) => [s.code, s.name]));
  const assignForm = (reference: Reference) =>
    form({
      action: input.action,
      formToken: input.formToken,
      body: html`${hiddenField('action', 'assign')}${hiddenField('referenceNo', reference.referenceNo)}
${selectField({
  name: 'stationCode',
  id: `assign-${reference.referenceNo}`,
  label: { en: 'Assign to station', hi: 'थाने को आवंटित करें' },
  choices: stationChoices(input.stations),
  placeholder: { en: 'Choose a station', hi: 'थाना चुनें' },
  required: true,
})}
${submitButton({ en: 'Assign', hi: 'आवंटित करें' })}`,
    });
  const transferForm = (reference: DueEntry) =>
    form({
      action: input.action,
      formToken: input.formToken,
      body: html`${hiddenField('action', 'transfer')}${hiddenField('referenceNo', reference.referenceNo)}
${selectField({
  name: 'stationCode',
  id: `transfer-${reference.referenceNo}`,
  label: { en: 'Transfer to station', hi: 'थाने को स्थानांतरित करें' },
  choices: stationChoices(input.stations.filter((s) => s.code !== reference.stationCode)),
  placeholder: { en: 'Choose a station', hi: 'थाना चुनें' },
  required: true,
})}
${textArea({
  name: 'reason',
  id: `reason-${reference.referenceNo}`,
  label: { en: 'Reason for the transfer', hi: 'स्थानांतरण का कारण' },
  required: true,
  rows: 2,
  maxLength: 500,
})}
${submitButton({ en: 'Transfer (deadline unchanged)', hi: 'स्थानांतरित करें (अंतिम तिथि वही)' })}`,
    });
  const body = html`
${input.message ?? ''}
<section aria-labelledby="triage">
<h2 id="triage">${bi({ en: 'To forward by hand', hi: 'हाथ से अग्रसारित करने हेतु' })} (${input.triage.length})</h2>
${table({
  caption: { en: 'References routing could not place', hi: 'जिन सन्दर्भों का स्वतः अग्रसारण नहीं हो सका' },
  columns: [
    { en: 'Reference', hi: 'सन्दर्भ' },
    { en: 'Filed', hi: 'दर्ज' },
    { en: 'Why', hi: 'कारण' },
    { en: 'Where', hi: 'स्थान' },
    { en: 'Assign', hi: 'आवंटन' },
  ],
  rows: input.triage.map((reference) => [
    formatReferenceNumber(reference.referenceNo),
    istDateTime(reference.createdAt),
    triageReason(reference),
    [reference.location.locality, reference.location.pinCode, reference.location.stationCode]
      .filter(Boolean)
      .join(', '),
    assignForm(reference),
  ]),
  empty: { en: 'Nothing waiting', hi: 'कुछ भी प्रतीक्षारत नहीं' },
})}
</section>
<section aria-labelledby="due">
<h2 id="due">${bi({ en: 'Due in the next 48 hours', hi: 'अगले 48 घंटों में देय' })} (${input.dueSoon.length})</h2>
${table({
  caption: { en: 'Open references near their deadline', hi: 'अंतिम तिथि के निकट खुले सन्दर्भ' },
  columns: [
    { en: 'Reference', hi: 'सन्दर्भ' },
    { en: 'Station', hi: 'थाना' },
    { en: 'Deadline', hi: 'अंतिम तिथि' },
    { en: 'Transfer', hi: 'स्थानांतरण' },
  ],
  rows: input.dueSoon.map((reference) => [
    formatReferenceNumber(reference.referenceNo),
    name(stationNames, reference.stationCode),
    html`${istDateTime(reference.deadlineAt)} ${deadlineBadge(reference.deadlineAt, input.now)}`,
    reference.status === 'assigned' || reference.status === 'returned' ? transferForm(reference) : '',
  ]),
  empty: { en: 'Nothing due', hi: 'कुछ भी देय नहीं' },
})}
</section>
<section aria-labelledby="transfer-any">
<h2 id="transfer-any">${bi({ en: 'Transfer any reference of the district', hi: 'जनपद का कोई भी सन्दर्भ स्थानांतरित करें' })}</h2>
${form({
  action: input.action,
  formToken: input.formToken,
  body: html`${hiddenField('action', 'transfer')}
${textField({
  name: 'referenceNo',
  id: 'transfer-any-reference',
  label: { en: 'Reference number', hi: 'सन्दर्भ संख्या' },
  required: true,
  inputMode: 'numeric',
  maxLength: 14,
})}
${selectField({
  name: 'stationCode',
  id: 'transfer-any-station',
  label: { en: 'Transfer to station', hi: 'थाने को स्थानांतरित करें' },
  choices: stationChoices(input.stations),
  placeholder: { en: 'Choose a station', hi: 'थाना चुनें' },
  required: true,
})}
${textArea({
  name: 'reason',
  id: 'transfer-any-reason',
  label: { en: 'Reason for the transfer', hi: 'स्थानांतरण का कारण' },
  required: true,
  rows: 2,
  maxLength: 500,
})}
${submitButton({ en: 'Transfer (deadline unchanged)', hi: 'स्थानांतरित करें (अंतिम तिथि वही)' })}`,
})}
</section>`;
  return page({
    title: { en: `IGRS cell, ${input.district.name.en}`, hi: `आईजीआरएस प्रकोष्ठ, ${input.district.name.hi}` },
    body,
    lang: input.language,
  });
}

import type { Bilingual, Language } from '../../domain/language.ts';
import type { Category, District, Station } from '../../domain/masterdata/types.ts';
import { TRIAGE_REASON_TEXT } from '../../domain/notifications/templates.ts';
import type { UnitResult } from '../../domain/ranking/snapshot.ts';
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
  type SafeHtml,
  selectField,
  submitButton,
  table,
  textArea,
  textField,
} from '../html/index.ts';
import {
  ACTION_TEXT,
  ageInDays,
  CHANNEL_TEXT,
  categoryName,
  deadlineBadge,
  excerpt,
  ROLE_TEXT,
  statusBadge,
} from './common.ts';

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
      html`${event.note ?? ''}${event.details?.post ? html` (${String(event.details.post)})` : ''}${
        event.details?.operator ? html` (${String(event.details.operator)})` : ''
      }`,
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
export function redactedNotice(redaction: NonNullable<Reference['redaction']>) {
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

/**
 * Whom to reach, as an officer's page shows it (a redacted notice once the personal data is gone):
 * `all` for the station's and supervisors' page; `call` for the feedback operator, who needs only
 * the name, the number to dial and the language to speak, not the email or the address.
 */
export function contactDetails(reference: Reference, fields: 'all' | 'call'): SafeHtml {
  if (reference.redaction) return redactedNotice(reference.redaction);
  const contact = reference.complainant;
  return definitionList([
    { term: { en: 'Name', hi: 'नाम' }, value: contact.name },
    ...(contact.mobile
      ? [
          {
            term: { en: 'Mobile', hi: 'मोबाइल' },
            value: html`<a href="tel:${contact.mobile}">${contact.mobile}</a>`,
          },
        ]
      : []),
    ...(fields === 'all' && contact.email
      ? [{ term: { en: 'Email', hi: 'ईमेल' }, value: contact.email }]
      : []),
    ...(fields === 'all' ? [{ term: { en: 'Address', hi: 'पता' }, value: contact.address }] : []),
    { term: { en: 'Language', hi: 'भाषा' }, value: contact.language === 'hi' ? 'हिन्दी' : 'English' },
  ]);
}

export function referencePage(input: ReferencePageInput): string {
  const { reference, now } = input;
  const number = formatReferenceNumber(reference.referenceNo);
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
${contactDetails(reference, 'all')}
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
  categoryNames: ReadonlyMap<string, Bilingual>;
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
    bi(categoryName(input.categoryNames, reference.categoryCode)),
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
  categoryNames: ReadonlyMap<string, Bilingual>;
  triage: Reference[];
  dueSoon: DueEntry[];
  now: Date;
  language: Language;
  action: string;
  formToken: string;
  message?: HtmlValue;
}

const stationChoices = (stations: readonly Station[]) =>
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

/** The cell's own page for one reference of its district: `?ref=<number>` on its link. */
export const cellReferenceHref = (action: string, referenceNo: string) =>
  `${action}?ref=${encodeURIComponent(referenceNo)}`;

const daysText = (days: number): Bilingual =>
  days === 0 ? { en: 'Today', hi: 'आज' } : { en: `${days} days`, hi: `${days} दिन` };

/**
 * The district IGRS cell's desk: what to forward by hand (each with what it is about, where, how it
 * came, how long it has waited and why routing could not place it; each opens its full page, where
 * it is assigned), what falls due in the next 48 hours, and a way to transfer any reference.
 */
export function districtCellPage(input: CellPageInput): string {
  const stationNames = new Map(input.stations.map((s) => [s.code, s.name]));
  const body = html`
${input.message ?? ''}
<p><a href="${input.action}?view=district">${bi({ en: "Live view of the district: pending, due, defaulters and this month's provisional scores", hi: 'जनपद का वर्तमान दृश्य: लंबित, देय, डिफॉल्टर और इस माह के अनंतिम अंक' })}</a></p>
<section aria-labelledby="triage">
<h2 id="triage">${bi({ en: 'To forward by hand', hi: 'हाथ से अग्रसारित करने हेतु' })} (${input.triage.length})</h2>
${table({
  caption: { en: 'References routing could not place', hi: 'जिन सन्दर्भों का स्वतः अग्रसारण नहीं हो सका' },
  columns: [
    { en: 'Reference', hi: 'सन्दर्भ' },
    { en: 'Category', hi: 'श्रेणी' },
    { en: 'Complaint', hi: 'शिकायत' },
    { en: 'Place', hi: 'स्थान' },
    { en: 'Channel', hi: 'माध्यम' },
    { en: 'Waiting', hi: 'प्रतीक्षा' },
    { en: 'Why', hi: 'कारण' },
  ],
  rows: input.triage.map((reference) => [
    html`<a href="${cellReferenceHref(input.action, reference.referenceNo)}">${formatReferenceNumber(reference.referenceNo)}</a>`,
    bi(categoryName(input.categoryNames, reference.categoryCode)),
    excerpt(reference.description),
    [reference.location.locality, reference.location.pinCode ? `PIN ${reference.location.pinCode}` : '']
      .filter(Boolean)
      .join(', ') || '—',
    bi(CHANNEL_TEXT[reference.channel] ?? { en: reference.channel, hi: reference.channel }),
    html`${bi(daysText(ageInDays(reference.createdAt, input.now)))} (${istDateTime(reference.createdAt)})`,
    triageReason(reference),
  ]),
  empty: { en: 'Nothing waiting', hi: 'कुछ भी प्रतीक्षारत नहीं' },
})}
</section>
<section aria-labelledby="due">
<h2 id="due">${bi({ en: 'Due in the next 48 hours', hi: 'अगले 48 घंटों में देय' })} (${input.dueSoon.length})</h2>
${dueTable(input.dueSoon, { stationNames, categoryNames: input.categoryNames, now: input.now, action: input.action })}
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

/** Open references near or past their deadline, each linking to the cell's page for it. */
function dueTable(
  entries: readonly DueEntry[],
  ctx: {
    stationNames: Map<string, Bilingual>;
    categoryNames: ReadonlyMap<string, Bilingual>;
    now: Date;
    action: string;
    caption?: Bilingual;
  },
) {
  return table({
    caption: ctx.caption ?? { en: 'Open references near their deadline', hi: 'अंतिम तिथि के निकट खुले सन्दर्भ' },
    columns: [
      { en: 'Reference', hi: 'सन्दर्भ' },
      { en: 'Station', hi: 'थाना' },
      { en: 'Category', hi: 'श्रेणी' },
      { en: 'Deadline', hi: 'अंतिम तिथि' },
    ],
    rows: entries.map((reference) => [
      html`<a href="${cellReferenceHref(ctx.action, reference.referenceNo)}">${formatReferenceNumber(reference.referenceNo)}</a>`,
      reference.status === 'triage'
        ? bi({ en: 'District IGRS cell', hi: 'जनपद आईजीआरएस प्रकोष्ठ' })
        : name(ctx.stationNames, reference.stationCode),
      bi(categoryName(ctx.categoryNames, reference.categoryCode)),
      html`${istDateTime(reference.deadlineAt)} ${deadlineBadge(reference.deadlineAt, ctx.now)}`,
    ]),
    empty: { en: 'Nothing due', hi: 'कुछ भी देय नहीं' },
  });
}

const BASIS_TEXT: Record<string, Bilingual> = {
  'pin-code': { en: 'PIN code', hi: 'पिन कोड' },
  locality: { en: 'locality', hi: 'इलाका' },
  boundary: { en: 'position on the map', hi: 'मानचित्र पर स्थिति' },
};

/**
 * The cell's actions on one reference's page: assign a triaged one to a station chosen by name (the
 * stations its place points at first), or transfer one being investigated.
 */
export function cellReferenceActions(input: {
  reference: Reference;
  stations: readonly Station[];
  suggestions: readonly { stationCode: string; basis: readonly string[] }[];
  action: string;
  formToken: string;
  message?: HtmlValue;
}): HtmlValue {
  const { reference } = input;
  const byCode = new Map(input.stations.map((s) => [s.code, s]));
  const suggested = input.suggestions.flatMap((s) => {
    const station = byCode.get(s.stationCode);
    if (!station) return [];
    const basis = s.basis.map((b) => BASIS_TEXT[b] ?? { en: b, hi: b });
    return [
      {
        value: station.code,
        label: {
          en: `${station.name.en} (suggested: ${basis.map((b) => b.en).join(', ')})`,
          hi: `${station.name.hi} (सुझाव: ${basis.map((b) => b.hi).join(', ')})`,
        },
      },
    ];
  });
  const rest = stationChoices(
    input.stations.filter((s) => !input.suggestions.some((g) => g.stationCode === s.code)),
  );
  const back = html`<p><a href="${input.action}">${bi({ en: 'Back to the desk', hi: 'डेस्क पर वापस' })}</a></p>`;
  if (reference.status === 'triage' || reference.status === 'registered') {
    return html`${input.message ?? ''}<section aria-labelledby="assign-heading">
<h2 id="assign-heading">${bi({ en: 'Assign to a station', hi: 'थाने को आवंटित करें' })}</h2>
<p>${bi({ en: 'Why it is here:', hi: 'यहाँ क्यों है:' })} ${triageReason(reference)}</p>
${
  suggested.length
    ? html`<p>${bi({ en: 'Suggested from the place in the complaint:', hi: 'शिकायत के स्थान से सुझाव:' })} ${suggested.map((s, i) => html`${i ? ', ' : ''}<strong>${bi(byCode.get(s.value)!.name)}</strong>`)}</p>`
    : html`<p>${bi({ en: 'The place in the complaint points at no station; choose by reading it.', hi: 'शिकायत का स्थान किसी थाने से मेल नहीं खाता; पढ़कर चुनें।' })}</p>`
}
${form({
  action: input.action,
  formToken: input.formToken,
  body: html`${hiddenField('action', 'assign')}${hiddenField('referenceNo', reference.referenceNo)}${hiddenField('from', 'reference')}
${selectField({
  name: 'stationCode',
  id: 'assign-station',
  label: { en: 'Station', hi: 'थाना' },
  choices: [...suggested, ...rest],
  placeholder: { en: 'Choose a station', hi: 'थाना चुनें' },
  required: true,
})}
${submitButton({ en: 'Assign (the deadline starts now)', hi: 'आवंटित करें (अंतिम तिथि अभी से)' })}`,
})}
</section>${back}`;
  }
  if (reference.status === 'assigned' || reference.status === 'returned') {
    return html`${input.message ?? ''}<section aria-labelledby="transfer-heading">
<h2 id="transfer-heading">${bi({ en: 'Transfer to another station', hi: 'अन्य थाने को स्थानांतरित करें' })}</h2>
${form({
  action: input.action,
  formToken: input.formToken,
  body: html`${hiddenField('action', 'transfer')}${hiddenField('referenceNo', reference.referenceNo)}${hiddenField('from', 'reference')}
${selectField({
  name: 'stationCode',
  id: 'transfer-station',
  label: { en: 'Station', hi: 'थाना' },
  choices: [...suggested, ...rest].filter((c) => c.value !== reference.stationCode),
  placeholder: { en: 'Choose a station', hi: 'थाना चुनें' },
  required: true,
})}
${textArea({
  name: 'reason',
  id: 'transfer-reason',
  label: { en: 'Reason for the transfer', hi: 'स्थानांतरण का कारण' },
  required: true,
  rows: 2,
  maxLength: 500,
})}
${submitButton({ en: 'Transfer (deadline unchanged)', hi: 'स्थानांतरित करें (अंतिम तिथि वही)' })}`,
})}
</section>${back}`;
  }
  return html`${input.message ?? ''}${back}`;
}

export interface DistrictViewInput {
  district: District;
  stations: Station[];
  categoryNames: ReadonlyMap<string, Bilingual>;
  now: Date;
  pending: { stationCode: string | undefined; pending: number; dueSoon: number; defaulters: number }[];
  dueSoon: DueEntry[];
  defaulters: DueEntry[];
  provisional: {
    month: string;
    district: UnitResult | undefined;
    stations: UnitResult[];
    policy: { version: string; totalMarks: number; stations?: { totalMarks: number } };
  };
  action: string;
  language: Language;
}

const scoreText = (unit: UnitResult | undefined, total: number): HtmlValue => {
  if (unit?.score === null || unit?.score === undefined)
    return bi({ en: 'Not ranked: nothing measurable yet', hi: 'रैंक नहीं: अभी कुछ मापने योग्य नहीं' });
  const score = `${unit.score.toFixed(2)} / ${total}`;
  // Under a policy with a minimum volume the score is shown, and why it would not rank.
  return unit.notRanked
    ? html`${score} (${bi({ en: 'not ranked: too few references', hi: 'रैंक नहीं: बहुत कम सन्दर्भ' })})`
    : score;
};

/**
 * The SP office's live view of the district: pending by station, due within three days,
 * defaulters, and the month so far scored by the ranking engine, marked provisional throughout.
 */
export function districtViewPage(input: DistrictViewInput): string {
  const stationNames = new Map(input.stations.map((s) => [s.code, s.name]));
  const total = input.provisional.policy.totalMarks;
  // Stations are marked on their own scale where the policy gives them one (igrs-140-v2: 100).
  const stationTotal = input.provisional.policy.stations?.totalMarks ?? total;
  const unitName = (code: string | undefined) =>
    code
      ? name(stationNames, code)
      : bi({ en: 'District IGRS cell (triage)', hi: 'जनपद आईजीआरएस प्रकोष्ठ (ट्राइएज)' });
  const body = html`
<p><a href="${input.action}">${bi({ en: 'Back to the desk', hi: 'डेस्क पर वापस' })}</a></p>
<section aria-labelledby="pending-heading">
<h2 id="pending-heading">${bi({ en: 'Pending by station', hi: 'थानावार लंबित' })}</h2>
${table({
  caption: { en: 'Open references by the unit holding them', hi: 'खुले सन्दर्भ, जिस इकाई के पास हैं' },
  columns: [
    { en: 'Station', hi: 'थाना' },
    { en: 'Pending', hi: 'लंबित' },
    { en: 'Due within 3 days', hi: '3 दिनों में देय' },
    { en: 'Defaulters', hi: 'डिफॉल्टर' },
  ],
  rowHeaders: true,
  rows: input.pending.map((row) => [unitName(row.stationCode), row.pending, row.dueSoon, row.defaulters]),
})}
</section>
<section aria-labelledby="due-heading">
<h2 id="due-heading">${bi({ en: 'Due within 3 days', hi: '3 दिनों के भीतर देय' })} (${input.dueSoon.length})</h2>
${dueTable(input.dueSoon, { stationNames, categoryNames: input.categoryNames, now: input.now, action: input.action })}
</section>
<section aria-labelledby="defaulters-heading">
<h2 id="defaulters-heading">${bi({ en: 'Defaulters', hi: 'डिफॉल्टर' })} (${input.defaulters.length})</h2>
${dueTable(input.defaulters, {
  stationNames,
  categoryNames: input.categoryNames,
  now: input.now,
  action: input.action,
  caption: { en: 'Open references past their deadline', hi: 'अंतिम तिथि बीत चुके खुले सन्दर्भ' },
})}
</section>
<section aria-labelledby="provisional-heading">
<h2 id="provisional-heading">${bi({ en: `Provisional scores, ${input.provisional.month} so far`, hi: `अनंतिम अंक, ${input.provisional.month} अब तक` })}</h2>
${notice(bi({ en: `Provisional: computed now from the references filed this month so far, under policy ${input.provisional.policy.version}. Not the published ranking, which the state computes after the month ends; never stored.`, hi: `अनंतिम: इस माह अब तक दर्ज सन्दर्भों से अभी गणना, नीति ${input.provisional.policy.version} के अनुसार। यह प्रकाशित रैंकिंग नहीं है, जो माह समाप्ति के बाद राज्य स्तर पर बनती है; संग्रहीत नहीं की जाती।` }), 'warning')}
${definitionList([
  {
    term: {
      en: `${input.district.name.en} district, provisional score`,
      hi: `जनपद ${input.district.name.hi}, अनंतिम अंक`,
    },
    value: scoreText(input.provisional.district, total),
  },
])}
${table({
  caption: { en: 'Stations, provisional rank within the district', hi: 'थाने, जनपद में अनंतिम रैंक' },
  columns: [
    { en: 'Provisional rank', hi: 'अनंतिम रैंक' },
    { en: 'Station', hi: 'थाना' },
    { en: 'Provisional score', hi: 'अनंतिम अंक' },
    { en: 'References this month', hi: 'इस माह के सन्दर्भ' },
  ],
  rows: input.provisional.stations.map((unit) => [
    unit.districtRank ?? '—',
    bi(unit.name),
    scoreText(unit, stationTotal),
    unit.counts.references,
  ]),
})}
</section>`;
  return page({
    title: { en: `Live view, ${input.district.name.en}`, hi: `वर्तमान दृश्य, ${input.district.name.hi}` },
    body,
    lang: input.language,
  });
}

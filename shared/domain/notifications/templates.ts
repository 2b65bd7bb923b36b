import type { Language } from '../language.ts';
import { formatReferenceNumber } from '../reference/reference-number.ts';
import { formatIst } from '../time/ist.ts';

/** What one notification says, on each channel. SMS text must match its registered DLT template. */
export interface RenderedNotification {
  sms: { text: string; templateKey: string };
  email: { subject: string; text: string; html: string };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function htmlEmail(language: Language, title: string, paragraphs: string[]): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;line-height:1.5">
<h1 style="font-size:1.2em">${escapeHtml(title)}</h1>
${body}
</body></html>`;
}

export interface AcknowledgementInput {
  language: Language;
  referenceNo: string;
  deadlineAt: Date;
  trackUrl: string;
}

/** The acknowledgement a complainant gets once their complaint is registered. */
export function acknowledgement(input: AcknowledgementInput): RenderedNotification {
  const number = formatReferenceNumber(input.referenceNo);
  const deadline = formatIst(input.deadlineAt, input.language);
  if (input.language === 'hi') {
    const title = `शिकायत पंजीकृत: सन्दर्भ संख्या ${number}`;
    const paragraphs = [
      `आपकी शिकायत उत्तर प्रदेश पुलिस की जनसुनवाई (आईजीआरएस) पर दर्ज हो गई है। सन्दर्भ संख्या: ${number}।`,
      `इसे संबंधित थाने को भेजा जा रहा है। निस्तारण की समय-सीमा: ${deadline}।`,
      `स्थिति देखने के लिए यह लिंक खोलें: ${input.trackUrl} (यह लिंक केवल आपके लिए है; इसे साझा न करें)।`,
      'यह स्वचालित संदेश है; इसका उत्तर न दें।',
    ];
    return {
      sms: {
        templateKey: 'acknowledgement-hi',
        text: `आपकी शिकायत सन्दर्भ संख्या ${input.referenceNo} पर दर्ज है। समय-सीमा ${deadline}। स्थिति: ${input.trackUrl} -UP Police`,
      },
      email: { subject: title, text: paragraphs.join('\n\n'), html: htmlEmail('hi', title, paragraphs) },
    };
  }
  const title = `Complaint registered: reference number ${number}`;
  const paragraphs = [
    `Your complaint has been registered on Uttar Pradesh Police Jansunwai (IGRS). Reference number: ${number}.`,
    `It is being forwarded to the police station concerned. To be disposed of by: ${deadline}.`,
    `See its status at ${input.trackUrl} (this link is for you only; do not share it).`,
    'This is an automated message; please do not reply.',
  ];
  return {
    sms: {
      templateKey: 'acknowledgement-en',
      text: `Your complaint is registered, ref no ${input.referenceNo}. Due by ${deadline}. Track: ${input.trackUrl} -UP Police`,
    },
    email: { subject: title, text: paragraphs.join('\n\n'), html: htmlEmail('en', title, paragraphs) },
  };
}

/** Officers read both languages: Hindi first, then English, in one message. */
export function bilingualNotification(
  title: { en: string; hi: string },
  paragraphs: { en: string; hi: string }[],
  sms: { text: string; templateKey: string },
): RenderedNotification {
  const both = (pick: 'en' | 'hi') => paragraphs.map((p) => p[pick]);
  const subject = `${title.hi} / ${title.en}`;
  const text = [title.hi, ...both('hi'), '', '—', '', title.en, ...both('en')].join('\n\n');
  const html = `<!doctype html><html lang="hi"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif;line-height:1.5">
<h1 style="font-size:1.2em">${escapeHtml(title.hi)}</h1>
${both('hi')
  .map((p) => `<p>${escapeHtml(p)}</p>`)
  .join('\n')}
<hr>
<div lang="en"><h2 style="font-size:1.1em">${escapeHtml(title.en)}</h2>
${both('en')
  .map((p) => `<p>${escapeHtml(p)}</p>`)
  .join('\n')}</div>
</body></html>`;
  return { sms, email: { subject, text, html } };
}

export interface StationAssignedInput {
  referenceNo: string;
  stationName: { en: string; hi: string };
  categoryName: { en: string; hi: string };
  deadlineAt: Date;
  link: string;
  inboxLink: string;
  transferred: boolean;
}

/** To a station officer: a reference to act on, with the signed link that opens it. */
export function stationAssigned(input: StationAssignedInput): RenderedNotification {
  const number = formatReferenceNumber(input.referenceNo);
  const deadlineHi = formatIst(input.deadlineAt, 'hi');
  const deadlineEn = formatIst(input.deadlineAt, 'en');
  return bilingualNotification(
    {
      hi: `${input.transferred ? 'स्थानांतरित' : 'नया'} सन्दर्भ ${number}: ${input.stationName.hi}`,
      en: `${input.transferred ? 'Transferred' : 'New'} reference ${number}: ${input.stationName.en}`,
    },
    [
      {
        hi: `श्रेणी: ${input.categoryName.hi}। निस्तारण की अंतिम तिथि: ${deadlineHi}।`,
        en: `Category: ${input.categoryName.en}. To be disposed of by: ${deadlineEn}.`,
      },
      {
        hi: `शिकायतकर्ता से संपर्क करें और समय-सीमा से पहले जांच आख्या प्रस्तुत करें: ${input.link}`,
        en: `Contact the complainant and submit the action-taken report before the deadline: ${input.link}`,
      },
      {
        hi: `थाने के सभी लंबित सन्दर्भ: ${input.inboxLink}`,
        en: `All references pending at the station: ${input.inboxLink}`,
      },
      {
        hi: 'ये लिंक केवल आपके थाने के लिए हैं; इन्हें साझा न करें।',
        en: 'These links are for your station only; do not share them.',
      },
    ],
    {
      templateKey: 'station-assigned',
      text: `IGRS: सन्दर्भ ${input.referenceNo} ${input.stationName.hi} को। अंतिम तिथि ${deadlineHi}। ${input.link} -UP Police`,
    },
  );
}

export interface TriagedInput {
  referenceNo: string;
  districtName: { en: string; hi: string };
  reason: { en: string; hi: string };
  link: string;
}

/** To a district IGRS cell: a reference routing could not place. */
export function triaged(input: TriagedInput): RenderedNotification {
  const number = formatReferenceNumber(input.referenceNo);
  return bilingualNotification(
    {
      hi: `अग्रसारण हेतु सन्दर्भ ${number}: ${input.districtName.hi}`,
      en: `Reference ${number} needs forwarding: ${input.districtName.en}`,
    },
    [
      { hi: `कारण: ${input.reason.hi}`, en: `Reason: ${input.reason.en}` },
      {
        hi: `प्रकोष्ठ की सूची खोलकर इसे उचित थाने को आवंटित करें: ${input.link}`,
        en: `Open the cell's list and assign it to the right station: ${input.link}`,
      },
    ],
    {
      templateKey: 'triaged',
      text: `IGRS: सन्दर्भ ${input.referenceNo} अग्रसारण हेतु लंबित। ${input.link} -UP Police`,
    },
  );
}

export const TRIAGE_REASON_TEXT: Record<string, { en: string; hi: string }> = {
  'station-not-found': {
    en: 'the station named in the complaint no longer exists',
    hi: 'शिकायत में बताया गया थाना अब मौजूद नहीं है',
  },
  'no-unit-for-category': {
    en: 'the district has no unit for this category',
    hi: 'जनपद में इस श्रेणी की इकाई नहीं है',
  },
  'ambiguous-jurisdiction': {
    en: 'the place falls in more than one station area',
    hi: 'स्थान एक से अधिक थाना क्षेत्रों में आता है',
  },
  'no-jurisdiction-match': {
    en: 'no station area matches the place given',
    hi: 'दिए गए स्थान से कोई थाना क्षेत्र मेल नहीं खाता',
  },
};

/** One reference in an officers' digest. */
export interface DigestEntry {
  referenceNo: string;
  stationName?: { en: string; hi: string };
  categoryName: { en: string; hi: string };
  status: { en: string; hi: string };
  deadlineAt: Date;
  /** Opens the reference, when the recipient gets one link per reference. */
  link?: string;
}

export interface DigestInput {
  /** defaulter: marked by the hourly sweep; due: a station's next three days; near-defaulter: 48 hours. */
  kind: 'defaulter' | 'due' | 'near-defaulter';
  /** The station (due) or the district the list is about. */
  unitName: { en: string; hi: string };
  entries: DigestEntry[];
  /** How many the full list has: more than the entries when only the first are listed. */
  total: number;
  /** Opens the whole list: the station's inbox or the district cell's desk. */
  listLink?: string;
  /** Part n of m, when a backlog is split over several mails. */
  part?: { index: number; count: number };
}

const DIGEST_TEXT = {
  defaulter: {
    title: (n: number, u: { en: string; hi: string }) => ({
      hi: `डिफॉल्टर सन्दर्भ: ${n} (${u.hi})`,
      en: `Defaulters: ${n} reference${n === 1 ? '' : 's'} past the deadline (${u.en})`,
    }),
    intro: {
      hi: 'निम्न सन्दर्भ समय-सीमा में निस्तारित नहीं हुए और डिफॉल्टर चिह्नित किए गए हैं। शीघ्र निस्तारण सुनिश्चित करें।',
      en: 'These references were not disposed of by their deadline and have been marked defaulters. See that they are disposed of without further delay.',
    },
    sms: (n: number, u: { en: string; hi: string }) =>
      `IGRS: ${u.hi} के ${n} सन्दर्भ डिफॉल्टर चिह्नित। विवरण ईमेल में।`,
  },
  due: {
    title: (n: number, u: { en: string; hi: string }) => ({
      hi: `अगले 3 दिन में देय: ${n} सन्दर्भ (${u.hi})`,
      en: `Due in the next 3 days: ${n} reference${n === 1 ? '' : 's'} (${u.en})`,
    }),
    intro: {
      hi: 'इन सन्दर्भों की समय-सीमा अगले तीन दिनों में समाप्त हो रही है। समय से आख्या प्रस्तुत करें, अन्यथा ये डिफॉल्टर हो जाएंगे।',
      en: 'The deadline of these references falls in the next three days. Submit the reports in time, or they become defaulters.',
    },
    sms: (n: number, u: { en: string; hi: string }) => `IGRS: ${u.hi} के ${n} सन्दर्भों की समय-सीमा 3 दिन में।`,
  },
  'near-defaulter': {
    title: (n: number, u: { en: string; hi: string }) => ({
      hi: `48 घंटे में डिफॉल्टर होने वाले सन्दर्भ: ${n} (${u.hi})`,
      en: `Near defaulters: ${n} reference${n === 1 ? '' : 's'} due within 48 hours (${u.en})`,
    }),
    intro: {
      hi: 'यदि इन सन्दर्भों का निस्तारण 48 घंटे में नहीं हुआ तो ये डिफॉल्टर हो जाएंगे।',
      en: 'These references become defaulters unless disposed of within 48 hours.',
    },
    sms: (n: number, u: { en: string; hi: string }) =>
      `IGRS: ${u.hi} के ${n} सन्दर्भ 48 घंटे में डिफॉल्टर होंगे। विवरण ईमेल में।`,
  },
} as const;

/**
 * An officer's digest: one bilingual mail with the list as one table (headings in both languages),
 * and one SMS with the count. Each recipient gets one of these per run instead of a mail per reference.
 */
export function officerDigest(input: DigestInput): RenderedNotification {
  const text = DIGEST_TEXT[input.kind];
  const partTitle = input.part && input.part.count > 1 ? ` [${input.part.index}/${input.part.count}]` : '';
  const titleBoth = text.title(input.total, input.unitName);
  const title = { hi: `${titleBoth.hi}${partTitle}`, en: `${titleBoth.en}${partTitle}` };
  const more = input.total - input.entries.length;
  const closing: { en: string; hi: string }[] = [];
  if (more > 0) {
    closing.push({
      hi: `और ${more} सन्दर्भ${input.listLink ? `: पूरी सूची ${input.listLink}` : ''}`,
      en: `And ${more} more${input.listLink ? `: the whole list at ${input.listLink}` : ''}.`,
    });
  }
  if (input.listLink && more <= 0) {
    closing.push({ hi: `पूरी सूची: ${input.listLink}`, en: `The whole list: ${input.listLink}` });
  }
  closing.push({
    hi: 'ये लिंक केवल आपके पद के लिए हैं; इन्हें साझा न करें।',
    en: 'These links are for your post only; do not share them.',
  });
  const lines = input.entries.map((e, i) => {
    const station = e.stationName ? ` | ${e.stationName.hi} / ${e.stationName.en}` : '';
    const link = e.link ? ` | ${e.link}` : '';
    return `${i + 1}. ${formatReferenceNumber(e.referenceNo)}${station} | ${e.categoryName.hi} / ${e.categoryName.en} | ${e.status.hi} / ${e.status.en} | ${formatIst(e.deadlineAt, 'en')}${link}`;
  });
  const subject = `${title.hi} / ${title.en}`;
  const plain = [
    title.hi,
    text.intro.hi,
    title.en,
    text.intro.en,
    lines.join('\n'),
    ...closing.map((c) => `${c.hi}\n${c.en}`),
  ].join('\n\n');
  const cell = (s: string) => `<td style="border:1px solid #ccc;padding:4px">${s}</td>`;
  const head = (hi: string, en: string) =>
    `<th style="border:1px solid #ccc;padding:4px;text-align:left">${escapeHtml(hi)}<br><span lang="en">${escapeHtml(en)}</span></th>`;
  const rows = input.entries
    .map(
      (e, i) =>
        `<tr>${cell(String(i + 1))}${cell(
          e.link
            ? `<a href="${escapeHtml(e.link)}">${escapeHtml(formatReferenceNumber(e.referenceNo))}</a>`
            : escapeHtml(formatReferenceNumber(e.referenceNo)),
        )}${cell(e.stationName ? `${escapeHtml(e.stationName.hi)}<br>${escapeHtml(e.stationName.en)}` : '—')}${cell(
          `${escapeHtml(e.categoryName.hi)}<br>${escapeHtml(e.categoryName.en)}`,
        )}${cell(`${escapeHtml(e.status.hi)}<br>${escapeHtml(e.status.en)}`)}${cell(
          `${escapeHtml(formatIst(e.deadlineAt, 'hi'))}<br>${escapeHtml(formatIst(e.deadlineAt, 'en'))}`,
        )}</tr>`,
    )
    .join('\n');
  const html = `<!doctype html><html lang="hi"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif;line-height:1.5">
<h1 style="font-size:1.2em">${escapeHtml(title.hi)}</h1>
<p>${escapeHtml(text.intro.hi)}</p>
<div lang="en"><h2 style="font-size:1.1em">${escapeHtml(title.en)}</h2>
<p>${escapeHtml(text.intro.en)}</p></div>
<table style="border-collapse:collapse">
<thead><tr>${head('क्रम', 'No.')}${head('सन्दर्भ संख्या', 'Reference')}${head('थाना', 'Station')}${head('श्रेणी', 'Category')}${head('स्थिति', 'Status')}${head('अंतिम तिथि', 'Deadline')}</tr></thead>
<tbody>
${rows}
</tbody></table>
${closing.map((c) => `<p>${escapeHtml(c.hi)}<br><span lang="en">${escapeHtml(c.en)}</span></p>`).join('\n')}
</body></html>`;
  return {
    sms: {
      templateKey: `${input.kind}-digest`,
      text: `${text.sms(input.total, input.unitName)}${input.listLink ? ` ${input.listLink}` : ''} -UP Police`,
    },
    email: { subject, text: plain, html },
  };
}

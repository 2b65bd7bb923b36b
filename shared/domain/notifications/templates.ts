import type { Language } from '../../http/language.ts';
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
      `स्थिति देखने के लिए: ${input.trackUrl} (ट्रैकिंग कोड या पंजीकृत मोबाइल के अंतिम चार अंक दें)।`,
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
    `Track it at ${input.trackUrl} with your tracking secret or the last four digits of your registered mobile.`,
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
function bilingualNotification(
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

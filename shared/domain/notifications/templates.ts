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

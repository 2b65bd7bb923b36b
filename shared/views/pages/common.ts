import type { Bilingual } from '../../domain/language.ts';
import { STATUS_TEXT } from '../../domain/reference/public-view.ts';
import type { Reference } from '../../domain/reference/types.ts';
import { addIstDays, istDate } from '../../domain/time/ist.ts';
import { badge, type SafeHtml } from '../html/index.ts';

/** Whole IST days from today to the deadline's day: 0 is due today, negative is overdue. */
export function daysLeft(deadlineAt: string, now: Date): number {
  const today = istDate(now);
  const due = istDate(new Date(deadlineAt));
  let days = 0;
  if (due >= today) {
    for (let d = today; d < due; d = addIstDays(d, 1)) days++;
  } else {
    for (let d = due; d < today; d = addIstDays(d, 1)) days--;
  }
  return days;
}

export function deadlineBadge(deadlineAt: string, now: Date): SafeHtml {
  const days = daysLeft(deadlineAt, now);
  if (days < 0) return badge({ en: `Overdue by ${-days} days`, hi: `${-days} दिन से अतिदेय` }, 'danger');
  if (days === 0) return badge({ en: 'Due today', hi: 'आज अंतिम दिन' }, 'warning');
  if (days <= 2) return badge({ en: `${days} days left`, hi: `${days} दिन शेष` }, 'warning');
  return badge({ en: `${days} days left`, hi: `${days} दिन शेष` }, 'neutral');
}

export function statusBadge(reference: Reference): SafeHtml {
  return badge(
    STATUS_TEXT[reference.status],
    reference.status === 'resolved' || reference.status === 'closed' ? 'success' : 'info',
  );
}

/** Words for what happened, for officers (who see internal steps the public timeline hides). */
export const ACTION_TEXT: Record<string, Bilingual> = {
  registered: { en: 'Registered', hi: 'पंजीकृत' },
  'flagged-possible-duplicate': { en: 'Flagged as a possible duplicate', hi: 'संभावित दोहराव के रूप में चिह्नित' },
  routed: { en: 'Forwarded automatically', hi: 'स्वतः अग्रसारित' },
  triaged: { en: 'Sent to the district IGRS cell', hi: 'जनपद आईजीआरएस प्रकोष्ठ को भेजा गया' },
  assigned: { en: 'Assigned by the district IGRS cell', hi: 'जनपद आईजीआरएस प्रकोष्ठ द्वारा आवंटित' },
  transferred: { en: 'Transferred to another station', hi: 'अन्य थाने को स्थानांतरित' },
  'attachment-added': { en: 'File attached', hi: 'फ़ाइल संलग्न की गई' },
  'report-submitted': { en: 'Action-taken report submitted', hi: 'जांच आख्या प्रस्तुत' },
  returned: { en: 'Returned for re-investigation', hi: 'पुनः जांच हेतु वापस' },
  approved: { en: 'Approved and disposed', hi: 'स्वीकृत एवं निस्तारित' },
  'feedback-received': { en: "Complainant's feedback", hi: 'शिकायतकर्ता का फीडबैक' },
  reopened: { en: 'Reopened after feedback', hi: 'फीडबैक के बाद पुनः खोला गया' },
  'drawn-for-random-check': { en: 'Drawn for random check', hi: 'यादृच्छिक जांच हेतु चयनित' },
  'random-checked': { en: 'Random check recorded', hi: 'यादृच्छिक जांच दर्ज' },
  'contact-viewed': { en: "Complainant's contact details viewed", hi: 'शिकायतकर्ता का संपर्क विवरण देखा गया' },
  'marked-defaulter': { en: 'Marked defaulter: deadline passed', hi: 'डिफॉल्टर चिह्नित: समय-सीमा समाप्त' },
  'personal-data-redacted': { en: 'Personal details removed', hi: 'व्यक्तिगत विवरण हटाए गए' },
  'feedback-call-unreachable': {
    en: 'Feedback call: complainant not reachable',
    hi: 'फीडबैक कॉल: शिकायतकर्ता से संपर्क नहीं हुआ',
  },
};

export const ROLE_TEXT: Record<string, Bilingual> = {
  complainant: { en: 'Complainant', hi: 'शिकायतकर्ता' },
  system: { en: 'Nivaran', hi: 'निवारण' },
  'api-client': { en: 'Filing channel', hi: 'शिकायत माध्यम' },
  'station-officer': { en: 'Station officer', hi: 'थाना अधिकारी' },
  supervisor: { en: 'Supervising officer', hi: 'पर्यवेक्षण अधिकारी' },
  'district-cell': { en: 'District IGRS cell', hi: 'जनपद आईजीआरएस प्रकोष्ठ' },
  administrator: { en: 'Administrator', hi: 'प्रशासक' },
  'feedback-operator': { en: 'Feedback operator (call)', hi: 'फीडबैक ऑपरेटर (कॉल)' },
};

/** The channels a complaint comes through, as people call them. */
export const CHANNEL_TEXT: Record<string, Bilingual> = {
  portal: { en: 'Jansunwai portal', hi: 'जनसुनवाई पोर्टल' },
  'cm-helpline-1076': { en: 'CM helpline 1076', hi: 'मुख्यमंत्री हेल्पलाइन 1076' },
  'dm-jansunwai': { en: 'DM Jansunwai', hi: 'जिलाधिकारी जनसुनवाई' },
  'thana-samadhan-diwas': { en: 'Thana Samadhan Diwas', hi: 'थाना समाधान दिवस' },
  'cm-janata-darshan': { en: 'CM Janata Darshan', hi: 'मुख्यमंत्री जनता दर्शन' },
  'lokvani-csc': { en: 'Lokvani / CSC', hi: 'लोकवाणी / जन सेवा केंद्र' },
  'pg-portal': { en: 'PG portal (CPGRAMS)', hi: 'पीजी पोर्टल (CPGRAMS)' },
  open311: { en: 'Open311 client', hi: 'Open311 क्लाइंट' },
};

/** A category's name for people; its code only if master data no longer has it. */
export const categoryName = (names: ReadonlyMap<string, Bilingual>, code: string): Bilingual =>
  names.get(code) ?? { en: code, hi: code };

/** Whole IST days since an instant: how long a reference has waited. */
export function ageInDays(since: string, now: Date): number {
  return Math.max(0, -daysLeft(since, now));
}

/** The first `length` characters of a text, cut at a word where it can be, with an ellipsis. */
export function excerpt(text: string, length = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `${space > length * 0.6 ? cut.slice(0, space) : cut}…`;
}

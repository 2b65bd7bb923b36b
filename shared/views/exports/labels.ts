import type { Bilingual } from '../../domain/language.ts';
import type { CountKey } from '../../domain/ranking/counts.ts';
import type { Movement } from '../../domain/ranking/snapshot.ts';

/** What each raw count is called on a scorecard. */
export const COUNT_LABELS: Record<CountKey, Bilingual> = {
  references: { en: 'references filed', hi: 'प्राप्त सन्दर्भ' },
  due: { en: 'due', hi: 'देय' },
  disposed: { en: 'disposed', hi: 'निस्तारित' },
  onTime: { en: 'disposed on time', hi: 'समय पर निस्तारित' },
  late: { en: 'disposed late', hi: 'विलम्ब से निस्तारित' },
  pendingOverdue: { en: 'open past deadline', hi: 'समय-सीमा के बाद लंबित' },
  pendingNotDue: { en: 'open, not yet due', hi: 'लंबित, अभी देय नहीं' },
  defaulters: { en: 'defaulters', hi: 'डिफॉल्टर' },
  disposedOnce: { en: 'disposed at least once', hi: 'कम से कम एक बार निस्तारित' },
  graded: { en: 'graded', hi: 'श्रेणीकृत' },
  gradeA: { en: 'grade A', hi: "श्रेणी 'ए'" },
  gradeB: { en: 'grade B', hi: "श्रेणी 'बी'" },
  gradeC: { en: 'grade C', hi: "श्रेणी 'सी'" },
  contacted: { en: 'complainant contacted', hi: 'शिकायतकर्ता से सम्पर्क' },
  feedbackReceived: { en: 'feedback received', hi: 'प्राप्त फीडबैक' },
  satisfied: { en: 'satisfied', hi: 'संतुष्ट' },
  unsatisfied: { en: 'not satisfied', hi: 'असंतुष्ट' },
  reviewed: { en: 'reports reviewed', hi: 'समीक्षित आख्याएँ' },
  returned: { en: 'returned for re-investigation', hi: 'पुनः जांच हेतु वापस' },
  reopened: { en: 'reopened', hi: 'पुनः खोले गए' },
  randomChecked: { en: 'random re-checks', hi: 'रैंडम पुनः सत्यापन' },
  randomConfirmed: { en: 're-check confirmed', hi: 'पुष्टि हुई' },
  randomNotConfirmed: { en: 're-check not confirmed', hi: 'पुष्टि नहीं हुई' },
  priorityReferences: { en: 'CM helpline / janata darshan', hi: 'मुख्यमंत्री हेल्पलाइन / जनता दर्शन' },
  priorityDue: { en: 'CM helpline / janata darshan due', hi: 'मुख्यमंत्री हेल्पलाइन / जनता दर्शन देय' },
  priorityOnTime: {
    en: 'CM helpline / janata darshan on time',
    hi: 'मुख्यमंत्री हेल्पलाइन / जनता दर्शन समय पर',
  },
  resolved: { en: 'resolved', hi: 'समाधानित' },
  closed: { en: 'closed without redress', hi: 'बिना समाधान बंद' },
  feedbackByLink: { en: 'feedback by link', hi: 'लिंक से फीडबैक' },
  feedbackByCall: { en: 'feedback by call', hi: 'कॉल से फीडबैक' },
};

/** How a movement reads in words (never by colour or arrow alone). */
export function movementText(movement: Movement): Bilingual {
  switch (movement.status) {
    case 'up':
      return { en: `up ${movement.change}`, hi: `${movement.change} स्थान ऊपर` };
    case 'down':
      return { en: `down ${-(movement.change ?? 0)}`, hi: `${-(movement.change ?? 0)} स्थान नीचे` };
    case 'same':
      return { en: 'no change', hi: 'यथावत' };
    case 'new':
      return { en: 'new', hi: 'नया' };
    case 'unranked':
      return { en: 'not ranked', hi: 'रैंक नहीं' };
  }
}

const EN_ORDINAL = (n: number) => {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
};
const HI_ORDINAL: Record<number, string> = { 2: 'दूसरे', 3: 'तीसरे', 4: 'चौथे', 6: 'छठे' };

/** "second month in a row at rank 1", as the press notes say it; null below rank 1. */
export function streakText(streak: number): Bilingual | null {
  if (streak <= 0) return null;
  if (streak === 1) return { en: 'rank 1', hi: 'प्रथम स्थान' };
  return {
    en: `rank 1, ${EN_ORDINAL(streak)} month in a row`,
    hi: `लगातार ${HI_ORDINAL[streak] ?? `${streak}वें`} माह प्रथम स्थान`,
  };
}

/** 'October 2026' / 'अक्टूबर 2026'. */
export function monthName(month: string): Bilingual {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const instant = new Date(Date.UTC(year, m - 1, 15));
  const format = (locale: string) =>
    new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'Asia/Kolkata' }).format(
      instant,
    );
  return { en: format('en-IN'), hi: format('hi-IN') };
}

export const LEVEL_NAMES = {
  district: { en: 'Districts', hi: 'जनपद' },
  station: { en: 'Police stations', hi: 'थाने' },
} as const satisfies Record<string, Bilingual>;

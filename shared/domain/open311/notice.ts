import type { Language } from '../language.ts';
import { formatReferenceNumber } from '../reference/reference-number.ts';
import { formatIst } from '../time/ist.ts';

/**
 * The service_notice of a new request: what happens next, and how the complainant follows it. It
 * carries nothing secret: tracking needs the number and the registered mobile's last four digits.
 */
export function serviceNotice(referenceNo: string, deadlineAt: string, language: Language): string {
  const number = formatReferenceNumber(referenceNo);
  const deadline = formatIst(new Date(deadlineAt), language);
  return language === 'hi'
    ? `सन्दर्भ संख्या ${number} पर दर्ज। इसे संबंधित थाने को भेजा जा रहा है; निस्तारण की समय-सीमा ${deadline}। शिकायतकर्ता इस संख्या और पंजीकृत मोबाइल के अंतिम चार अंकों से स्थिति देख सकते हैं।`
    : `Registered as reference number ${number}. It is being forwarded to the police station concerned, to be disposed of by ${deadline}. The complainant can track it with this number and the last four digits of the registered mobile.`;
}

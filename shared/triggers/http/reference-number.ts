import { checkReferenceNumber } from '../../domain/reference/reference-number.ts';
import { HttpProblem } from './problem.ts';

/**
 * A reference number as a person typed it (spaces and hyphens allowed), or a 400
 * `invalid-reference-number` saying what is wrong: too few or too many digits, or a digit mistyped
 * (the check digit does not match). The API answers it as problem+json, the desks as a page.
 */
export function referenceNumberOrProblem(typed: string): string {
  const checked = checkReferenceNumber(typed);
  if (checked.ok) return checked.value;
  throw new HttpProblem(
    400,
    'invalid-reference-number',
    checked.problem === 'check-digit'
      ? {
          en: 'This reference number is mistyped: its check digit does not match. Please check every digit.',
          hi: 'यह सन्दर्भ संख्या गलत लिखी गई है: इसका जांच अंक मेल नहीं खाता। कृपया हर अंक जांचें।',
        }
      : { en: 'A reference number has 11 digits', hi: 'सन्दर्भ संख्या 11 अंकों की होती है' },
  );
}

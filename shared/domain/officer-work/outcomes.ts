import type { Bilingual } from '../language.ts';

/**
 * The outcomes a station may report, as data. `kind` decides how the disposal counts: `resolved`
 * when the grievance was redressed or the police acted on it, `closed` when the reference ends
 * without redress (a "special close"). Every outcome still needs the supervisor's approval.
 */
export interface Outcome {
  code: string;
  kind: 'resolved' | 'closed';
  label: Bilingual;
  /** The FIR number must be given with this outcome. */
  needsFirNumber?: boolean;
}

export const OUTCOMES: readonly Outcome[] = [
  {
    code: 'resolved',
    kind: 'resolved',
    label: { en: 'Grievance resolved', hi: 'शिकायत का समाधान किया गया' },
  },
  {
    code: 'fir-registered',
    kind: 'resolved',
    label: { en: 'FIR registered', hi: 'प्रथम सूचना रिपोर्ट (FIR) पंजीकृत' },
    needsFirNumber: true,
  },
  {
    code: 'ncr-registered',
    kind: 'resolved',
    label: { en: 'Non-cognisable report registered', hi: 'असंज्ञेय अपराध (NCR) पंजीकृत' },
  },
  { code: 'settled', kind: 'resolved', label: { en: 'Settled between the parties', hi: 'पक्षों में समझौता' } },
  {
    code: 'not-police-matter',
    kind: 'closed',
    label: { en: 'Not a police matter (special close)', hi: 'पुलिस से संबंधित नहीं (विशेष निस्तारण)' },
  },
  {
    code: 'false-complaint',
    kind: 'closed',
    label: { en: 'Complaint found false', hi: 'शिकायत असत्य पाई गई' },
  },
  {
    code: 'referred-elsewhere',
    kind: 'closed',
    label: { en: 'Referred to another department', hi: 'अन्य विभाग को संदर्भित' },
  },
  {
    code: 'sub-judice',
    kind: 'closed',
    label: { en: 'Matter is before a court', hi: 'मामला न्यायालय में विचाराधीन' },
  },
  {
    code: 'complainant-untraceable',
    kind: 'closed',
    label: { en: 'Complainant could not be traced', hi: 'शिकायतकर्ता का पता नहीं चल सका' },
  },
];

export const outcomeByCode = (code: string): Outcome | undefined => OUTCOMES.find((o) => o.code === code);

import { type ParameterDefinition, type ScoringPolicy, validatePolicy } from './policy.ts';

/**
 * The default policy, modelled on public reporting of UP's IGRS monthly ranking (the official
 * evaluation form is not public): 130 marks over 10 parameters, as in the Varanasi note "130 में 122
 * अंक" and the May 2023 reform to 10 parameters. Defaulters and 'C' grades cost marks; complainants
 * not contacted or not satisfied pull a unit down; CM helpline and CM janata darshan references are
 * followed separately.
 *
 * | id                | marks | formula (n ÷ d)                                          | nothing to measure when |
 * | ----------------- | ----- | -------------------------------------------------------- | ----------------------- |
 * | on-time-disposal  | 20    | 20 × onTime ÷ due                                        | due = 0                 |
 * | defaulters        | 15    | 15 × max(0, 1 − 4 × defaulters ÷ due)                    | due = 0                 |
 * | grades            | 20    | 20 × (A + 0.8 B + 0 C) ÷ graded                          | graded = 0              |
 * | contact           | 15    | 15 × contacted ÷ disposedOnce                            | disposedOnce = 0        |
 * | satisfaction      | 15    | 15 × satisfied ÷ feedbackReceived                        | feedbackReceived = 0    |
 * | feedback-coverage | 10    | 10 × min(1, (feedbackReceived ÷ disposedOnce) ÷ 0.8)     | disposedOnce = 0        |
 * | returns           | 10    | 10 × max(0, 1 − 2 × returned ÷ reviewed)                 | reviewed = 0            |
 * | reopened          | 10    | 10 × max(0, 1 − 2 × reopened ÷ disposedOnce)             | disposedOnce = 0        |
 * | random-check      | 5     | max(0, 5 − 2.5 × randomNotConfirmed)                     | randomChecked = 0       |
 * | priority-channels | 10    | 10 × priorityOnTime ÷ priorityDue                        | priorityDue = 0         |
 *
 * Nothing to measure: every parameter is 'not applicable' and left out of the unit's maximum; the
 * score is earned ÷ measurable maximum × 130 (see `emptyRule`). Ties: scores rounded to 2 decimals,
 * standard competition ranking (1, 1, 3).
 *
 * Resolved and closed disposals are counted apart and shown on every scorecard, but score alike:
 * marking "closed" down would push stations to call a false complaint redressed.
 */
export const DEFAULT_POLICY: ScoringPolicy = validatePolicy({
  version: 'igrs-130-v1',
  effectiveFrom: '2023-05',
  name: { en: 'IGRS-style monthly evaluation, 130 marks', hi: 'आईजीआरएस मासिक मूल्यांकन, 130 अंक' },
  totalMarks: 130,
  priorityChannels: ['cm-helpline-1076', 'cm-janata-darshan'],
  emptyRule: {
    en: "A parameter with nothing to measure (its denominator is zero) is 'not applicable' and left out: the unit's score is the marks earned ÷ the maximum of the parameters that could be measured × 130. A zero would punish a station for, say, having no feedback yet, which is not its failure; full marks would reward having nothing to do. A unit with nothing measurable at all is listed as 'not ranked'.",
    hi: "जिस बिन्दु पर मापने को कुछ नहीं है (हर शून्य है) वह 'लागू नहीं' माना जाता है और छोड़ दिया जाता है: इकाई का स्कोर = प्राप्त अंक ÷ मापे जा सकने वाले बिन्दुओं के अधिकतम अंक × 130। शून्य देना उस कमी का दण्ड होता जो थाने की नहीं है (जैसे अभी फीडबैक न आना); पूर्ण अंक देना कार्य न होने का पुरस्कार होता। जिस इकाई पर कुछ भी मापने योग्य नहीं, वह 'रैंक नहीं' दिखाई जाती है।",
  },
  ties: {
    decimals: 2,
    rule: {
      en: 'Scores are compared rounded to 2 decimals; equal scores share a rank and the next rank skips (1, 1, 3): standard competition ranking, as IGRS publishes (20 districts at rank 1, the next 21st).',
      hi: 'स्कोर 2 दशमलव तक पूर्णांकित कर तुलना किए जाते हैं; समान स्कोर एक ही रैंक साझा करते हैं और अगली रैंक छूट जाती है (1, 1, 3), जैसा आईजीआरएस में (20 जनपद प्रथम, अगला 21वाँ)।',
    },
  },
  parameters: [
    {
      id: 'on-time-disposal',
      name: { en: 'Disposal within the deadline', hi: 'समय-सीमा के भीतर निस्तारण' },
      formula: {
        en: 'marks = 20 × references disposed within the deadline ÷ references due (due: disposed by the cut-off, or open past the deadline)',
        hi: 'अंक = 20 × समय-सीमा में निस्तारित सन्दर्भ ÷ देय सन्दर्भ (देय: कट-ऑफ तक निस्तारित, या समय-सीमा बीतने पर भी लंबित)',
      },
      maxMarks: 20,
      measure: { kind: 'share', numerator: 'onTime', denominator: 'due' },
      whenEmpty: {
        rule: 'not-applicable',
        when: {
          en: 'no reference was due by the cut-off (all still within their time limit)',
          hi: 'कट-ऑफ तक कोई सन्दर्भ देय नहीं था (सभी समय-सीमा के भीतर लंबित)',
        },
      },
      deduction: {
        en: '{shortfall} of {due} due references were not disposed within the deadline ({percent}% on time): −{lost} marks',
        hi: '{due} देय सन्दर्भों में से {shortfall} का निस्तारण समय-सीमा में नहीं हुआ ({percent}% समय पर): −{lost} अंक',
      },
    },
    {
      id: 'defaulters',
      name: { en: 'Defaulters', hi: 'डिफॉल्टर सन्दर्भ' },
      formula: {
        en: 'marks = 15 × max(0, 1 − 4 × defaulters ÷ references due): each 1% of due references that became defaulters costs 4% of the marks; 25% or more scores 0',
        hi: 'अंक = 15 × max(0, 1 − 4 × डिफॉल्टर ÷ देय सन्दर्भ): देय सन्दर्भों में प्रत्येक 1% डिफॉल्टर पर 4% अंक कटते हैं; 25% या अधिक पर 0',
      },
      maxMarks: 15,
      measure: { kind: 'deduction-by-share', numerator: 'defaulters', denominator: 'due', factor: 4 },
      whenEmpty: {
        rule: 'not-applicable',
        when: { en: 'no reference was due by the cut-off', hi: 'कट-ऑफ तक कोई सन्दर्भ देय नहीं था' },
      },
      deduction: {
        en: '{defaulters} of {due} due references became defaulters ({percent}%): −{lost} marks',
        hi: '{due} देय सन्दर्भों में से {defaulters} डिफॉल्टर हुए ({percent}%): −{lost} अंक',
      },
    },
    {
      id: 'grades',
      name: { en: "Supervisors' quality grades", hi: 'पर्यवेक्षण अधिकारियों की गुणवत्ता श्रेणी' },
      formula: {
        en: 'marks = 20 × (A + 0.8 × B + 0 × C) ÷ graded disposals: an A earns full credit, a B 80%, a C nothing',
        hi: "अंक = 20 × (A + 0.8 × B + 0 × C) ÷ श्रेणीकृत निस्तारण: 'ए' पर पूर्ण, 'बी' पर 80%, 'सी' पर शून्य",
      },
      maxMarks: 20,
      measure: { kind: 'weighted', weights: { gradeA: 1, gradeB: 0.8, gradeC: 0 }, denominator: 'graded' },
      whenEmpty: {
        rule: 'not-applicable',
        when: { en: 'no disposal was graded', hi: 'किसी निस्तारण को श्रेणी नहीं दी गई' },
      },
      deduction: {
        en: '{gradeC} C and {gradeB} B grades among {graded} graded disposals ({gradeA} A): −{lost} marks',
        hi: "{graded} श्रेणीकृत निस्तारणों में {gradeC} 'सी' व {gradeB} 'बी' श्रेणी ({gradeA} 'ए'): −{lost} अंक",
      },
    },
    {
      id: 'contact',
      name: { en: 'Complainant contacted before disposal', hi: 'निस्तारण से पूर्व शिकायतकर्ता से सम्पर्क' },
      formula: {
        en: 'marks = 15 × references whose report records contact with the complainant ÷ references disposed at least once',
        hi: 'अंक = 15 × वे सन्दर्भ जिनकी आख्या में शिकायतकर्ता से सम्पर्क दर्ज है ÷ कम से कम एक बार निस्तारित सन्दर्भ',
      },
      maxMarks: 15,
      measure: { kind: 'share', numerator: 'contacted', denominator: 'disposedOnce' },
      whenEmpty: {
        rule: 'not-applicable',
        when: { en: 'nothing was disposed', hi: 'कोई निस्तारण नहीं हुआ' },
      },
      deduction: {
        en: '{shortfall} of {disposedOnce} disposals were made without contacting the complainant first: −{lost} marks',
        hi: '{disposedOnce} निस्तारणों में से {shortfall} में शिकायतकर्ता से पहले सम्पर्क नहीं किया गया: −{lost} अंक',
      },
    },
    {
      id: 'satisfaction',
      name: { en: 'Complainant satisfaction', hi: 'शिकायतकर्ता की संतुष्टि' },
      formula: {
        en: 'marks = 15 × satisfied complainants ÷ feedback received',
        hi: 'अंक = 15 × संतुष्ट शिकायतकर्ता ÷ प्राप्त फीडबैक',
      },
      maxMarks: 15,
      measure: { kind: 'share', numerator: 'satisfied', denominator: 'feedbackReceived' },
      whenEmpty: {
        rule: 'not-applicable',
        when: { en: 'no complainant had given feedback', hi: 'किसी शिकायतकर्ता का फीडबैक प्राप्त नहीं हुआ' },
      },
      deduction: {
        en: '{unsatisfied} of {feedbackReceived} complainants who answered were not satisfied: −{lost} marks',
        hi: 'फीडबैक देने वाले {feedbackReceived} शिकायतकर्ताओं में से {unsatisfied} असंतुष्ट: −{lost} अंक',
      },
    },
    {
      id: 'feedback-coverage',
      name: { en: 'Feedback coverage', hi: 'फीडबैक कवरेज' },
      formula: {
        en: 'marks = 10 × min(1, (feedback received ÷ references disposed at least once) ÷ 0.8): full marks from 80%, because some complainants cannot be reached',
        hi: 'अंक = 10 × min(1, (प्राप्त फीडबैक ÷ निस्तारित सन्दर्भ) ÷ 0.8): 80% पर पूर्ण अंक, क्योंकि कुछ शिकायतकर्ताओं से सम्पर्क नहीं हो पाता',
      },
      maxMarks: 10,
      measure: { kind: 'share', numerator: 'feedbackReceived', denominator: 'disposedOnce', fullAt: 0.8 },
      whenEmpty: {
        rule: 'not-applicable',
        when: { en: 'nothing was disposed', hi: 'कोई निस्तारण नहीं हुआ' },
      },
      deduction: {
        en: 'feedback from {feedbackReceived} of {disposedOnce} disposed references ({percent}%; full marks from 80%): −{lost} marks',
        hi: '{disposedOnce} निस्तारित सन्दर्भों में से {feedbackReceived} पर फीडबैक ({percent}%; 80% पर पूर्ण अंक): −{lost} अंक',
      },
    },
    {
      id: 'returns',
      name: { en: 'Returned for re-investigation', hi: 'पुनः जांच हेतु वापस' },
      formula: {
        en: 'marks = 10 × max(0, 1 − 2 × references sent back ÷ references whose report was reviewed): half or more sent back scores 0',
        hi: 'अंक = 10 × max(0, 1 − 2 × वापस किए गए सन्दर्भ ÷ समीक्षित आख्या वाले सन्दर्भ): आधे या अधिक वापस होने पर 0',
      },
      maxMarks: 10,
      measure: { kind: 'deduction-by-share', numerator: 'returned', denominator: 'reviewed', factor: 2 },
      whenEmpty: {
        rule: 'not-applicable',
        when: { en: 'no report was reviewed', hi: 'किसी आख्या की समीक्षा नहीं हुई' },
      },
      deduction: {
        en: '{returned} of {reviewed} reviewed reports were sent back for re-investigation ({percent}%): −{lost} marks',
        hi: '{reviewed} समीक्षित आख्याओं में से {returned} पुनः जांच हेतु वापस ({percent}%): −{lost} अंक',
      },
    },
    {
      id: 'reopened',
      name: { en: 'Reopened after feedback', hi: 'फीडबैक के बाद पुनः खोले गए' },
      formula: {
        en: 'marks = 10 × max(0, 1 − 2 × references reopened ÷ references disposed at least once)',
        hi: 'अंक = 10 × max(0, 1 − 2 × पुनः खोले गए सन्दर्भ ÷ कम से कम एक बार निस्तारित सन्दर्भ)',
      },
      maxMarks: 10,
      measure: { kind: 'deduction-by-share', numerator: 'reopened', denominator: 'disposedOnce', factor: 2 },
      whenEmpty: {
        rule: 'not-applicable',
        when: { en: 'nothing was disposed', hi: 'कोई निस्तारण नहीं हुआ' },
      },
      deduction: {
        en: "{reopened} of {disposedOnce} disposed references were reopened on the complainant's dissatisfaction ({percent}%): −{lost} marks",
        hi: '{disposedOnce} निस्तारित सन्दर्भों में से {reopened} शिकायतकर्ता की असंतुष्टि पर पुनः खोले गए ({percent}%): −{lost} अंक',
      },
    },
    {
      id: 'random-check',
      name: { en: 'Random re-checks', hi: 'रैंडम पुनः सत्यापन' },
      formula: {
        en: 'marks = max(0, 5 − 2.5 × re-checks that did not confirm the disposal): the sample is small (a few a day statewide), so each failure costs a fixed 2.5 marks',
        hi: 'अंक = max(0, 5 − 2.5 × पुष्टि न करने वाले पुनः सत्यापन): नमूना छोटा है (पूरे प्रदेश में प्रतिदिन कुछ), अतः प्रत्येक पर 2.5 अंक कटते हैं',
      },
      maxMarks: 5,
      measure: {
        kind: 'deduction-per-count',
        numerator: 'randomNotConfirmed',
        denominator: 'randomChecked',
        perCount: 2.5,
      },
      whenEmpty: {
        rule: 'not-applicable',
        when: { en: 'no random re-check was completed', hi: 'कोई रैंडम पुनः सत्यापन पूरा नहीं हुआ' },
      },
      deduction: {
        en: '{randomNotConfirmed} of {randomChecked} random re-checks did not confirm the disposal: −{lost} marks',
        hi: '{randomChecked} रैंडम पुनः सत्यापनों में से {randomNotConfirmed} में निस्तारण की पुष्टि नहीं हुई: −{lost} अंक',
      },
    },
    {
      id: 'priority-channels',
      name: {
        en: 'CM helpline and CM janata darshan references on time',
        hi: 'मुख्यमंत्री हेल्पलाइन व जनता दर्शन के सन्दर्भ समय पर',
      },
      formula: {
        en: 'marks = 10 × priority-channel references disposed within the deadline ÷ priority-channel references due (CM helpline 1076, CM janata darshan)',
        hi: 'अंक = 10 × प्राथमिक माध्यमों के समय पर निस्तारित सन्दर्भ ÷ प्राथमिक माध्यमों के देय सन्दर्भ (मुख्यमंत्री हेल्पलाइन 1076, मुख्यमंत्री जनता दर्शन)',
      },
      maxMarks: 10,
      measure: { kind: 'share', numerator: 'priorityOnTime', denominator: 'priorityDue' },
      whenEmpty: {
        rule: 'not-applicable',
        when: {
          en: 'no CM helpline or CM janata darshan reference was due',
          hi: 'मुख्यमंत्री हेल्पलाइन या जनता दर्शन का कोई सन्दर्भ देय नहीं था',
        },
      },
      deduction: {
        en: '{shortfall} of {priorityDue} due CM helpline / janata darshan references were not disposed on time: −{lost} marks',
        hi: 'मुख्यमंत्री हेल्पलाइन/जनता दर्शन के {priorityDue} देय सन्दर्भों में से {shortfall} समय पर निस्तारित नहीं: −{lost} अंक',
      },
    },
  ],
});

const V1 = (id: string): ParameterDefinition => {
  const parameter = DEFAULT_POLICY.parameters.find((p) => p.id === id);
  if (!parameter) throw new Error(`igrs-130-v1 has no parameter ${id}`);
  return parameter;
};

/** A v1 parameter on another number of marks: its formula's marks say so. */
function reweighed(id: string, maxMarks: number): ParameterDefinition {
  const parameter = V1(id);
  const marks = new RegExp(`(= (?:max\\(0, )?)${parameter.maxMarks}\\b`);
  return {
    ...parameter,
    maxMarks,
    formula: {
      en: parameter.formula.en.replace(marks, `$1${maxMarks}`),
      hi: parameter.formula.hi.replace(marks, `$1${maxMarks}`),
    },
  };
}

/** Satisfaction, with feedback by link and by call on the scorecard; both count alike. */
function satisfaction(maxMarks: number): ParameterDefinition {
  return {
    ...reweighed('satisfaction', maxMarks),
    formula: {
      en: `marks = ${maxMarks} × satisfied complainants ÷ feedback received (by signed link or by the feedback desk's call: both count alike)`,
      hi: `अंक = ${maxMarks} × संतुष्ट शिकायतकर्ता ÷ प्राप्त फीडबैक (लिंक से या फीडबैक डेस्क की कॉल से: दोनों समान गिने जाते हैं)`,
    },
    deduction: {
      en: '{unsatisfied} of {feedbackReceived} complainants who answered ({feedbackByLink} by link, {feedbackByCall} by call) were not satisfied: −{lost} marks',
      hi: 'फीडबैक देने वाले {feedbackReceived} शिकायतकर्ताओं ({feedbackByLink} लिंक से, {feedbackByCall} कॉल से) में से {unsatisfied} असंतुष्ट: −{lost} अंक',
    },
  };
}

/** Due references that stand disposed at the cut-off (not reopened, not pending). */
function disposalRate(maxMarks: number): ParameterDefinition {
  return {
    id: 'disposal-rate',
    name: { en: 'Due references disposed', hi: 'देय सन्दर्भों का निस्तारण' },
    formula: {
      en: `marks = ${maxMarks} × references disposed at the cut-off ÷ references due`,
      hi: `अंक = ${maxMarks} × कट-ऑफ पर निस्तारित सन्दर्भ ÷ देय सन्दर्भ`,
    },
    maxMarks,
    measure: { kind: 'share', numerator: 'disposed', denominator: 'due' },
    whenEmpty: {
      rule: 'not-applicable',
      when: { en: 'no reference was due by the cut-off', hi: 'कट-ऑफ तक कोई सन्दर्भ देय नहीं था' },
    },
    deduction: {
      en: '{disposed} of {due} due references stand disposed ({percent}%): −{lost} marks',
      hi: '{due} देय सन्दर्भों में से {disposed} निस्तारित ({percent}%): −{lost} अंक',
    },
  };
}

const emptyRuleOn = (marks: number, stationMarks: number) => ({
  en: `A parameter with nothing to measure (its denominator is zero) is 'not applicable' and left out: the unit's score is the marks earned ÷ the maximum of the parameters that could be measured × ${marks} (stations: × ${stationMarks}). A zero would punish a unit for, say, having no feedback yet; full marks would reward having nothing to do. A unit with nothing measurable is 'not ranked'.`,
  hi: `जिस बिन्दु पर मापने को कुछ नहीं है (हर शून्य है) वह 'लागू नहीं' माना जाता है और छोड़ दिया जाता है: इकाई का स्कोर = प्राप्त अंक ÷ मापे जा सकने वाले बिन्दुओं के अधिकतम अंक × ${marks} (थाने: × ${stationMarks})। शून्य देना उस कमी का दण्ड होता जो इकाई की नहीं है; पूर्ण अंक देना कार्य न होने का पुरस्कार होता। जिस इकाई पर कुछ भी मापने योग्य नहीं, वह 'रैंक नहीं' दिखाई जाती है।`,
});

/**
 * igrs-140-v2, from November 2026: what public reporting says the scheme is today, and a ranking
 * that small numbers cannot game (issue 16).
 *
 * - Districts on 140 marks over 11 parameters: v1's ten and the share of due references disposed.
 * - Stations on their own 100 marks over 11 parameters (UP police HQ ranks thanas on 100 marks
 *   over 11 parameters): the same measures, weighted for a station's work.
 * - A station with fewer than 5 references in the month, or a district with fewer than 20, is
 *   listed "not ranked: too few references" with its scorecard: one reference disposed on time
 *   scores full marks, so small numbers would otherwise rank first (73 stations at 130/130 in the
 *   demo month under v1, many with 1 to 5 references).
 * - Stations are ranked within volume groups of the month, as CPGRAMS groups units by volume:
 *   40 or more references, 15 to 39, 5 to 14. Districts are ranked together, as IGRS publishes them.
 * - A defaulter is charged to the unit that held the reference when the sweep flagged it: the
 *   district cell (so the district only) while in triage, else that station.
 * - Feedback by signed link and by telephone count alike; the scorecard keeps both counts.
 *
 * A month already ranked keeps the policy it was published under (run-monthly-ranking.ts).
 */
export const POLICY_V2: ScoringPolicy = validatePolicy({
  version: 'igrs-140-v2',
  effectiveFrom: '2026-11',
  name: {
    en: 'IGRS-style monthly evaluation, 140 marks (stations 100, ranked within volume groups)',
    hi: 'आईजीआरएस मासिक मूल्यांकन, 140 अंक (थाने 100 अंक, मात्रा-समूहों में रैंक)',
  },
  totalMarks: 140,
  priorityChannels: DEFAULT_POLICY.priorityChannels,
  emptyRule: emptyRuleOn(140, 100),
  ties: DEFAULT_POLICY.ties,
  parameters: [
    V1('on-time-disposal'),
    V1('defaulters'),
    V1('grades'),
    V1('contact'),
    satisfaction(15),
    V1('feedback-coverage'),
    V1('returns'),
    V1('reopened'),
    V1('random-check'),
    V1('priority-channels'),
    disposalRate(10),
  ],
  stations: {
    name: { en: 'Police station evaluation, 100 marks', hi: 'थाना मूल्यांकन, 100 अंक' },
    totalMarks: 100,
    parameters: [
      reweighed('on-time-disposal', 15),
      reweighed('defaulters', 15),
      reweighed('grades', 10),
      reweighed('contact', 10),
      satisfaction(10),
      reweighed('feedback-coverage', 5),
      reweighed('returns', 10),
      reweighed('reopened', 5),
      V1('random-check'),
      reweighed('priority-channels', 5),
      disposalRate(10),
    ],
  },
  ranking: {
    district: {
      minimumReferences: 20,
      groups: [{ id: 'all', name: { en: 'All districts', hi: 'सभी जनपद' }, min: 0 }],
    },
    station: {
      minimumReferences: 5,
      groups: [
        { id: 'large', name: { en: '40 or more references', hi: '40 या अधिक सन्दर्भ' }, min: 40 },
        { id: 'medium', name: { en: '15 to 39 references', hi: '15 से 39 सन्दर्भ' }, min: 15, max: 39 },
        { id: 'small', name: { en: '5 to 14 references', hi: '5 से 14 सन्दर्भ' }, min: 5, max: 14 },
      ],
    },
    rule: {
      en: 'A station with fewer than 5 references filed in the month, or a district with fewer than 20, is not ranked: too few references to judge (one reference disposed on time would score full marks). Its scorecard is still shown. Stations are ranked within the volume group of their month (40 or more, 15 to 39, 5 to 14 references), as CPGRAMS ranks units by volume group; the rank in district compares the ranked stations of the district.',
      hi: 'माह में 5 से कम सन्दर्भों वाला थाना, या 20 से कम सन्दर्भों वाला जनपद, रैंक नहीं किया जाता: आकलन हेतु सन्दर्भ बहुत कम हैं (समय पर निस्तारित एक सन्दर्भ भी पूर्ण अंक पा जाता)। उसका अंक-पत्र फिर भी दिखाया जाता है। थानों की रैंक माह के मात्रा-समूह (40 या अधिक, 15 से 39, 5 से 14 सन्दर्भ) के भीतर होती है, जैसे सीपीग्राम्स में; जनपद में रैंक जनपद के रैंक किए गए थानों के बीच है।',
    },
  },
  defaulterCharge: {
    to: 'holder',
    rule: {
      en: 'A defaulter is charged to the unit that held the reference when its deadline passed: the district IGRS cell (the district alone) if it was in triage, else the station that held it; a station that receives it later answers only for a deadline of its own.',
      hi: 'डिफॉल्टर उस इकाई पर गिना जाता है जिसके पास समय-सीमा बीतने पर सन्दर्भ था: त्रिएज में हो तो जनपद आईजीआरएस प्रकोष्ठ (केवल जनपद), अन्यथा वह थाना; बाद में सन्दर्भ पाने वाला थाना केवल अपनी समय-सीमा का उत्तरदायी है।',
    },
  },
  feedbackChannels: true,
});

/**
 * Every policy shipped with Nivaran, oldest first; add a new one with a later effectiveFrom, never
 * edit one in use. State administrators publish further versions without a code change
 * (publish-policy.ts); those live in DynamoDB and join these when a month's policy is chosen.
 */
export const POLICIES: readonly ScoringPolicy[] = [DEFAULT_POLICY, POLICY_V2];

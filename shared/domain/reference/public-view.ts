import type { Bilingual } from '../language.ts';
import { outcomeByCode } from '../officer-work/outcomes.ts';
import type { HistoryEvent, Reference, ReferenceStatus } from './types.ts';

export const STATUS_TEXT: Record<ReferenceStatus, Bilingual> = {
  registered: { en: 'Registered; being forwarded to the police station', hi: 'पंजीकृत; थाने को भेजा जा रहा है' },
  triage: { en: 'With the district IGRS cell for forwarding', hi: 'अग्रसारण हेतु जनपद आईजीआरएस प्रकोष्ठ के पास' },
  assigned: { en: 'Under investigation at the police station', hi: 'थाने पर जांच प्रचलित' },
  'report-submitted': {
    en: 'Investigation report under review by a senior officer',
    hi: 'जांच आख्या वरिष्ठ अधिकारी के समीक्षाधीन',
  },
  returned: { en: 'Sent back for further investigation', hi: 'पुनः जांच हेतु वापस भेजा गया' },
  reopened: {
    en: 'Reopened after your feedback; with a senior officer',
    hi: 'आपके फीडबैक के बाद पुनः खोला गया; वरिष्ठ अधिकारी के पास',
  },
  resolved: { en: 'Disposed: resolved', hi: 'निस्तारित: समाधान किया गया' },
  closed: {
    en: 'Disposed: closed without redress (see the report)',
    hi: 'निस्तारित: बिना समाधान के बंद (आख्या देखें)',
  },
};

/** Actions a complainant may see in their timeline, with what each means to them. */
const PUBLIC_ACTIONS: Record<string, Bilingual> = {
  registered: { en: 'Complaint registered', hi: 'शिकायत पंजीकृत' },
  'flagged-possible-duplicate': {
    en: 'Linked to your earlier similar complaint',
    hi: 'आपकी पिछली मिलती-जुलती शिकायत से जोड़ी गई',
  },
  routed: { en: 'Forwarded to the police station', hi: 'थाने को अग्रसारित' },
  triaged: {
    en: 'Sent to the district IGRS cell for forwarding',
    hi: 'अग्रसारण हेतु जनपद आईजीआरएस प्रकोष्ठ को भेजी गई',
  },
  assigned: { en: 'Forwarded to the police station', hi: 'थाने को अग्रसारित' },
  transferred: { en: 'Transferred to another police station', hi: 'अन्य थाने को स्थानांतरित' },
  'report-submitted': { en: 'Investigation report submitted', hi: 'जांच आख्या प्रस्तुत' },
  returned: { en: 'Sent back for further investigation', hi: 'पुनः जांच हेतु वापस' },
  approved: { en: 'Report approved; complaint disposed', hi: 'आख्या स्वीकृत; शिकायत निस्तारित' },
  'feedback-received': { en: 'Your feedback was recorded', hi: 'आपका फीडबैक दर्ज किया गया' },
  reopened: { en: 'Reopened after your feedback', hi: 'आपके फीडबैक के बाद पुनः खोली गई' },
  'marked-defaulter': {
    en: 'Deadline passed; escalated to senior officers',
    hi: 'समय-सीमा समाप्त; वरिष्ठ अधिकारियों को प्रेषित',
  },
};

export interface PublicTimelineEntry {
  at: string;
  action: string;
  status?: ReferenceStatus;
  description: Bilingual;
}

/**
 * What the complainant sees: status and a timeline of public steps. No officer's name, remark or
 * contact, no other person's data; internal steps (reads of contact details, notifications) are left out.
 */
export function publicView(reference: Reference) {
  const timeline: PublicTimelineEntry[] = reference.history
    .filter((event: HistoryEvent) => event.action in PUBLIC_ACTIONS)
    .map((event) => ({
      at: event.at,
      action: event.action,
      ...(event.toStatus ? { status: event.toStatus } : {}),
      description: PUBLIC_ACTIONS[event.action]!,
    }));
  return { ...publicSummary(reference), createdAt: reference.createdAt, timeline };
}

/** A reference in one line, as a complainant may see it: where it is, in what state, due when. */
export function publicSummary(reference: Reference) {
  return {
    referenceNo: reference.referenceNo,
    status: reference.status,
    statusText: STATUS_TEXT[reference.status],
    categoryCode: reference.categoryCode,
    districtCode: reference.districtCode,
    ...(reference.stationCode ? { stationCode: reference.stationCode } : {}),
    deadlineAt: reference.deadlineAt,
  };
}

/**
 * The outcome as the complainant may read it, once the reference stands disposed: how it ended (its
 * code and its words) and the station's findings and action taken as reported. Not the supervisor's
 * grade or remark, no officer's name, no attachment; nothing while the reference is open (a report
 * under review or reopened is not an outcome yet).
 */
export function publicOutcome(reference: Reference) {
  const { disposal, report } = reference;
  if ((reference.status !== 'resolved' && reference.status !== 'closed') || !disposal) return undefined;
  return {
    kind: disposal.kind,
    outcome: disposal.outcome,
    label: outcomeByCode(disposal.outcome)?.label ?? { en: disposal.outcome, hi: disposal.outcome },
    disposedAt: disposal.disposedAt,
    ...(report
      ? {
          findings: report.findings,
          actionTaken: report.actionTaken,
          ...(report.firNumber ? { firNumber: report.firNumber } : {}),
        }
      : {}),
  };
}

/**
 * The complainant's one projection of their reference: the public view and, once disposed, its
 * outcome. The tracking API (GET /v1/complaints/{referenceNo}) answers it as JSON and the status
 * page (/t/{token}) shows it, so the two cannot tell the complainant different things.
 */
export function publicStatus(reference: Reference) {
  const outcome = publicOutcome(reference);
  return { ...publicView(reference), ...(outcome ? { outcome } : {}) };
}

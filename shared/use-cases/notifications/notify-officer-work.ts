import type {
  OfficerWorkMessage,
  RandomCheckDrawnMessage,
} from '../../domain/notifications/message-types.ts';
import { bilingualNotification, type RenderedNotification } from '../../domain/notifications/templates.ts';
import { outcomeByCode } from '../../domain/officer-work/outcomes.ts';
import { stationOfficerOf, supervisorOf } from '../../domain/officer-work/posts.ts';
import { formatReferenceNumber } from '../../domain/reference/reference-number.ts';
import type { Reference } from '../../domain/reference/types.ts';
import { formatIst } from '../../domain/time/ist.ts';
import type { NotifyDeps } from './send-notification.ts';

const DAY_MS = 86_400_000;

export type Deliver = (
  key: string,
  to: { mobile?: string; email?: string },
  rendered: RenderedNotification,
) => Promise<string[]>;

async function supervisor(reference: Reference, deps: NotifyDeps) {
  const post = supervisorOf(reference, await deps.masterData.officers(reference.districtCode));
  if (!post) throw new Error(`No supervising officer on record for ${reference.stationCode}`);
  return post;
}

async function stationOfficer(reference: Reference, deps: NotifyDeps) {
  const post = stationOfficerOf(reference, await deps.masterData.officers(reference.districtCode));
  if (!post) throw new Error(`No station officer on record for ${reference.stationCode}`);
  return post;
}

/** To the supervisor: a report to review, or a reference the complainant reopened. */
async function toSupervisor(
  message: OfficerWorkMessage,
  reference: Reference,
  deps: NotifyDeps,
  deliver: Deliver,
) {
  if (reference.status !== (message.type === 'reopened' ? 'reopened' : 'report-submitted')) return [];
  const post = await supervisor(reference, deps);
  const link = await deps.signedLink({
    purpose: 'supervisor-review',
    referenceNo: reference.referenceNo,
    officerId: post.id,
    expiresAt: new Date(Date.now() + 30 * DAY_MS),
  });
  const number = formatReferenceNumber(reference.referenceNo);
  const reopened = message.type === 'reopened';
  const rendered = bilingualNotification(
    reopened
      ? {
          hi: `शिकायतकर्ता असंतुष्ट, सन्दर्भ ${number} पुनः खुला`,
          en: `Complainant not satisfied: reference ${number} reopened`,
        }
      : { hi: `समीक्षा हेतु आख्या: सन्दर्भ ${number}`, en: `Report to review: reference ${number}` },
    [
      reopened
        ? {
            hi: `शिकायतकर्ता ने निस्तारण पर असंतोष व्यक्त किया है${reference.feedback?.comment ? `: "${reference.feedback.comment}"` : ''}।`,
            en: `The complainant is not satisfied with the disposal${reference.feedback?.comment ? `: "${reference.feedback.comment}"` : ''}.`,
          }
        : { hi: 'थाने ने जांच आख्या प्रस्तुत की है।', en: 'The station has submitted its action-taken report.' },
      {
        hi: `श्रेणी देकर स्वीकृत करें या पुनः जांच हेतु वापस करें: ${link}`,
        en: `Approve it with a grade, or return it for re-investigation: ${link}`,
      },
    ],
    {
      templateKey: reopened ? 'reopened' : 'report-submitted',
      text: `IGRS: सन्दर्भ ${reference.referenceNo} ${reopened ? 'पुनः खुला' : 'की आख्या समीक्षा हेतु'}। ${link} -UP Police`,
    },
  );
  return deliver(`${message.type}#${reference.referenceNo}#${message.version}`, post, rendered);
}

/** To the station: the report came back, with the supervisor's reasons. */
async function toStation(
  message: Extract<OfficerWorkMessage, { type: 'report-returned' }>,
  reference: Reference,
  deps: NotifyDeps,
  deliver: Deliver,
) {
  if (reference.status !== 'returned' || reference.stationCode !== message.stationCode) return [];
  const post = await stationOfficer(reference, deps);
  const link = await deps.signedLink({
    purpose: 'reference',
    referenceNo: reference.referenceNo,
    stationCode: message.stationCode,
    officerId: post.id,
    expiresAt: new Date(Math.max(new Date(reference.deadlineAt).getTime(), Date.now()) + 30 * DAY_MS),
  });
  const reasons = [...reference.history].reverse().find((e) => e.action === 'returned')?.note ?? '';
  const number = formatReferenceNumber(reference.referenceNo);
  const rendered = bilingualNotification(
    { hi: `पुनः जांच हेतु वापस: सन्दर्भ ${number}`, en: `Returned for re-investigation: reference ${number}` },
    [
      { hi: `कारण: ${reasons}`, en: `Reasons: ${reasons}` },
      {
        hi: `अंतिम तिथि वही है: ${formatIst(new Date(reference.deadlineAt), 'hi')}। पुनः जांच कर आख्या प्रस्तुत करें: ${link}`,
        en: `The deadline is unchanged: ${formatIst(new Date(reference.deadlineAt), 'en')}. Re-investigate and report again: ${link}`,
      },
    ],
    {
      templateKey: 'report-returned',
      text: `IGRS: सन्दर्भ ${reference.referenceNo} पुनः जांच हेतु वापस। ${link} -UP Police`,
    },
  );
  return deliver(`report-returned#${reference.referenceNo}#${message.version}`, post, rendered);
}

/** To the complainant, in their language: the disposal and a single-use feedback link. */
async function toComplainant(
  message: OfficerWorkMessage,
  reference: Reference,
  deps: NotifyDeps,
  deliver: Deliver,
  feedbackWindowDays: number,
) {
  if ((reference.status !== 'resolved' && reference.status !== 'closed') || !reference.disposal) return [];
  const link = await deps.signedLink({
    purpose: 'feedback',
    referenceNo: reference.referenceNo,
    version: reference.disposalCount ?? 1,
    nonce: `${reference.referenceNo}-${reference.disposalCount ?? 1}`,
    expiresAt: new Date(new Date(reference.disposal.disposedAt).getTime() + feedbackWindowDays * DAY_MS),
  });
  const number = formatReferenceNumber(reference.referenceNo);
  const outcome = outcomeByCode(reference.disposal.outcome);
  const hi = reference.complainant.language === 'hi';
  const resolved = reference.disposal.kind === 'resolved';
  const title = hi
    ? `शिकायत ${number} का निस्तारण: ${resolved ? 'समाधान' : 'बंद'}`
    : `Complaint ${number} disposed: ${resolved ? 'resolved' : 'closed'}`;
  const lines = hi
    ? [
        `आपकी शिकायत ${number} का निस्तारण हो गया है। परिणाम: ${outcome?.label.hi ?? reference.disposal.outcome}।`,
        `क्या आप पुलिस की कार्रवाई से संतुष्ट हैं? ${feedbackWindowDays} दिनों के भीतर बताएं: ${link}`,
        'असंतुष्ट होने पर शिकायत पुनः खोली जाएगी और वरिष्ठ अधिकारी इसे देखेंगे।',
      ]
    : [
        `Your complaint ${number} has been disposed of. Outcome: ${outcome?.label.en ?? reference.disposal.outcome}.`,
        `Are you satisfied with the police action? Tell us within ${feedbackWindowDays} days: ${link}`,
        'If you are not satisfied, the complaint is reopened for a senior officer.',
      ];
  const escapeText = (s: string) =>
    s.replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
    );
  const rendered: RenderedNotification = {
    sms: {
      templateKey: hi ? 'disposed-hi' : 'disposed-en',
      text: hi
        ? `आपकी शिकायत ${reference.referenceNo} निस्तारित। क्या आप संतुष्ट हैं? ${link} -UP Police`
        : `Your complaint ${reference.referenceNo} is disposed. Are you satisfied? ${link} -UP Police`,
    },
    email: {
      subject: title,
      text: lines.join('\n\n'),
      html: `<!doctype html><html lang="${hi ? 'hi' : 'en'}"><head><meta charset="utf-8"><title>${escapeText(title)}</title></head><body style="font-family:sans-serif;line-height:1.5"><h1 style="font-size:1.2em">${escapeText(title)}</h1>${lines.map((l) => `<p>${escapeText(l)}</p>`).join('')}</body></html>`,
    },
  };
  return deliver(`disposed#${reference.referenceNo}#${message.version}`, reference.complainant, rendered);
}

export function notifyOfficerWork(
  message: OfficerWorkMessage,
  reference: Reference,
  deps: NotifyDeps,
  deliver: Deliver,
  feedbackWindowDays: number,
): Promise<string[]> {
  switch (message.type) {
    case 'report-submitted':
    case 'reopened':
      return toSupervisor(message, reference, deps, deliver);
    case 'report-returned':
      return toStation(message, reference, deps, deliver);
    case 'disposed':
      return toComplainant(message, reference, deps, deliver, feedbackWindowDays);
  }
}

/** Each supervisor with drawn disposals in their circle gets one link to the day's list. */
export async function notifyRandomCheck(
  message: RandomCheckDrawnMessage,
  deps: NotifyDeps,
  deliver: Deliver,
): Promise<string[]> {
  const [officers, references] = await Promise.all([
    deps.masterData.officers(message.districtCode),
    Promise.all(message.referenceNos.map((no) => deps.references.get(no))),
  ]);
  const stations = new Set(references.map((r) => r?.stationCode).filter((s): s is string => Boolean(s)));
  const sent: string[] = [];
  for (const post of officers.filter(
    (o) => o.role === 'supervisor' && o.stationCodes.some((s) => stations.has(s)),
  )) {
    const count = references.filter(
      (r) => r?.stationCode && post.stationCodes.includes(r.stationCode),
    ).length;
    const link = await deps.signedLink({
      purpose: 'random-check',
      districtCode: message.districtCode,
      officerId: post.id,
      expiresAt: new Date(Date.now() + 7 * DAY_MS),
    });
    const rendered = bilingualNotification(
      {
        hi: `यादृच्छिक जांच हेतु ${count} निस्तारण (${message.date})`,
        en: `${count} disposals drawn for random check (${message.date})`,
      },
      [
        {
          hi: `इन निस्तारणों का पुनः सत्यापन कर परिणाम दर्ज करें: ${link}`,
          en: `Re-verify these disposals and record what you find: ${link}`,
        },
      ],
      { templateKey: 'random-check', text: `IGRS: यादृच्छिक जांच हेतु ${count} निस्तारण। ${link} -UP Police` },
    );
    sent.push(
      ...(await deliver(`random-check#${message.districtCode}#${message.date}#${post.id}`, post, rendered)),
    );
  }
  return sent;
}

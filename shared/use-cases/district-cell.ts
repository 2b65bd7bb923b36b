import { DomainError, InvalidFieldsError } from '../domain/errors.ts';
import type { Category, Station } from '../domain/masterdata/types.ts';
import type { Clock, QueuePort } from '../domain/ports.ts';
import { TransitionError } from '../domain/reference/lifecycle.ts';
import { assignToStation, transferStation } from '../domain/reference/transitions.ts';
import type { Actor, Reference } from '../domain/reference/types.ts';
import { sendOrUndo } from './officer-work.ts';
import { routingNotification } from './route-reference.ts';

export interface CellDeps {
  references: {
    get(referenceNo: string): Promise<Reference | undefined>;
    saveTransition(before: Reference, after: Reference): Promise<boolean>;
  };
  masterData: {
    station(districtCode: string, code: string): Promise<Station | undefined>;
    category(code: string): Promise<Category | undefined>;
  };
  notifications: QueuePort;
  clock: Clock;
}

/** The reference is not in this district: a district cell's link never reaches another district's. */
export class OutOfScopeError extends DomainError {
  override name = 'OutOfScopeError';
}

async function load(referenceNo: string, districtCode: string, deps: CellDeps): Promise<Reference> {
  const reference = await deps.references.get(referenceNo);
  if (!reference || reference.districtCode !== districtCode) throw new OutOfScopeError(referenceNo);
  return reference;
}

async function checkStation(districtCode: string, stationCode: string, deps: CellDeps): Promise<Station> {
  const station = stationCode ? await deps.masterData.station(districtCode, stationCode) : undefined;
  if (!station) {
    throw new InvalidFieldsError([
      {
        pointer: 'stationCode',
        code: 'station-not-in-district',
        message: { en: 'Choose a station of this district', hi: 'इस जनपद का थाना चुनें' },
      },
    ]);
  }
  return station;
}

async function save(before: Reference, after: Reference, deps: CellDeps): Promise<Reference> {
  if (!(await deps.references.saveTransition(before, after))) {
    throw new TransitionError(before.referenceNo, before.status, 'save', {
      en: 'Someone else changed this reference a moment ago. Reload the page and check before acting again.',
      hi: 'इस सन्दर्भ में अभी-अभी किसी अन्य ने परिवर्तन किया है। पृष्ठ पुनः खोलें और जांच कर फिर कार्रवाई करें।',
    });
  }
  const notice = routingNotification(after);
  if (notice) await sendOrUndo(before, after, notice, deps);
  return after;
}

/** The IGRS cell forwards a triaged reference to a station of its district; the deadline starts now. */
export async function assignFromTriage(
  input: { referenceNo: string; districtCode: string; stationCode: string; actor: Actor },
  deps: CellDeps,
): Promise<Reference> {
  const reference = await load(input.referenceNo, input.districtCode, deps);
  const station = await checkStation(input.districtCode, input.stationCode, deps);
  const category = await deps.masterData.category(reference.categoryCode);
  const now = deps.clock.now();
  const after = assignToStation(reference, {
    stationCode: station.code,
    deadlineDays: category?.deadlineDays,
    at: now,
    actor: input.actor,
    rule: 'district-cell',
  });
  return save(reference, after, deps);
}

/** The IGRS cell moves a reference to another station with a reason; the deadline stays. */
export async function transferToStation(
  input: { referenceNo: string; districtCode: string; stationCode: string; reason: string; actor: Actor },
  deps: CellDeps,
): Promise<Reference> {
  const reason = input.reason.normalize('NFC').trim();
  if (reason.length < 10 || reason.length > 500) {
    throw new InvalidFieldsError([
      {
        pointer: 'reason',
        code: 'reason-required',
        message: {
          en: 'Give the reason for the transfer (10 to 500 characters)',
          hi: 'स्थानांतरण का कारण लिखें (10 से 500 अक्षर)',
        },
      },
    ]);
  }
  const reference = await load(input.referenceNo, input.districtCode, deps);
  const station = await checkStation(input.districtCode, input.stationCode, deps);
  const after = transferStation(reference, {
    toStationCode: station.code,
    reason,
    at: deps.clock.now(),
    actor: input.actor,
  });
  return save(reference, after, deps);
}

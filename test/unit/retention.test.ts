import { describe, expect, it } from 'vitest';
import { derivedAttributes, referenceItem } from '../../shared/adapters/dynamodb/reference-item.ts';
import { rankView } from '../../shared/domain/ranking/rank-view.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import {
  PERSONAL_DATA,
  personalValues,
  REDACTED_ACTION,
  redactReference,
} from '../../shared/domain/retention/personal-data.ts';
import {
  disposedBefore,
  dueForRedaction,
  RETENTION_POLICY,
  referenceRetentionDays,
} from '../../shared/domain/retention/policy.ts';
import { aReference } from './ranking-fixtures.ts';

const DISPOSED_AT = '2026-10-15T06:00:00.000Z';

/** A disposed reference with every declared kind of personal data filled in. */
function full(): Reference {
  const base = aReference({ disposed: {}, feedback: { satisfied: false }, randomCheck: 'confirmed' });
  return {
    ...base,
    description: 'Stolen from outside House 9; call 9876543210',
    complainant: {
      name: 'Ram',
      mobile: '+919876543210',
      email: 'ram@example.in',
      address: 'House 9',
      language: 'hi',
    },
    location: { ...base.location, locality: 'Kasba', latitude: 25.1, longitude: 83.2, pinCode: '232109' },
    feedback: { ...base.feedback!, comment: 'Ram is unhappy' },
    randomCheck: { ...base.randomCheck!, remark: 'Called Ram' },
    history: [
      { at: '2026-10-05T04:30:00.000Z', actor: { role: 'api-client' }, action: 'filed' },
      {
        at: '2026-10-06T04:30:00.000Z',
        actor: { role: 'station-officer' },
        action: 'attachment-added',
        note: 'ram-aadhaar.pdf',
        details: { key: 'attachments/x/y.pdf' },
      },
      {
        at: '2026-10-28T06:00:00.000Z',
        actor: { role: 'complainant' },
        action: 'feedback-received',
        note: 'Ram is unhappy',
        details: { satisfied: false },
      },
    ],
  };
}

describe('the personal data declaration', () => {
  it('It should empty or remove every declared field and every note, and nothing the rankings read', () => {
    const reference = full();
    const at = new Date('2026-12-01T00:00:00.000Z');
    const redacted = redactReference(reference, {
      at,
      reason: 'retention',
      actor: { role: 'system' },
      details: { policy: 'p' },
    });
    expect(personalValues(redacted)).toEqual([]);
    expect(personalValues(reference).length).toBeGreaterThan(PERSONAL_DATA.referenceFields.length - 2);
    expect(redacted.complainant).toEqual({ name: '', mobile: '', address: '', language: 'hi' });
    expect(redacted.location).toEqual({
      districtCode: reference.districtCode,
      stationCode: reference.stationCode,
      pinCode: '232109',
    });
    expect(rankView(redacted)).toEqual(rankView(reference));
    expect(redacted).toMatchObject({
      version: reference.version + 1,
      redaction: { at: at.toISOString(), reason: 'retention' },
      history: [
        ...reference.history.map(({ note: _n, ...event }) => event),
        { action: REDACTED_ACTION, details: { reason: 'retention', policy: 'p' } },
      ],
    });
    // The input is left as it was.
    expect(reference.complainant.name).toBe('Ram');
  });
});

describe('the retention policy', () => {
  const now = (daysAfterDisposal: number) =>
    new Date(Date.parse(DISPOSED_AT) + daysAfterDisposal * 86_400_000);

  it('It should wait out the reopen and appeal windows after the last disposal', () => {
    expect(referenceRetentionDays()).toBe(
      RETENTION_POLICY.reference.reopenWindowDays + RETENTION_POLICY.reference.appealWindowDays,
    );
    const reference = full();
    expect(dueForRedaction(reference, now(referenceRetentionDays() - 0.01))).toBe(false);
    expect(dueForRedaction(reference, now(referenceRetentionDays() + 0.01))).toBe(true);
    expect(disposedBefore(now(referenceRetentionDays())).toISOString()).toBe(DISPOSED_AT);
  });

  it('It should not redact an open one, one awaiting its random check, or one redacted since its disposal', () => {
    const late = now(365);
    expect(dueForRedaction({ ...full(), status: 'reopened' }, late)).toBe(false);
    expect(dueForRedaction({ ...full(), randomCheck: { drawnAt: DISPOSED_AT } }, late)).toBe(false);
    expect(
      dueForRedaction({ ...full(), redaction: { at: now(40).toISOString(), reason: 'retention' } }, late),
    ).toBe(false);
    // Erased while open, disposed later: the new disposal's texts are due in their turn.
    expect(
      dueForRedaction({ ...full(), redaction: { at: now(-5).toISOString(), reason: 'erasure' } }, late),
    ).toBe(true);
  });

  it('It should file a reference on the retention index exactly while the job may have work on it', () => {
    const reference = full();
    expect(derivedAttributes(reference)).toMatchObject({
      retainPk: `RETAIN#${reference.districtCode}`,
      retainSk: `${DISPOSED_AT}#${reference.referenceNo}`,
    });
    expect(referenceItem(reference)).toMatchObject({ retainPk: `RETAIN#${reference.districtCode}` });
    expect(derivedAttributes({ ...reference, status: 'reopened' }).retainPk).toBeUndefined();
    expect(
      derivedAttributes({ ...reference, randomCheck: { drawnAt: DISPOSED_AT } }).retainPk,
    ).toBeUndefined();
    const redacted = redactReference(reference, {
      at: now(40),
      reason: 'retention',
      actor: { role: 'system' },
      details: {},
    });
    expect(derivedAttributes(redacted).retainPk).toBeUndefined();
  });
});

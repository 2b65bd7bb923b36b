import { describe, expect, it } from 'vitest';
import { stepMessage } from '../../shared/domain/notifications/messages.ts';
import { notificationMessage } from '../../shared/triggers/sqs/messages.ts';

const isNotificationMessage = (body: unknown) => notificationMessage.safeParse(body).success;

import type { Reference } from '../../shared/domain/reference/types.ts';

const routed = (status: 'assigned' | 'triage') =>
  ({
    referenceNo: '40015723013',
    status,
    version: 2,
    districtCode: 'chandauli',
    ...(status === 'assigned' ? { stationCode: 'chandauli-sakaldiha' } : {}),
  }) as Reference;

describe('the routing bundle', () => {
  it("carries the acknowledgement first, then the station's or the district cell's notice", () => {
    expect(stepMessage('route', routed('assigned'))).toEqual({
      type: 'bundle',
      notifications: [
        { type: 'acknowledgement', referenceNo: '40015723013' },
        {
          type: 'station-assigned',
          referenceNo: '40015723013',
          stationCode: 'chandauli-sakaldiha',
          version: 2,
        },
      ],
    });
    expect(stepMessage('triage', routed('triage'))).toMatchObject({
      notifications: [
        { type: 'acknowledgement' },
        { type: 'triaged', districtCode: 'chandauli', version: 2 },
      ],
    });
    expect(isNotificationMessage(stepMessage('route', routed('assigned')))).toBe(true);
  });

  it('refuses a bundle that is empty, nested or holds anything but notifications (so it ends in the DLQ)', () => {
    const ack = { type: 'acknowledgement', referenceNo: '40015723013' };
    expect(isNotificationMessage({ type: 'bundle', notifications: [] })).toBe(false);
    expect(isNotificationMessage({ type: 'bundle' })).toBe(false);
    expect(isNotificationMessage({ type: 'bundle', notifications: [ack, { type: 'route' }] })).toBe(false);
    expect(
      isNotificationMessage({ type: 'bundle', notifications: [{ type: 'bundle', notifications: [ack] }] }),
    ).toBe(false);
  });
});

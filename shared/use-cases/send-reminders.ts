import type { District, Officer } from '../domain/masterdata/types.ts';
import type { NotificationMessage } from '../domain/notifications/message-types.ts';
import type { QueuePort } from '../domain/ports.ts';
import type { DueEntry } from '../domain/reference/types.ts';
import {
  DUE_SOON_HOURS,
  nearDefaulterDigests,
  reminderMessages,
  stationDueDigests,
} from '../domain/sweep/plan.ts';
import { DISTRICT_CONCURRENCY, forEachLimit } from './concurrency.ts';

const HOUR_MS = 3_600_000;

export interface ReminderDeps {
  references: {
    /** Open, not-yet-marked references of the district with a deadline in [from, to] (the `due` index). */
    dueBetween(districtCode: string, fromIso: string, toIso: string, limit?: number): Promise<DueEntry[]>;
  };
  masterData: {
    districts(): Promise<District[]>;
    officers(districtCode: string): Promise<Officer[]>;
  };
  notifications: QueuePort<NotificationMessage>;
}

export interface ReminderResult {
  runAt: string;
  districts: number;
  itemsRead: number;
  stationDigests: number;
  nearDefaulterDigests: number;
}

/**
 * The daily reminders at `now`: per district one Query of the next three days' deadlines, from
 * which come each station's digest (to its station officer) and the near-defaulter list (due within
 * 48 hours, to the SP or DCP and the IGRS cell). The notifier keys each by recipient and IST date,
 * so a retried or repeated run the same day sends nothing more.
 */
export async function sendReminders(now: Date, deps: ReminderDeps): Promise<ReminderResult> {
  const districts = await deps.masterData.districts();
  const result: ReminderResult = {
    runAt: now.toISOString(),
    districts: districts.length,
    itemsRead: 0,
    stationDigests: 0,
    nearDefaulterDigests: 0,
  };
  const until = new Date(now.getTime() + DUE_SOON_HOURS * HOUR_MS - 1).toISOString();
  await forEachLimit(districts, DISTRICT_CONCURRENCY, async ({ code }) => {
    const upcoming = await deps.references.dueBetween(
      code,
      now.toISOString(),
      until,
      Number.MAX_SAFE_INTEGER,
    );
    result.itemsRead += upcoming.length;
    if (upcoming.length === 0) return;
    const officers = await deps.masterData.officers(code);
    const stations = stationDueDigests(upcoming, officers, now);
    const seniors = nearDefaulterDigests(upcoming, officers, now);
    for (const message of reminderMessages(code, now, stations, seniors)) {
      await deps.notifications.send({ ...message });
      if (message.type === 'due-digest') result.stationDigests++;
      else result.nearDefaulterDigests++;
    }
  });
  return result;
}

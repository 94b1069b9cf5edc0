import cronstrue from 'cronstrue';
import { DateTime } from 'luxon';
import { EnvironmentFreeze } from '@shipgate/plugin-deployments-common';

/** A moment for people: "Dec 24, 2026, 9:00 AM" in the viewer's zone. */
export function formatMoment(iso: string): string {
  const time = DateTime.fromISO(iso);
  return time.isValid ? time.toLocaleString(DateTime.DATETIME_MED) : iso;
}

/** "At 18:00, only on Friday" — a cron schedule in words, or the expression if unreadable. */
export function cronInWords(cron: string): string {
  try {
    return cronstrue.toString(cron, { use24HourTimeFormat: true });
  } catch {
    return cron;
  }
}

function durationText(minutes: number): string {
  if (minutes % (60 * 24) === 0) return `${minutes / (60 * 24)} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

/** When a freeze holds, in words: its window, or its schedule with duration and time zone. */
export function freezeScheduleText(freeze: EnvironmentFreeze): string {
  if (freeze.kind === 'recurring' && freeze.cron) {
    return `${cronInWords(freeze.cron)} (${
      freeze.timezone ?? 'UTC'
    }), for ${durationText(freeze.durationMinutes ?? 0)}`;
  }
  const start = freeze.start ? formatMoment(freeze.start) : 'now';
  return freeze.end
    ? `${start} – ${formatMoment(freeze.end)}`
    : `from ${start} until lifted`;
}

/** "until Dec 24, 2026, 9:00 AM", or "until lifted" for an open-ended freeze. */
export function untilText(until: string | null): string {
  return until ? `until ${formatMoment(until)}` : 'until lifted';
}

import { InputError } from '@backstage/errors';
import { Cron } from 'croner';

/** A freeze as stored: one-off (`start`, `end`) or recurring (`cron`, `durationMinutes`). */
export interface FreezeRecord {
  id: number;
  environment: string | null;
  reason: string;
  start: string | null;
  end: string | null;
  cron: string | null;
  durationMinutes: number | null;
  timezone: string | null;
  createdBy: string;
  createdAt: string;
}

/** Where a freeze stands at a moment: active (until when; null: until lifted), or next. */
export interface FreezeOccurrence {
  active: boolean;
  until: string | null;
  nextStart: string | null;
}

function scheduleOf(freeze: { cron: string; timezone: string | null }): Cron {
  // No callback: croner only computes runs, it schedules nothing.
  return new Cron(freeze.cron, { timezone: freeze.timezone ?? 'UTC' });
}

/** A 400 naming `cron` when croner cannot read the expression. */
export function checkCron(cron: string, timezone: string | null): void {
  try {
    scheduleOf({ cron, timezone }).nextRun();
  } catch (error) {
    throw new InputError(
      `cron: invalid cron expression '${cron}': ${(error as Error).message}`,
    );
  }
}

/**
 * Whether a freeze holds at `now`. A recurring freeze is active when its latest start at or
 * before `now` (in its time zone, daylight saving included: croner computes wall-clock
 * times) is less than `durationMinutes` ago; that start is the latest, so its end is the
 * furthest of any started occurrence.
 */
export function occurrenceAt(
  freeze: FreezeRecord,
  now: Date,
): FreezeOccurrence {
  const t = now.getTime();
  if (!freeze.cron) {
    const start = Date.parse(freeze.start!);
    const end = freeze.end ? Date.parse(freeze.end) : Infinity;
    const active = start <= t && t < end;
    return {
      active,
      until: active ? freeze.end : null,
      nextStart: start > t ? freeze.start : null,
    };
  }
  const schedule = scheduleOf({ cron: freeze.cron, timezone: freeze.timezone });
  const durationMs = (freeze.durationMinutes ?? 0) * 60_000;
  // previousRuns looks strictly before its reference: +1 ms counts a start at `now`.
  const [latest] = schedule.previousRuns(1, new Date(t + 1));
  if (latest && t < latest.getTime() + durationMs) {
    return {
      active: true,
      until: new Date(latest.getTime() + durationMs).toISOString(),
      nextStart: null,
    };
  }
  const next = schedule.nextRun(now);
  return {
    active: false,
    until: null,
    nextStart: next ? next.toISOString() : null,
  };
}

/** Whether a freeze holding until `a` holds longer than one until `b` (null: until lifted). */
export function holdsLonger(a: string | null, b: string | null): boolean {
  if (b === null) return false;
  return a === null || Date.parse(a) > Date.parse(b);
}

/** Of the freezes active at `now`, the one that holds longest (open-ended first). */
export function activeFreezeOf(
  freezes: FreezeRecord[],
  now: Date,
): { freeze: FreezeRecord; until: string | null } | undefined {
  let found: { freeze: FreezeRecord; until: string | null } | undefined;
  for (const freeze of freezes) {
    const occurrence = occurrenceAt(freeze, now);
    if (!occurrence.active) continue;
    if (!found || holdsLonger(occurrence.until, found.until)) {
      found = { freeze, until: occurrence.until };
    }
  }
  return found;
}

import {
  FreezeRecord,
  activeFreezeOf,
  checkCron,
  holdsLonger,
  occurrenceAt,
} from './freezeSchedule';

const freeze = (overrides: Partial<FreezeRecord>): FreezeRecord => ({
  id: 1,
  environment: 'production',
  reason: 'release weekend',
  start: null,
  end: null,
  cron: null,
  durationMinutes: null,
  timezone: null,
  createdBy: 'user:default/ada',
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});
const at = (iso: string) => new Date(iso);

describe('one-off freezes', () => {
  const window = freeze({
    start: '2026-12-24T00:00:00.000Z',
    end: '2026-12-27T00:00:00.000Z',
  });

  it.each([
    ['2026-12-23T23:59:59.999Z', false],
    ['2026-12-24T00:00:00.000Z', true],
    ['2026-12-26T23:59:59.999Z', true],
    ['2026-12-27T00:00:00.000Z', false],
  ])('at %s active=%p (start included, end excluded)', (now, active) => {
    expect(occurrenceAt(window, at(now)).active).toBe(active);
  });

  it('say until when while active, and when they start before', () => {
    expect(occurrenceAt(window, at('2026-12-25T00:00:00Z'))).toEqual({
      active: true,
      until: '2026-12-27T00:00:00.000Z',
      nextStart: null,
    });
    expect(occurrenceAt(window, at('2026-12-01T00:00:00Z')).nextStart).toBe(
      '2026-12-24T00:00:00.000Z',
    );
  });

  it('hold until lifted when open-ended ("stop the line")', () => {
    expect(
      occurrenceAt(
        freeze({ start: '2026-01-01T00:00:00.000Z' }),
        at('2030-01-01T00:00:00Z'),
      ),
    ).toEqual({
      active: true,
      until: null,
      nextStart: null,
    });
  });
});

describe('recurring freezes', () => {
  // Fridays from 18:00 for 60 hours (the weekend), in Berlin time.
  const weekend = freeze({
    cron: '0 18 * * 5',
    durationMinutes: 60 * 60,
    timezone: 'Europe/Berlin',
  });

  it.each([
    // Winter (CET, UTC+1): Friday 18:00 in Berlin is 17:00 UTC.
    ['2026-01-09T16:59:59.000Z', false],
    ['2026-01-09T17:00:00.000Z', true],
    ['2026-01-12T04:59:59.000Z', true],
    ['2026-01-12T05:00:00.000Z', false],
    // Summer (CEST, UTC+2): the same wall-clock time is 16:00 UTC.
    ['2026-07-10T15:59:59.000Z', false],
    ['2026-07-10T16:00:00.000Z', true],
  ])('Berlin weekend freeze at %s: active=%p', (now, active) => {
    expect(occurrenceAt(weekend, at(now)).active).toBe(active);
  });

  it('follow the wall clock across the daylight-saving change', () => {
    // Daily 08:00–09:00 in Berlin; clocks go forward on 29 March 2026 at 02:00.
    const morning = freeze({
      cron: '0 8 * * *',
      durationMinutes: 60,
      timezone: 'Europe/Berlin',
    });
    expect(occurrenceAt(morning, at('2026-03-28T07:30:00Z'))).toEqual({
      active: true,
      until: '2026-03-28T08:00:00.000Z',
      nextStart: null,
    });
    // On the day of the change, 08:00 CEST is 06:00 UTC: 07:30 UTC is after the window.
    expect(occurrenceAt(morning, at('2026-03-29T06:30:00Z')).until).toBe(
      '2026-03-29T07:00:00.000Z',
    );
    expect(occurrenceAt(morning, at('2026-03-29T07:30:00Z'))).toEqual({
      active: false,
      until: null,
      nextStart: '2026-03-30T06:00:00.000Z',
    });
  });

  it('read the same cron differently in another time zone', () => {
    const newYork = freeze({
      cron: '0 18 * * 5',
      durationMinutes: 60,
      timezone: 'America/New_York',
    });
    // 18:00 in New York (EST, UTC-5) is 23:00 UTC; Berlin's occurrence is long over.
    expect(occurrenceAt(newYork, at('2026-01-09T23:30:00Z')).active).toBe(true);
    expect(occurrenceAt(weekend, at('2026-01-09T16:30:00Z')).active).toBe(
      false,
    );
    expect(occurrenceAt(newYork, at('2026-01-09T17:30:00Z')).active).toBe(
      false,
    );
  });

  it('default to UTC without a time zone', () => {
    const utc = freeze({ cron: '0 0 * * *', durationMinutes: 30 });
    expect(occurrenceAt(utc, at('2026-05-05T00:29:00Z')).active).toBe(true);
    expect(occurrenceAt(utc, at('2026-05-05T00:30:00Z')).active).toBe(false);
  });
});

describe('the active freeze of several', () => {
  it('is the one that holds longest, open-ended first', () => {
    const now = at('2026-12-25T00:00:00Z');
    const short = freeze({
      id: 1,
      start: '2026-12-24T00:00:00Z',
      end: '2026-12-25T12:00:00Z',
    });
    const long = freeze({
      id: 2,
      start: '2026-12-24T00:00:00Z',
      end: '2026-12-28T00:00:00Z',
    });
    const open = freeze({ id: 3, start: '2026-12-24T00:00:00Z' });
    const later = freeze({
      id: 4,
      start: '2027-01-01T00:00:00Z',
      end: '2027-01-02T00:00:00Z',
    });
    expect(activeFreezeOf([short, long, later], now)?.freeze.id).toBe(2);
    expect(activeFreezeOf([short, open, long], now)).toEqual({
      freeze: open,
      until: null,
    });
    expect(activeFreezeOf([later], now)).toBeUndefined();
  });

  it.each([
    ['2026-12-28T00:00:00Z', '2026-12-25T12:00:00Z', true],
    ['2026-12-25T12:00:00Z', '2026-12-28T00:00:00Z', false],
    ['2026-12-28T00:00:00Z', '2026-12-28T00:00:00Z', false],
    [null, '2026-12-28T00:00:00Z', true],
    ['2026-12-28T00:00:00Z', null, false],
    [null, null, false],
  ])('holds longer: until %p over until %p is %p', (a, b, expected) => {
    expect(holdsLonger(a, b)).toBe(expected);
  });
});

describe('cron checks', () => {
  it('name the cron field for an invalid expression', () => {
    expect(() => checkCron('61 * * * *', 'UTC')).toThrow(
      /^cron: invalid cron expression '61 \* \* \* \*'/,
    );
    expect(() => checkCron('not a cron', 'UTC')).toThrow(/^cron:/);
    expect(() => checkCron('0 18 * * 5', 'Europe/Berlin')).not.toThrow();
  });
});

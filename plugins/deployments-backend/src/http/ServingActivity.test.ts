import { EventEmitter } from 'events';
import { Request, Response } from 'express';
import { ServingActivity } from './ServingActivity';

/** A request reaching the middleware; `end()` finishes its response. */
function serve(activity: ServingActivity) {
  const res = new EventEmitter();
  activity.middleware({} as Request, res as unknown as Response, () => {});
  return {
    end: () => res.emit('finish'),
    close: () => res.emit('close'),
  };
}

describe('ServingActivity', () => {
  let clock = 0;
  const settled = async (p: Promise<void>) => {
    let done = false;
    p.then(() => {
      done = true;
    });
    await jest.advanceTimersByTimeAsync(0);
    return done;
  };
  const advance = async (ms: number) => {
    clock += ms;
    await jest.advanceTimersByTimeAsync(ms);
  };

  beforeEach(() => {
    jest.useFakeTimers();
    clock = 1_000_000;
  });
  afterEach(() => jest.useRealTimers());

  it('is quiet once no request has been in flight for the quiet period', async () => {
    const activity = new ServingActivity(10, () => clock);
    const request = serve(activity);
    const quiet = activity.quiet(clock + 60_000);
    await advance(50);
    expect(await settled(quiet)).toBe(false); // a request is still being answered
    request.end();
    await advance(5);
    expect(await settled(quiet)).toBe(false); // answered only 5 ms ago
    await advance(10);
    expect(await settled(quiet)).toBe(true);
  });

  it('counts a response once, whether it finishes, closes, or both', async () => {
    const activity = new ServingActivity(10, () => clock);
    const first = serve(activity);
    const second = serve(activity);
    first.end();
    first.close();
    const quiet = activity.quiet(clock + 60_000);
    await advance(30);
    expect(await settled(quiet)).toBe(false); // the second is still in flight
    second.close();
    await advance(20);
    expect(await settled(quiet)).toBe(true);
  });

  it('stops waiting at the deadline while requests keep coming', async () => {
    const activity = new ServingActivity(10, () => clock);
    serve(activity).end();
    const quiet = activity.quiet(clock + 100);
    for (let i = 0; i < 8; i++) {
      serve(activity).end();
      await advance(5);
    }
    expect(await settled(quiet)).toBe(false); // never 10 ms without a request, 40 ms in
    for (let i = 0; i < 14; i++) {
      serve(activity).end();
      await advance(5);
    }
    expect(await settled(quiet)).toBe(true); // 110 ms in: past the deadline
  });

  it('with a quiet period of 0, lets the work go as the last response ends, before any timer', async () => {
    const activity = new ServingActivity(0, () => clock);
    const request = serve(activity);
    let done = false;
    activity.quiet(clock + 60_000).then(() => {
      done = true;
    });
    await Promise.resolve();
    expect(done).toBe(false);
    request.end();
    await Promise.resolve();
    await Promise.resolve();
    expect(done).toBe(true);
  });

  it('refuses a quiet period that is negative or not a number', () => {
    expect(() => new ServingActivity(-1)).toThrow(
      'deployments.notifications.quietMs must be 0 to 60000, not -1',
    );
    expect(() => new ServingActivity(NaN)).toThrow('not NaN');
  });
});

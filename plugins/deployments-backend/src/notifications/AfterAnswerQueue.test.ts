import { mockServices } from '@backstage/backend-test-utils';
import { AfterAnswerQueue } from './AfterAnswerQueue';

describe('AfterAnswerQueue', () => {
  it('runs jobs after the caller goes on, one at a time in order, and logs a failure without stopping', async () => {
    const logger = mockServices.logger.mock();
    const queue = new AfterAnswerQueue(logger, 'send a test notification');
    const ran: string[] = [];
    let releaseFirst!: () => void;
    const firstMayEnd = new Promise<void>(resolve => {
      releaseFirst = resolve;
    });

    await queue.add(async () => {
      ran.push('first started');
      await firstMayEnd;
      ran.push('first ended');
    });
    await queue.add(async () => {
      throw new Error('inbox down');
    });
    await queue.add(async () => {
      ran.push('third');
    });
    // The caller was answered before any job finished.
    expect(ran).not.toContain('first ended');

    releaseFirst();
    await queue.idle();
    expect(ran).toEqual(['first started', 'first ended', 'third']);
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not send a test notification: Error: inbox down',
    );
  });

  it('makes callers wait for the jobs ahead once more than its limit are queued', async () => {
    const queue = new AfterAnswerQueue(mockServices.logger.mock(), 'notify', {
      limit: 2,
    });
    const release: Array<() => void> = [];
    const job = () =>
      new Promise<void>(resolve => {
        release.push(resolve);
      });
    const answered: number[] = [];
    for (const n of [1, 2, 3]) {
      queue.add(job).then(() => answered.push(n));
    }
    await new Promise(resolve => setImmediate(resolve));
    // Two fit: their callers went on; the third waits for the two ahead of it.
    expect(answered).toEqual([1, 2]);
    release[0]();
    await new Promise(resolve => setImmediate(resolve));
    expect(answered).toEqual([1, 2]);
    release[1]();
    await new Promise(resolve => setImmediate(resolve));
    expect(answered).toEqual([1, 2, 3]);
    release[2]();
    await queue.idle();
  });
});

describe("AfterAnswerQueue with the plugin's activity", () => {
  it("starts each job only once the plugin is quiet, and never past the job's deadline", async () => {
    const waits: number[] = [];
    let quietNow!: () => void;
    const activity = {
      quiet: (deadline: number) => {
        waits.push(deadline);
        return new Promise<void>(resolve => {
          quietNow = resolve;
        });
      },
    };
    const before = Date.now();
    const queue = new AfterAnswerQueue(mockServices.logger.mock(), 'notify', {
      activity,
      maxDelayMs: 5_000,
    });
    const ran: string[] = [];
    await queue.add(async () => {
      ran.push('job');
    });
    await new Promise(resolve => setImmediate(resolve));
    expect(ran).toEqual([]); // waiting for a quiet moment
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(before + 5_000);
    expect(waits[0]).toBeLessThanOrEqual(Date.now() + 5_000);
    quietNow();
    await queue.idle();
    expect(ran).toEqual(['job']);
  });
});

import { LoggerService } from '@backstage/backend-plugin-api';

/**
 * Past this many queued jobs, callers wait for the jobs ahead of theirs before they answer:
 * under sustained overload the queue (and its memory) stays bounded and requests slow down,
 * instead of notifications falling ever further behind.
 */
const DEFAULT_LIMIT = 1_000;

/**
 * Work that tells others of a committed change (notifications, signals: HTTP calls to other
 * plugins), run after the caller was answered, one job at a time in order. A failure is
 * logged and never reaches the caller: the change it tells of stands.
 */
export class AfterAnswerQueue {
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;

  constructor(
    private readonly logger: LoggerService,
    /** What a failed job could not do, for the log: "send a promotion notification". */
    private readonly what: string,
    private readonly limit = DEFAULT_LIMIT,
  ) {}

  /**
   * Queues the work; resolves at once, before it runs, unless more than `limit` jobs are
   * queued: then once the jobs ahead of it are done.
   */
  add(work: () => Promise<void>): Promise<void> {
    const ahead = this.tail;
    this.queued += 1;
    this.tail = ahead.then(async () => {
      try {
        await work();
      } catch (error) {
        this.logger.warn(`Could not ${this.what}: ${error}`);
      } finally {
        this.queued -= 1;
      }
    });
    return this.queued > this.limit ? ahead : Promise.resolve();
  }

  /** Resolves once everything queued so far has run (tests, shutdown). */
  idle(): Promise<void> {
    return this.tail;
  }
}

import { LoggerService } from '@backstage/backend-plugin-api';

/**
 * Work that tells others of a committed change (notifications, signals: HTTP calls to other
 * plugins), run after the caller was answered, one job at a time in order. A failure is
 * logged and never reaches the caller: the change it tells of stands.
 */
export class AfterAnswerQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly logger: LoggerService,
    /** What a failed job could not do, for the log: "send a promotion notification". */
    private readonly what: string,
  ) {}

  /** Queues the work; resolves at once, before it runs. */
  add(work: () => Promise<void>): Promise<void> {
    this.tail = this.tail.then(async () => {
      try {
        await work();
      } catch (error) {
        this.logger.warn(`Could not ${this.what}: ${error}`);
      }
    });
    return Promise.resolve();
  }

  /** Resolves once everything queued so far has run (tests, shutdown). */
  idle(): Promise<void> {
    return this.tail;
  }
}

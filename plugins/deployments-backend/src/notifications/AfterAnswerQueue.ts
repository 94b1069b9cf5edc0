import { LoggerService } from '@backstage/backend-plugin-api';
import { QuietMoments } from '../http/ServingActivity';

/**
 * Past this many queued jobs, callers wait for the jobs ahead of theirs before they answer:
 * under sustained overload the queue (and its memory) stays bounded and requests slow down,
 * instead of notifications falling ever further behind.
 */
const DEFAULT_LIMIT = 1_000;

/**
 * The longest a job waits for a quiet moment (see `ServingActivity`): under sustained load
 * the inbox is at most this late, and then the jobs share the process with the requests.
 */
const DEFAULT_MAX_DELAY_MS = 10_000;

export interface AfterAnswerQueueOptions {
  limit?: number;
  /** When given, each job first waits for a quiet moment, at most `maxDelayMs` after it was queued. */
  activity?: QuietMoments;
  maxDelayMs?: number;
}

/**
 * Work that tells others of a committed change (notifications, signals: HTTP calls to other
 * plugins), run after the caller was answered, one job at a time in order. A failure is
 * logged and never reaches the caller: the change it tells of stands.
 */
export class AfterAnswerQueue {
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;
  private readonly limit: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly logger: LoggerService,
    /** What a failed job could not do, for the log: "send a promotion notification". */
    private readonly what: string,
    private readonly options: AfterAnswerQueueOptions = {},
  ) {
    this.limit = options.limit ?? DEFAULT_LIMIT;
    this.maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  }

  /**
   * Queues the work; resolves at once, before it runs, unless more than `limit` jobs are
   * queued: then once the jobs ahead of it are done.
   */
  add(work: () => Promise<void>): Promise<void> {
    const ahead = this.tail;
    const deadline = Date.now() + this.maxDelayMs;
    this.queued += 1;
    this.tail = ahead.then(async () => {
      try {
        await this.options.activity?.quiet(deadline);
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

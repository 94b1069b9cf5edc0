import { RequestHandler } from 'express';

/** A moment when the plugin answers no request, for work that can wait for one. */
export interface QuietMoments {
  /** Resolves once the plugin has been quiet for a moment, or at `deadline` (epoch ms). */
  quiet(deadline: number): Promise<void>;
}

/** How long no request must have been in flight to count as quiet, unless configured. */
export const DEFAULT_QUIET_MS = 5;

/**
 * The plugin's requests in flight. Work after an answer (notifications and signals: calls to
 * the notifications, signals and events backends, which usually serve from this same
 * process) waits for a quiet moment, so that a burst of decisions is answered first and the
 * inbox catches up right after it; the caller's deadline bounds the wait under sustained load.
 */
export class ServingActivity implements QuietMoments {
  private inFlight = 0;
  private lastEndedAt = Number.NEGATIVE_INFINITY;
  /** Those waiting for a quiet moment (with their timer): told each time a response ends. */
  private readonly waiters = new Map<
    () => void,
    ReturnType<typeof setTimeout>
  >();

  constructor(
    private readonly quietMs = DEFAULT_QUIET_MS,
    private readonly now: () => number = () => Date.now(),
  ) {
    if (!(quietMs >= 0 && quietMs <= 60_000)) {
      throw new Error(
        `deployments.notifications.quietMs must be 0 to 60000, not ${quietMs}`,
      );
    }
  }

  /** Counts a request from the moment it reaches the plugin's router until its response ends. */
  readonly middleware: RequestHandler = (_req, res, next) => {
    this.inFlight += 1;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      this.inFlight -= 1;
      this.lastEndedAt = this.now();
      for (const wake of [...this.waiters.keys()]) wake();
    };
    res.once('finish', end);
    res.once('close', end);
    next();
  };

  async quiet(deadline: number): Promise<void> {
    for (;;) {
      const now = this.now();
      if (now >= deadline) return;
      const busy = this.inFlight > 0;
      const quietFor = now - this.lastEndedAt;
      if (!busy && quietFor >= this.quietMs) return;
      // Look again when a response ends, when the quiet period would be over, or at the deadline.
      await this.change(
        Math.min(busy ? Infinity : this.quietMs - quietFor, deadline - now),
      );
    }
  }

  private change(ms: number): Promise<void> {
    return new Promise(resolve => {
      const wake = () => {
        clearTimeout(this.waiters.get(wake));
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.set(wake, setTimeout(wake, ms));
    });
  }
}

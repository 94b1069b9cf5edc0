/*
 * Whether an error says the database cannot be reached right now, rather than that a
 * statement was wrong: the change did not happen (or, for a lost connection mid-commit, the
 * caller cannot know), and the same call may succeed in a moment. Callers retry these.
 */

/** Socket errors of a connection that was refused, dropped or never resolved. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs of a server going away or full: class 08 (connection exception),
 * 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now), 53300 (too many
 * connections). SQLite's busy and locked answers are the same for a single file.
 */
const unavailableState = (code: string) =>
  /^08/.test(code) ||
  ['57P01', '57P02', '57P03', '53300', 'SQLITE_BUSY', 'SQLITE_LOCKED'].includes(code);

/** What pg and knex throw, by message, when a connection ends or cannot be had. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection error and is not queryable|terminating connection|Timeout acquiring a connection|the database system is (starting up|shutting down)|Unable to acquire a connection/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, name, message } = e as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || unavailableState(code))) {
      return true;
    }
    // knex's pool gave up waiting for a connection (the database is gone or saturated).
    if (name === 'KnexTimeoutError') return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

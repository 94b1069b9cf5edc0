import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError, isError } from '@backstage/errors';
import { randomBytes } from 'crypto';
import { ErrorRequestHandler } from 'express';
import { isDatabaseUnavailable } from '../database/unavailable';

/** Seconds a client should wait before retrying while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

/** Errors whose message is written for the caller: Backstage's errors and our refusals. */
const CALLER_ERRORS = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
  'NotImplementedError',
  'ServiceUnavailableError',
  'DeploymentRefusedError',
]);

/** A status the error names itself (express's body parser: 400 for bad JSON, 413 too large). */
const statusOf = (error: Error) => {
  const status = (error as { statusCode?: unknown; status?: unknown }).statusCode ??
    (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
};

/**
 * Turns what went wrong into what the caller may read, before Backstage's error middleware
 * writes the answer. A lost database is 503 with Retry-After, so that CI retries (with its
 * Idempotency-Key) instead of failing the pipeline. Any other unexpected error is a 500 that
 * says nothing of the internals: database errors carry SQL text and values, and the log has
 * them under the id the answer names.
 */
export function createErrorHandler(logger: LoggerService): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (isError(error) && CALLER_ERRORS.has(error.name)) return next(error);
    if (isDatabaseUnavailable(error)) {
      logger.warn(`Database unavailable, answered 503: ${String(error?.message ?? error)}`);
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      return next(
        new ServiceUnavailableError(
          `the database is unavailable; retry in ${RETRY_AFTER_SECONDS} seconds (with the same Idempotency-Key)`,
        ),
      );
    }
    const status = isError(error) ? statusOf(error) : undefined;
    if (status !== undefined && status >= 400 && status < 500) return next(error);
    const logId = randomBytes(8).toString('hex');
    logger.error(`Internal error logId=${logId}`, isError(error) ? error : new Error(String(error)));
    const internal = new Error(`An internal error occurred; the backend log has it as logId=${logId}`);
    delete internal.stack;
    return next(internal);
  };
}

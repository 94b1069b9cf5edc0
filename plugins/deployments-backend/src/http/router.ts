import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { createErrorHandler } from './errorHandler';
import { ServingActivity } from './ServingActivity';

/** The plugin's HTTP API: JSON in and out, one sub-router per area. */
export function createRouter(
  routers: express.Router[],
  logger: LoggerService,
  /** Counts requests in flight, for work that waits for a quiet moment. */
  activity: ServingActivity,
): express.Router {
  const router = Router();
  router.use(activity.middleware);
  // A NUL byte in a path (`/products/%00/…`) names nothing and PostgreSQL refuses it in text:
  // refused here for every route, as parseRequest refuses it in bodies and queries.
  router.use((req, _res, next) => {
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      throw new InputError('the path is not valid percent-encoding');
    }
    if (path.includes('\u0000'))
      throw new InputError('the path may not contain a NUL byte');
    next();
  });
  router.use(express.json({ limit: '1mb' }));
  routers.forEach(r => router.use(r));
  router.use(createErrorHandler(logger));
  return router;
}

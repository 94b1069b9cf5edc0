import { LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { createErrorHandler } from './errorHandler';

/** The plugin's HTTP API: JSON in and out, one sub-router per area. */
export function createRouter(routers: express.Router[], logger: LoggerService): express.Router {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  routers.forEach(r => router.use(r));
  router.use(createErrorHandler(logger));
  return router;
}

import express from 'express';
import Router from 'express-promise-router';

/** The plugin's HTTP API: JSON in and out, one sub-router per area. */
export function createRouter(routers: express.Router[]): express.Router {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  routers.forEach(r => router.use(r));
  return router;
}

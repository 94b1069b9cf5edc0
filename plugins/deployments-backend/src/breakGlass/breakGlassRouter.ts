import { AuditorService } from '@backstage/backend-plugin-api';
import {
  breakGlassPermission,
  breakGlassQuerySchema,
  deploymentReadPermission,
  openBreakGlassBodySchema,
} from '@shipgate/plugin-deployments-common';
import express from 'express';
import Router from 'express-promise-router';
import { auditedChange } from '../audit/auditedChange';
import { RequestAuthorizer, callerName } from '../auth/RequestAuthorizer';
import { parseId, parseRequest } from '../http/parseRequest';
import { BreakGlassService } from './BreakGlassService';

/** Break glass: open and close sessions, and the report of them. */
export function createBreakGlassRouter(options: {
  breakGlass: BreakGlassService;
  authorizer: RequestAuthorizer;
  auditor: AuditorService;
}): express.Router {
  const { breakGlass, authorizer, auditor } = options;
  const router = Router();

  router.post('/environments/:name/break-glass', async (req, res) => {
    const session = await auditedChange(
      auditor,
      {
        eventId: 'break-glass-open',
        severityLevel: 'high',
        request: req,
        meta: { environment: req.params.name },
      },
      async () => {
        const caller = await authorizer.authorize(req, breakGlassPermission);
        const body = parseRequest(openBreakGlassBodySchema, req.body);
        return breakGlass.open(req.params.name, body, callerName(caller));
      },
      opened => ({
        sessionId: opened.id,
        reason: opened.reason,
        expiresAt: opened.expiresAt,
      }),
    );
    res.status(201).json(session);
  });

  router.delete('/environments/:name/break-glass/:id', async (req, res) => {
    const session = await auditedChange(
      auditor,
      {
        eventId: 'break-glass-close',
        request: req,
        meta: { environment: req.params.name, sessionId: req.params.id },
      },
      async () => {
        const caller = await authorizer.authorize(req, breakGlassPermission);
        return breakGlass.close(
          req.params.name,
          parseId(req.params.id),
          callerName(caller),
        );
      },
    );
    res.json(session);
  });

  router.get('/break-glass', async (req, res) => {
    await authorizer.authorize(req, deploymentReadPermission);
    res.json(
      await breakGlass.report(parseRequest(breakGlassQuerySchema, req.query)),
    );
  });

  return router;
}

import { AuditorService } from '@backstage/backend-plugin-api';
import {
  createFreezeBodySchema,
  environmentManagePermission,
  stopTheLineBodySchema,
} from '@shipgate/plugin-deployments-common';
import express from 'express';
import Router from 'express-promise-router';
import { auditedChange } from '../audit/auditedChange';
import { RequestAuthorizer, callerName } from '../auth/RequestAuthorizer';
import { parseId, parseRequest } from '../http/parseRequest';
import { FreezeService } from './FreezeService';

/** Deployment freezes: add and lift an environment's freezes, and "stop the line". */
export function createFreezesRouter(options: {
  freezes: FreezeService;
  authorizer: RequestAuthorizer;
  auditor: AuditorService;
}): express.Router {
  const { freezes, authorizer, auditor } = options;
  const router = Router();

  router.post('/environments/:name/freezes', async (req, res) => {
    const freeze = await auditedChange(
      auditor,
      {
        eventId: 'freeze-create',
        request: req,
        meta: { environment: req.params.name },
      },
      async () => {
        const caller = await authorizer.authorize(
          req,
          environmentManagePermission,
        );
        const body = parseRequest(createFreezeBodySchema, req.body);
        return freezes.create(req.params.name, body, callerName(caller));
      },
      created => ({ freezeId: created.id, reason: created.reason }),
    );
    res.status(201).json(freeze);
  });

  router.delete('/environments/:name/freezes/:id', async (req, res) => {
    await auditedChange(
      auditor,
      {
        eventId: 'freeze-delete',
        request: req,
        meta: { environment: req.params.name, freezeId: req.params.id },
      },
      async () => {
        await authorizer.authorize(req, environmentManagePermission);
        return freezes.delete(parseId(req.params.id), req.params.name);
      },
    );
    res.status(204).end();
  });

  router.post('/freezes/stop-the-line', async (req, res) => {
    const freeze = await auditedChange(
      auditor,
      { eventId: 'freeze-stop-the-line', severityLevel: 'high', request: req },
      async () => {
        const caller = await authorizer.authorize(
          req,
          environmentManagePermission,
        );
        const body = parseRequest(stopTheLineBodySchema, req.body);
        return freezes.stopTheLine(body, callerName(caller));
      },
      created => ({ freezeId: created.id, reason: created.reason }),
    );
    res.status(201).json(freeze);
  });

  router.delete('/freezes/:id', async (req, res) => {
    await auditedChange(
      auditor,
      {
        eventId: 'freeze-delete',
        request: req,
        meta: { freezeId: req.params.id },
      },
      async () => {
        await authorizer.authorize(req, environmentManagePermission);
        return freezes.delete(parseId(req.params.id));
      },
    );
    res.status(204).end();
  });

  return router;
}

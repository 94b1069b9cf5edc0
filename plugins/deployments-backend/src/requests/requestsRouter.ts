import { AuditorService } from '@backstage/backend-plugin-api';
import {
  createDeploymentRequestSchema,
  decisionBodySchema,
  deploymentRequestQuerySchema,
  stepCompletionBodySchema,
  taskQuerySchema,
  updateDeploymentRequestSchema,
} from '@shipgate/plugin-deployments-common';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { ActorResolver } from './ActorResolver';
import { Actor } from './Actor';
import { DeploymentRequestService } from './DeploymentRequestService';
import { parseId, parseRequest } from './parseRequest';
import { setPagingHeaders } from './paging';
import { auditedChange } from './auditedChange';

/** Deployment requests, their decisions and steps, and the caller's tasks. */
export function createRequestsRouter(options: {
  requests: DeploymentRequestService;
  actors: ActorResolver;
  auditor: AuditorService;
}): express.Router {
  const { requests, actors, auditor } = options;
  const router = Router();

  /** A change to a request, audited; the response carries the request as it now is. */
  const audited =
    (eventId: string, work: (req: Request, actor: Actor) => Promise<{ status?: number; body: unknown }>) =>
    async (req: Request, res: Response) => {
      const { status, body } = await auditedChange(
        auditor,
        {
          eventId,
          request: req,
          meta: { requestId: req.params.id ?? null, slotId: req.params.slotId ?? null, stepId: req.params.stepId ?? null },
        },
        async () => work(req, await actors.resolve(req)),
        result => ({ state: (result.body as { state?: string })?.state ?? null }),
      );
      res.status(status ?? 200).json(body);
    };

  router.get('/requests', async (req, res) => {
    const actor = await actors.resolve(req);
    const page = await requests.list(parseRequest(deploymentRequestQuerySchema, req.query), actor);
    setPagingHeaders(res, page);
    res.json(page.items);
  });

  router.post(
    '/requests',
    audited('deployment-request-create', async (req, actor) => ({
      status: 201,
      body: await requests.create(parseRequest(createDeploymentRequestSchema, req.body), actor),
    })),
  );

  router.get('/requests/:id', async (req, res) => {
    const actor = await actors.resolve(req);
    res.json(await requests.get(parseId(req.params.id), actor));
  });

  router.patch(
    '/requests/:id',
    audited('deployment-request-edit', async (req, actor) => ({
      body: await requests.update(
        parseId(req.params.id),
        parseRequest(updateDeploymentRequestSchema, req.body),
        actor,
      ),
    })),
  );

  const transitions = {
    submit: requests.submit,
    cancel: requests.cancel,
    complete: requests.complete,
    clone: requests.clone,
  } as const;
  for (const [action, run] of Object.entries(transitions)) {
    router.post(
      `/requests/:id/${action}`,
      audited(`deployment-request-${action}`, async (req, actor) => ({
        status: action === 'clone' ? 201 : 200,
        body: await run.call(requests, parseId(req.params.id), actor),
      })),
    );
  }

  router.post(
    '/requests/:id/slots/:slotId/decision',
    audited('deployment-request-decision', async (req, actor) => ({
      body: await requests.decide(
        parseId(req.params.id),
        parseId(req.params.slotId, 'slotId'),
        parseRequest(decisionBodySchema, req.body),
        actor,
      ),
    })),
  );

  router.post(
    '/requests/:id/steps/:stepId/complete',
    audited('deployment-request-step', async (req, actor) => ({
      body: await requests.completeStep(
        parseId(req.params.id),
        parseId(req.params.stepId, 'stepId'),
        parseRequest(stepCompletionBodySchema, req.body).note,
        actor,
      ),
    })),
  );

  router.get('/tasks', async (req, res) => {
    const actor = await actors.resolve(req);
    const { product } = parseRequest(taskQuerySchema, req.query);
    res.json(await requests.tasks(product, actor));
  });

  return router;
}

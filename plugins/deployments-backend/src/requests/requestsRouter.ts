import { AuditorService } from '@backstage/backend-plugin-api';
import {
  createDeploymentRequestSchema,
  decisionBodySchema,
  deploymentRequestQuerySchema,
  stepCompletionBodySchema,
  updateDeploymentRequestSchema,
} from '@shipgate/plugin-deployments-common';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { ActorResolver } from '../auth/ActorResolver';
import { Actor } from '../auth/Actor';
import { DeploymentRequestRecord } from './DeploymentRequestRecord';
import { RequestCommands } from './RequestCommands';
import { RequestDecisions } from './RequestDecisions';
import { RequestPresenter } from './RequestPresenter';
import { RequestSteps } from './RequestSteps';
import { parseId, parseRequest } from '../http/parseRequest';
import { setPagingHeaders } from '../http/paging';
import { auditedChange } from '../audit/auditedChange';

/** Deployment requests, their decisions and steps. */
export function createRequestsRouter(options: {
  presenter: RequestPresenter;
  commands: RequestCommands;
  decisions: RequestDecisions;
  steps: RequestSteps;
  actors: ActorResolver;
  auditor: AuditorService;
}): express.Router {
  const { presenter, commands, decisions, steps, actors, auditor } = options;
  const router = Router();

  /** A change to a request, audited; the response carries the request as it now is. */
  const audited =
    (
      eventId: string,
      work: (req: Request, actor: Actor) => Promise<DeploymentRequestRecord>,
      status = 200,
    ) =>
    async (req: Request, res: Response) => {
      const body = await auditedChange(
        auditor,
        {
          eventId,
          request: req,
          meta: { requestId: req.params.id ?? null, slotId: req.params.slotId ?? null, stepId: req.params.stepId ?? null },
        },
        async () => {
          const actor = await actors.resolve(req);
          return presenter.present(await work(req, actor), actor);
        },
        result => ({ state: result.state }),
      );
      res.status(status).json(body);
    };

  router.get('/requests', async (req, res) => {
    const actor = await actors.resolve(req);
    const page = await presenter.list(parseRequest(deploymentRequestQuerySchema, req.query), actor);
    setPagingHeaders(res, page);
    res.json(page.items);
  });

  router.post(
    '/requests',
    audited(
      'deployment-request-create',
      (req, actor) => commands.create(parseRequest(createDeploymentRequestSchema, req.body), actor),
      201,
    ),
  );

  router.get('/requests/:id', async (req, res) => {
    const actor = await actors.resolve(req);
    res.json(await presenter.get(parseId(req.params.id), actor));
  });

  router.patch(
    '/requests/:id',
    audited('deployment-request-edit', (req, actor) =>
      commands.update(
        parseId(req.params.id),
        parseRequest(updateDeploymentRequestSchema, req.body),
        actor,
      ),
    ),
  );

  const transitions = {
    submit: commands.submit,
    cancel: commands.cancel,
    complete: commands.complete,
    clone: commands.clone,
  } as const;
  for (const [action, run] of Object.entries(transitions)) {
    router.post(
      `/requests/:id/${action}`,
      audited(
        `deployment-request-${action}`,
        (req, actor) => run.call(commands, parseId(req.params.id), actor),
        action === 'clone' ? 201 : 200,
      ),
    );
  }

  router.post(
    '/requests/:id/slots/:slotId/decision',
    audited('deployment-request-decision', (req, actor) =>
      decisions.decide(
        parseId(req.params.id),
        parseId(req.params.slotId, 'slotId'),
        parseRequest(decisionBodySchema, req.body),
        actor,
      ),
    ),
  );

  router.post(
    '/requests/:id/steps/:stepId/complete',
    audited('deployment-request-step', (req, actor) =>
      steps.complete(
        parseId(req.params.id),
        parseId(req.params.stepId, 'stepId'),
        parseRequest(stepCompletionBodySchema, req.body).note,
        actor,
      ),
    ),
  );

  return router;
}

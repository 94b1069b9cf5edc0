import { AuditorService } from '@backstage/backend-plugin-api';
import { templateBodySchema } from '@shipgate/plugin-deployments-common';
import express from 'express';
import Router from 'express-promise-router';
import { Actor } from '../auth/Actor';
import { ActorResolver } from '../auth/ActorResolver';
import { auditedChange } from '../audit/auditedChange';
import { TemplateService } from './TemplateService';
import { parseId, parseRequest } from '../http/parseRequest';

/** Deployment request templates. */
export function createTemplatesRouter(options: {
  templates: TemplateService;
  actors: ActorResolver;
  auditor: AuditorService;
}): express.Router {
  const { templates, actors, auditor } = options;
  const router = Router();

  router.get('/templates', async (req, res) => {
    await actors.resolve(req);
    res.json(await templates.list());
  });

  router.get('/templates/:id', async (req, res) => {
    await actors.resolve(req);
    res.json(await templates.get(parseId(req.params.id)));
  });

  /** A change to the templates, audited; a body of undefined answers 204. */
  const change =
    (eventId: string, work: (req: express.Request, actor: Actor) => Promise<unknown>, status = 200) =>
    async (req: express.Request, res: express.Response) => {
      const body = await auditedChange(auditor, { eventId, request: req }, async () =>
        work(req, await actors.resolve(req)),
      );
      if (body === undefined) res.status(204).end();
      else res.status(status).json(body);
    };

  router.post(
    '/templates',
    change('deployment-template-create', (req, actor) =>
      templates.create(parseRequest(templateBodySchema, req.body), actor), 201),
  );
  router.put(
    '/templates/:id',
    change('deployment-template-update', (req, actor) =>
      templates.update(parseId(req.params.id), parseRequest(templateBodySchema, req.body), actor)),
  );
  router.delete(
    '/templates/:id',
    change('deployment-template-delete', async (req, actor) => {
      await templates.delete(parseId(req.params.id), actor);
      return undefined;
    }),
  );

  return router;
}

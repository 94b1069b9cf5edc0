import { AuditorService } from '@backstage/backend-plugin-api';
import {
  evaluateRulesBodySchema,
  ruleBodySchema,
  ruleManagePermission,
} from '@shipgate/plugin-deployments-common';
import express from 'express';
import Router from 'express-promise-router';
import { auditedChange } from '../audit/auditedChange';
import { RequestAuthorizer, callerName } from '../auth/RequestAuthorizer';
import { parseId, parseRequest } from '../http/parseRequest';
import { RuleEvaluator } from './RuleEvaluator';
import { RuleService } from './RuleService';

/**
 * Org-wide deployment rules, and their dry run. Every route needs the manage-rules
 * permission (admins by default): rules are policy, and the dry run shows it.
 */
export function createRulesRouter(options: {
  rules: RuleService;
  evaluator: RuleEvaluator;
  authorizer: RequestAuthorizer;
  auditor: AuditorService;
}): express.Router {
  const { rules, evaluator, authorizer, auditor } = options;
  const router = Router();

  // The whole list: rules are few (an organization's policy), and the page shows them all.
  router.get('/rules', async (req, res) => {
    await authorizer.authorize(req, ruleManagePermission);
    res.json(await rules.list());
  });

  router.post('/rules/evaluate', async (req, res) => {
    await authorizer.authorize(req, ruleManagePermission);
    res.json(
      await evaluator.evaluate(parseRequest(evaluateRulesBodySchema, req.body)),
    );
  });

  router.get('/rules/:id', async (req, res) => {
    await authorizer.authorize(req, ruleManagePermission);
    res.json(await rules.get(parseId(req.params.id)));
  });

  router.post('/rules', async (req, res) => {
    const rule = await auditedChange(
      auditor,
      { eventId: 'deployment-rule-create', request: req },
      async () => {
        const caller = await authorizer.authorize(req, ruleManagePermission);
        return rules.create(
          parseRequest(ruleBodySchema, req.body),
          callerName(caller),
        );
      },
      created => ({ ruleId: created.id, name: created.name }),
    );
    res.status(201).json(rule);
  });

  router.put('/rules/:id', async (req, res) => {
    const rule = await auditedChange(
      auditor,
      {
        eventId: 'deployment-rule-update',
        request: req,
        meta: { ruleId: req.params.id },
      },
      async () => {
        const caller = await authorizer.authorize(req, ruleManagePermission);
        const id = parseId(req.params.id);
        return rules.update(
          id,
          parseRequest(ruleBodySchema, req.body),
          callerName(caller),
        );
      },
      updated => ({
        ruleId: updated.id,
        name: updated.name,
        enabled: updated.enabled,
      }),
    );
    res.json(rule);
  });

  router.delete('/rules/:id', async (req, res) => {
    await auditedChange(
      auditor,
      {
        eventId: 'deployment-rule-delete',
        request: req,
        meta: { ruleId: req.params.id },
      },
      async () => {
        const caller = await authorizer.authorize(req, ruleManagePermission);
        await rules.delete(parseId(req.params.id), callerName(caller));
      },
    );
    res.status(204).end();
  });

  return router;
}

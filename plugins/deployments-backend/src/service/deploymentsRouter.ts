import { AuditorService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  Deployment,
  deploymentCreatePermission,
  deploymentDeletePermission,
  deploymentQuerySchema,
  deploymentReadPermission,
  deploymentUpdatePermission,
  recordDeploymentBodySchema,
  updateDeploymentBodySchema,
  matrixQuerySchema,
  DEPLOYMENTS_SIGNAL_CHANNEL,
} from '@shipgate/plugin-deployments-common';
import { createHash } from 'crypto';
import express from 'express';
import Router from 'express-promise-router';
import { DeploymentService } from './DeploymentService';
import { MatrixService } from './MatrixService';
import { parseId, parseRequest } from './parseRequest';
import { RequestAuthorizer, callerName } from './RequestAuthorizer';
import { setPagingHeaders } from './paging';


/** Deployment records (GitLab/Versioner API) and the environment matrix. */
export function createDeploymentsRouter(options: {
  deployments: DeploymentService;
  matrix: MatrixService;
  authorizer: RequestAuthorizer;
  auditor: AuditorService;
  signals: SignalsService;
}): express.Router {
  const { deployments, matrix, authorizer, auditor, signals } = options;
  const router = Router();

  const announce = (deployment: Deployment) =>
    signals.publish({
      recipients: { type: 'broadcast' },
      channel: DEPLOYMENTS_SIGNAL_CHANNEL,
      message: {
        deploymentId: deployment.id,
        product: deployment.product,
        environment: deployment.environment,
        status: deployment.status,
      },
    });

  router.post('/deployments', async (req, res) => {
    const auditorEvent = await auditor.createEvent({
      eventId: 'deployment-record',
      severityLevel: 'medium',
      request: req,
    });
    try {
      const caller = await authorizer.authorize(req, deploymentCreatePermission);
      const input = parseRequest(recordDeploymentBodySchema, req.body);
      const key = req.header('Idempotency-Key')?.trim();
      const idempotency = key
        ? {
            // Keys are per caller: two CI systems may both send "1".
            key: createHash('sha256').update(`${callerName(caller)}\n${key}`).digest('hex'),
            requestHash: createHash('sha256').update(JSON.stringify(req.body)).digest('hex'),
          }
        : undefined;
      // A person is named by their identity; CI may say who triggered the run.
      const deployedBy =
        caller.principal.type === 'user' ? callerName(caller) : input.deployedBy ?? callerName(caller);
      const outcome = await deployments.record(input, deployedBy, idempotency);
      if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
      if (outcome.changed) await announce(outcome.deployment);
      await auditorEvent.success({
        meta: {
          deploymentId: outcome.deployment.id,
          product: outcome.deployment.product,
          environment: outcome.deployment.environment,
          status: outcome.deployment.status,
          created: outcome.created,
          replayed: outcome.replayed,
        },
      });
      res.status(outcome.created ? 201 : 200).json(outcome.deployment);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/deployments', async (req, res) => {
    await authorizer.authorize(req, deploymentReadPermission);
    const query = parseRequest(deploymentQuerySchema, req.query);
    const page = await deployments.list(query);
    setPagingHeaders(res, page);
    res.json(page.items);
  });

  router.get('/deployments/:id', async (req, res) => {
    await authorizer.authorize(req, deploymentReadPermission);
    res.json(await deployments.get(parseId(req.params.id)));
  });

  router.put('/deployments/:id', async (req, res) => {
    const auditorEvent = await auditor.createEvent({
      eventId: 'deployment-update',
      severityLevel: 'medium',
      request: req,
      meta: { deploymentId: req.params.id },
    });
    try {
      await authorizer.authorize(req, deploymentUpdatePermission);
      const id = parseId(req.params.id);
      const { status } = parseRequest(updateDeploymentBodySchema, req.body);
      const before = await deployments.get(id);
      const deployment = await deployments.updateStatus(id, status);
      await announce(deployment);
      await auditorEvent.success({ meta: { from: before.status, to: deployment.status } });
      res.json(deployment);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  router.delete('/deployments/:id', async (req, res) => {
    const auditorEvent = await auditor.createEvent({
      eventId: 'deployment-delete',
      severityLevel: 'high',
      request: req,
      meta: { deploymentId: req.params.id },
    });
    try {
      await authorizer.authorize(req, deploymentDeletePermission);
      const deleted = await deployments.delete(parseId(req.params.id));
      await auditorEvent.success({
        meta: { product: deleted.product, environment: deleted.environment, version: deleted.version },
      });
      res.status(204).end();
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/matrix', async (req, res) => {
    await authorizer.authorize(req, deploymentReadPermission);
    const query = parseRequest(matrixQuerySchema, req.query);
    const result = await matrix.read(query);
    setPagingHeaders(res, result);
    res.json(result);
  });

  return router;
}

import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
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
  DEPLOYMENTS_SIGNAL_CHANNEL,
} from '@shipgate/plugin-deployments-common';
import { createHash } from 'crypto';
import express from 'express';
import Router from 'express-promise-router';
import { DeploymentService } from './DeploymentService';
import { MAX_DEPLOYMENT_ID, parseId, parseRequest } from '../http/parseRequest';
import { RequestAuthorizer, callerName } from '../auth/RequestAuthorizer';
import { setPagingHeaders } from '../http/paging';
import { auditedChange } from '../audit/auditedChange';


/** Deployment records (GitLab/Versioner API). */
export function createDeploymentsRouter(options: {
  deployments: DeploymentService;
  authorizer: RequestAuthorizer;
  auditor: AuditorService;
  signals: SignalsService;
  logger: LoggerService;
  /** Adds GitLab's approval fields to deployments that need approval (protected environments). */
  approvals?: {
    present(deployments: Deployment[]): Promise<Deployment[]>;
    presentOne(deployment: Deployment): Promise<Deployment>;
  };
}): express.Router {
  const { deployments, authorizer, auditor, signals, logger } = options;
  const presentAll = (items: Deployment[]) => options.approvals?.present(items) ?? items;
  const presentOne = (item: Deployment) => options.approvals?.presentOne(item) ?? item;
  const router = Router();

  /**
   * Tells open pages of a committed change, after the answer: a signal that cannot be sent
   * must not turn the recorded change into a failure.
   */
  const announce = (deployment: Deployment) => {
    Promise.resolve()
      .then(() =>
        signals.publish({
          recipients: { type: 'broadcast' },
          channel: DEPLOYMENTS_SIGNAL_CHANNEL,
          message: {
            deploymentId: deployment.id,
            product: deployment.product,
            environment: deployment.environment,
            status: deployment.status,
          },
        }),
      )
      .catch(error => logger.warn(`Could not signal deployment ${deployment.id}: ${error}`));
  };

  router.post('/deployments', async (req, res) => {
    const outcome = await auditedChange(
      auditor,
      { eventId: 'deployment-record', request: req },
      async () => {
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
        const recorded = await deployments.record(
          input,
          { deployedBy, recordedBy: callerName(caller) },
          idempotency,
        );
        if (recorded.changed) announce(recorded.deployment);
        return recorded;
      },
      recorded => ({
        deploymentId: recorded.deployment.id,
        product: recorded.deployment.product,
        environment: recorded.deployment.environment,
        status: recorded.deployment.status,
        created: recorded.created,
        replayed: recorded.replayed,
      }),
    );
    if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(outcome.created ? 201 : 200).json(await presentOne(outcome.deployment));
  });

  router.get('/deployments', async (req, res) => {
    await authorizer.authorize(req, deploymentReadPermission);
    const query = parseRequest(deploymentQuerySchema, req.query);
    const page = await deployments.list(query);
    setPagingHeaders(res, page);
    res.json(await presentAll(page.items));
  });

  router.get('/deployments/:id', async (req, res) => {
    await authorizer.authorize(req, deploymentReadPermission);
    const deployment = await deployments.get(parseId(req.params.id, 'id', MAX_DEPLOYMENT_ID));
    res.json((await presentAll([deployment]))[0]);
  });

  router.put('/deployments/:id', async (req, res) => {
    const { deployment } = await auditedChange(
      auditor,
      { eventId: 'deployment-update', request: req, meta: { deploymentId: req.params.id } },
      async () => {
        const caller = await authorizer.authorize(req, deploymentUpdatePermission);
        const id = parseId(req.params.id, 'id', MAX_DEPLOYMENT_ID);
        const { status } = parseRequest(updateDeploymentBodySchema, req.body);
        const before = await deployments.get(id);
        const updated = await deployments.updateStatus(id, status, callerName(caller));
        announce(updated);
        return { from: before.status, deployment: updated };
      },
      ({ from, deployment: updated }) => ({ from, to: updated.status }),
    );
    res.json(await presentOne(deployment));
  });

  router.delete('/deployments/:id', async (req, res) => {
    await auditedChange(
      auditor,
      {
        eventId: 'deployment-delete',
        severityLevel: 'high',
        request: req,
        meta: { deploymentId: req.params.id },
      },
      async () => {
        await authorizer.authorize(req, deploymentDeletePermission);
        return deployments.delete(parseId(req.params.id, 'id', MAX_DEPLOYMENT_ID));
      },
      deleted => ({ product: deleted.product, environment: deleted.environment, version: deleted.version }),
    );
    res.status(204).end();
  });

  return router;
}

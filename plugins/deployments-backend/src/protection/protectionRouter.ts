import {
  AuditorService,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  DEPLOYMENTS_SIGNAL_CHANNEL,
  approvalTypesOf,
  deploymentApprovalBodySchema,
  deploymentApprovePermission,
} from '@shipgate/plugin-deployments-common';
import { OrgRoles } from '@shipgate/plugin-deployments-node';
import express from 'express';
import Router from 'express-promise-router';
import { auditedChange } from '../audit/auditedChange';
import { Caller, RequestAuthorizer } from '../auth/RequestAuthorizer';
import { Decider } from '../approvals/ApprovalSubject';
import { MAX_DEPLOYMENT_ID, parseId, parseRequest } from '../http/parseRequest';
import { ProtectionService } from './ProtectionService';

/** The signed-in person deciding, with the roles and groups the rules match against. */
export async function deciderOf(
  caller: Caller,
  userInfo: UserInfoService,
  orgRoles: OrgRoles,
): Promise<Decider> {
  if (caller.principal.type !== 'user') {
    throw new NotAllowedError(
      'deployments are approved by people, not by services',
    );
  }
  const info = await userInfo.getUserInfo(caller as any);
  const roles = orgRoles.rolesOf(info.ownershipEntityRefs);
  return {
    userRef: caller.principal.userEntityRef,
    roles,
    approvalTypes: approvalTypesOf(roles),
    ownershipRefs: info.ownershipEntityRefs,
  };
}

/** GitLab's `POST /deployments/:id/approval` for deployments blocked by a protected environment. */
export function createProtectionRouter(options: {
  protection: ProtectionService;
  authorizer: RequestAuthorizer;
  userInfo: UserInfoService;
  orgRoles: OrgRoles;
  auditor: AuditorService;
  signals: SignalsService;
  logger: LoggerService;
}): express.Router {
  const {
    protection,
    authorizer,
    userInfo,
    orgRoles,
    auditor,
    signals,
    logger,
  } = options;
  const router = Router();

  router.post('/deployments/:id/approval', async (req, res) => {
    const { approval } = await auditedChange(
      auditor,
      {
        eventId: 'deployment-approval',
        request: req,
        meta: { deploymentId: req.params.id },
      },
      async () => {
        // Who may, then which deployment (404), then what (400), then whose rules (403).
        const caller = await authorizer.authorize(
          req,
          deploymentApprovePermission,
        );
        const id = parseId(req.params.id, 'id', MAX_DEPLOYMENT_ID);
        await protection.requireDeployment(id);
        const body = parseRequest(deploymentApprovalBodySchema, req.body);
        return protection.decide(
          id,
          body,
          await deciderOf(caller, userInfo, orgRoles),
        );
      },
      ({ approval: a, deployment }) => ({
        status: a.status,
        representedAs: (req.body?.represented_as as string | undefined) ?? null,
        deploymentStatus: deployment.status,
      }),
    ).then(outcome => {
      // Open pages refresh; after the answer, and a failure to signal is only logged.
      Promise.resolve()
        .then(() =>
          signals.publish({
            recipients: { type: 'broadcast' },
            channel: DEPLOYMENTS_SIGNAL_CHANNEL,
            message: {
              deploymentId: outcome.deployment.id,
              product: outcome.deployment.product,
              environment: outcome.deployment.environment,
              status: outcome.deployment.status,
            },
          }),
        )
        .catch(error =>
          logger.warn(
            `Could not signal deployment ${outcome.deployment.id}: ${error}`,
          ),
        );
      return outcome;
    });
    res.status(201).json(approval);
  });

  return router;
}

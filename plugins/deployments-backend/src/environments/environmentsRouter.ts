import { AuditorService, UserInfoService } from '@backstage/backend-plugin-api';
import {
  CallerProfile,
  approvalTypesOf,
  deploymentReadPermission,
  environmentManagePermission,
  updateEnvironmentBodySchema,
} from '@shipgate/plugin-deployments-common';
import express from 'express';
import Router from 'express-promise-router';
import { OrgRoles } from '@shipgate/plugin-deployments-node';
import { auditedChange } from '../audit/auditedChange';
import { RequestAuthorizer, callerName } from '../auth/RequestAuthorizer';
import { parseRequest } from '../http/parseRequest';
import { EnvironmentService } from './EnvironmentService';

/** Environments (read by all, edited by admins), and who the caller is to Shipgate. */
export function createEnvironmentsRouter(options: {
  environments: EnvironmentService;
  orgRoles: OrgRoles;
  userInfo: UserInfoService;
  authorizer: RequestAuthorizer;
  auditor: AuditorService;
}): express.Router {
  const { environments, orgRoles, userInfo, authorizer, auditor } = options;
  const router = Router();

  router.get('/environments', async (req, res) => {
    await authorizer.authorize(req, deploymentReadPermission);
    res.json(await environments.list());
  });

  router.put('/environments/:name', async (req, res) => {
    const updated = await auditedChange(
      auditor,
      { eventId: 'environment-update', request: req, meta: { environment: req.params.name } },
      async () => {
        const caller = await authorizer.authorize(req, environmentManagePermission);
        const patch = parseRequest(updateEnvironmentBodySchema, req.body);
        return {
          patch,
          environment: await environments.update(req.params.name, patch, callerName(caller)),
        };
      },
      // What changed goes to the auditor, protection rules included (who may approve what).
      ({ patch }) => ({ changed: Object.keys(patch), after: JSON.parse(JSON.stringify(patch)) }),
    );
    res.json(updated.environment);
  });

  router.get('/me', async (req, res) => {
    const caller = await authorizer.authorize(req, deploymentReadPermission);
    if (caller.principal.type !== 'user') {
      res.json({ userEntityRef: caller.principal.subject, roles: [], approvalTypes: [] });
      return;
    }
    const info = await userInfo.getUserInfo(caller as any);
    const roles = orgRoles.rolesOf(info.ownershipEntityRefs);
    const profile: CallerProfile = {
      userEntityRef: info.userEntityRef,
      roles,
      approvalTypes: approvalTypesOf(roles),
    };
    res.json(profile);
  });

  return router;
}

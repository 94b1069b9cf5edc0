import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  CallerProfile,
  approvalTypesOf,
  deploymentReadPermission,
} from '@shipgate/plugin-deployments-common';
import express from 'express';
import Router from 'express-promise-router';
import { EnvironmentStore } from './EnvironmentStore';
import { OrgRoles } from '@shipgate/plugin-deployments-node';
import { RequestAuthorizer } from '../auth/RequestAuthorizer';

/** Environments, and who the caller is to Shipgate (roles → approval types). */
export function createEnvironmentsRouter(options: {
  environments: EnvironmentStore;
  orgRoles: OrgRoles;
  userInfo: UserInfoService;
  authorizer: RequestAuthorizer;
}): express.Router {
  const { environments, orgRoles, userInfo, authorizer } = options;
  const router = Router();

  router.get('/environments', async (req, res) => {
    await authorizer.authorize(req, deploymentReadPermission);
    res.json(await environments.list());
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

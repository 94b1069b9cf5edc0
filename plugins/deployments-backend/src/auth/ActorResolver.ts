import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PermissionCriteria,
  PermissionCondition,
} from '@backstage/plugin-permission-common';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import {
  approvalDecidePermission,
  deploymentRequestAdminPermission,
  deploymentRequestCreatePermission,
  stepCompletePermission,
  templateManagePermission,
} from '@shipgate/plugin-deployments-common';
import {
  ApprovalSubjectFilter,
  OrgRoles,
  approvalSubjectRules,
} from '@shipgate/plugin-deployments-node';
import { Request } from 'express';
import { Actor } from './Actor';

const toSubjectFilter = createConditionTransformer<ApprovalSubjectFilter>(approvalSubjectRules as any);

/**
 * Turns a request's credentials into an {@link Actor}: the signed-in user, their org roles,
 * and the permission policy's answers for Shipgate's request actions.
 */
export class ActorResolver {
  constructor(
    private readonly httpAuth: HttpAuthService,
    private readonly userInfo: UserInfoService,
    private readonly permissions: PermissionsService,
    private readonly orgRoles: OrgRoles,
  ) {}

  async resolve(req: Request): Promise<Actor> {
    const credentials = await this.httpAuth.credentials(req, { allow: ['user'] });
    return this.forCredentials(credentials);
  }

  async forCredentials(credentials: BackstageCredentials<BackstageUserPrincipal>): Promise<Actor> {
    const [info, decisions] = await Promise.all([
      this.userInfo.getUserInfo(credentials),
      this.permissions.authorize(
        [
          { permission: deploymentRequestCreatePermission },
          { permission: deploymentRequestAdminPermission },
          { permission: stepCompletePermission },
          { permission: templateManagePermission },
        ],
        { credentials },
      ),
    ]);
    const allowed = decisions.map(d => d.result === AuthorizeResult.ALLOW);
    const permissions = this.permissions;
    return {
      userRef: credentials.principal.userEntityRef,
      roles: this.orgRoles.rolesOf(info.ownershipEntityRefs),
      ownershipRefs: info.ownershipEntityRefs,
      canCreateRequests: allowed[0],
      canAdministerRequests: allowed[1],
      canCompleteSteps: allowed[2],
      canManageTemplates: allowed[3],
      async mayDecide(subjectIds: number[]) {
        if (subjectIds.length === 0) return new Set<number>();
        const results = await permissions.authorize(
          subjectIds.map(id => ({ permission: approvalDecidePermission, resourceRef: String(id) })),
          { credentials },
        );
        return new Set(subjectIds.filter((_, i) => results[i].result === AuthorizeResult.ALLOW));
      },
      async decideCriteria(): Promise<PermissionCriteria<ApprovalSubjectFilter> | boolean> {
        const [decision] = await permissions.authorizeConditional(
          [{ permission: approvalDecidePermission }],
          { credentials },
        );
        if (decision.result === AuthorizeResult.ALLOW) return true;
        if (decision.result === AuthorizeResult.DENY) return false;
        return toSubjectFilter(
          (decision as { conditions: PermissionCriteria<PermissionCondition<string>> })
            .conditions,
        );
      },
    };
  }
}

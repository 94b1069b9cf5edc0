import {
  AuthorizeResult,
  PolicyDecision,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  APPROVAL_SUBJECT_RESOURCE_TYPE,
  OrgRole,
  approvalTypesOf,
  deploymentRequestAdminPermission,
  deploymentRequestCreatePermission,
  stepCompletePermission,
  templateManagePermission,
  pipelineManagePermission,
  promotionApprovePermission,
  environmentManagePermission,
  breakGlassPermission,
  ruleManagePermission,
  deploymentCreatePermission,
  deploymentDeletePermission,
  deploymentReadPermission,
  deploymentUpdatePermission,
  deploymentApprovePermission,
} from '@shipgate/plugin-deployments-common';
import {
  OrgRoles,
  approvalSubjectConditions,
  createApprovalSubjectConditionalDecision,
} from '@shipgate/plugin-deployments-node';
import { OtherPluginsPolicy } from './OtherPluginsPolicy';

/**
 * Which org roles may take each Shipgate action. Reading is open to every signed-in user;
 * CI (a service token) is allowed by the framework before any policy runs.
 */
export const SHIPGATE_ACTION_ROLES: Record<string, readonly OrgRole[]> = {
  [deploymentCreatePermission.name]: ['admin', 'release_manager', 'sre', 'developer'],
  [deploymentUpdatePermission.name]: ['admin', 'release_manager', 'sre'],
  [deploymentDeletePermission.name]: ['admin', 'release_manager'],
  [deploymentRequestCreatePermission.name]: [
    'admin',
    'release_manager',
    'product',
    'qa',
    'security',
    'developer',
    'compliance',
    'sre',
  ],
  [deploymentRequestAdminPermission.name]: ['admin', 'release_manager'],
  [stepCompletePermission.name]: ['admin', 'release_manager', 'sre', 'developer', 'qa'],
  [templateManagePermission.name]: ['admin', 'release_manager'],
  // The product's owners may manage its pipeline too; the service checks catalog ownership.
  [pipelineManagePermission.name]: ['admin', 'release_manager'],
  // Likewise, the product's owners may decide their own product's promotions.
  [promotionApprovePermission.name]: ['admin', 'release_manager'],
  [environmentManagePermission.name]: ['admin'],
  [breakGlassPermission.name]: ['admin', 'release_manager'],
  [ruleManagePermission.name]: ['admin'],
};

/** Roles that only look: they never approve deployments, whatever a rule names. */
const LOOKING_ROLES: readonly OrgRole[] = ['viewer', 'billing'];

/**
 * Shipgate's ready policy: catalog groups → org roles (`deployments.roles`) → the actions
 * above. Permissions of other plugins go to a fallback: reads allowed, changes for admins
 * (see {@link OtherPluginsPolicy}).
 */
export class ShipgatePermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly orgRoles: OrgRoles,
    private readonly otherPlugins: OtherPluginsPolicy = new OtherPluginsPolicy(orgRoles),
  ) {}

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const { name } = request.permission;
    if (!name.startsWith('deployments.')) return this.otherPlugins.handle(request, user);
    if (name === deploymentReadPermission.name) {
      return { result: user ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    if (!user) return { result: AuthorizeResult.DENY };
    const roles = this.orgRoles.rolesOf(user.info.ownershipEntityRefs);
    if (isResourcePermission(request.permission, APPROVAL_SUBJECT_RESOURCE_TYPE)) {
      // The seed's role table: a role decides the approval types it maps to, and never
      // its own request unless the environment allows self-approval.
      const approvalTypes = approvalTypesOf(roles);
      if (approvalTypes.length === 0) return { result: AuthorizeResult.DENY };
      return createApprovalSubjectConditionalDecision(request.permission, {
        allOf: [
          approvalSubjectConditions.isApprovalTypeIn({ approvalTypes }),
          approvalSubjectConditions.isNotRequester({ userEntityRef: user.info.userEntityRef }),
        ],
      });
    }
    if (name === deploymentApprovePermission.name) {
      // A protected environment's approval rules say whose approval counts (a role, a group
      // or a user, with or without an org role); only viewers and billing are kept out.
      const onlyLooks = roles.length > 0 && roles.every(role => LOOKING_ROLES.includes(role));
      return { result: onlyLooks ? AuthorizeResult.DENY : AuthorizeResult.ALLOW };
    }
    const allowedRoles = SHIPGATE_ACTION_ROLES[name];
    if (!allowedRoles) return { result: AuthorizeResult.DENY };
    return {
      result: roles.some(role => allowedRoles.includes(role))
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    };
  }
}

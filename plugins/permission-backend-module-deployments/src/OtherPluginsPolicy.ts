import { Config } from '@backstage/config';
import { AuthorizeResult, PolicyDecision } from '@backstage/plugin-permission-common';
import { PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import { ORG_ROLES, OrgRole } from '@shipgate/plugin-deployments-common';
import { OrgRoles } from '@shipgate/plugin-deployments-node';

/** Who may change things in other plugins when config says nothing: admins. */
export const DEFAULT_MUTATING_ROLES: readonly OrgRole[] = ['admin'];

/**
 * The fallback for permissions that are not Shipgate's (the catalog's, and any other
 * plugin's): reads are allowed, as in a portal without a policy; creating, updating and
 * deleting (catalog entity deletes, location registration, refreshes…) and any permission
 * that names no action are kept for the org roles in
 * `deployments.otherPluginsPermissions.mutatingRoles` (default: admins).
 */
export class OtherPluginsPolicy {
  constructor(
    private readonly orgRoles: OrgRoles,
    private readonly mutatingRoles: readonly OrgRole[] = DEFAULT_MUTATING_ROLES,
  ) {}

  static fromConfig(config: Config, orgRoles: OrgRoles): OtherPluginsPolicy {
    const configured = config.getOptionalStringArray(
      'deployments.otherPluginsPermissions.mutatingRoles',
    );
    for (const role of configured ?? []) {
      if (!(ORG_ROLES as readonly string[]).includes(role)) {
        throw new Error(
          `deployments.otherPluginsPermissions.mutatingRoles: '${role}' is not an org role (${ORG_ROLES.join(', ')})`,
        );
      }
    }
    return new OtherPluginsPolicy(orgRoles, (configured as OrgRole[]) ?? DEFAULT_MUTATING_ROLES);
  }

  handle(request: PolicyQuery, user?: PolicyQueryUser): PolicyDecision {
    if (request.permission.attributes?.action === 'read') return { result: AuthorizeResult.ALLOW };
    if (!user) return { result: AuthorizeResult.DENY };
    const roles = this.orgRoles.rolesOf(user.info.ownershipEntityRefs);
    return {
      result: roles.some(role => this.mutatingRoles.includes(role))
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    };
  }
}

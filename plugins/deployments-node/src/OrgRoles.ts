import { Config } from '@backstage/config';
import { ORG_ROLES, OrgRole } from '@shipgate/plugin-deployments-common';

/**
 * Org roles come from catalog group membership: `deployments.roles` maps each role to the
 * groups whose members hold it.
 */
export class OrgRoles {
  private constructor(private readonly groupsByRole: Map<OrgRole, Set<string>>) {}

  static fromConfig(config: Config): OrgRoles {
    const map = new Map<OrgRole, Set<string>>();
    const roles = config.getOptionalConfig('deployments.roles');
    for (const key of roles?.keys() ?? []) {
      if (!(ORG_ROLES as readonly string[]).includes(key)) {
        throw new Error(
          `Invalid deployments.roles.${key}: roles are ${ORG_ROLES.join(', ')}`,
        );
      }
      const groups = roles!.getStringArray(key).map(g => g.toLowerCase());
      map.set(key as OrgRole, new Set(groups));
    }
    return new OrgRoles(map);
  }

  /** The groups whose members hold any of these roles. */
  groupsOf(roles: readonly OrgRole[]): string[] {
    return [...new Set(roles.flatMap(role => [...(this.groupsByRole.get(role) ?? [])]))];
  }

  /** The roles held by someone who owns through these refs (user + groups). */
  rolesOf(ownershipEntityRefs: string[]): OrgRole[] {
    const refs = ownershipEntityRefs.map(r => r.toLowerCase());
    return ORG_ROLES.filter(role => refs.some(ref => this.groupsByRole.get(role)?.has(ref)));
  }
}

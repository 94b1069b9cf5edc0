import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { OrgRole } from '@shipgate/plugin-deployments-common';
import { ApprovalSlotFilter } from '@shipgate/plugin-deployments-node';

/**
 * A signed-in person acting on deployment requests, with what the permission policy lets
 * them do. Built by the router from the request's credentials; the services only ask.
 */
export interface Actor {
  userRef: string;
  roles: OrgRole[];
  canCreateRequests: boolean;
  canAdministerRequests: boolean;
  canCompleteSteps: boolean;
  canManageTemplates: boolean;
  /** The slots, of those given, that the policy lets this person decide. */
  mayDecide(slotIds: number[]): Promise<Set<number>>;
  /** The policy's answer for deciding slots in general: all, none, or a filter. */
  decideCriteria(): Promise<PermissionCriteria<ApprovalSlotFilter> | boolean>;
}

import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { OrgRole } from '@shipgate/plugin-deployments-common';
import {
  ApprovalSubjectFilter,
  ApprovalSubjectResource,
} from '@shipgate/plugin-deployments-node';

/**
 * A signed-in person acting on deployment requests and approvals, with what the permission policy lets
 * them do. Built by the router from the request's credentials; the services only ask.
 */
export interface Actor {
  userRef: string;
  roles: OrgRole[];
  /** The user and the groups they belong to. */
  ownershipRefs: string[];
  canCreateRequests: boolean;
  canAdministerRequests: boolean;
  canCompleteSteps: boolean;
  canManageTemplates: boolean;
  /** The policy's answers for promotion pipelines (owners of a product may as well). */
  canManagePipelines: boolean;
  canApprovePromotions: boolean;
  /**
   * The approval subjects, of those given, that the policy lets this person decide. `loaded`:
   * subjects the caller has read already, so that they are not read again.
   */
  mayDecide(subjectIds: number[], loaded?: ApprovalSubjectResource[]): Promise<Set<number>>;
  /** The policy's answer for deciding approvals in general: all, none, or a filter. */
  decideCriteria(): Promise<PermissionCriteria<ApprovalSubjectFilter> | boolean>;
}

import { OrgRole } from '../approvals/roles';

/**
 * One approval rule of a protected environment (GitLab's `approval_rules`): exactly one of
 * an org role (GitLab's access level), a catalog group or a user, and how many approvals
 * from them a deployment needs.
 */
export interface ApprovalRule {
  role?: OrgRole;
  /** A group entity ref, e.g. `group:default/qa-team`. */
  group?: string;
  /** A user entity ref, e.g. `user:default/quinn`. */
  user?: string;
  requiredApprovals: number;
}

/**
 * What protects an environment: every deployment to it is recorded `blocked` until each
 * rule has its approvals. The triggerer (`deployed_by`) may not approve unless allowed.
 */
export interface EnvironmentProtection {
  approvalRules: ApprovalRule[];
  allowTriggererToApprove: boolean;
}

/** The name a rule answers to (`represented_as`): its role, group or user. */
export function approvalRuleLabel(rule: ApprovalRule): string {
  return rule.role ?? rule.group ?? rule.user ?? '';
}

/** GitLab's approval statuses on the wire. */
export const DEPLOYMENT_APPROVAL_STATUSES = ['approved', 'rejected'] as const;
export type DeploymentApprovalStatus =
  (typeof DEPLOYMENT_APPROVAL_STATUSES)[number];

/**
 * GitLab's user object, adapted: `id` and `username` carry the Backstage user entity ref
 * and its name (Backstage has no numeric user ids).
 */
export interface DeploymentApprovalUser {
  id: string;
  username: string;
  name: string;
  state: 'active';
  avatar_url: null;
  web_url: null;
}

/** One approval of a deployment (GitLab's shape; also the answer of POST .../approval). */
export interface DeploymentApproval {
  user: DeploymentApprovalUser;
  status: DeploymentApprovalStatus;
  created_at: string;
  comment: string | null;
}

/**
 * One rule of `approval_summary` in GitLab's shape. Backstage has no numeric ids, so
 * `user_id` holds a user entity ref, `group_id` a group entity ref, and `access_level` an
 * org role (GitLab's access levels are roles too); `access_level_description` names the rule
 * as `represented_as` takes it.
 */
export interface ApprovalSummaryRule {
  user_id: string | null;
  group_id: string | null;
  access_level: OrgRole | null;
  access_level_description: string;
  required_approvals: number;
  deployment_approvals: DeploymentApproval[];
}

/** What a deployment that needs approval carries, GitLab's names. */
export interface DeploymentApprovalState {
  pending_approval_count: number;
  approvals: DeploymentApproval[];
  approval_summary: { rules: ApprovalSummaryRule[] };
}

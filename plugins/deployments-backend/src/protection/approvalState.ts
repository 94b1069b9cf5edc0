import {
  ApprovalSummaryRule,
  DeploymentApproval,
  DeploymentApprovalState,
} from '@shipgate/plugin-deployments-common';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  ApprovalDecisionRecord,
  ApprovalSubject,
} from '../approvals/ApprovalSubject';
import { missingApprovals, requirementLabel } from '../approvals/quorum';

/** GitLab's user object for a Backstage user ref (no numeric ids: the ref is the id). */
function userOf(ref: string) {
  let name = ref;
  try {
    name = parseEntityRef(ref).name;
  } catch {
    // Not a ref: shown as it is.
  }
  return {
    id: ref,
    username: name,
    name,
    state: 'active' as const,
    avatar_url: null,
    web_url: null,
  };
}

export function approvalOf(
  decision: ApprovalDecisionRecord,
): DeploymentApproval {
  return {
    user: userOf(decision.decidedBy),
    status: decision.decision === 'approve' ? 'approved' : 'rejected',
    created_at: decision.createdAt,
    comment: decision.comment,
  };
}

/**
 * A deployment subject in GitLab's shape: `pending_approval_count` (approvals still
 * missing, over every rule; 0 once rejected), `approvals`, and `approval_summary.rules`
 * with each rule's `required_approvals` and `deployment_approvals`.
 */
export function approvalStateOf(
  subject: ApprovalSubject,
): DeploymentApprovalState {
  const rules: ApprovalSummaryRule[] = subject.requirements.map(r => ({
    user_id: r.user,
    group_id: r.group,
    access_level: r.role,
    access_level_description: requirementLabel(r),
    required_approvals: r.requiredCount,
    deployment_approvals: subject.decisions
      .filter(d => d.requirementId === r.id)
      .map(approvalOf),
  }));
  const pending =
    subject.state === 'open'
      ? missingApprovals(subject.requirements, subject.decisions).reduce(
          (n, m) => n + m.missing,
          0,
        )
      : 0;
  return {
    pending_approval_count: pending,
    approvals: subject.decisions.map(approvalOf),
    approval_summary: { rules },
  };
}

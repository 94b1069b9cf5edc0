import {
  ApprovalRule,
  EnvironmentProtection,
  approvalRuleLabel,
} from '@shipgate/plugin-deployments-common';
import { ApprovalRequirement } from '../approvals/ApprovalSubject';
import { missingApprovals, requirementLabel } from '../approvals/quorum';

/** The words that start a protected deployment's `blocked_reason`. */
export const WAITING_FOR_APPROVALS = 'waiting for approvals';

/** An environment's approval rules as the approvals engine's requirements. */
export function requirementsOf(
  protection: EnvironmentProtection,
): Array<Omit<ApprovalRequirement, 'id'>> {
  return protection.approvalRules.map((rule: ApprovalRule) => ({
    approvalType: null,
    role: rule.role ?? null,
    group: rule.group ?? null,
    user: rule.user ?? null,
    requiredCount: rule.requiredApprovals,
  }));
}

/**
 * The user who triggered a deployment, as an entity ref: `deployed_by` as CI sends it (a
 * ref, or a bare name in the default namespace). Null when there is none, or when it is too
 * long to be a user (entity names are at most 63 characters), so it names nobody. Lower
 * case, as the catalog compares refs.
 */
export function triggererRef(deployedBy: string | null): string | null {
  const name = deployedBy?.trim();
  if (!name) return null;
  const ref = name.includes(':') ? name : `user:default/${name}`;
  return ref.length <= 255 ? ref.toLowerCase() : null;
}

/** "waiting for approvals: 1 from qa, 2 from group:default/security-team". */
export function waitingReason(
  requirements: ReadonlyArray<
    Omit<ApprovalRequirement, 'id'> & { id?: number }
  >,
  decisions: ReadonlyArray<{
    decision: 'approve' | 'reject';
    requirementId: number | null;
  }> = [],
): string {
  const withIds = requirements.map((r, i) => ({ ...r, id: r.id ?? -1 - i }));
  const missing = missingApprovals(withIds, decisions);
  return `${WAITING_FOR_APPROVALS}: ${missing
    .map(m => `${m.missing} from ${requirementLabel(m.requirement)}`)
    .join(', ')}`;
}

/** Whether a deployment's blocked reason includes the protection's. */
export function heldByProtection(
  blockedReason: string | null | undefined,
): boolean {
  return Boolean(
    blockedReason?.split('; ').some(r => r.startsWith(WAITING_FOR_APPROVALS)),
  );
}

/** The reason without the protection's part: what else still holds the deployment. */
export function reasonsBesidesProtection(
  blockedReason: string | null,
): string | null {
  const rest = (blockedReason ?? '')
    .split('; ')
    .filter(r => r && !r.startsWith(WAITING_FOR_APPROVALS));
  return rest.length ? rest.join('; ') : null;
}

export { approvalRuleLabel };

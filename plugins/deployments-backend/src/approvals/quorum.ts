import {
  ApprovalDecisionRecord,
  ApprovalRequirement,
  ApprovalSubjectState,
  Decider,
} from './ApprovalSubject';

type Decision = Pick<ApprovalDecisionRecord, 'decision' | 'requirementId'>;

/** The name a requirement answers to, as `represented_as` gives it. */
export function requirementLabel(requirement: Omit<ApprovalRequirement, 'id'>): string {
  return requirement.approvalType ?? requirement.role ?? requirement.group ?? requirement.user ?? '';
}

/** Approvals counted for a requirement so far. */
export function approvalsFor(requirementId: number, decisions: readonly Decision[]): number {
  return decisions.filter(d => d.decision === 'approve' && d.requirementId === requirementId)
    .length;
}

/** How many approvals each requirement still misses (only those that miss any). */
export function missingApprovals(
  requirements: readonly ApprovalRequirement[],
  decisions: readonly Decision[],
): Array<{ requirement: ApprovalRequirement; missing: number }> {
  return requirements
    .map(requirement => ({
      requirement,
      missing: Math.max(0, requirement.requiredCount - approvalsFor(requirement.id, decisions)),
    }))
    .filter(r => r.missing > 0);
}

/**
 * Quorum and the one-rejection rule: a single rejection rejects the subject; it is approved
 * once every requirement has its count (a subject that requires nothing is approved).
 */
export function subjectStateOf(
  requirements: readonly ApprovalRequirement[],
  decisions: readonly Decision[],
): ApprovalSubjectState {
  if (decisions.some(d => d.decision === 'reject')) return 'rejected';
  return missingApprovals(requirements, decisions).length === 0 ? 'approved' : 'open';
}

/** Whether the decider is one of those a requirement asks for. */
export function fills(requirement: Omit<ApprovalRequirement, 'id'>, decider: Decider): boolean {
  if (requirement.user) return requirement.user === decider.userRef;
  if (requirement.group) {
    const group = requirement.group.toLowerCase();
    return decider.ownershipRefs.some(ref => ref.toLowerCase() === group);
  }
  if (requirement.role) return decider.roles.includes(requirement.role);
  if (requirement.approvalType) return decider.approvalTypes.includes(requirement.approvalType);
  return false;
}

/**
 * The requirement a decision counts for: the one named by `representedAs`, else the first
 * the decider fills that still misses approvals, else the first they fill. Undefined when
 * they fill none; a name they do not fill is an error for the caller to report.
 */
export function requirementFor(
  requirements: readonly ApprovalRequirement[],
  decisions: readonly Decision[],
  decider: Decider,
  representedAs?: string | null,
): ApprovalRequirement | undefined | 'not_represented' {
  const filled = requirements.filter(r => fills(r, decider));
  if (representedAs) {
    return filled.find(r => requirementLabel(r) === representedAs) ?? 'not_represented';
  }
  const missing = new Set(missingApprovals(requirements, decisions).map(m => m.requirement.id));
  return filled.find(r => missing.has(r.id)) ?? filled[0];
}

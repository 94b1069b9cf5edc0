import { ApprovalDecisionValue, ApprovalType, OrgRole } from '@shipgate/plugin-deployments-common';

/** The features whose records are approved through the engine. */
export type ApprovalSubjectKind = 'request_slot' | 'deployment' | 'promotion';

export type ApprovalSubjectState = 'open' | 'approved' | 'rejected';

/**
 * Who must approve: one of an approval type, a role, a group or a user, and how many of
 * them. A subject is approved when every requirement has its count.
 */
export interface ApprovalRequirement {
  id: number;
  approvalType: ApprovalType | null;
  role: OrgRole | null;
  group: string | null;
  user: string | null;
  requiredCount: number;
}

export interface ApprovalDecisionRecord {
  id: number;
  requirementId: number | null;
  decidedBy: string;
  decision: ApprovalDecisionValue;
  comment: string | null;
  representedAs: string | null;
  createdAt: string;
}

/** Something that needs approval, as the engine keeps it. */
export interface ApprovalSubject {
  id: number;
  kind: ApprovalSubjectKind;
  /** The owner's record: a deployment request, a deployment, a promotion. */
  ownerId: number;
  position: number;
  /** Who asked for it; they may not approve it unless `environment` allows self-approval. */
  requestedBy: string | null;
  environment: string | null;
  state: ApprovalSubjectState;
  /** Whether the owner takes decisions now (a request in progress, a blocked deployment). */
  active: boolean;
  createdAt: string;
  requirements: ApprovalRequirement[];
  decisions: ApprovalDecisionRecord[];
  /** The deployment rule that added it, if one did. */
  fromRule?: { id: number; name: string } | null;
  /** Its rank in an approval order: decided only once its owner's lower ranks are approved. */
  orderRank?: number | null;
}

/**
 * A subject counted rather than read whole: its state, what each requirement asks, and how
 * many approvals it has. Lists show no more (My Tasks, request summaries), so they skip the
 * decisions themselves.
 */
export interface ApprovalTally {
  id: number;
  ownerId: number;
  state: ApprovalSubjectState;
  /** In order, as the engine counts them. */
  requirements: Array<{ approvalType: ApprovalType | null; requiredCount: number }>;
  approvals: number;
}

/** A subject to create: its place, who asked, and what it requires. */
export interface NewApprovalSubject {
  kind: ApprovalSubjectKind;
  ownerId: number;
  position: number;
  requestedBy: string | null;
  environment: string | null;
  active: boolean;
  requirements: Array<Omit<ApprovalRequirement, 'id'>>;
  fromRule?: { id: number; name: string } | null;
  orderRank?: number | null;
}

/** A person deciding, with what they hold: the requirements they can fill follow from it. */
export interface Decider {
  userRef: string;
  roles: readonly OrgRole[];
  approvalTypes: readonly ApprovalType[];
  /** The user and the groups they belong to (Backstage's ownership refs). */
  ownershipRefs: readonly string[];
}

export interface DecisionInput {
  decision: ApprovalDecisionValue;
  comment: string | null;
  /** Which requirement the decision counts for, when the decider fills several. */
  representedAs?: string | null;
}

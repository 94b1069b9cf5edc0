import { ApprovalType } from './roles';

export type ApprovalDecisionValue = 'approve' | 'reject';
export type ApprovalSlotState = 'open' | 'approved' | 'rejected';
export interface ApprovalDecision {
  id: number;
  decidedBy: string;
  decision: ApprovalDecisionValue;
  comment: string | null;
  createdAt: string;
}

export interface ApprovalSlot {
  id: number;
  approvalType: ApprovalType;
  requiredCount: number;
  state: ApprovalSlotState;
  decisions: ApprovalDecision[];
  /** The deployment rule that added it (it cannot be removed from the request), or null. */
  fromRule?: { id: number; name: string } | null;
  /** Its place in a rule's approval order: it waits for slots of a lower rank. */
  orderRank?: number | null;
}

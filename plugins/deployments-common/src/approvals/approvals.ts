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
}

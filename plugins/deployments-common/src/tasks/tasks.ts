import { ApprovalType } from '../approvals/roles';
import { Promotion } from '../promotions/promotions';
import { DeploymentRequestSummary, StepPhase } from '../requests/deploymentRequests';

/** One thing the caller can act on now. */
export type Task =
  | {
      kind: 'approval';
      request: DeploymentRequestSummary;
      slot: { id: number; approvalType: ApprovalType; requiredCount: number; approvals: number };
    }
  | {
      kind: 'step';
      request: DeploymentRequestSummary;
      step: { id: number; phase: StepPhase; title: string };
    }
  | {
      /** A promotion the caller may approve (pending_approval) or deploy (pending_release). */
      kind: 'promotion';
      promotion: Promotion;
    };

export interface TaskList {
  tasks: Task[];
  counts: { approvals: number; steps: number; promotions: number; total: number };
}

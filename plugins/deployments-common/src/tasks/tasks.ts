import { ApprovalType } from '../approvals/roles';
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
    };

export interface TaskList {
  tasks: Task[];
  counts: { approvals: number; steps: number; total: number };
}

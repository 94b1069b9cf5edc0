import { ApprovalType } from '../approvals/roles';
import { Deployment } from '../deployments/deployments';
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
    }
  | {
      /**
       * A deployment blocked by a protected environment whose approval rules name the caller
       * (with GitLab's approval fields); `matches` are the rules they match, by the name
       * `represented_as` takes.
       */
      kind: 'deployment_approval';
      deployment: Deployment;
      matches: string[];
    };

export interface TaskList {
  tasks: Task[];
  counts: {
    approvals: number;
    steps: number;
    promotions: number;
    deploymentApprovals: number;
    total: number;
  };
}

import { ApprovalType } from '../approvals/roles';

export interface DeploymentRequestTemplate {
  id: number;
  name: string;
  description: string;
  /** Environment names it applies to; empty means every environment. */
  environments: string[];
  slots: Array<{ approvalType: ApprovalType; requiredCount: number }>;
  preSteps: string[];
  postSteps: string[];
  createdBy: string;
  updatedAt: string;
}

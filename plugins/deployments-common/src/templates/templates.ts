import { ApprovalType } from '../approvals/roles';
import { StepDefinition } from '../requests/deploymentRequests';

export interface DeploymentRequestTemplate {
  id: number;
  name: string;
  description: string;
  /** Environment names it applies to; empty means every environment. */
  environments: string[];
  slots: Array<{ approvalType: ApprovalType; requiredCount: number }>;
  preSteps: StepDefinition[];
  postSteps: StepDefinition[];
  createdBy: string;
  updatedAt: string;
}

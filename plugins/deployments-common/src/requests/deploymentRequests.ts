import { ApprovalSlot } from '../approvals/approvals';
import { ApprovalType, OrgRole } from '../approvals/roles';
import { AuditEvent } from '../audit/audit';
import { DeploymentCellState } from '../deployments/statuses';

/** A deployment request's lifecycle (the seed's states, plus canceled). */
export const DEPLOYMENT_REQUEST_STATES = [
  'draft',
  'in_progress',
  'approved',
  'rejected',
  'completed',
  'canceled',
] as const;
export type DeploymentRequestState = (typeof DEPLOYMENT_REQUEST_STATES)[number];

/** States in which a request still asks something of people. */
export const OPEN_DEPLOYMENT_REQUEST_STATES: readonly DeploymentRequestState[] = [
  'in_progress',
  'approved',
];

export type StepPhase = 'pre' | 'post';

export interface DeploymentRequestItem {
  id: number;
  /** Catalog entity ref of the product. */
  product: string;
  productName: string;
  version: string;
}

/**
 * What a step asks: its title, and the org role whose members complete it. A step with no
 * role is completed by the request's creator, release managers or admins.
 */
export interface StepDefinition {
  title: string;
  role: OrgRole | null;
}

/** A step as the API takes it (a plain title, or a title and role) as a definition. */
export function toStepDefinition(
  step: string | { title: string; role?: OrgRole | null },
): StepDefinition {
  return typeof step === 'string'
    ? { title: step, role: null }
    : { title: step.title, role: step.role ?? null };
}

export interface DeploymentRequestStep {
  id: number;
  phase: StepPhase;
  title: string;
  /** Who completes it: members of this org role (and admins), or null (see {@link StepDefinition}). */
  role: OrgRole | null;
  completedBy: string | null;
  completedAt: string | null;
  note: string | null;
}

/** One cell of a request's progress view: an item in an environment. */
export interface ProgressCell {
  state: DeploymentCellState;
  deploymentId: number | null;
}

export interface ProgressRow {
  product: string;
  productName: string;
  version: string;
  /** Keyed by environment name. */
  cells: Record<string, ProgressCell>;
}

/** What the caller may do with a request, decided by the server (the UI only hides). */
export interface DeploymentRequestAbilities {
  edit: boolean;
  submit: boolean;
  cancel: boolean;
  complete: boolean;
  clone: boolean;
  /** Slot id → null when the caller may decide it, else the reason they may not. */
  decide: Record<number, string | null>;
  /** Step id → null when the caller may complete it, else the reason. */
  completeStep: Record<number, string | null>;
}

/** A deployment request as lists show it. */
export interface DeploymentRequestSummary {
  id: number;
  title: string;
  environment: string;
  state: DeploymentRequestState;
  createdBy: string;
  items: DeploymentRequestItem[];
  /** Slots still waiting, e.g. `[{ approvalType: 'qa', missing: 1 }]`. */
  waitingOn: Array<{ approvalType: ApprovalType; missing: number }>;
  createdAt: string;
  updatedAt: string;
}

/** A deployment request with everything its page shows. */
export interface DeploymentRequest extends DeploymentRequestSummary {
  description: string;
  templateId: number | null;
  clonedFromId: number | null;
  slots: ApprovalSlot[];
  steps: DeploymentRequestStep[];
  progress: { environments: string[]; rows: ProgressRow[] };
  audit: AuditEvent[];
  abilities: DeploymentRequestAbilities;
  submittedAt: string | null;
  completedAt: string | null;
}

export interface DeploymentRequestQuery {
  product?: string;
  environment?: string;
  state?: DeploymentRequestState;
  /** Only requests the caller created. */
  mine?: boolean;
  /** Only requests with a slot the caller may decide now. */
  approvable?: boolean;
  page?: number;
  per_page?: number;
}

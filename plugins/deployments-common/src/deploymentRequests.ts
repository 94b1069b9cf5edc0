import { ApprovalType } from './roles';
import { DeploymentCellState } from './statuses';

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

export type ApprovalDecisionValue = 'approve' | 'reject';
export type ApprovalSlotState = 'open' | 'approved' | 'rejected';
export type StepPhase = 'pre' | 'post';

export interface DeploymentRequestItem {
  id: number;
  /** Catalog entity ref of the product. */
  product: string;
  productName: string;
  version: string;
}

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

export interface DeploymentRequestStep {
  id: number;
  phase: StepPhase;
  title: string;
  completedBy: string | null;
  completedAt: string | null;
  note: string | null;
}

export interface AuditEvent {
  id: number;
  actor: string;
  action: string;
  /** What the event was about, e.g. `slot 3 (qa)`, `step 7`, `deployment 42`. */
  target: string | null;
  before: unknown;
  after: unknown;
  comment: string | null;
  createdAt: string;
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
  /** Slots still waiting, e.g. [{approvalType:'qa', missing:1}]. */
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

export interface DeploymentRequestTemplate {
  id: number;
  name: string;
  description: string;
  /** Environment names it applies to; empty means every environment. */
  environments: string[];
  approvalSlots: Array<{ approvalType: ApprovalType; requiredCount: number }>;
  preSteps: string[];
  postSteps: string[];
  createdBy: string;
  updatedAt: string;
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

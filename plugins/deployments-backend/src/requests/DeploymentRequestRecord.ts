import {
  ApprovalSlot,
  ApprovalType,
  DeploymentRequestState,
  OrgRole,
  StepDefinition,
  StepPhase,
} from '@shipgate/plugin-deployments-common';

/** A deployment request's own fields and items: what lists show of it. */
export interface RequestHead {
  id: number;
  title: string;
  description: string;
  environment: string;
  state: DeploymentRequestState;
  createdBy: string;
  /** Whether it holds deployment events that name no request (see RequestDeploymentGate). */
  gatesUnnamedEvents: boolean;
  templateId: number | null;
  clonedFromId: number | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  resolvedAt: string | null;
  completedAt: string | null;
  items: Array<{ id: number; product: string; version: string }>;
}

/** A deployment request's own fields, without its items. */
export type RequestFields = Omit<RequestHead, 'items'>;

/** A deployment request's own fields, as its store keeps them. */
export interface RequestRow extends RequestHead {
  steps: Array<{
    id: number;
    phase: StepPhase;
    title: string;
    role: OrgRole | null;
    completedBy: string | null;
    completedAt: string | null;
    note: string | null;
  }>;
}

/** A deployment request with its approval slots (subjects of the approvals engine). */
export interface DeploymentRequestRecord extends RequestRow {
  slots: ApprovalSlot[];
}

/** An approval slot counted: what lists show of it. */
export interface SlotTally {
  id: number;
  approvalType: ApprovalType;
  requiredCount: number;
  state: ApprovalSlot['state'];
  approvals: number;
}

/** A deployment request as lists show it: no steps, its slots counted. */
export interface RequestSummaryRecord extends RequestHead {
  slots: SlotTally[];
}

export type RequestStep = RequestRow['steps'][number];

/** The editable contents of a request (a draft's fields). */
export interface RequestContents {
  title: string;
  description: string;
  environment: string;
  items: Array<{ product: string; version: string }>;
  slots: Array<{ approvalType: ApprovalType; requiredCount: number }>;
  preSteps: StepDefinition[];
  postSteps: StepDefinition[];
}

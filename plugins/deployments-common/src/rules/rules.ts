import { ApprovalType } from '../approvals/roles';
import { EnvironmentTier } from '../environments/environments';

/** Which deployments and requests a rule applies to; an empty or missing list matches all. */
export interface RuleMatch {
  environments: string[];
  tiers: EnvironmentTier[];
  /** Product entity refs (`component:default/payment-api`). */
  products: string[];
}

/** An org-wide deployment rule as the API returns it. */
export interface DeploymentRule {
  id: number;
  name: string;
  enabled: boolean;
  match: RuleMatch;
  /** Events it matches need an approved deployment request covering product and version. */
  requireApprovedRequest: boolean;
  /** Approval slots added to every request it matches, marked as coming from it. */
  requiredApprovals: Array<{ approvalType: ApprovalType; count: number }>;
  /** Slots of these types are decided in this order: a later one waits for the earlier. */
  approvalOrder: ApprovalType[];
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

/** What a matching rule does to one deployment event (POST /rules/evaluate). */
export type RuleEffect =
  | {
      kind: 'require_approved_request';
      satisfied: boolean;
      deploymentRequestId: number | null;
    }
  | {
      kind: 'required_approvals';
      approvals: DeploymentRule['requiredApprovals'];
    }
  | { kind: 'approval_order'; order: ApprovalType[] };

export type GateDecision = 'allow' | 'block' | 'refuse';

/** Body of the answer of POST /rules/evaluate: a dry run of every deployment gate. */
export interface RuleEvaluation {
  decision: GateDecision;
  /** The enabled rules that match the event, with what each does to it. */
  rules: Array<{ id: number; name: string; effects: RuleEffect[] }>;
  /** Why it would be blocked or refused, one sentence per gate that objects. */
  reasons: string[];
  /** Each gate's answer, in the order ingestion asks them. */
  gates: Array<{
    name: string;
    decision: GateDecision;
    reason: string | null;
    status?: number;
  }>;
}

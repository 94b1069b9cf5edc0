import { DeploymentStatus, DeploymentCellState } from './statuses';
import { DeploymentApprovalState } from '../protection/protection';

/**
 * A deployment record as the API returns it (GitLab/Versioner field names on the wire).
 * One that needs approval (a protected environment) also carries GitLab's
 * `pending_approval_count`, `approvals` and `approval_summary`.
 */
export interface Deployment extends Partial<DeploymentApprovalState> {
  id: number;
  /** GitLab's per-project id; Shipgate has one sequence, so it equals `id`. */
  iid: number;
  /** Full catalog entity ref of the product, e.g. `component:default/payment-api`. */
  product: string;
  /** The product's short name (`payment-api`), Versioner's `product_name`. */
  product_name: string;
  version: string;
  environment: string;
  status: DeploymentStatus;
  /** Why a deployment gate holds it as `blocked` (null otherwise). */
  blocked_reason: string | null;
  ref: string | null;
  sha: string | null;
  tag: string | null;
  deployed_by: string | null;
  build_url: string | null;
  extra_metadata: Record<string, unknown> | null;
  deployment_request_id: number | null;
  /** The break-glass session it was recorded under (through a freeze), if any. */
  break_glass_id: number | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export const DEPLOYMENT_ORDER_FIELDS = [
  'id',
  'iid',
  'created_at',
  'updated_at',
  'finished_at',
  'ref',
] as const;
export type DeploymentOrderField = (typeof DEPLOYMENT_ORDER_FIELDS)[number];

/** Filters of GET /deployments (GitLab's names). */
export interface DeploymentQuery {
  product?: string;
  environment?: string;
  status?: DeploymentStatus;
  order_by?: DeploymentOrderField;
  sort?: 'asc' | 'desc';
  updated_after?: string;
  updated_before?: string;
  finished_after?: string;
  finished_before?: string;
  page?: number;
  per_page?: number;
}

/** One page of a list, with the paging headers' values. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  perPage: number;
  nextPage: number | null;
}

/** A product as the matrix shows it, from the catalog. */
export interface ProductSummary {
  entityRef: string;
  name: string;
  title: string | null;
  system: string | null;
  owner: string | null;
}

/** What one cell of the environment matrix holds: the latest deployment there. */
export interface MatrixCell {
  state: DeploymentCellState;
  deploymentId: number;
  version: string;
  status: DeploymentStatus;
  deployedBy: string | null;
  /** When it last changed (finished_at, else updated_at). */
  at: string;
  buildUrl: string | null;
}

export interface MatrixRow {
  product: ProductSummary;
  /** Keyed by environment name; an environment without a deployment is absent. */
  cells: Record<string, MatrixCell>;
}

export interface MatrixQuery {
  product?: string;
  system?: string;
  owner?: string;
  page?: number;
  per_page?: number;
}

export interface Matrix {
  environments: Array<{ name: string; title: string; tier: string; order: number }>;
  rows: MatrixRow[];
  total: number;
  page: number;
  perPage: number;
  nextPage: number | null;
}

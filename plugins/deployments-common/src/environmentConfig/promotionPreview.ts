import { ValueDiff, VariableDiff } from './variableDiff';

/** A target change the source does not have (the seed's conflict indicators). */
export interface PromotionConflict {
  kind: 'target_changed_since_promotion';
  message: string;
}

/** One workload's diff; a System's workloads also name their component. */
export interface WorkloadDiff {
  version: ValueDiff;
  /** The component's entity ref (only in a System's preview). */
  product?: string;
}

/** POST /products/:product/promotion/preview: what promoting source → target changes. */
export interface PromotionPreview {
  product: string;
  source: string;
  target: string;
  requiredApprovals: number;
  /** Per workload (the product's components), keyed by name: its version. */
  workloads: Record<string, WorkloadDiff>;
  variables: Record<string, VariableDiff>;
  conflicts: PromotionConflict[];
  changes: { workloads: number; variables: number; bindings: number; total: number };
  soak: {
    requiredMinutes: number;
    /** Minutes the source has run its version; null when it has none. */
    elapsedMinutes: number | null;
    remainingMinutes: number;
    satisfied: boolean;
  };
  /** When the preview was made. */
  at: string;
}

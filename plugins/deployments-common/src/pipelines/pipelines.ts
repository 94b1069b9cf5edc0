/** Where a stage sits in the editor, in flow coordinates. */
export interface StagePosition {
  x: number;
  y: number;
}

/** A stage of a promotion pipeline: one environment. */
export interface PipelineStage {
  environment: string;
  position?: StagePosition;
}

/** A directed promotion path between two stages. */
export interface PipelineTransition {
  from: string;
  to: string;
  /** Approvals a promotion along this edge needs (0 = auto-approve). */
  requiredApprovals: number;
  /** How long the source must have run a version before it may be promoted (0 = no wait). */
  soakMinutes?: number;
}

/** A product's promotion pipeline, as PUT takes it. */
export interface PromotionPipelineContents {
  stages: PipelineStage[];
  transitions: PipelineTransition[];
}

/** A product's promotion pipeline, as GET returns it. */
export interface PromotionPipeline extends PromotionPipelineContents {
  product: string;
  /** Null until the pipeline is saved for the first time. */
  updatedAt: string | null;
  updatedBy: string | null;
  /** Whether the caller may change it (admins, release managers, the product's owners). */
  canManage: boolean;
}

import { z } from 'zod';

const environmentName = z.string().trim().min(1, 'environment is required').max(100);

/** Limits of a pipeline: the editor and the API share them. */
export const MAX_PIPELINE_STAGES = 100;
export const MAX_PIPELINE_TRANSITIONS = 500;

export const stagePositionSchema = z
  .object({ x: z.number().finite(), y: z.number().finite() })
  .strict();

export const pipelineStageSchema = z
  .object({ environment: environmentName, position: stagePositionSchema.optional() })
  .strict();

export const pipelineTransitionSchema = z
  .object({
    from: environmentName,
    to: environmentName,
    requiredApprovals: z.number().int().min(0).max(20),
    soakMinutes: z.number().int().min(0).max(60 * 24 * 30).optional(),
  })
  .strict();

/** Body of PUT /products/:product/promotion/pipeline (the graph rules are checked apart). */
export const pipelineBodySchema = z
  .object({
    stages: z.array(pipelineStageSchema).max(MAX_PIPELINE_STAGES),
    transitions: z.array(pipelineTransitionSchema).max(MAX_PIPELINE_TRANSITIONS),
  })
  .strict();
export type PipelineBody = z.input<typeof pipelineBodySchema>;

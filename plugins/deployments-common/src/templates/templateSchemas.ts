import { z } from 'zod';
import { acceptingOldSlotsName, approvalSlotsInputSchema } from '../approvals/approvalSchemas';
import { stepsSchema } from '../requests/deploymentRequestSchemas';

/** The fields of a template, with their limits: the form and the API share them. */
export const templateContentsSchema = z
  .object({
    name: z.string().trim().min(1, 'name is required').max(200),
    description: z.string().max(5_000).default(''),
    environments: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    slots: approvalSlotsInputSchema.default([]),
    preSteps: stepsSchema.default([]),
    postSteps: stepsSchema.default([]),
  })
  .strict();

/** Body of POST /templates and PUT /templates/:id. */
export const templateBodySchema = acceptingOldSlotsName(templateContentsSchema);
export type TemplateBody = z.input<typeof templateContentsSchema>;

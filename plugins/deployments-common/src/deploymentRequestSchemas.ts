import { z } from 'zod';
import { APPROVAL_TYPES } from './roles';
import { DEPLOYMENT_REQUEST_STATES } from './deploymentRequests';
import { pagingSchema } from './deploymentSchemas';

const approvalTypeSchema = z.enum(APPROVAL_TYPES, {
  errorMap: () => ({ message: `approvalType must be one of ${APPROVAL_TYPES.join(', ')}` }),
});

export const approvalSlotInputSchema = z
  .object({
    approvalType: approvalTypeSchema,
    requiredCount: z
      .number({ invalid_type_error: 'requiredCount must be a whole number' })
      .int('requiredCount must be a whole number')
      .min(1, 'requiredCount must be at least 1')
      .max(20, 'requiredCount must be at most 20')
      .default(1),
  })
  .strict();

const stepTitleSchema = z.string().trim().min(1, 'a step needs a title').max(500);

const itemSchema = z
  .object({
    product: z.string().trim().min(1, 'product is required').max(255),
    version: z.string().trim().min(1, 'version is required').max(255),
  })
  .strict();

const requestFields = {
  title: z.string().trim().min(1, 'title is required').max(200),
  description: z.string().max(10_000).default(''),
  environment: z.string().trim().min(1, 'environment is required').max(100),
  items: z.array(itemSchema).min(1, 'items: add at least one product and version').max(50),
  approvalSlots: z.array(approvalSlotInputSchema).max(12).default([]),
  preSteps: z.array(stepTitleSchema).max(50).default([]),
  postSteps: z.array(stepTitleSchema).max(50).default([]),
  templateId: z.number().int().positive().nullable().optional(),
};

/** Body of POST /requests. */
export const createDeploymentRequestSchema = z
  .object({ ...requestFields, submit: z.boolean().default(false) })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.approvalSlots.forEach((slot, index) => {
      if (seen.has(slot.approvalType)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['approvalSlots', index, 'approvalType'],
          message: `approvalSlots: ${slot.approvalType} appears twice; raise its requiredCount instead`,
        });
      }
      seen.add(slot.approvalType);
    });
  });
export type CreateDeploymentRequestBody = z.input<typeof createDeploymentRequestSchema>;

/** Body of PATCH /requests/:id (drafts only): the fields to replace. */
export const updateDeploymentRequestSchema = z
  .object({
    title: requestFields.title.optional(),
    description: z.string().max(10_000).optional(),
    environment: requestFields.environment.optional(),
    items: requestFields.items.optional(),
    approvalSlots: z.array(approvalSlotInputSchema).max(12).optional(),
    preSteps: z.array(stepTitleSchema).max(50).optional(),
    postSteps: z.array(stepTitleSchema).max(50).optional(),
    templateId: z.number().int().positive().nullable().optional(),
  })
  .strict();
export type UpdateDeploymentRequestBody = z.input<typeof updateDeploymentRequestSchema>;

export const decisionBodySchema = z
  .object({
    decision: z.enum(['approve', 'reject'], {
      errorMap: () => ({ message: 'decision must be approve or reject' }),
    }),
    comment: z.string().trim().max(5_000).optional(),
  })
  .strict();
export type DecisionBody = z.input<typeof decisionBodySchema>;

export const stepCompletionBodySchema = z
  .object({ note: z.string().trim().max(5_000).optional() })
  .strict();

const booleanFlag = z
  .enum(['true', 'false', '1', '0'], {
    errorMap: () => ({ message: 'must be true or false' }),
  })
  .transform(v => v === 'true' || v === '1');

export const deploymentRequestQuerySchema = z
  .object({
    product: z.string().trim().min(1).optional(),
    environment: z.string().trim().min(1).optional(),
    state: z
      .enum(DEPLOYMENT_REQUEST_STATES, {
        errorMap: () => ({
          message: `state must be one of ${DEPLOYMENT_REQUEST_STATES.join(', ')}`,
        }),
      })
      .optional(),
    mine: booleanFlag.optional(),
    approvable: booleanFlag.optional(),
    ...pagingSchema,
  })
  .strict();

export const taskQuerySchema = z
  .object({ product: z.string().trim().min(1).optional() })
  .strict();

/** Body of POST /templates and PUT /templates/:id. */
export const templateBodySchema = z
  .object({
    name: z.string().trim().min(1, 'name is required').max(200),
    description: z.string().max(5_000).default(''),
    environments: z.array(z.string().trim().min(1)).max(50).default([]),
    approvalSlots: z.array(approvalSlotInputSchema).max(12).default([]),
    preSteps: z.array(stepTitleSchema).max(50).default([]),
    postSteps: z.array(stepTitleSchema).max(50).default([]),
  })
  .strict();
export type TemplateBody = z.input<typeof templateBodySchema>;

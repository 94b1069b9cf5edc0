import { z } from 'zod';
import { acceptingOldSlotsName, approvalSlotsInputSchema } from '../approvals/approvalSchemas';
import { ORG_ROLES } from '../approvals/roles';
import { pagingSchema } from '../paging';
import { recordIdSchema } from '../inputLimits';
import { DEPLOYMENT_REQUEST_STATES, toStepDefinition } from './deploymentRequests';

/** A pre- or post-deployment step's title. */
export const stepTitleSchema = z.string().trim().min(1, 'a step needs a title').max(500);

/**
 * A pre- or post-deployment step: a title, or a title and the org role that completes it
 * (`{ "title": "Scale up", "role": "sre" }`), so another team's checklist cannot be ticked
 * by anyone with the step permission. Read as a {@link StepDefinition}.
 */
export const stepSchema = z
  .union([
    stepTitleSchema,
    z
      .object({
        title: stepTitleSchema,
        role: z
          .enum(ORG_ROLES, {
            errorMap: () => ({ message: `role must be one of ${ORG_ROLES.join(', ')}` }),
          })
          .nullable()
          .optional(),
      })
      .strict(),
  ])
  .transform(toStepDefinition);
export type StepInput = z.input<typeof stepSchema>;

/** A list of steps, at most 50. */
export const stepsSchema = z.array(stepSchema).max(50);

export const requestItemSchema = z
  .object({
    product: z.string().trim().min(1, 'product is required').max(255),
    version: z.string().trim().min(1, 'version is required').max(255),
  })
  .strict();

/** The fields of a request's contents, with their limits: the form and the API share them. */
export const requestFields = {
  title: z.string().trim().min(1, 'title is required').max(200),
  description: z.string().max(10_000).default(''),
  environment: z.string().trim().min(1, 'environment is required').max(100),
  items: z.array(requestItemSchema).min(1, 'items: add at least one product and version').max(50),
  slots: approvalSlotsInputSchema.default([]),
  preSteps: stepsSchema.default([]),
  postSteps: stepsSchema.default([]),
  templateId: recordIdSchema.nullable().optional(),
};

/** The contents of POST /requests, without the alias: what a form validates. */
export const deploymentRequestContentsSchema = z
  .object({ ...requestFields, submit: z.boolean().default(false) })
  .strict();

/** Body of POST /requests. */
export const createDeploymentRequestSchema = acceptingOldSlotsName(deploymentRequestContentsSchema);
export type CreateDeploymentRequestBody = z.input<typeof deploymentRequestContentsSchema>;

/** Body of PATCH /requests/:id (drafts only): the fields to replace. */
export const updateDeploymentRequestSchema = acceptingOldSlotsName(
  z
    .object({
      title: requestFields.title.optional(),
      description: z.string().max(10_000).optional(),
      environment: requestFields.environment.optional(),
      items: requestFields.items.optional(),
      slots: approvalSlotsInputSchema.optional(),
      preSteps: stepsSchema.optional(),
      postSteps: stepsSchema.optional(),
      templateId: recordIdSchema.nullable().optional(),
    })
    .strict()
    // An empty edit would rewrite nothing yet leave an `edited` entry in the audit trail.
    .refine(body => Object.values(body).some(v => v !== undefined), {
      message: 'nothing to change: give at least one field to replace',
    }),
);
export type UpdateDeploymentRequestBody = Partial<
  Omit<CreateDeploymentRequestBody, 'submit'>
>;

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
    product: z.string().trim().min(1).max(255).optional(),
    environment: z.string().trim().min(1).max(100).optional(),
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

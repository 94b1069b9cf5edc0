import { z } from 'zod';
import {
  DEPLOYMENT_STATUSES,
  DeploymentStatus,
  toCanonicalStatus,
} from './statuses';
import { DEPLOYMENT_ORDER_FIELDS } from './deployments';
import { pagingSchema } from '../paging';
import { httpUrlSchema, metadataSchema, recordIdSchema } from '../inputLimits';

const STATUS_HELP = `status must be one of ${DEPLOYMENT_STATUSES.join(
  ', ',
)} (or pending, started, completed, aborted)`;

/** A status given by name or Versioner alias, read as the canonical status. */
export const deploymentStatusSchema = z
  .string({ required_error: STATUS_HELP, invalid_type_error: STATUS_HELP })
  .max(50, STATUS_HELP)
  .transform((value, ctx): DeploymentStatus => {
    const status = toCanonicalStatus(value);
    if (!status) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: STATUS_HELP });
      return z.NEVER;
    }
    return status;
  });

const optionalText = (max: number) =>
  z.string().trim().max(max).min(1).optional().nullable();

const isoDate = z
  .string()
  .max(64)
  .refine(v => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}/.test(v), {
    message: 'must be an ISO 8601 date, e.g. 2019-03-15T08:00:00Z',
  });

/**
 * Body of POST /deployments. Accepts Versioner's names (product_name, environment_name,
 * scm_branch, scm_sha) and GitLab's (environment, ref, sha, tag); the output uses one set.
 */
export const recordDeploymentBodySchema = z
  .object({
    product_name: z.string().trim().min(1).max(255).optional(),
    product: z.string().trim().min(1).max(255).optional(),
    version: z.string().trim().min(1).max(255).optional(),
    environment_name: z.string().trim().min(1).max(100).optional(),
    environment: z.string().trim().min(1).max(100).optional(),
    status: deploymentStatusSchema,
    deployed_by: optionalText(255),
    scm_branch: optionalText(255),
    ref: optionalText(255),
    scm_sha: optionalText(64),
    sha: optionalText(64),
    /** GitLab: a boolean saying the ref is a tag; Shipgate also takes the tag's name. */
    tag: z.union([z.boolean(), z.string().trim().max(255)]).optional().nullable(),
    build_url: httpUrlSchema(2048).optional().nullable(),
    extra_metadata: metadataSchema.optional().nullable(),
    deployment_request_id: recordIdSchema.optional().nullable(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (!body.product_name && !body.product) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['product_name'],
        message: 'product_name is required (a catalog component name or entity ref)',
      });
    }
    if (!body.environment_name && !body.environment) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['environment_name'],
        message: 'environment_name (or environment) is required',
      });
    }
    const ref = body.scm_branch ?? body.ref;
    if (!body.version && !(body.scm_sha ?? body.sha) && !(body.tag === true && ref)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['version'],
        message: 'version is required (or sha, or ref with tag: true)',
      });
    }
  })
  .transform(body => {
    const ref = body.scm_branch ?? body.ref ?? null;
    const sha = body.scm_sha ?? body.sha ?? null;
    let tag: string | null = null;
    if (typeof body.tag === 'string' && body.tag) tag = body.tag;
    else if (body.tag === true) tag = ref;
    return {
      product: (body.product_name ?? body.product)!,
      environment: (body.environment_name ?? body.environment)!,
      // GitLab events carry no version: a tag names it best, else the commit.
      version: body.version ?? tag ?? sha!,
      status: body.status,
      ref,
      sha,
      tag,
      deployedBy: body.deployed_by ?? null,
      buildUrl: body.build_url ?? null,
      extraMetadata: body.extra_metadata ?? null,
      deploymentRequestId: body.deployment_request_id ?? null,
    };
  });

export type RecordDeploymentBody = z.input<typeof recordDeploymentBodySchema>;
export type RecordDeploymentInput = z.output<typeof recordDeploymentBodySchema>;

/** Body of PUT /deployments/:id. */
export const updateDeploymentBodySchema = z.object({ status: deploymentStatusSchema }).strict();

/** Query of GET /deployments (GitLab's filters). */
export const deploymentQuerySchema = z
  .object({
    product: z.string().trim().min(1).max(255).optional(),
    environment: z.string().trim().min(1).max(100).optional(),
    status: deploymentStatusSchema.optional(),
    order_by: z
      .enum(DEPLOYMENT_ORDER_FIELDS, {
        errorMap: () => ({
          message: `order_by must be one of ${DEPLOYMENT_ORDER_FIELDS.join(', ')}`,
        }),
      })
      .optional(),
    sort: z
      .enum(['asc', 'desc'], {
        errorMap: () => ({ message: 'sort must be asc or desc' }),
      })
      .optional(),
    updated_after: isoDate.optional(),
    updated_before: isoDate.optional(),
    finished_after: isoDate.optional(),
    finished_before: isoDate.optional(),
    ...pagingSchema,
  })
  .strict();

/** Query of GET /matrix. */
export const matrixQuerySchema = z
  .object({
    product: z.string().trim().min(1).max(255).optional(),
    system: z.string().trim().min(1).max(255).optional(),
    owner: z.string().trim().min(1).max(255).optional(),
    ...pagingSchema,
  })
  .strict();

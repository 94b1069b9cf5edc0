import { z } from 'zod';
import { DEPLOY_POLICIES, ENVIRONMENT_TIERS } from './environments';
import { environmentProtectionSchema } from '../protection/protectionSchemas';

/** Body of PUT /environments/:name: any of the editable fields. */
export const updateEnvironmentBodySchema = z
  .object({
    title: z.string().trim().min(1).max(255).optional(),
    tier: z.enum(ENVIRONMENT_TIERS).optional(),
    order: z.number().int().min(-1_000_000).max(1_000_000).optional(),
    deployPolicy: z.enum(DEPLOY_POLICIES).optional(),
    requiredApprovals: z.number().int().min(0).max(100).optional(),
    allowSelfApproval: z.boolean().optional(),
    protection: environmentProtectionSchema.nullable().optional(),
  })
  .strict()
  .refine(body => Object.keys(body).length > 0, {
    message:
      'give at least one of title, tier, order, deployPolicy, requiredApprovals, allowSelfApproval, protection',
  });
export type UpdateEnvironmentBody = z.infer<typeof updateEnvironmentBodySchema>;

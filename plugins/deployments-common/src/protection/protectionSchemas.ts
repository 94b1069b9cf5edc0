import { z } from 'zod';
import { ORG_ROLES } from '../approvals/roles';
import { DEPLOYMENT_APPROVAL_STATUSES } from './protection';

/** Rules an environment may have: enough for any org chart, few enough to show on one line. */
export const MAX_APPROVAL_RULES = 20;
/** Entity refs fit the engine's columns (varchar 255). */
const MAX_REF_LENGTH = 255;
/** GitLab caps required approvals per rule far lower; 25 people is already a committee. */
export const MAX_REQUIRED_APPROVALS = 25;

const entityRef = (kind: 'group' | 'user') =>
  z
    .string()
    .trim()
    .min(1)
    .max(MAX_REF_LENGTH)
    .regex(new RegExp(`^${kind}:[^/:\\s]+/[^/:\\s]+$`, 'i'), {
      message: `must be a ${kind} entity ref such as ${kind}:default/name`,
    });

/** One approval rule: exactly one of role, group or user, with a count ≥ 1. */
export const approvalRuleSchema = z
  .object({
    role: z.enum(ORG_ROLES).optional(),
    group: entityRef('group').optional(),
    user: entityRef('user').optional(),
    requiredApprovals: z.number().int().min(1).max(MAX_REQUIRED_APPROVALS),
  })
  .strict()
  .refine(
    rule =>
      [rule.role, rule.group, rule.user].filter(v => v !== undefined).length ===
      1,
    { message: 'give exactly one of role, group or user' },
  );

/** `protection` of PUT /environments/:name; null lifts the protection. */
export const environmentProtectionSchema = z
  .object({
    approvalRules: z.array(approvalRuleSchema).min(1).max(MAX_APPROVAL_RULES),
    allowTriggererToApprove: z.boolean().default(false),
  })
  .strict()
  .refine(
    p => {
      const labels = p.approvalRules.map(
        r => r.role ?? r.group?.toLowerCase() ?? r.user?.toLowerCase(),
      );
      return new Set(labels).size === labels.length;
    },
    {
      message: 'each role, group or user may have one rule only',
      path: ['approvalRules'],
    },
  );
export type EnvironmentProtectionInput = z.input<
  typeof environmentProtectionSchema
>;

/** Body of POST /deployments/:id/approval (GitLab's names). */
export const deploymentApprovalBodySchema = z
  .object({
    status: z.enum(DEPLOYMENT_APPROVAL_STATUSES),
    comment: z.string().max(5_000).optional(),
    represented_as: z.string().trim().min(1).max(MAX_REF_LENGTH).optional(),
  })
  .strict();
export type DeploymentApprovalBody = z.infer<
  typeof deploymentApprovalBodySchema
>;

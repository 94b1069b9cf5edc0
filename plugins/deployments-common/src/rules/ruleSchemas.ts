import { z } from 'zod';
import { APPROVAL_TYPES } from '../approvals/roles';
import { ENVIRONMENT_TIERS } from '../environments/environments';

/** Column widths of `deployment_rules` and the approval subjects a rule adds. */
export const RULE_NAME_MAX = 200;
export const RULE_LIST_MAX = 100;

/** Unknown values are listed by name, so the 400 says which ones are wrong. */
const oneOf = <T extends string>(allowed: readonly T[], what: string) =>
  z.array(z.string().trim().min(1).max(255)).superRefine((values, ctx) => {
    const unknown = values.filter(v => !allowed.includes(v as T));
    if (unknown.length) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `unknown ${what} ${unknown.join(', ')}; use ${allowed.join(
          ', ',
        )}`,
      });
    }
  });

const approvalTypes = oneOf(APPROVAL_TYPES, 'approval types').transform(
  v => v as Array<(typeof APPROVAL_TYPES)[number]>,
);

export const ruleMatchSchema = z
  .object({
    environments: z
      .array(z.string().trim().min(1).max(100))
      .max(RULE_LIST_MAX)
      .default([]),
    tiers: oneOf(ENVIRONMENT_TIERS, 'tiers')
      .transform(v => v as Array<(typeof ENVIRONMENT_TIERS)[number]>)
      .default([]),
    products: z
      .array(z.string().trim().min(1).max(255))
      .max(RULE_LIST_MAX)
      .default([]),
  })
  .strict();

const requiredApprovalSchema = z
  .object({
    approvalType: z.string().trim().min(1).max(50),
    count: z
      .number({ invalid_type_error: 'count must be a whole number' })
      .int('count must be a whole number')
      .min(1, 'count must be at least 1')
      .max(20, 'count must be at most 20')
      .default(1),
  })
  .strict();

/**
 * Body of POST /rules and PUT /rules/:id. Unknown tiers and approval types are refused here;
 * unknown environments by the backend, which knows them.
 */
export const ruleBodySchema = z
  .object({
    name: z
      .string({ required_error: 'name is required' })
      .trim()
      .min(1, 'name is required')
      .max(RULE_NAME_MAX),
    enabled: z.boolean().default(true),
    match: ruleMatchSchema.default({}),
    requireApprovedRequest: z.boolean().default(false),
    requiredApprovals: z
      .array(requiredApprovalSchema)
      .max(APPROVAL_TYPES.length)
      .default([]),
    approvalOrder: approvalTypes.default([]),
  })
  .strict()
  .superRefine((body, ctx) => {
    const issue = (path: Array<string | number>, message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
    const unknown = body.requiredApprovals
      .map(a => a.approvalType)
      .filter(t => !APPROVAL_TYPES.includes(t as any));
    if (unknown.length) {
      issue(
        ['requiredApprovals'],
        `unknown approval types ${unknown.join(
          ', ',
        )}; use ${APPROVAL_TYPES.join(', ')}`,
      );
    }
    const twice = (types: string[]) =>
      types.filter((t, i) => types.indexOf(t) !== i);
    const repeated = twice(body.requiredApprovals.map(a => a.approvalType));
    if (repeated.length) {
      issue(
        ['requiredApprovals'],
        `${repeated.join(', ')} appears twice; raise its count instead`,
      );
    }
    if (twice(body.approvalOrder).length) {
      issue(
        ['approvalOrder'],
        `${twice(body.approvalOrder).join(', ')} appears twice`,
      );
    }
    if (body.approvalOrder.length === 1) {
      issue(
        ['approvalOrder'],
        'an approval order needs at least two approval types',
      );
    }
    if (
      !body.requireApprovedRequest &&
      !body.requiredApprovals.length &&
      !body.approvalOrder.length
    ) {
      issue(
        [],
        'a rule needs at least one of requireApprovedRequest, requiredApprovals, approvalOrder',
      );
    }
  });
export type RuleBody = z.input<typeof ruleBodySchema>;
export type ParsedRuleBody = z.output<typeof ruleBodySchema>;

/** Body of POST /rules/evaluate: the deployment event to try. */
export const evaluateRulesBodySchema = z
  .object({
    product: z
      .string({ required_error: 'product is required' })
      .trim()
      .min(1)
      .max(255),
    version: z
      .string({ required_error: 'version is required' })
      .trim()
      .min(1)
      .max(255),
    environment: z
      .string({ required_error: 'environment is required' })
      .trim()
      .min(1)
      .max(100),
  })
  .strict();
export type EvaluateRulesBody = z.infer<typeof evaluateRulesBodySchema>;

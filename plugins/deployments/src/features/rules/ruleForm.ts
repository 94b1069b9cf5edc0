import {
  APPROVAL_TYPES,
  ApprovalType,
  DeploymentRule,
  ParsedRuleBody,
  RuleBody,
  ruleBodySchema,
} from '@shipgate/plugin-deployments-common';
import { FieldErrors } from 'react-hook-form';
import { schemaResolver } from '../../components/formErrors';

/** A rule as it is being edited: lists as text, counts as the text in their fields. */
export interface RuleFormValues {
  name: string;
  enabled: boolean;
  environments: string[];
  tiers: string[];
  /** Product names or refs, separated by commas. */
  products: string;
  requireApprovedRequest: boolean;
  /** Per approval type, the count the rule requires ('' or 0: none). */
  counts: Record<ApprovalType, string>;
  /** Approval types in order, separated by commas (`qa, security`). */
  approvalOrder: string;
}

const listOf = (text: string) =>
  text
    .split(',')
    .map(part => part.trim())
    .filter(Boolean);

export function toRuleBody(values: RuleFormValues): RuleBody {
  return {
    name: values.name,
    enabled: values.enabled,
    match: {
      environments: values.environments,
      tiers: values.tiers,
      products: listOf(values.products),
    },
    requireApprovedRequest: values.requireApprovedRequest,
    requiredApprovals: APPROVAL_TYPES.filter(
      type => values.counts[type].trim() && values.counts[type].trim() !== '0',
    ).map(type => ({ approvalType: type, count: Number(values.counts[type]) })),
    approvalOrder: listOf(values.approvalOrder) as ApprovalType[],
  };
}

export function ruleFormValues(rule?: DeploymentRule): RuleFormValues {
  const counts = Object.fromEntries(
    APPROVAL_TYPES.map(type => [type, '']),
  ) as Record<ApprovalType, string>;
  for (const { approvalType, count } of rule?.requiredApprovals ?? [])
    counts[approvalType] = String(count);
  return {
    name: rule?.name ?? '',
    enabled: rule?.enabled ?? true,
    environments: rule?.match.environments ?? [],
    tiers: rule?.match.tiers ?? [],
    products: (rule?.match.products ?? []).join(', '),
    requireApprovedRequest: rule?.requireApprovedRequest ?? false,
    counts,
    approvalOrder: (rule?.approvalOrder ?? []).join(', '),
  };
}

/** The form is checked with the schema the server checks the body with. */
export const ruleResolver = schemaResolver<RuleFormValues, ParsedRuleBody>(
  ruleBodySchema,
  toRuleBody,
);

/** Every message of a form's errors, wherever the schema put them (some name no field). */
export function errorMessages(errors: FieldErrors): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const { message } = node as { message?: unknown };
    if (typeof message === 'string' && message) out.push(message);
    for (const [key, child] of Object.entries(node))
      if (key !== 'ref' && key !== 'message') walk(child);
  };
  walk(errors);
  return [...new Set(out)];
}

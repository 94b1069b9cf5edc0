import {
  ApprovalRule,
  EnvironmentProtection,
} from '@shipgate/plugin-deployments-common';

/** "qa ×1", "group:default/security-team ×2". */
export function ruleText(rule: ApprovalRule): string {
  const who = rule.role ?? rule.group ?? rule.user ?? '';
  return `${who} ×${rule.requiredApprovals}`;
}

/** "2 rules" for the table; "Unprotected" when there are none. */
export function protectionSummary(
  protection: EnvironmentProtection | null | undefined,
): string {
  if (!protection) return 'Unprotected';
  const count = protection.approvalRules.length;
  return `${count} rule${count === 1 ? '' : 's'}`;
}

/** "blocked: waiting for 1 from qa" — the deployment's reason as the status cell says it. */
export function blockedLabel(blockedReason: string | null): string {
  if (!blockedReason) return 'blocked';
  return `blocked: ${blockedReason.replace(
    /^waiting for approvals: /,
    'waiting for ',
  )}`;
}

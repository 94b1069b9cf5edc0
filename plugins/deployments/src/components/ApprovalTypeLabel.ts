import { ApprovalType } from '@shipgate/plugin-deployments-common';

const APPROVAL_TYPE_LABELS: Record<ApprovalType, string> = {
  code_review: 'Code review',
  qa: 'QA',
  security: 'Security',
  uat: 'UAT',
  compliance: 'Compliance',
  performance: 'Performance',
};

/** `code_review` → `Code review`; types this version does not know are shown as they are. */
export function approvalTypeLabel(type: ApprovalType | string): string {
  return APPROVAL_TYPE_LABELS[type as ApprovalType] ?? type;
}

/** `1 of 2 approvals`. */
export function approvalCountText(approvals: number, required: number): string {
  return `${approvals} of ${required} approval${required === 1 ? '' : 's'}`;
}

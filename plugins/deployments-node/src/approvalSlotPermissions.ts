import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  APPROVAL_SLOT_RESOURCE_TYPE,
  ApprovalType,
} from '@shipgate/plugin-deployments-common';
import { z } from 'zod';

/** What a policy's conditions about an approval slot are evaluated against. */
export interface ApprovalSlotResource {
  slotId: number;
  requestId: number;
  approvalType: ApprovalType;
  /** Who created the deployment request. */
  requester: string;
  /** Whether the target environment lets the requester approve their own request. */
  allowSelfApproval: boolean;
}

/** The filter a condition becomes when listing slots in the database. */
export type ApprovalSlotFilter =
  | { approvalTypes: string[] }
  | { notRequester: string };

export const approvalSlotResourceRef = createPermissionResourceRef<
  ApprovalSlotResource,
  ApprovalSlotFilter
>().with({ pluginId: 'deployments', resourceType: APPROVAL_SLOT_RESOURCE_TYPE });

export const isApprovalTypeIn = createPermissionRule({
  name: 'IS_APPROVAL_TYPE_IN',
  description: "The slot's approval type is one of the given types",
  resourceRef: approvalSlotResourceRef,
  paramsSchema: z.object({
    approvalTypes: z.array(z.string()).describe('Approval types the caller may decide'),
  }),
  apply: (slot, { approvalTypes }) => approvalTypes.includes(slot.approvalType),
  toQuery: ({ approvalTypes }) => ({ approvalTypes }),
});

export const isNotRequester = createPermissionRule({
  name: 'IS_NOT_REQUESTER',
  description:
    'The caller did not create the deployment request (unless its environment allows self-approval)',
  resourceRef: approvalSlotResourceRef,
  paramsSchema: z.object({
    userEntityRef: z.string().describe('The caller'),
  }),
  apply: (slot, { userEntityRef }) =>
    slot.allowSelfApproval || slot.requester !== userEntityRef,
  toQuery: ({ userEntityRef }) => ({ notRequester: userEntityRef }),
});

export const approvalSlotRules = [isApprovalTypeIn, isNotRequester];

/** Conditions a permission policy returns for `deployments.slot.decide`. */
export const {
  conditions: approvalSlotConditions,
  createConditionalDecision: createApprovalSlotConditionalDecision,
} = createConditionExports({
  resourceRef: approvalSlotResourceRef,
  rules: { isApprovalTypeIn, isNotRequester },
});

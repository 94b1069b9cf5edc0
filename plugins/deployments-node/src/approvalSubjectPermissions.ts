import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  APPROVAL_SUBJECT_RESOURCE_TYPE,
  ApprovalType,
} from '@shipgate/plugin-deployments-common';
import { z } from 'zod';

/**
 * What a policy's conditions about an approval are evaluated against: an approval subject
 * of the approvals engine (a deployment request's slot, a blocked deployment, a promotion).
 */
export interface ApprovalSubjectResource {
  subjectId: number;
  /** request_slot | deployment | promotion */
  kind: string;
  /** The owner's record: the deployment request, the deployment, the promotion. */
  ownerId: number;
  /** The approval types its requirements ask for (one for a request's slot). */
  approvalTypes: ApprovalType[];
  /** Who asked for it: the request's creator, the deployment's triggerer, the promotion's requester. */
  requester: string | null;
  /** Whether its environment lets the requester approve their own. */
  allowSelfApproval: boolean;
}

/** The filter a condition becomes when listing subjects in the database. */
export type ApprovalSubjectFilter =
  | { approvalTypes: string[] }
  | { notRequester: string };

export const approvalSubjectResourceRef = createPermissionResourceRef<
  ApprovalSubjectResource,
  ApprovalSubjectFilter
>().with({ pluginId: 'deployments', resourceType: APPROVAL_SUBJECT_RESOURCE_TYPE });

export const isApprovalTypeIn = createPermissionRule({
  name: 'IS_APPROVAL_TYPE_IN',
  description: 'The approval asks for one of the given approval types',
  resourceRef: approvalSubjectResourceRef,
  paramsSchema: z.object({
    approvalTypes: z.array(z.string()).describe('Approval types the caller may decide'),
  }),
  apply: (subject, { approvalTypes }) =>
    subject.approvalTypes.some(type => approvalTypes.includes(type)),
  toQuery: ({ approvalTypes }) => ({ approvalTypes }),
});

export const isNotRequester = createPermissionRule({
  name: 'IS_NOT_REQUESTER',
  description:
    'The caller did not ask for the approval (unless its environment allows self-approval)',
  resourceRef: approvalSubjectResourceRef,
  paramsSchema: z.object({
    userEntityRef: z.string().describe('The caller'),
  }),
  apply: (subject, { userEntityRef }) =>
    subject.allowSelfApproval || subject.requester !== userEntityRef,
  toQuery: ({ userEntityRef }) => ({ notRequester: userEntityRef }),
});

export const approvalSubjectRules = [isApprovalTypeIn, isNotRequester];

/** Conditions a permission policy returns for `deployments.approval.decide`. */
export const {
  conditions: approvalSubjectConditions,
  createConditionalDecision: createApprovalSubjectConditionalDecision,
} = createConditionExports({
  resourceRef: approvalSubjectResourceRef,
  rules: { isApprovalTypeIn, isNotRequester },
});

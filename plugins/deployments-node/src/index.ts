/**
 * Backend-side shared parts of Shipgate, used by the backend plugin and the policy module.
 *
 * @packageDocumentation
 */
export { OrgRoles } from './OrgRoles';
export {
  approvalSubjectResourceRef,
  approvalSubjectRules,
  approvalSubjectConditions,
  createApprovalSubjectConditionalDecision,
  isApprovalTypeIn,
  isNotRequester,
} from './approvalSubjectPermissions';
export type {
  ApprovalSubjectResource,
  ApprovalSubjectFilter,
} from './approvalSubjectPermissions';

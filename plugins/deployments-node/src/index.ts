/**
 * Backend-side shared parts of Shipgate, used by the backend plugin and the policy module.
 *
 * @packageDocumentation
 */
export { OrgRoles } from './OrgRoles';
export {
  approvalSlotResourceRef,
  approvalSlotRules,
  approvalSlotConditions,
  createApprovalSlotConditionalDecision,
  isApprovalTypeIn,
  isNotRequester,
} from './approvalSlotPermissions';
export type { ApprovalSlotResource, ApprovalSlotFilter } from './approvalSlotPermissions';

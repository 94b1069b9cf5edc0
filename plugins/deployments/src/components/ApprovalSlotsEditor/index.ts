export {
  ApprovalSlotsEditor,
  approvalSlotErrors,
  fromApprovalSlotDrafts,
  hasApprovalSlotErrors,
  toApprovalSlotDrafts,
} from './ApprovalSlotsEditor';
export type {
  ApprovalSlotDraft,
  ApprovalSlotErrors,
  ApprovalSlotsEditorProps,
} from './ApprovalSlotsEditor';

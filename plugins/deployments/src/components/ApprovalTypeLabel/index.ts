export { approvalTypeLabel, approvalCountText } from './ApprovalTypeLabel';

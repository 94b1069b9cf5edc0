export { DecisionDialog, MIN_REJECTION_COMMENT_LENGTH } from './DecisionDialog';
export type { DecisionDialogProps, DecisionTarget } from './DecisionDialog';
export { RelativeTime } from './RelativeTime';
export type { RelativeTimeProps } from './RelativeTime';

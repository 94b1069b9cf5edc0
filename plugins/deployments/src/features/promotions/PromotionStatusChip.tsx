import Chip from '@material-ui/core/Chip';
import { PromotionStatus } from '@shipgate/plugin-deployments-common';

const LABELS: Record<PromotionStatus, string> = {
  pending_approval: 'Pending approval',
  completed: 'Completed',
  pending_release: 'Pending release',
  rejected: 'Rejected',
};

export function PromotionStatusChip({ status }: { status: PromotionStatus }) {
  return (
    <Chip
      size="small"
      label={LABELS[status]}
      variant={status === 'completed' ? 'default' : 'outlined'}
    />
  );
}

export const promotionStatusLabel = (status: PromotionStatus) => LABELS[status];

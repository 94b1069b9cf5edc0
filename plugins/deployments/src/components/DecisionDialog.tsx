import { useApi } from '@backstage/core-plugin-api';
import {
  ApprovalDecisionValue,
  ApprovalType,
  DeploymentRequest,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../api';
import { approvalTypeLabel } from './ApprovalTypeLabel';
import { CommentDialog } from './CommentDialog';

/** A rejection must say why in at least this many characters, so the requester can act on it. */
export const MIN_REJECTION_COMMENT_LENGTH = 5;

/** The slot a decision is about, and the request it belongs to. */
export interface DecisionTarget {
  requestId: number;
  requestTitle: string;
  slotId: number;
  approvalType: ApprovalType;
  decision: ApprovalDecisionValue;
}

export interface DecisionDialogProps {
  /** The decision to make; the dialog is closed when absent. */
  target?: DecisionTarget;
  onClose: () => void;
  /** Called with the request as the server answers after the decision. */
  onDecided: (request: DeploymentRequest) => void;
}

/** Approve or reject one approval slot, with a comment (required when rejecting). */
export function DecisionDialog({
  target,
  onClose,
  onDecided,
}: DecisionDialogProps) {
  const api = useApi(deploymentsApiRef);
  const rejecting = target?.decision === 'reject';
  const verb = rejecting ? 'Reject' : 'Approve';
  return (
    <CommentDialog
      openFor={target}
      id="deployment-request-decision"
      title={
        target &&
        `${verb} ${approvalTypeLabel(target.approvalType)} for DR #${
          target.requestId
        }`
      }
      description={target?.requestTitle}
      fieldLabel={rejecting ? 'Comment (required)' : 'Comment (optional)'}
      problemOf={comment =>
        rejecting && comment.length < MIN_REJECTION_COMMENT_LENGTH
          ? `Say why you reject (at least ${MIN_REJECTION_COMMENT_LENGTH} characters) so the requester can address it`
          : undefined
      }
      confirmLabel={verb}
      confirmColor={rejecting ? 'secondary' : 'primary'}
      failure={`Could not ${verb.toLowerCase()}`}
      onClose={onClose}
      onConfirm={async comment => {
        if (!target) return;
        onDecided(
          await api.decideSlot(target.requestId, target.slotId, {
            decision: target.decision,
            ...(comment ? { comment } : {}),
          }),
        );
      }}
    />
  );
}

import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { Deployment, productNameOf } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { CommentDialog } from '../../components/CommentDialog';
import { MIN_REJECTION_COMMENT_LENGTH } from '../../components/DecisionDialog';

/** A decision about to be made on a blocked deployment. */
export interface DeploymentDecisionTarget {
  deployment: Deployment;
  status: 'approved' | 'rejected';
  /** The rules the caller matches (`represented_as` names); a choice when several. */
  matches?: string[];
}

/**
 * Approves or rejects a blocked deployment with a comment (required to reject: the
 * triggerer reads why). The server's refusal (403 not a rule of yours, 409 already decided)
 * stays in the dialog.
 */
export function DeploymentDecisionDialog({
  target,
  onClose,
  onDecided,
}: {
  target?: DeploymentDecisionTarget;
  onClose: () => void;
  onDecided: () => void;
}) {
  const api = useApi(deploymentsApiRef);
  const [representedAs, setRepresentedAs] = useState('');
  const matches = target?.matches ?? [];
  // Each opening starts with the first rule the caller matches.
  useEffect(() => setRepresentedAs(matches[0] ?? ''), [target]); // eslint-disable-line react-hooks/exhaustive-deps
  const rejecting = target?.status === 'rejected';
  const d = target?.deployment;
  const what = d
    ? `deployment #${d.id} (${productNameOf(d.product)} ${d.version} → ${
        d.environment
      })`
    : '';
  return (
    <CommentDialog
      openFor={target}
      id="deployment-decision"
      title={rejecting ? `Reject ${what}` : `Approve ${what}`}
      description={
        rejecting
          ? 'One rejection fails the deployment.'
          : 'It runs once every approval rule has its approvals.'
      }
      extra={
        matches.length > 1 && (
          <TextField
            select
            id="deployment-decision-represented-as"
            label="Count it for the rule"
            value={representedAs}
            onChange={e => setRepresentedAs(e.target.value)}
            fullWidth
            margin="dense"
          >
            {matches.map(m => (
              <MenuItem key={m} value={m}>
                {m}
              </MenuItem>
            ))}
          </TextField>
        )
      }
      fieldLabel={rejecting ? 'Why (required)' : 'Comment (optional)'}
      problemOf={text =>
        rejecting && text.length < MIN_REJECTION_COMMENT_LENGTH
          ? `Say why in at least ${MIN_REJECTION_COMMENT_LENGTH} characters`
          : undefined
      }
      confirmLabel={rejecting ? 'Reject' : 'Approve'}
      confirmColor={rejecting ? 'secondary' : 'primary'}
      failure={rejecting ? 'Could not reject' : 'Could not approve'}
      onClose={onClose}
      onConfirm={async comment => {
        await api.approveDeployment(d!.id, {
          status: target!.status,
          ...(matches.length > 1 && representedAs
            ? { represented_as: representedAs }
            : {}),
          ...(comment ? { comment } : {}),
        });
        onDecided();
      }}
    />
  );
}

import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  ApprovalDecisionValue,
  ApprovalType,
  DeploymentRequest,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { approvalTypeLabel } from '../ApprovalTypeLabel';
import { serverErrorMessage } from '../ServerErrorAlert';

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

/**
 * Approve or reject one approval slot, with a comment (required when rejecting). The server's
 * refusal (409 already decided, 403 wrong role, …) stays in the dialog so the user can read it.
 */
export function DecisionDialog({
  target,
  onClose,
  onDecided,
}: DecisionDialogProps) {
  const api = useApi(deploymentsApiRef);
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();

  // Every opening starts clean.
  useEffect(() => {
    setComment('');
    setTouched(false);
    setSaving(false);
    setError(undefined);
  }, [target]);

  const rejecting = target?.decision === 'reject';
  const trimmed = comment.trim();
  const commentProblem =
    rejecting && trimmed.length < MIN_REJECTION_COMMENT_LENGTH
      ? `Say why you reject (at least ${MIN_REJECTION_COMMENT_LENGTH} characters) so the requester can address it`
      : undefined;

  const submit = async () => {
    if (!target) return;
    setTouched(true);
    if (commentProblem) return;
    setSaving(true);
    setError(undefined);
    try {
      const request = await api.decideSlot(target.requestId, target.slotId, {
        decision: target.decision,
        ...(trimmed ? { comment: trimmed } : {}),
      });
      onDecided(request);
    } catch (e) {
      setError(e);
      setSaving(false);
    }
  };

  const verb = rejecting ? 'Reject' : 'Approve';
  const titleId = 'deployment-request-decision-title';
  return (
    <Dialog
      open={Boolean(target)}
      onClose={saving ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      {target && (
        <>
          <DialogTitle id={titleId}>
            {verb} {approvalTypeLabel(target.approvalType)} for DR #
            {target.requestId}
          </DialogTitle>
          <DialogContent>
            <DialogContentText>{target.requestTitle}</DialogContentText>
            {error !== undefined && (
              <Alert severity="error" role="alert" style={{ marginBottom: 16 }}>
                {`Could not ${verb.toLowerCase()}: ${serverErrorMessage(
                  error,
                )}`}
              </Alert>
            )}
            <TextField
              id="deployment-request-decision-comment"
              label={rejecting ? 'Comment (required)' : 'Comment (optional)'}
              multiline
              minRows={3}
              fullWidth
              variant="outlined"
              value={comment}
              onChange={event => setComment(event.target.value)}
              onBlur={() => setTouched(true)}
              error={touched && Boolean(commentProblem)}
              helperText={
                touched && commentProblem ? commentProblem : undefined
              }
              inputProps={{ maxLength: 5000 }}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} disabled={saving}>
              Cancel
            </Button>
            <Button
              variant="contained"
              color={rejecting ? 'secondary' : 'primary'}
              onClick={submit}
              disabled={saving}
              startIcon={saving ? <CircularProgress size={16} /> : undefined}
            >
              {verb}
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}

import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  DeploymentRequest,
  DeploymentRequestStep,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { serverErrorMessage } from '../ServerErrorAlert';

/** Marks one step complete, with an optional note (what was checked, a link to the run). */
export function StepCompletionDialog({
  requestId,
  step,
  onClose,
  onCompleted,
}: {
  requestId: number;
  /** The step to complete; the dialog is closed when absent. */
  step?: DeploymentRequestStep;
  onClose: () => void;
  onCompleted: (request: DeploymentRequest) => void;
}) {
  const api = useApi(deploymentsApiRef);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    setNote('');
    setSaving(false);
    setError(undefined);
  }, [step]);

  const submit = async () => {
    if (!step) return;
    setSaving(true);
    setError(undefined);
    try {
      onCompleted(
        await api.completeStep(requestId, step.id, note.trim() || undefined),
      );
    } catch (e) {
      setError(e);
      setSaving(false);
    }
  };

  const titleId = 'deployment-request-step-title';
  return (
    <Dialog
      open={Boolean(step)}
      onClose={saving ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      {step && (
        <>
          <DialogTitle id={titleId}>
            Complete{' '}
            {step.phase === 'pre' ? 'pre-deployment' : 'post-deployment'} step
          </DialogTitle>
          <DialogContent>
            <DialogContentText>{step.title}</DialogContentText>
            {error !== undefined && (
              <Alert severity="error" role="alert" style={{ marginBottom: 16 }}>
                {`Could not complete the step: ${serverErrorMessage(error)}`}
              </Alert>
            )}
            <TextField
              id="deployment-request-step-note"
              label="Note (optional)"
              multiline
              minRows={2}
              fullWidth
              variant="outlined"
              value={note}
              onChange={event => setNote(event.target.value)}
              inputProps={{ maxLength: 5000 }}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} disabled={saving}>
              Cancel
            </Button>
            <Button
              variant="contained"
              color="primary"
              onClick={submit}
              disabled={saving}
            >
              Mark complete
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}

import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';

export interface StopTheLineDialogProps {
  onClose: () => void;
  onConfirm: (reason: string) => Promise<void>;
}

/** "Stop the line": freezes every environment at once, until an admin lifts it. */
export function StopTheLineDialog({
  onClose,
  onConfirm,
}: StopTheLineDialogProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(reason);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="stop-the-line-title"
    >
      <DialogTitle id="stop-the-line-title">Stop the line</DialogTitle>
      <DialogContent>
        {error !== undefined && (
          <ServerErrorAlert error={error} prefix="Could not stop the line" />
        )}
        <DialogContentText>
          Freezes every environment now: deployment events are refused
          everywhere until the freeze is lifted.
        </DialogContentText>
        <TextField
          id="stop-the-line-reason"
          label="Reason"
          value={reason}
          onChange={e => setReason(e.target.value)}
          required
          fullWidth
          autoFocus
          margin="normal"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={confirm}
          disabled={busy}
        >
          Freeze every environment
        </Button>
      </DialogActions>
    </Dialog>
  );
}

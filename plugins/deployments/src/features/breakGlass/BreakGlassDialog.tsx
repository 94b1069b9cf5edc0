import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { OpenBreakGlassBody } from '@shipgate/plugin-deployments-common';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';

export interface BreakGlassDialogProps {
  environmentTitle: string;
  onClose: () => void;
  /** Opens the session; a rejection is shown in the dialog, which keeps its input. */
  onConfirm: (body: OpenBreakGlassBody) => Promise<void>;
}

/** Breaks glass: for some minutes, the environment's freeze lets deployments through. */
export function BreakGlassDialog({
  environmentTitle,
  onClose,
  onConfirm,
}: BreakGlassDialogProps) {
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState('30');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm({ reason, minutes: Number(minutes) });
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
      aria-labelledby="break-glass-title"
    >
      <DialogTitle id="break-glass-title">
        Break glass: {environmentTitle}
      </DialogTitle>
      <DialogContent>
        {error !== undefined && (
          <ServerErrorAlert error={error} prefix="Could not break glass" />
        )}
        <DialogContentText>
          While the session is open, this environment&apos;s freeze does not
          refuse deployments (other rules still apply). Every deployment
          recorded meanwhile is flagged, admins are notified, and the session is
          listed in the break-glass report.
        </DialogContentText>
        <TextField
          id="break-glass-reason"
          label="Reason"
          value={reason}
          onChange={e => setReason(e.target.value)}
          required
          fullWidth
          autoFocus
          margin="normal"
        />
        <TextField
          id="break-glass-minutes"
          label="Minutes"
          type="number"
          value={minutes}
          onChange={e => setMinutes(e.target.value)}
          required
          fullWidth
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
          Break glass
        </Button>
      </DialogActions>
    </Dialog>
  );
}

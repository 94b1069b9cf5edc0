import { useState } from 'react';
import DialogContentText from '@material-ui/core/DialogContentText';
import TextField from '@material-ui/core/TextField';
import { ActionDialog } from '../../components/ActionDialog';
import { useServerAction } from '../../hooks/useServerAction';

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
  const { run, busy, error } = useServerAction(onConfirm);
  return (
    <ActionDialog
      id="stop-the-line"
      title="Stop the line"
      submitLabel="Freeze every environment"
      errorPrefix="Could not stop the line"
      onSubmit={() => run(reason)}
      onClose={onClose}
      busy={busy}
      error={error}
    >
      <DialogContentText>
        Freezes every environment now: deployment events are refused everywhere
        until the freeze is lifted.
      </DialogContentText>
      <TextField
        id="stop-the-line-reason"
        label="Reason"
        value={reason}
        onChange={e => setReason(e.target.value)}
        required
        fullWidth
        // A dialog moves focus into itself (WAI-ARIA dialog pattern): to the field to type in.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
        margin="normal"
      />
    </ActionDialog>
  );
}

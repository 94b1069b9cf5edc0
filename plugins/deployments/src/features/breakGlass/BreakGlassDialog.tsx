import { useState } from 'react';
import DialogContentText from '@material-ui/core/DialogContentText';
import TextField from '@material-ui/core/TextField';
import { OpenBreakGlassBody } from '@shipgate/plugin-deployments-common';
import { ActionDialog } from '../../components/ActionDialog';
import { useServerAction } from '../../hooks/useServerAction';

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
  const { run, busy, error } = useServerAction(onConfirm);
  return (
    <ActionDialog
      id="break-glass"
      title={`Break glass: ${environmentTitle}`}
      submitLabel="Break glass"
      errorPrefix="Could not break glass"
      onSubmit={() => run({ reason, minutes: Number(minutes) })}
      onClose={onClose}
      busy={busy}
      error={error}
    >
      <DialogContentText>
        While the session is open, this environment&apos;s freeze does not
        refuse deployments (other rules still apply). Every deployment recorded
        meanwhile is flagged, admins are notified, and the session is listed in
        the break-glass report.
      </DialogContentText>
      <TextField
        id="break-glass-reason"
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
    </ActionDialog>
  );
}

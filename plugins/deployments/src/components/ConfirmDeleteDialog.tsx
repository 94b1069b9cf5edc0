import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { useServerAction } from '../hooks/useServerAction';
import { ServerErrorAlert } from './ServerErrorAlert';

export interface ConfirmDeleteDialogProps {
  /** What kind of thing is deleted, for the title and the error: "rule", "template". */
  kind: string;
  /** The name of the one to delete; the dialog is open while there is one. */
  name?: string;
  /** What deleting it does and does not change, after `Delete "<name>"?`. */
  consequences: ReactNode;
  /** Deletes it; a refusal is shown in the dialog, which stays open. */
  onDelete: () => Promise<void>;
  onClose: () => void;
}

/** Asks before deleting a rule or a template, and says why the server refused. */
export function ConfirmDeleteDialog({
  kind,
  name,
  consequences,
  onDelete,
  onClose,
}: ConfirmDeleteDialogProps) {
  const { run, busy, error } = useServerAction(onDelete);
  const titleId = `delete-${kind.replace(/\W+/g, '-')}-title`;
  return (
    <Dialog
      open={name !== undefined}
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId}>Delete {kind}?</DialogTitle>
      <DialogContent>
        {error !== undefined && (
          <Box mb={2}>
            <ServerErrorAlert
              error={error}
              prefix={`Could not delete the ${kind}`}
            />
          </Box>
        )}
        <DialogContentText>
          Delete "{name}"? {consequences}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          color="secondary"
          variant="contained"
          onClick={() => run()}
          disabled={busy}
        >
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
}

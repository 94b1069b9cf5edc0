import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';

/** Asks before leaving the pipeline editor with changes that are not saved. */
export function DiscardChangesDialog({
  open,
  onKeepEditing,
  onDiscard,
}: {
  open: boolean;
  onKeepEditing: () => void;
  onDiscard: () => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onKeepEditing}
      aria-labelledby="discard-pipeline-changes-title"
    >
      <DialogTitle id="discard-pipeline-changes-title">
        Discard your changes?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          The pipeline keeps what was last saved; the stages and transitions you
          changed since are lost.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onKeepEditing}>Keep editing</Button>
        <Button color="secondary" variant="contained" onClick={onDiscard}>
          Discard changes
        </Button>
      </DialogActions>
    </Dialog>
  );
}

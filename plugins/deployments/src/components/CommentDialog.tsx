import { ReactNode, useEffect, useState } from 'react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { serverErrorMessage } from './ServerErrorAlert';

export interface CommentDialogProps {
  /** Opens the dialog; each new value starts it clean. */
  openFor?: unknown;
  /** Stable across openings: the title's element id. */
  id: string;
  title: ReactNode;
  description: ReactNode;
  /** Fields shown between the description and the comment (e.g. which rule it counts for). */
  extra?: ReactNode;
  fieldLabel: string;
  minRows?: number;
  /** What is wrong with the text, said beside the field; undefined when it will do. */
  problemOf?: (trimmed: string) => string | undefined;
  confirmLabel: string;
  confirmColor?: 'primary' | 'secondary';
  /** Starts the message shown when the server refuses: "Could not approve". */
  failure: string;
  onClose: () => void;
  /** Sends the trimmed text (empty when none); a thrown error stays in the dialog. */
  onConfirm: (trimmed: string) => Promise<void>;
}

/**
 * An action that takes a comment: approve or reject a slot, complete a step. The server's
 * refusal (409 already decided, 403 wrong role, …) stays in the dialog so the user can read it.
 */
export function CommentDialog({
  openFor,
  id,
  title,
  description,
  extra,
  fieldLabel,
  minRows = 3,
  problemOf = () => undefined,
  confirmLabel,
  confirmColor = 'primary',
  failure,
  onClose,
  onConfirm,
}: CommentDialogProps) {
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();

  // Every opening starts clean.
  useEffect(() => {
    setText('');
    setTouched(false);
    setSaving(false);
    setError(undefined);
  }, [openFor]);

  const trimmed = text.trim();
  const problem = problemOf(trimmed);

  const confirm = async () => {
    setTouched(true);
    if (problem) return;
    setSaving(true);
    setError(undefined);
    try {
      await onConfirm(trimmed);
    } catch (e) {
      setError(e);
      setSaving(false);
    }
  };

  const titleId = `${id}-title`;
  return (
    <Dialog
      open={Boolean(openFor)}
      onClose={saving ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      {Boolean(openFor) && (
        <>
          <DialogTitle id={titleId}>{title}</DialogTitle>
          <DialogContent>
            <DialogContentText>{description}</DialogContentText>
            {extra}
            {error !== undefined && (
              <Alert severity="error" role="alert" style={{ marginBottom: 16 }}>
                {`${failure}: ${serverErrorMessage(error)}`}
              </Alert>
            )}
            <TextField
              id={`${id}-comment`}
              label={fieldLabel}
              multiline
              minRows={minRows}
              fullWidth
              variant="outlined"
              value={text}
              onChange={event => setText(event.target.value)}
              onBlur={() => setTouched(true)}
              error={touched && Boolean(problem)}
              helperText={touched && problem ? problem : undefined}
              inputProps={{ maxLength: 5000 }}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} disabled={saving}>
              Cancel
            </Button>
            <Button
              variant="contained"
              color={confirmColor}
              onClick={confirm}
              disabled={saving}
              startIcon={saving ? <CircularProgress size={16} /> : undefined}
            >
              {confirmLabel}
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}

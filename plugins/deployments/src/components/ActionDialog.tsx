import { FormEvent, ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { ServerErrorAlert } from './ServerErrorAlert';

export interface ActionDialogProps {
  /** Names the dialog's title element (`<id>-title`), which labels the dialog. */
  id: string;
  title: ReactNode;
  /** The primary button: submits the form (Enter in a field does too). */
  submitLabel: string;
  onSubmit: () => void;
  onClose: () => void;
  /** From `useServerAction` (hooks/useServerAction). */
  busy: boolean;
  error: unknown;
  /** What failed, before the server's message: "Could not break glass". */
  errorPrefix: string;
  /** Buttons between Cancel and the primary one (e.g. "Unprotect"). */
  extraActions?: ReactNode;
  children: ReactNode;
}

/**
 * The frame of the admin dialogs (environment, protection, freeze, stop the line, break
 * glass): a titled form, the server's refusal above the fields, Cancel, and one primary
 * action that is disabled while it runs.
 */
export function ActionDialog({
  id,
  title,
  submitLabel,
  onSubmit,
  onClose,
  busy,
  error,
  errorPrefix,
  extraActions,
  children,
}: ActionDialogProps) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby={`${id}-title`}
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={`${id}-title`}>{title}</DialogTitle>
        <DialogContent>
          {error !== undefined && (
            <ServerErrorAlert error={error} prefix={errorPrefix} />
          )}
          {children}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          {extraActions}
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={busy}
          >
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

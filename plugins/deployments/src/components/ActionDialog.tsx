import { FormEvent, ReactNode, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { ServerErrorAlert } from './ServerErrorAlert';

/**
 * An action a dialog sends to the server: `run` calls it, `busy` holds while it runs, and
 * `error` keeps what it was refused with (cleared on the next try), so that the dialog can
 * say why and keep the person's input.
 */
export function useServerAction<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const run = async (...args: A) => {
    setBusy(true);
    setError(undefined);
    try {
      await action(...args);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error };
}

export interface ActionDialogProps {
  /** Names the dialog's title element (`<id>-title`), which labels the dialog. */
  id: string;
  title: ReactNode;
  /** The primary button: submits the form (Enter in a field does too). */
  submitLabel: string;
  onSubmit: () => void;
  onClose: () => void;
  /** From {@link useServerAction}. */
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

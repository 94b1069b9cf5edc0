import Alert from '@material-ui/lab/Alert';

/**
 * What the server said went wrong, for people: a ResponseError's body carries the backend's
 * own message (`{error: {name, message}}`), which is clearer than the HTTP status line.
 */
export function serverErrorMessage(error: unknown): string {
  if (error && typeof error === 'object') {
    const body = (error as { body?: { error?: { message?: unknown } } }).body;
    if (typeof body?.error?.message === 'string' && body.error.message) {
      return body.error.message;
    }
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string' && message) return message;
  }
  return String(error);
}

/** A failed save or delete, shown above the form that caused it; the form keeps its input. */
export function ServerErrorAlert({
  error,
  prefix,
  onClose,
}: {
  error: unknown;
  /** Says what failed, e.g. "Could not save the template". */
  prefix?: string;
  onClose?: () => void;
}) {
  const message = serverErrorMessage(error);
  return (
    <Alert severity="error" onClose={onClose} role="alert">
      {prefix ? `${prefix}: ${message}` : message}
    </Alert>
  );
}

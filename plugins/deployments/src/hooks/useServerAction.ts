import { useState } from 'react';

/**
 * An action sent to the server: `run` calls it, `busy` holds while it runs, and `error` keeps
 * what it was refused with until the next try or `dismiss`, so that the view can say why and
 * keep the person's input.
 */
export function useServerAction<A extends unknown[]>(
  action: (...args: A) => Promise<unknown>,
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
  const dismiss = () => setError(undefined);
  return { run, busy, error, dismiss };
}

import { useCallback, useEffect, useState } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';

/**
 * A counter that goes up when the user asks for a refresh, and when a signal arrives on
 * `channel` that `accept` takes (every one, when absent). Views pass it as a dependency of
 * their load. Without the signals plugin installed only the manual refresh works.
 */
export function useSignalRefresh<T extends object>(
  channel: string,
  accept?: (signal: T) => boolean,
): {
  refreshKey: number;
  refresh: () => void;
  /** The last signal that caused a refresh. */
  lastSignal?: T;
} {
  const [refreshKey, setRefreshKey] = useState(0);
  const [accepted, setAccepted] = useState<T>();
  const refresh = useCallback(() => setRefreshKey(key => key + 1), []);
  const { lastSignal } = useSignal<T & Record<string, any>>(channel);

  useEffect(() => {
    if (!lastSignal) return;
    if (accept && !accept(lastSignal)) return;
    setAccepted(lastSignal);
    refresh();
    // `accept` is usually an inline function; the signal alone decides when to run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastSignal, refresh]);

  return { refreshKey, refresh, lastSignal: accepted };
}

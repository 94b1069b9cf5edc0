import { SignalApi } from '@backstage/plugin-signals-react';

/** A signals API whose messages the test sends by hand with `send(channel, message)`. */
export function fakeSignalApi() {
  const subscribers = new Map<string, Array<(message: any) => void>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      subscribers.set(channel, [
        ...(subscribers.get(channel) ?? []),
        onMessage as any,
      ]);
      return {
        unsubscribe: () => {
          subscribers.set(
            channel,
            (subscribers.get(channel) ?? []).filter(s => s !== onMessage),
          );
        },
      };
    },
  };
  const send = (channel: string, message: object) =>
    (subscribers.get(channel) ?? []).forEach(onMessage => onMessage(message));
  return { api, send };
}

import type { Invoke, Method } from '../../../native/api/index.ts';

export type Read = <M extends Method>(method: M, args: Invoke[M][0]) => Promise<Invoke[M][1]>;

/**
 * A reader through which identical calls made while one is still out (same method, same args)
 * share that one request and its answer. For reads only: two identical commands are two commands.
 */
export function shareInFlight(call: Read): Read {
  const out = new Map<string, Promise<unknown>>();
  return <M extends Method>(method: M, args: Invoke[M][0]) => {
    const key = `${method} ${JSON.stringify(args)}`;
    const running = out.get(key);
    if (running) return running as Promise<Invoke[M][1]>;
    const request = call(method, args);
    out.set(key, request);
    const forget = () => {
      if (out.get(key) === request) out.delete(key);
    };
    request.then(forget, forget);
    return request;
  };
}

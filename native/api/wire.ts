import type { WireError } from './errors.ts';

/** Serve mode's WebSocket frames. The renderer sends calls; the host sends results and pushes. */
export type ClientFrame = { t: 'call'; id: number; method: string; args: unknown };

export type ServerFrame =
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; error: WireError }
  | { t: 'push'; event: string; payload: unknown }
  | { t: 'error'; error: WireError }
  /** The host's pulse, about once a second: a page that hears nothing for longer knows the host is gone. */
  | { t: 'beat' };

/** The WebSocket path under serve mode. */
export const wirePath = '/api';

/** Serve mode hands the page its key in this URL fragment (`#polder-key=…`), never sent to a server. */
export const pageKeyFragment = 'polder-key';
/** …and the page sends it back in this query parameter of the WebSocket URL. */
export const pageKeyParam = 'key';

import type { WireError } from './errors.ts';

/** What a call comes back as, over either host. */
export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: WireError };

/**
 * The frames of serve mode's WebSocket and of a desktop window's MessagePort. The renderer sends
 * calls, and an ack once it has handed a latest-only push (`sim.frame`) to its listeners: the host
 * sends that window the next one only then, so a busy page is never sent a queue of frames it
 * would draw late. The host sends results and pushes. Over a port, the pushes to ack say so
 * (`ack: true`); a serve-mode page acks its binary pushes.
 */
export type ClientFrame = { t: 'call'; id: number; method: string; args: unknown } | { t: 'ack'; event: string };

export type ServerFrame =
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; error: WireError }
  | { t: 'push'; event: string; payload: unknown; ack?: true }
  | { t: 'error'; error: WireError }
  /** The host's pulse, about once a second: a page that hears nothing for longer knows the host is gone. */
  | { t: 'beat' };

/**
 * A push payload or a result whose top-level fields include bytes (a typed array, as `sim.frame`'s
 * grids) travels as one binary WebSocket message instead of JSON text: a little-endian uint32, the
 * length of a UTF-8 JSON header; the header, which is the ServerFrame without those fields plus
 * `bin`: each field's name and byte length in order; then the fields' bytes, back to back. The
 * receiver puts each field back as a Uint8Array. Everything else stays a text message.
 */
export type BinaryHeader = ServerFrame & { bin: [field: string, byteLength: number][] };

/** The WebSocket path under serve mode. */
export const wirePath = '/api';

/** Serve mode hands the page its key in this URL fragment (`#polder-key=…`), never sent to a server. */
export const pageKeyFragment = 'polder-key';
/** …and the page sends it back in this query parameter of the WebSocket URL. */
export const pageKeyParam = 'key';

// Serve mode's server frames on the wire: JSON text, or one binary message when the payload or
// result carries bytes at its top level (the layout `BinaryHeader` describes in native/api/wire.ts).
import type { BinaryHeader, ServerFrame } from '../api/wire.ts';

const bodyKey = (frame: ServerFrame) => (frame.t === 'push' ? 'payload' : frame.t === 'result' && frame.ok ? 'value' : null);

export function encodeServerFrame(frame: ServerFrame): string | Buffer {
  const key = bodyKey(frame);
  const body = key ? (frame as Record<string, unknown>)[key] : null;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return JSON.stringify(frame);
  const parts = Object.entries(body).filter((entry): entry is [string, ArrayBufferView] => ArrayBuffer.isView(entry[1]));
  if (parts.length === 0) return JSON.stringify(frame);
  const rest: Record<string, unknown> = { ...body };
  for (const [field] of parts) delete rest[field];
  const header: BinaryHeader = { ...frame, [key!]: rest, bin: parts.map(([field, bytes]) => [field, bytes.byteLength]) };
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return Buffer.concat([length, json, ...parts.map(([, bytes]) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))]);
}

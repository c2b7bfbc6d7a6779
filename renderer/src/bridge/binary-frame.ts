// Serve mode's server frames as the renderer receives them: JSON text, or one binary message whose
// bytes fields come back as Uint8Arrays (the layout `BinaryHeader` describes in native/api/wire.ts).
import type { BinaryHeader, ServerFrame } from '../../../native/api/wire.ts';

export function decodeServerFrame(data: string | ArrayBuffer): ServerFrame {
  if (typeof data === 'string') return JSON.parse(data) as ServerFrame;
  const length = new DataView(data).getUint32(0, true);
  const { bin, ...frame } = JSON.parse(new TextDecoder().decode(new Uint8Array(data, 4, length))) as BinaryHeader;
  const body = (frame.t === 'push' ? frame.payload : frame.t === 'result' && frame.ok ? frame.value : null) as Record<string, unknown> | null;
  if (!body) throw new Error(`a binary ${frame.t} frame carries no payload for its bytes`);
  let offset = 4 + length;
  for (const [field, bytes] of bin) {
    if (offset + bytes > data.byteLength) throw new Error(`a binary frame's ${field} runs past its end (${offset + bytes} > ${data.byteLength} bytes)`);
    body[field] = new Uint8Array(data, offset, bytes);
    offset += bytes;
  }
  return frame as ServerFrame;
}

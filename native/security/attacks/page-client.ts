// What a browser holds after opening the printed URL, and raw WebSocket access built on it: a
// hand-made HTTP upgrade over node:net and hand-built frames, so a test can send what no
// well-behaved client library would.
import { connect, type Socket } from 'node:net';
import { WebSocket } from 'ws';
import type { ServeChild } from './serve-child.ts';

export interface PageCredentials {
  /** The Cookie header value a browser would send back. */
  cookie: string;
  /** The page key from the redirect's fragment (empty when the host hands out none). */
  key: string;
}

/** Opens the printed URL as a browser does and keeps what the host answers with. */
export async function openAsBrowser(served: ServeChild): Promise<PageCredentials> {
  const res = await fetch(served.url, { redirect: 'manual' });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const location = res.headers.get('location') ?? '';
  const key = new URLSearchParams(location.split('#')[1] ?? '').get('polder-key') ?? '';
  return { cookie, key };
}

export function socketPath(key: string): string {
  return `/api?key=${encodeURIComponent(key)}`;
}

/** A well-behaved page's WebSocket (the `ws` client), for checking what the host holds. */
export async function openPageSocket(served: ServeChild, credentials: PageCredentials): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${served.port}${socketPath(credentials.key)}`, {
    headers: { cookie: credentials.cookie, origin: served.origin },
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return socket;
}

/** One call over a page socket, answered. */
export function callOver(socket: WebSocket, id: number, method: string, args: unknown = {}): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { t: string; id?: number };
      if (frame.t === 'result' && frame.id === id) {
        socket.off('message', onMessage);
        resolve(frame as never);
      }
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ t: 'call', id, method, args }));
  });
}

export interface RawUpgrade {
  /** The status line's code: 101 when the host took the socket. */
  status: number;
  socket: Socket;
  /** Bytes received after the HTTP head (WebSocket frames). */
  rest: Buffer;
}

/** Sends an upgrade request by hand with exactly the headers given. */
export function rawUpgrade(port: number, path: string, headers: Record<string, string>): Promise<RawUpgrade> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => reject(new Error('no answer to the upgrade within 10 s')), 10_000);
    socket.on('error', reject);
    socket.on('data', function onData(chunk: Buffer) {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', reject);
      const status = Number(received.subarray(0, end).toString().split(' ')[1]);
      resolve({ status, socket, rest: received.subarray(end + 4) });
    });
    const lines = [
      `GET ${path} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}

export interface FrameSpec {
  opcode: number;
  payload: Buffer;
  fin?: boolean;
  rsv1?: boolean;
  /** Clients must mask; false builds the violation. */
  masked?: boolean;
}

/** One WebSocket frame, byte by byte (RFC 6455 §5.2). */
export function buildFrame({ opcode, payload, fin = true, rsv1 = false, masked = true }: FrameSpec): Buffer {
  const first = (fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode;
  const maskBit = masked ? 0x80 : 0;
  let head: Buffer;
  if (payload.length < 126) head = Buffer.from([first, maskBit | payload.length]);
  else if (payload.length < 65536) {
    head = Buffer.alloc(4);
    head[0] = first;
    head[1] = maskBit | 126;
    head.writeUInt16BE(payload.length, 2);
  } else {
    head = Buffer.alloc(10);
    head[0] = first;
    head[1] = maskBit | 127;
    head.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  if (!masked) return Buffer.concat([head, payload]);
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i]! ^= mask[i % 4]!;
  return Buffer.concat([head, mask, body]);
}

/**
 * Reads the host's frames (unmasked) until its close frame, and returns the close code, or null
 * when the connection ends without one.
 */
export function closeCodeFrom(upgrade: RawUpgrade): Promise<number | null> {
  return new Promise((resolve) => {
    let buffer = upgrade.rest;
    const timer = setTimeout(() => finish(null), 10_000);
    const finish = (code: number | null) => {
      clearTimeout(timer);
      upgrade.socket.off('data', onData);
      upgrade.socket.destroy();
      resolve(code);
    };
    const scan = () => {
      while (buffer.length >= 2) {
        const opcode = buffer[0]! & 0x0f;
        let length = buffer[1]! & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffer.length < 4) return;
          length = buffer.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffer.length < 10) return;
          length = Number(buffer.readBigUInt64BE(2));
          offset = 10;
        }
        if (buffer.length < offset + length) return;
        if (opcode === 0x8) return finish(length >= 2 ? buffer.readUInt16BE(offset) : null);
        buffer = buffer.subarray(offset + length);
      }
    };
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      scan();
    };
    upgrade.socket.on('data', onData);
    upgrade.socket.on('close', () => finish(null));
    upgrade.socket.on('error', () => finish(null));
    scan();
  });
}

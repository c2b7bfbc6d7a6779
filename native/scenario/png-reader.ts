import { crc32, inflateSync } from 'node:zlib';

/** Reads an 8-bit RGBA, non-interlaced PNG whose scanlines all use filter 0 (what encodePng
 * writes), checking the signature and every CRC. Used to verify images the app produces. */
export function readRgbaPng(png: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.toString('hex', 0, 8) !== '89504e470d0a1a0a') throw new Error('not a PNG (bad signature)');
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < buf.length && !ended) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (buf.readUInt32BE(offset + 8 + length) !== crc32(buf.subarray(offset + 4, offset + 8 + length))) throw new Error(`PNG chunk ${type}: bad CRC`);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data.toString('hex', 8) !== '0806000000') throw new Error('PNG is not 8-bit RGBA, non-interlaced');
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  if (!ended || width === 0) throw new Error('PNG is truncated');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  if (raw.length !== height * (stride + 1)) throw new Error(`PNG data holds ${raw.length} bytes, expected ${height * (stride + 1)}`);
  const rgba = new Uint8Array(width * height * 4);
  for (let row = 0; row < height; row++) {
    if (raw[row * (stride + 1)] !== 0) throw new Error(`PNG row ${row} uses filter ${raw[row * (stride + 1)]}, only 0 is read`);
    rgba.set(raw.subarray(row * (stride + 1) + 1, (row + 1) * (stride + 1)), row * stride);
  }
  return { width, height, rgba };
}

import type { Page } from '@playwright/test';

/** The map's WebGL canvas as RGBA bytes (it is created with preserveDrawingBuffer). */
export async function mapPixels(page: Page): Promise<Uint8Array> {
  const base64 = await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=map] canvas');
    if (!canvas || canvas.width === 0) return '';
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d')!;
    ctx.drawImage(canvas, 0, 0);
    const bytes = ctx.getImageData(0, 0, copy.width, copy.height).data;
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  });
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** One number per pixel, from its red, green and blue bytes. */
export function perPixel(rgba: Uint8Array, f: (r: number, g: number, b: number) => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < rgba.length; i += 4) out.push(f(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!));
  return out;
}

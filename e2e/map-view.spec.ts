import type { Page } from '@playwright/test';
import { encodePng } from '../native/scenario/png.ts';
import { mapPixels, perPixel } from './map-pixels.ts';
import { expect, test } from './serve-fixture.ts';
import { signIn } from './ui-helpers.ts';

/** Luminance of every pixel of the map's WebGL canvas. */
async function mapLuminance(page: Page): Promise<number[]> {
  return perPixel(await mapPixels(page), (r, g, b) => Math.round(0.299 * r + 0.587 * g + 0.114 * b));
}

/** Share of pixels whose luminance differs by more than `threshold`, and how many distinct
 * luminance levels the changed pixels span in `a`. */
function compareLuminance(a: number[], b: number[], threshold = 4): { changed: number; levels: number } {
  let changed = 0;
  const levels = new Set<number>();
  for (let i = 0; i < a.length; i++) {
    if (Math.abs(a[i]! - b[i]!) > threshold) {
      changed++;
      levels.add(a[i]!);
    }
  }
  return { changed: changed / a.length, levels: levels.size };
}

/** Share of canvas pixels within `tolerance` of an RGB colour. */
async function shareOf(page: Page, [r, g, b]: [number, number, number], tolerance = 12): Promise<number> {
  const hits = perPixel(await mapPixels(page), (pr, pg, pb) => Number(Math.abs(pr - r) <= tolerance && Math.abs(pg - g) <= tolerance && Math.abs(pb - b) <= tolerance));
  return hits.reduce((sum, hit) => sum + hit, 0) / hits.length;
}

/** How many canvas pixels within `radius` px of a point (page coordinates) are within `tolerance` of an RGB colour. */
async function pixelsNear(page: Page, point: { x: number; y: number }, [r, g, b]: [number, number, number], radius = 10, tolerance = 20): Promise<number> {
  const box = (await page.getByTestId('map').locator('canvas').boundingBox())!;
  const rgba = await mapPixels(page);
  const width = Math.round(box.width);
  const height = rgba.length / 4 / width;
  const cx = Math.round(point.x - box.x);
  const cy = Math.round(point.y - box.y);
  let hits = 0;
  for (let y = Math.max(0, cy - radius); y <= Math.min(height - 1, cy + radius); y++) {
    for (let x = Math.max(0, cx - radius); x <= Math.min(width - 1, cx + radius); x++) {
      const i = 4 * (y * width + x);
      if (Math.abs(rgba[i]! - r) <= tolerance && Math.abs(rgba[i + 1]! - g) <= tolerance && Math.abs(rgba[i + 2]! - b) <= tolerance) hits++;
    }
  }
  return hits;
}

async function signInAndOpenMap(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await signIn(page, 'eoc-lead');
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-layers-loaded', 'true', { timeout: 20_000 });
  await expect(map).toHaveAttribute('data-hillshade', 'drawn', { timeout: 20_000 });
}

/** The smallest PMTiles v3 archive: one 256 px PNG tile at zoom 0, no compression. */
function onePngTilePmtiles(rgb: [number, number, number]): Buffer {
  const rgba = new Uint8Array(256 * 256 * 4);
  for (let i = 0; i < rgba.length; i += 4) rgba.set([...rgb, 255], i);
  const tile = encodePng(rgba, 256, 256);
  const varint = (n: number): number[] => {
    const out: number[] = [];
    while (n >= 0x80) {
      out.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    out.push(n);
    return out;
  };
  // entries: count, tile id deltas, run lengths, lengths, offsets (+1)
  const directory = Buffer.from([...varint(1), ...varint(0), ...varint(1), ...varint(tile.length), ...varint(1)]);
  const metadata = Buffer.from('{}');
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'latin1');
  header[7] = 3;
  const rootOffset = 127;
  const metadataOffset = rootOffset + directory.length;
  const tileOffset = metadataOffset + metadata.length;
  const u64 = [rootOffset, directory.length, metadataOffset, metadata.length, tileOffset, 0, tileOffset, tile.length, 1, 1, 1];
  u64.forEach((v, i) => header.writeBigUInt64LE(BigInt(v), 8 + i * 8));
  // clustered, internal compression (1 none), tile compression (1 none), tile type (2 png), min zoom, max zoom
  header.set([1, 1, 1, 2, 0, 0], 96);
  [-180e7, -85e7, 180e7, 85e7].forEach((v, i) => header.writeInt32LE(v, 102 + i * 4));
  header[118] = 0;
  header.writeInt32LE(0, 119);
  header.writeInt32LE(0, 123);
  return Buffer.concat([header, directory, metadata, tile]);
}

test('the map draws the DEM relief from the host, and it can be switched off', async ({ page, served }, testInfo) => {
  await signInAndOpenMap(page, served.url);
  await page.waitForTimeout(500);
  const withRelief = await mapLuminance(page);
  await page.screenshot({ path: testInfo.outputPath('map-relief.png') });
  await page.getByRole('checkbox', { name: 'Relief' }).uncheck();
  // Switching the relief off changes a large part of the terrain, and what it changes was a
  // continuous field of shades (not one flat fill).
  await expect.poll(async () => compareLuminance(withRelief, await mapLuminance(page)).changed, { timeout: 10_000 }).toBeGreaterThan(0.1);
  const { levels } = compareLuminance(withRelief, await mapLuminance(page));
  expect(levels).toBeGreaterThan(40);
  await page.screenshot({ path: testInfo.outputPath('map-no-relief.png') });
  await page.getByRole('checkbox', { name: 'Relief' }).check();
  await expect.poll(async () => compareLuminance(withRelief, await mapLuminance(page)).changed, { timeout: 10_000 }).toBeLessThan(0.01);
});

test('an area drawn by mouse comes back as a closed GeoJSON polygon in lon/lat', async ({ page, served }, testInfo) => {
  await signInAndOpenMap(page, served.url);
  const box = (await page.getByTestId('map').locator('canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.getByRole('button', { name: 'Draw area' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Click to add corners' })).toBeVisible();
  // Finishing too early says why and keeps drawing.
  await page.mouse.click(cx - 60, cy - 50);
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByText(/needs at least 3 points \(1 placed\)/)).toBeVisible();
  await page.mouse.click(cx + 60, cy - 50);
  await page.mouse.click(cx + 60, cy + 50);
  await page.mouse.dblclick(cx - 60, cy + 50);
  // The workspace offers to use the area (alert, task, nothing): this test only wants the geometry.
  await page.getByRole('button', { name: /Nothing/ }).click();
  const output = page.getByTestId('drawn-geojson');
  await expect(output).toBeAttached();
  await page.screenshot({ path: testInfo.outputPath('map-drawn-area.png') });
  const geometry = JSON.parse((await output.textContent())!) as { type: string; coordinates: [number, number][][] };
  expect(geometry.type).toBe('Polygon');
  const ring = geometry.coordinates[0]!;
  expect(ring).toHaveLength(5);
  expect(ring[4]).toEqual(ring[0]);
  const [nw, ne, se, sw] = ring;
  // Screen directions become map directions: right is east, down is south.
  expect(ne![0]).toBeGreaterThan(nw![0]);
  expect(sw![1]).toBeLessThan(nw![1]);
  expect(se![0]).toBeCloseTo(ne![0], 6);
  expect(sw![0]).toBeCloseTo(nw![0], 6);
  // Merewether, Newcastle NSW.
  for (const [lon, lat] of ring) {
    expect(lon).toBeGreaterThan(151.74);
    expect(lon).toBeLessThan(151.77);
    expect(lat).toBeGreaterThan(-32.96);
    expect(lat).toBeLessThan(-32.93);
  }
  // Escape cancels a drawing without touching the finished one.
  await page.getByRole('button', { name: 'Draw line' }).click();
  await page.mouse.click(cx, cy);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Draw area' })).toBeVisible();
  expect(JSON.parse((await output.textContent())!)).toEqual(geometry);
});

test('a PMTiles basemap loads from disk, and nothing leaves the machine', async ({ page, served }, testInfo) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await signInAndOpenMap(page, served.url);
  const magenta: [number, number, number] = [230, 0, 200];
  expect(await shareOf(page, magenta)).toBe(0);
  await page.getByTestId('basemap-file').setInputFiles({ name: 'test-basemap.pmtiles', mimeType: 'application/octet-stream', buffer: onePngTilePmtiles(magenta) });
  await expect(page.getByTestId('map')).toHaveAttribute('data-basemap', 'raster');
  // The tile shows around the scenario extent.
  await expect.poll(() => shareOf(page, magenta), { timeout: 10_000 }).toBeGreaterThan(0.05);
  await page.screenshot({ path: testInfo.outputPath('map-basemap.png') });

  await page.getByTestId('basemap-file').setInputFiles({ name: 'not-a-basemap.pmtiles', mimeType: 'application/octet-stream', buffer: Buffer.from('hello, this is not a PMTiles archive at all, no no') });
  await expect(page.getByRole('alert').filter({ hasText: 'not-a-basemap.pmtiles is not a PMTiles v3 archive' })).toBeVisible();
  // A bad file leaves the loaded basemap in place.
  expect(await shareOf(page, magenta)).toBeGreaterThan(0.05);

  await page.getByRole('button', { name: 'Remove basemap' }).click();
  await expect.poll(() => shareOf(page, magenta), { timeout: 10_000 }).toBe(0);

  // A GeoJSON layer from disk: a big green square over the scenario.
  const square = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[151.745, -32.95], [151.756, -32.95], [151.756, -32.938], [151.745, -32.938], [151.745, -32.95]]] } };
  await page.getByTestId('layer-file').setInputFiles({ name: 'zone.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [square] })) });
  await expect(page.getByTestId('map')).toHaveAttribute('data-user-layer', 'loaded');
  await expect(page.getByText(/zone\.geojson \(0\.0 MB\)/)).toBeVisible();
  await page.getByTestId('layer-file').setInputFiles({ name: 'broken.geojson', mimeType: 'application/geo+json', buffer: Buffer.from('{"type": "FeatureCollection", "features": [') });
  await expect(page.getByRole('alert').filter({ hasText: 'broken.geojson could not be read as GeoJSON' })).toBeVisible();
  await expect(page.getByTestId('map')).not.toHaveAttribute('data-user-layer', 'loaded');

  const foreign = requests.filter((url) => !url.startsWith(served.origin) && !/^(data|blob):/.test(url));
  expect(foreign).toEqual([]);
  expect(requests.length).toBeGreaterThan(2);
});

test('an alert raised for a drawn area shows on the map in its severity colour, with a popup', async ({ page, served }, testInfo) => {
  await signInAndOpenMap(page, served.url);
  const box = (await page.getByTestId('map').locator('canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const extreme: [number, number, number] = [122, 0, 25];
  expect(await shareOf(page, extreme, 30)).toBe(0);

  await page.getByRole('button', { name: 'Draw area' }).click();
  await page.mouse.click(cx - 50, cy - 40);
  await page.mouse.click(cx + 50, cy - 40);
  await page.mouse.click(cx + 50, cy + 40);
  await page.mouse.click(cx - 50, cy + 40);
  await page.getByRole('button', { name: 'Finish' }).click();
  await page.getByRole('button', { name: /Raise an alert here/ }).click();
  const form = page.getByTestId('raise-alert-form');
  await form.getByLabel('Title').fill('Creek over the road');
  await form.getByLabel('Severity').selectOption('Extreme');
  await form.getByRole('button', { name: 'Raise alert' }).click();
  await expect(form).toBeHidden();
  await page.getByRole('button', { name: 'Clear drawing' }).click();

  // The alert's outline, in the Extreme colour.
  await expect.poll(() => shareOf(page, extreme, 30), { timeout: 10_000 }).toBeGreaterThan(0.001);
  await page.mouse.click(cx, cy);
  const popup = page.locator('.maplibregl-popup');
  await expect(popup).toContainText('Creek over the road');
  await expect(popup).toContainText('Alert · Extreme · raised');
  await page.screenshot({ path: testInfo.outputPath('map-alert-area.png') });
});

test('a task placed on the map shows in its priority colour, with a popup, and leaves the map when cancelled', async ({ page, served }, testInfo) => {
  await signInAndOpenMap(page, served.url);
  const box = (await page.getByTestId('map').locator('canvas').boundingBox())!;
  const at = { x: box.x + box.width / 2 + 40, y: box.y + box.height / 2 };
  const critical: [number, number, number] = [215, 25, 28];
  expect(await pixelsNear(page, at, critical)).toBe(0);

  await page.getByRole('button', { name: 'Place point' }).click();
  await page.mouse.click(at.x, at.y);
  await page.getByRole('button', { name: 'A new task here' }).click();
  const form = page.getByTestId('task-form');
  await form.getByLabel('Title').fill('Sandbag the substation');
  await form.getByLabel('Priority').selectOption('critical');
  await form.getByTestId('task-form-submit').click();
  await expect(page.getByTestId('task-details')).toHaveAttribute('data-status', 'new');
  await page.getByRole('button', { name: 'Clear drawing' }).click();

  await expect.poll(() => pixelsNear(page, at, critical), { timeout: 10_000 }).toBeGreaterThan(40);
  await page.mouse.click(at.x, at.y);
  const popup = page.locator('.maplibregl-popup');
  await expect(popup).toContainText('Sandbag the substation');
  await expect(popup).toContainText('Task · critical · new');
  await page.screenshot({ path: testInfo.outputPath('map-task-marker.png') });
  await popup.getByRole('button', { name: 'Close popup' }).click();

  await page.getByTestId('task-move-cancelled').click();
  await expect(page.getByTestId('task-details')).toHaveAttribute('data-status', 'cancelled');
  await expect.poll(() => pixelsNear(page, at, critical), { timeout: 10_000 }).toBe(0);
});

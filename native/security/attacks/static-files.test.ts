// Attacks on serve mode's static server with real files and links in the folder it serves: a
// link out of the folder is never followed, a file that fails to read ends only its request.
import { readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAsBrowser, type PageCredentials } from './page-client.ts';
import { startServeChild, type ServeChild } from './serve-child.ts';

let served: ServeChild;
let page: PageCredentials;

beforeAll(async () => {
  served = await startServeChild();
  page = await openAsBrowser(served);
}, 30_000);
afterAll(() => served.stop());

/** status and body, or null when the connection broke (a response cut off is fine; a dead host is not). */
async function get(path: string): Promise<{ status: number; body: string } | null> {
  try {
    const res = await fetch(`${served.origin}${path}`, { headers: { cookie: page.cookie }, signal: AbortSignal.timeout(10_000) });
    return { status: res.status, body: await res.text() };
  } catch {
    return null;
  }
}

describe('the static server keeps to its folder and survives read errors', () => {
  it('a link to /proc/self/mem (a read error, EIO) is not followed', async () => {
    symlinkSync('/proc/self/mem', join(served.staticDir, 'mem.js'));
    expect(await get('/mem.js')).toEqual({ status: 404, body: 'Not found' });
    expect(await served.alive()).toBe(true);
  }, 30_000);

  it('a link to /etc/hostname is not served', async () => {
    symlinkSync('/etc/hostname', join(served.staticDir, 'hostname.txt'));
    const answer = await get('/hostname.txt');
    expect(answer?.status).toBe(404);
    const hostname = readFileSync('/etc/hostname', 'utf8').trim();
    if (hostname) expect(answer?.body).not.toContain(hostname);
    expect(await served.alive()).toBe(true);
  }, 30_000);

  it('a link to a folder outside is not followed either', async () => {
    symlinkSync('/etc', join(served.staticDir, 'etc'));
    expect((await get('/etc/hostname'))?.status).toBe(404);
    expect((await get('/etc/passwd'))?.status).toBe(404);
    expect(await served.alive()).toBe(true);
  }, 30_000);

  it('files removed and rewritten while being served (a rebuild): each answer is whole, 200 or 404, and the host lives on', async () => {
    const file = join(served.staticDir, 'chunk.js');
    const content = `/* a renderer chunk */\n${'x'.repeat(256 * 1024)}\n`;
    const answers: Promise<{ status: number; body: string } | null>[] = [];
    for (let round = 0; round < 150; round++) {
      // A bundler writes each file whole and then renames it into place.
      writeFileSync(`${file}.tmp`, content);
      renameSync(`${file}.tmp`, file);
      for (let i = 0; i < 4; i++) answers.push(get('/chunk.js'));
      // Let the requests reach the host, then take the file away as a rebuild does.
      await new Promise((resolve) => setImmediate(resolve));
      unlinkSync(file);
      await new Promise((resolve) => setTimeout(resolve, round % 3));
    }
    const settled = await Promise.all(answers);
    for (const answer of settled) {
      if (answer === null) continue;
      expect([200, 404]).toContain(answer.status);
      if (answer.status === 200) expect(answer.body.length).toBe(content.length);
    }
    expect(await served.alive()).toBe(true);
    rmSync(file, { force: true });
  }, 120_000);

  it('still serves its own files', async () => {
    expect(await get('/index.html')).toMatchObject({ status: 200, body: expect.stringContaining('attack test page') });
  }, 30_000);
});

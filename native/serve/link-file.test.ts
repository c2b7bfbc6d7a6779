import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../logger.ts';
import { loadServeLink, saveServeLink, serveLinkFile } from './link-file.ts';

let dataDir: string;
const warnings: string[] = [];
const logger: Logger = { info: () => {}, warn: (m) => warnings.push(m), error: () => {} };

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'polder-link-'));
  warnings.length = 0;
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the serve link in the data directory', () => {
  it('is made once, owner-only, and the same token comes back on the next launch', () => {
    const first = loadServeLink(dataDir, logger);
    expect(first.token.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dataDir, serveLinkFile)).mode & 0o777).toBe(0o600);
    saveServeLink(dataDir, { ...first, port: 43123 });
    expect(loadServeLink(dataDir, logger)).toEqual({ token: first.token, port: 43123 });
    expect(warnings).toEqual([]);
  });

  it('gets a new token when others could read the file', () => {
    const first = loadServeLink(dataDir, logger);
    chmodSync(join(dataDir, serveLinkFile), 0o644);
    const second = loadServeLink(dataDir, logger);
    expect(second.token).not.toBe(first.token);
    expect(statSync(join(dataDir, serveLinkFile)).mode & 0o777).toBe(0o600);
    expect(warnings[0]).toMatch(/could be read by other users/);
  });

  it('gets a new token, with a warning, when the file is not one Polder wrote', () => {
    writeFileSync(join(dataDir, serveLinkFile), '{"token":"short"}', { mode: 0o600 });
    const link = loadServeLink(dataDir, logger);
    expect(link.token.length).toBeGreaterThanOrEqual(32);
    expect(JSON.parse(readFileSync(join(dataDir, serveLinkFile), 'utf8'))).toEqual(link);
    expect(warnings[0]).toMatch(/not a serve link/);
  });
});

// The packaged app's Electron fuses, read from the builder config the release is built from.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..', '..');

/** Each fuse and the only value a release may ship with. */
const requiredFuses = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
} as const;

describe('electron-builder.yml', () => {
  const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as { asar?: unknown; electronFuses?: Record<string, unknown> };

  it.each(Object.entries(requiredFuses))('sets the fuse %s to %s', (fuse, value) => {
    expect(config.electronFuses?.[fuse], `electronFuses.${fuse} must be ${value}`).toBe(value);
  });

  it('packs the app into an asar (the integrity fuses check it)', () => {
    expect(config.asar).toBe(true);
  });
});

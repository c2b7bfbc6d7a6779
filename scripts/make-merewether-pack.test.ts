// The bundled pack is exactly what the generator makes from the shared source data: no hand edit
// can drift from the reference set-up unnoticed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const source = join(root, '..', 'shared', 'data', 'merewether-2007');
const bundled = join(root, 'resources', 'scenarios', 'merewether-2007');

describe('make-merewether-pack', () => {
  it('regenerates the bundled pack byte for byte from ../shared/data/merewether-2007', () => {
    expect(existsSync(source), `source data missing at ${source}`).toBe(true);
    const target = mkdtempSync(join(tmpdir(), 'polder-mw-'));
    execFileSync(process.execPath, [join(root, 'scripts', 'make-merewether-pack.ts'), source, target]);
    const generated = readdirSync(target).sort();
    expect(generated).toEqual(expect.arrayContaining(['scenario.json', 'dem.asc', 'buildings.geojson', 'assets.geojson', 'gauges.json']));
    // The bundled folder may hold more (README.md); each generated file must match.
    for (const name of generated) expect(readFileSync(join(target, name)).equals(readFileSync(join(bundled, name))), name).toBe(true);
  });
});

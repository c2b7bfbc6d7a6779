// The bundled recording verifies against the bundled scenario pack as it is now: a change to
// the pack (or to what verification checks) that breaks it fails here, and says to rebuild it.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../native/cli/main.ts';
import { recordingIo } from '../native/cli/commands/test-io.ts';
import { repoPaths } from '../native/paths.ts';
import type { Recording } from '../native/record/format.ts';
import { packHash } from '../native/record/pack-hash.ts';

const file = join(repoPaths.resources, 'recordings', 'merewether-2007.polder-recording.json');
const rebuild = 'rebuild it: npm run make:recording';

describe('the bundled Merewether recording', () => {
  it('passes polder record verify', async () => {
    const rec = recordingIo();
    const code = await runCli(['record', 'verify', file, '--json'], rec.io);
    expect(JSON.parse(rec.out[0]!).problems, rebuild).toEqual([]);
    expect(code).toBe(0);
  });

  it('names the bundled scenario pack by its current content hash, is small and says it is reconstructed', () => {
    const recording = JSON.parse(readFileSync(file, 'utf8')) as Recording;
    expect(recording.packs, rebuild).toEqual([{ name: 'merewether-2007', sha256: packHash(join(repoPaths.resources, 'scenarios', 'merewether-2007')) }]);
    expect(statSync(file).size).toBeLessThan(3 * 1024 * 1024);
    const lines = recording.events.filter((e) => e.type === 'log.entry').map((e) => String((JSON.parse(e.payload) as { set?: { text?: unknown } }).set?.text));
    expect(lines.some((l) => l.includes('RECONSTRUCTED RECORDING') && l.includes('WRL, UNSW'))).toBe(true);
    expect(recording.forecasts).toHaveLength(1);
    // The gauges' readings ride along for replay, each one marked reconstructed.
    const readings = recording.sensorObservations ?? [];
    const gauges = new Set(readings.map((o) => o.sensor_id));
    expect(gauges.size, rebuild).toBeGreaterThanOrEqual(3);
    const reconstructed = readings.filter((o) => (JSON.parse(Buffer.from(String(o.payload), 'base64').toString('utf8')) as { parameters?: { reconstructed?: unknown } }).parameters?.reconstructed === true);
    expect(reconstructed.length).toBe(readings.length);
    expect(recording.recommendations.map((r) => r.status)).toEqual(expect.arrayContaining(['approved', 'rejected']));
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAssetPack } from '../../../simulation/host/asset-pack.ts';
import { runCli } from '../main.ts';
import { recordingIo } from './test-io.ts';

const dataDir = () => mkdtempSync(join(tmpdir(), 'polder-forecast-cli-'));

interface JsonAlert {
  asset: string;
  peakDepth: number;
  arrivalSeconds: number | null;
  leadSeconds: number | null;
  severity: string;
  urgency: string;
  certainty: string;
  alertId: string;
  action: string;
}

async function forecastJson(args: string[]) {
  const rec = recordingIo();
  const code = await runCli(['forecast', ...args, '--json'], rec.io);
  expect(rec.err).toEqual([]);
  expect(code).toBe(0);
  expect(rec.out).toHaveLength(1);
  return JSON.parse(rec.out[0]!) as { forecast: string; startedFrom: string; alerts: JsonAlert[] };
}

describe('polder forecast', () => {
  it('Merewether: alerts with a positive lead time for the assets the water reaches, none for those that stay dry', async () => {
    const result = await forecastJson(['--scenario', 'merewether-2007', '--ahead', '20', '--threads', '2', '--data-dir', dataDir()]);
    expect(result.startedFrom).toBe('scenario-start');
    const byAsset = new Map(result.alerts.map((a) => [a.asset, a]));
    const underpass = byAsset.get('asset-underpass')!;
    expect(underpass).toMatchObject({ action: 'raised', certainty: 'Likely' });
    expect(underpass.peakDepth).toBeGreaterThan(0.3);
    // raised at the start of the forecast, minutes before the water gets there
    expect(underpass.leadSeconds).toBeGreaterThan(60);
    expect(underpass.arrivalSeconds).toBe(underpass.leadSeconds);
    expect(['Severe', 'Extreme']).toContain(underpass.severity);
    // the creek's road floods first, stretch by stretch
    const roads = result.alerts.filter((a) => a.asset.startsWith('road:'));
    expect(roads.length).toBeGreaterThan(5);
    for (const a of roads) expect(a.leadSeconds).toBeGreaterThan(0);
    for (const dry of ['asset-school', 'asset-aged-care', 'asset-ses-depot', 'asset-substation']) expect(byAsset.has(dry)).toBe(false);
  });

  it('a second forecast updates the same alerts instead of raising new ones; an ensemble gives probabilities', async () => {
    const data = dataDir();
    const pack = writeAssetPack();
    const first = await forecastJson(['--scenario', pack, '--ahead', '5', '--threads', '1', '--data-dir', data]);
    expect(first.alerts.map((a) => a.asset)).toContain('a-inflow');
    expect(first.alerts.map((a) => a.asset)).not.toContain('a-north');
    expect(first.alerts.every((a) => a.action === 'raised')).toBe(true);
    const again = await forecastJson(['--scenario', pack, '--ahead', '5', '--threads', '1', '--data-dir', data]);
    expect(again.alerts.map((a) => [a.asset, a.alertId, a.action])).toEqual(first.alerts.map((a) => [a.asset, a.alertId, 'unchanged']));
    const ensemble = await forecastJson(['--scenario', pack, '--ahead', '5', '--ensemble', '3', '--threads', '1', '--data-dir', data]);
    const inflow = ensemble.alerts.find((a) => a.asset === 'a-inflow')!;
    expect(inflow.alertId).toBe(first.alerts.find((a) => a.asset === 'a-inflow')!.alertId);
    expect(['Likely', 'Possible']).toContain(inflow.certainty);
  });

  it('says what is wrong in one line', async () => {
    for (const [args, message] of [
      [['--ahead', '10'], /--scenario <dir\|name> is required/],
      [['--scenario', 'merewether-2007', '--ahead', '-5'], /--ahead must be a number of minutes/],
      [['--scenario', 'merewether-2007', '--ensemble', '0'], /--ensemble/],
      [['--scenario', 'no-such-pack'], /no-such-pack/],
    ] as const) {
      const rec = recordingIo();
      const code = await runCli(['forecast', ...args, '--data-dir', dataDir()], rec.io);
      expect(code).not.toBe(0);
      expect(rec.err).toHaveLength(1);
      expect(rec.err[0]).toMatch(message);
    }
  });
});

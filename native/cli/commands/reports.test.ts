import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../clock/clock.ts';
import { runCli } from '../main.ts';
import { tempDir } from '../../store/test-helpers.ts';
import { streetReports } from '../../reports/test-reports.ts';
import { recordingIo } from './test-io.ts';

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

describe('polder reports', () => {
  it('imports a JSON Lines file into one group per street, names each refused line, and refuses the same reports twice', async () => {
    const dir = tempDir('polder-reports-cli-');
    dirs.push(dir);
    const file = join(dir.dir, 'gateway.jsonl');
    const lines = streetReports(20, systemClock().now()).map((f, i) => JSON.stringify({ ...f, id: `gw-${i}` }));
    writeFileSync(file, [...lines, '{"oops"', JSON.stringify({ ...JSON.parse(lines[0]!), id: 'far', location: { lon: 150, lat: -33 } })].join('\n'));

    const first = recordingIo();
    expect(await runCli(['reports', 'import', file, '--data-dir', dir.dir], first.io)).toBe(1);
    expect(first.out[0]).toMatch(/gateway\.jsonl:21: the payload is not JSON/);
    expect(first.out[1]).toMatch(/gateway\.jsonl:22: location 150, -33 is outside the area this node covers/);
    expect(first.out[2]).toBe(`${file}: 20 accepted into 1 group, 2 quarantined`);

    const again = recordingIo();
    expect(await runCli(['reports', 'import', file, '--json', '--data-dir', dir.dir], again.io)).toBe(1);
    expect(JSON.parse(again.out[0]!)).toMatchObject({ accepted: 0, counts: { received: 44, accepted: 20, quarantined: 24 } });

    const list = recordingIo();
    expect(await runCli(['reports', 'list', '--data-dir', dir.dir], list.io)).toBe(0);
    expect(list.out).toEqual([expect.stringMatching(/^gw-0 {2}20 reports .* unconfirmed public report$/), 'received 44 = accepted 20 + quarantined 24']);
    const refused = recordingIo();
    expect(await runCli(['reports', 'quarantine', '--limit', '1', '--data-dir', dir.dir], refused.io)).toBe(0);
    expect(refused.out).toEqual([expect.stringMatching(/^#24 .* gateway\.jsonl:22: location 150, -33 is outside the area this node covers \(151\.74035, -32\.9436, 151\.74383, -32\.93981\)$/)]);
  });

  it('says what is missing in one line', async () => {
    const io = recordingIo();
    expect(await runCli(['reports', 'import'], io.io)).toBe(2);
    expect(io.err.join('\n')).toMatch(/give the JSON Lines file of reports to import/);
  });
});

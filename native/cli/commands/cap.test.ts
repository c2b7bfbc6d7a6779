import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';
import { testService } from '../../ops/test-service.ts';
import { recordingIo } from './test-io.ts';

const opened: ReturnType<typeof testService>[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close()));
});
function store() {
  const t = testService();
  opened.push(t);
  return t;
}

describe('polder cap', () => {
  it('exports an alert, validates the file (exit 0) and imports it into another data directory', async () => {
    const sender = store();
    const { alert } = await sender.as('eoc-lead')('alerts.raise', { source: 'field', title: 'Water over Glebe Rd', severity: 'Severe', urgency: 'Immediate', certainty: 'Observed', area: { type: 'Point', coordinates: [151.741, -32.944] } });
    await sender.service.close();
    const file = join(sender.dir.dir, 'glebe.xml');
    const exported = recordingIo();
    expect(await runCli(['cap', 'export', alert.id, '--as', 'eoc-lead', '--out', file, '--data-dir', sender.dir.dir], exported.io)).toBe(0);
    expect(exported.out[0]).toMatch(/^Alert .* \(Actual\) written to /);
    expect(readFileSync(file, 'utf8')).toContain('<circle>-32.944,151.741 0</circle>');

    const valid = recordingIo();
    expect(await runCli(['cap', 'validate', file], valid.io)).toBe(0);
    expect(valid.out).toEqual([`${file}: valid CAP 1.2`]);

    const receiver = store();
    await receiver.service.close();
    const taken = recordingIo();
    expect(await runCli(['cap', 'import', file, '--as', 'fire-lead', '--json', '--data-dir', receiver.dir.dir], taken.io)).toBe(0);
    expect(JSON.parse(taken.out[0]!)).toMatchObject({ accepted: true, msgType: 'Alert', duplicate: false });
  });

  it('validate exits 1 with one line per reason; import refuses the same file, keeps it and exits 1', async () => {
    const t = store();
    await t.service.close();
    const file = join(t.dir.dir, 'bad.xml');
    writeFileSync(
      file,
      `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x-1</identifier><sender>them</sender><sent>2007-06-08T12:00:00-00:00</sent><status>Actual</status><msgType>Update</msgType><scope>Public</scope>
<info><category>Met</category><event>Flood</event><urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty><area><areaDesc>x</areaDesc><polygon>-32.94,151.74 -32.94,151.75 -32.95,151.75</polygon></area></info></alert>`,
    );
    const checked = recordingIo();
    expect(await runCli(['cap', 'validate', file, '--json'], checked.io)).toBe(1);
    expect(JSON.parse(checked.out[0]!)).toEqual({
      valid: false,
      reasons: [
        'an Update message must name the earlier message(s) it refers to in <references>',
        'info 1 area 1 polygon 1 has 3 points; a CAP polygon needs at least 4, the first repeated last',
        'info 1 area 1 polygon 1 is not closed: its first point -32.94,151.74 differs from its last -32.95,151.75',
      ],
    });
    const refused = recordingIo();
    expect(await runCli(['cap', 'import', file, '--as', 'eoc-lead', '--data-dir', t.dir.dir], refused.io)).toBe(1);
    expect(refused.out[0]).toBe(`${file}: refused (kept as refused CAP #1)`);
    expect(refused.out).toHaveLength(4);
  });

  it('says plainly what is wrong with how it was called', async () => {
    const t = store();
    const cases: [string[], number, RegExp][] = [
      [['cap'], 2, /say what to do: validate, import or export/],
      [['cap', 'send', 'x'], 2, /unknown cap action "send"/],
      [['cap', 'validate'], 2, /give the CAP file/],
      [['cap', 'validate', '/no/such/file.xml'], 1, /cannot read \/no\/such\/file.xml: no such file/],
      [['cap', 'export', 'a1', '--data-dir', t.dir.dir], 2, /say who acts: --as <person id>/],
      [['cap', 'export', 'a1', '--as', 'nobody', '--data-dir', t.dir.dir], 2, /no person "nobody"/],
      [['cap', 'export', 'no-such-alert', '--as', 'eoc-lead', '--data-dir', t.dir.dir], 1, /No alert with id "no-such-alert"/],
    ];
    for (const [argv, code, message] of cases) {
      const rec = recordingIo();
      expect(await runCli(argv, rec.io), argv.join(' ')).toBe(code);
      expect(rec.err.join('\n'), argv.join(' ')).toMatch(message);
    }
  });
});

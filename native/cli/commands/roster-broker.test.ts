// The roster through the broker: an admin publishes it retained on polder/v1/{org}/roster; running
// nodes adopt a newer one signed by the admin key they hold (a device it revokes is refused from
// then on) and keep and log, with the reason, an older one or one signed by another key.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';
import { recordingIo } from './test-io.ts';
import { loadHeldRoster } from '../../identity/held-roster.ts';
import { generateSigningKey } from '../../identity/keys.ts';
import { signRoster, type Roster } from '../../identity/roster.ts';
import { testDeviceKey } from '../../identity/test-roster.ts';
import { startMosquitto, until, type Mosquitto } from '../../mqtt/test-broker.ts';
import { publishRoster } from '../../sync/roster-publish.ts';
import { converged, testNodes, type TestNode } from '../../sync/test-nodes.ts';

let broker: Mosquitto;
let nodes: TestNode[] = [];
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());
afterEach(async () => {
  await Promise.all(nodes.map((n) => n.close()));
  nodes = [];
});

const org = 'rosters';
const admin = testDeviceKey('admin');
const next = (held: Roster, change: Partial<Roster>, key = admin): Roster => signRoster({ ...held, ...change, adminKey: key.publicKey, signature: null }, key);

describe('the roster through the broker', () => {
  it('is adopted by running and late-joining nodes when newer under the same admin key, and refused with the reason otherwise', async () => {
    nodes = testNodes(2, { org });
    const [a, b] = nodes as [TestNode, TestNode];
    nodes.forEach((n) => n.connect([broker.url]));
    await b.as('fire-lead')('log.append', { text: 'before the revocation' });
    await converged(nodes);
    const v1 = a.service.roster;

    // v2 revokes dev_b, published with the CLI's own command.
    const v2 = next(v1, { version: v1.version + 1, devices: v1.devices.map((d) => (d.id === 'dev_b' ? { ...d, revoked: true } : d)) });
    const file = join(a.dir.dir, 'v2.json');
    writeFileSync(file, JSON.stringify(v2));
    const rec = recordingIo();
    expect(await runCli(['roster', 'publish', file, '--broker', broker.url, '--org', org, '--data-dir', a.dir.dir], rec.io)).toBe(0);
    expect(rec.out[0]).toMatch(new RegExp(`^published roster test-org v${v2.version}: .* on polder/v1/rosters/roster at mqtt://127\\.0\\.0\\.1:\\d+ \\(retained\\)$`));
    await until('both nodes hold v2', () => nodes.every((n) => n.service.roster.version === v2.version));
    expect(loadHeldRoster(a.dir.dir)?.version).toBe(v2.version);

    // From then on a refuses what dev_b writes.
    await b.as('fire-lead')('log.append', { text: 'after the revocation' });
    await until('dev_b quarantined on a', () => a.service.quarantined(10).items.some((q) => q.reason === 'revoked_device'));
    expect(a.count('events') - b.count('events')).toBe(-1);

    // A node that starts later gets the retained copy.
    const [c] = testNodes(1, { org, firstIndex: 2 });
    nodes.push(c!);
    c!.connect([broker.url]);
    await until('c holds v2', () => c!.service.roster.version === v2.version);

    // An older version and a newer one signed by another key are refused, kept and explained.
    await publishRoster(v1, { brokers: [broker.url], org });
    const forged = next(v2, { version: v2.version + 5 }, generateSigningKey());
    await publishRoster(forged, { brokers: [broker.url], org });
    await until('a refused both', () => a.service.refusedRosters().length === 2);
    expect(a.service.refusedRosters().map((r) => [r.version, r.problem])).toEqual([
      [forged.version, `roster v${forged.version} is signed by another admin key than the one this device holds`],
      [v1.version, `roster v${v1.version} is not newer than the v${v2.version} this device holds`],
    ]);
    expect(nodes.map((n) => n.service.roster.version)).toEqual([v2.version, v2.version, v2.version]);
    expect(loadHeldRoster(a.dir.dir)?.version).toBe(v2.version);

    const shown = recordingIo();
    await runCli(['roster', 'verify', '--data-dir', a.dir.dir], shown.io);
    expect(shown.out).toEqual([expect.stringMatching(/^ok: roster test-org v2/), expect.stringMatching(/^refused from the broker mqtt:.* signed by another admin key/), expect.stringMatching(/^refused from the broker mqtt:.* is not newer than the v2/)]);

    // Unsigned rosters are not even published.
    await expect(publishRoster({ ...v2, version: 9, signature: null }, { brokers: [broker.url], org })).rejects.toThrow(/not published: roster test-org v9 is an unsigned draft/);
  });
});

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../store/test-helpers.ts';
import { demoPin, demoRoster } from './demo-roster.ts';
import { heldRosterPath, installRoster, loadHeldRoster } from './held-roster.ts';
import { generateSigningKey } from './keys.ts';
import { replacementProblem, rosterDirectory, signRoster, verifyRoster } from './roster.ts';
import { checkSecret } from './secret.ts';
import { testRoster } from './test-roster.ts';

let dir: ReturnType<typeof tempDir>;
afterEach(() => dir?.cleanup());

const device = { id: 'dev_a', publicKey: generateSigningKey().publicKey, kind: 'workstation' as const, revoked: false };

describe('the signed roster', () => {
  it('verifies when signed by its admin key, after a round trip through JSON in any field order', () => {
    const { roster } = testRoster([device]);
    const reordered = Object.fromEntries(Object.entries(JSON.parse(JSON.stringify(roster)) as object).reverse());
    expect(verifyRoster(reordered)).toMatchObject({ ok: true, roster: { org: 'test-org', version: 1 } });
  });

  it('refuses a roster altered after signing: a role raised, a revoked device restored, a verifier swapped', () => {
    const { roster } = testRoster([{ ...device, revoked: true }]);
    const raised = { ...roster, people: roster.people.map((p) => (p.id === 'fire-1' ? { ...p, role: 'lead' } : p)) };
    const restored = { ...roster, devices: [{ ...device, revoked: false }] };
    const swapped = { ...roster, people: roster.people.map((p) => (p.id === 'eoc-lead' ? { ...p, secret: roster.people[5]!.secret } : p)) };
    for (const altered of [raised, restored, swapped]) expect(verifyRoster(altered)).toEqual({ ok: false, problem: expect.stringMatching(/signature does not match/) });
  });

  it('refuses a roster re-signed by another key under its own name, unsigned drafts and malformed files, in one line', () => {
    const { roster } = testRoster();
    const thief = generateSigningKey();
    expect(() => signRoster(roster, thief)).toThrow(/is not the roster's/);
    const forged = { ...roster, signature: thief.sign(Buffer.from('anything')) };
    expect(verifyRoster(forged)).toMatchObject({ ok: false, problem: expect.stringMatching(/signature does not match/) });
    expect(verifyRoster({ ...roster, signature: null })).toMatchObject({ ok: false, problem: expect.stringMatching(/unsigned draft/) });
    expect(verifyRoster({ ...roster, people: [{ id: 'x' }] })).toMatchObject({ ok: false, problem: expect.stringMatching(/^not a Polder roster: people\.0\.name/) });
    expect(verifyRoster('[]')).toMatchObject({ ok: false, problem: expect.stringMatching(/not a Polder roster/) });
    expect(verifyRoster({ ...roster, devices: [device, device] })).toMatchObject({ ok: false, problem: 'device "dev_a" is listed twice' });
  });

  it('is replaced only by a newer version of the same organisation under the same admin key', () => {
    const { roster: v1, admin } = testRoster();
    const v2 = testRoster([device], { admin, version: 2 }).roster;
    expect(replacementProblem(v1, v2)).toBeNull();
    expect(replacementProblem(v2, v1)).toMatch(/v1 is not newer than the v2/);
    expect(replacementProblem(v2, v2)).toMatch(/not newer/);
    expect(replacementProblem(v1, testRoster([], { version: 5 }).roster)).toMatch(/another admin key/);
    expect(replacementProblem(v1, testRoster([], { admin, version: 5, org: 'other' }).roster)).toMatch(/organisation other/);
  });

  it('installs into the data folder only what replaces the held roster, leaving it untouched otherwise', () => {
    dir = tempDir('polder-roster-');
    const { roster: v1, admin } = testRoster();
    expect(loadHeldRoster(dir.dir)).toBeNull();
    expect(installRoster(dir.dir, v1)).toMatchObject({ ok: true });
    const stranger = testRoster([], { version: 9 }).roster;
    expect(installRoster(dir.dir, stranger)).toMatchObject({ ok: false, problem: expect.stringMatching(/another admin key/) });
    expect(installRoster(dir.dir, { ...testRoster([device], { admin, version: 2 }).roster, org: 'tampered' })).toMatchObject({ ok: false });
    expect(loadHeldRoster(dir.dir)).toMatchObject({ version: 1, adminKey: admin.publicKey });
    expect(installRoster(dir.dir, testRoster([device], { admin, version: 2 }).roster)).toMatchObject({ ok: true });
    expect(loadHeldRoster(dir.dir)?.devices).toEqual([device]);
  });

  it('refuses to run on a held roster that fails its check rather than falling back to another', () => {
    dir = tempDir('polder-roster-');
    const { roster } = testRoster();
    writeFileSync(heldRosterPath(dir.dir), JSON.stringify({ ...roster, version: 7 }));
    expect(() => loadHeldRoster(dir.dir)).toThrow(/fails its check: .*signature does not match/);
    writeFileSync(heldRosterPath(dir.dir), '{');
    expect(() => loadHeldRoster(dir.dir)).toThrow(/is not valid JSON/);
    expect(existsSync(heldRosterPath(dir.dir))).toBe(true);
    expect(readFileSync(heldRosterPath(dir.dir), 'utf8')).toBe('{');
  });

  it('ships a signed demo roster of the default directory whose people sign in with the demo PIN', async () => {
    const demo = demoRoster();
    expect(rosterDirectory(demo).actors.map((a) => a.id)).toContain('eoc-lead');
    const lead = demo.people.find((p) => p.id === 'eoc-lead')!;
    expect(await checkSecret(demoPin, lead.secret)).toBe(true);
    expect(await checkSecret('0000', lead.secret)).toBe(false);
  });
});

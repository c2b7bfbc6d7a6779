import { describe, expect, it } from 'vitest';
import { manualClock } from '../clock/clock.ts';
import { createSignIn, signInLimits } from './sign-in.ts';
import { testRoster } from './test-roster.ts';

const { roster } = testRoster();

describe('signing in against the roster', () => {
  it('lets a person in with their own secret only', async () => {
    const signIn = createSignIn(() => roster, () => 0);
    expect(await signIn('fire-1', 'pin-fire-1')).toEqual({ id: 'fire-1', name: 'Aisha Karimi', department: 'fire', role: 'member' });
    await expect(signIn('fire-1', 'pin-fire-2')).rejects.toMatchObject({ code: 'unauthenticated', message: 'Wrong PIN or password for Aisha Karimi' });
    await expect(signIn('nobody', 'pin-fire-1')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('pauses a person\'s sign-in after repeated wrong secrets, then lets the right one in', async () => {
    const clock = manualClock(1_000);
    const signIn = createSignIn(() => roster, () => clock.now());
    for (let i = 0; i < signInLimits.failures; i++) await expect(signIn('eoc-lead', `guess-${i}`)).rejects.toThrow(/Wrong PIN/);
    await expect(signIn('eoc-lead', 'pin-eoc-lead')).rejects.toThrow(/Too many wrong PINs or passwords for Margaret Okafor: try again in 30 s/);
    expect(await signIn('eoc-1', 'pin-eoc-1')).toMatchObject({ id: 'eoc-1' });
    clock.advance(signInLimits.pauseMs);
    expect(await signIn('eoc-lead', 'pin-eoc-lead')).toMatchObject({ id: 'eoc-lead' });
    await expect(signIn('eoc-lead', 'wrong')).rejects.toThrow(/Wrong PIN/);
  });
});

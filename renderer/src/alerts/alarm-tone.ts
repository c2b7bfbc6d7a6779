/**
 * The alarm for new Severe/Extreme alerts, synthesised with WebAudio (no sound files to ship).
 * Browsers keep audio locked until a user gesture, so `unlock` is called on the first one.
 */
export function createAlarmTone() {
  let ctx: AudioContext | null = null;
  return {
    unlock(): void {
      ctx ??= new AudioContext();
      if (ctx.state === 'suspended') void ctx.resume();
    },
    /** Three rising two-tone pulses, about 1.5 s, loud enough for a busy room. */
    play(): void {
      ctx ??= new AudioContext();
      if (ctx.state === 'suspended') void ctx.resume();
      const start = ctx.currentTime + 0.02;
      const gain = ctx.createGain();
      gain.connect(ctx.destination);
      gain.gain.setValueAtTime(0, start);
      for (let i = 0; i < 3; i++) {
        const t = start + i * 0.5;
        const osc = ctx.createOscillator();
        osc.type = 'square';
        osc.frequency.setValueAtTime(880, t);
        osc.frequency.setValueAtTime(1175, t + 0.2);
        osc.connect(gain);
        gain.gain.setValueAtTime(0.0001, t);
        gain.gain.exponentialRampToValueAtTime(0.25, t + 0.02);
        gain.gain.setValueAtTime(0.25, t + 0.36);
        gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.42);
        osc.start(t);
        osc.stop(t + 0.45);
      }
    },
  };
}

export type AlarmTone = ReturnType<typeof createAlarmTone>;

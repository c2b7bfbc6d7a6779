// A run's map frames on disk (runs/<run id>/<simulated ms>.frame), so late joiners, replays and a
// restarted host see the same grids. Each file: u32 LE length of the JSON metadata, the metadata,
// then the frame's packed grids as the engine made them (never re-encoded).
import { mkdir, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SimFrame } from '../api/sim.ts';

const suffix = '.frame';
const nameOf = (time: number) => `${String(Math.round(time * 1000)).padStart(12, '0')}${suffix}`;

export function encodeFrameFile(frame: SimFrame): Buffer {
  const { grids, ...meta } = frame;
  const json = Buffer.from(JSON.stringify(meta));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(json.length);
  return Buffer.concat([head, json, grids]);
}

export function decodeFrameFile(bytes: Buffer): SimFrame {
  const length = bytes.readUInt32LE(0);
  const meta = JSON.parse(bytes.subarray(4, 4 + length).toString()) as object;
  return SimFrame.parse({ ...meta, grids: new Uint8Array(bytes.subarray(4 + length)) });
}

export interface FrameFilesOptions {
  /** Frames kept per run: past it, each new frame replaces the newest (the first ones and the end stay). */
  maxFramesPerRun?: number;
}

export type FrameFiles = ReturnType<typeof createFrameFiles>;

export function createFrameFiles(runsDir: string, { maxFramesPerRun = 1000 }: FrameFilesOptions = {}) {
  const runDir = (runId: string) => join(runsDir, runId);
  const times = async (runId: string): Promise<number[]> => {
    const names = await readdir(runDir(runId)).catch(() => [] as string[]);
    return names
      .filter((n) => n.endsWith(suffix))
      .map((n) => Number(n.slice(0, -suffix.length)) / 1000)
      .sort((a, b) => a - b);
  };
  const written = new Map<string, number[]>();

  return {
    async write(frame: SimFrame): Promise<void> {
      const dir = runDir(frame.runId);
      let kept = written.get(frame.runId);
      if (!kept) {
        await mkdir(dir, { recursive: true });
        kept = await times(frame.runId);
        written.set(frame.runId, kept);
      }
      if (kept.length >= maxFramesPerRun) await unlink(join(dir, nameOf(kept.pop()!)));
      await writeFile(join(dir, nameOf(frame.time)), encodeFrameFile(frame));
      kept.push(frame.time);
    },
    /** The frame at or before `time` (the newest when null); null when the run has none. */
    async read(runId: string, time: number | null): Promise<SimFrame | null> {
      const all = await times(runId);
      const at = time === null ? all.at(-1) : all.filter((t) => t <= time + 1e-6).at(-1) ?? all[0];
      if (at === undefined) return null;
      return decodeFrameFile(await readFile(join(runDir(runId), nameOf(at))));
    },
    /** Removes the grids of every run not in `keep`. */
    async prune(keep: ReadonlySet<string>): Promise<void> {
      const dirs = await readdir(runsDir).catch(() => [] as string[]);
      await Promise.all(dirs.filter((d) => !keep.has(d)).map((d) => rm(runDir(d), { recursive: true, force: true })));
      for (const id of written.keys()) if (!keep.has(id)) written.delete(id);
    },
  };
}

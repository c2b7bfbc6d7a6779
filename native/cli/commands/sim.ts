import { accessSync, constants } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { loadScenario } from '../../../simulation/scenario/load.ts';
import { readProbesCsv } from '../../../simulation/scenario/probes-csv.ts';
import { resolveScenarioDir } from '../../../simulation/scenario/summary.ts';
import { checkObservations, meanAbsError, prepareOutputs, writeGridSnapshot, writeRunOutputs, type SnapshotFiles } from '../../../simulation/host/outputs.ts';
import { readEngineState, writeEngineState } from '../../../simulation/host/engine-state-file.ts';
import { OutputError } from '../../../simulation/host/output-dir.ts';
import { runControl, runSimulation, schemeOf, type Progress } from '../../../simulation/host/run.ts';
import { defaultProbes, engineModelOf, readEngineSettings } from '../../../simulation/host/scenario-model.ts';
import { repoPaths } from '../../paths.ts';
import { integerFlag, parseFlags, UsageError, type CliIo, type Command } from '../command.ts';
import { dataDirFlag } from '../data-dir.ts';
import { engineSettingsFlag, snapshotTimesFlag } from './sim-options.ts';

function positiveSeconds(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number of seconds, got "${value}"`);
  return n;
}

/** Refuses, before the run, a file the run could not write at its end. */
function checkWritableFile(file: string): void {
  try {
    accessSync(dirname(file), constants.W_OK);
  } catch {
    throw new UsageError(`cannot write ${file}: its folder does not exist or is not writable`);
  }
}

function progressLine(p: Progress, width: number): string {
  const done = Math.min(1, p.time / p.durationSeconds);
  const filled = Math.round(done * width);
  const rate = p.wallSeconds > 0 ? p.time / p.wallSeconds : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.time.toFixed(0)}/${p.durationSeconds} s  ${p.steps} steps  ${p.wallSeconds.toFixed(1)} s wall  ${rate.toFixed(1)}× real time`;
}

function reportProgress(io: CliIo) {
  let drawn = false;
  return (p: Progress) => {
    if (io.isTTY) {
      // redraw the bar on the line above: cursor up, clear the line
      io.out(`${drawn ? '\x1b[1A\x1b[2K' : ''}${progressLine(p, 30)}`);
      drawn = true;
    } else {
      io.out(`t=${p.time.toFixed(1)}s/${p.durationSeconds}s steps=${p.steps} wall=${p.wallSeconds.toFixed(2)}s mass_error=${p.massErrorPercent.toExponential(2)}%`);
    }
  };
}

export const simCommand: Command = {
  name: 'sim',
  summary: 'run the flood model on a scenario pack and write its results',
  usage: 'polder sim --scenario <dir|name> [--duration s] [--threads n] [--probes file.csv] [--out dir] [--scheme inertial|hll] [--set key=value …] [--snapshots s,s,…] [--probe-interval s] [--resume state-file] [--save-state state-file] [--json] [--data-dir <path>]',
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      scenario: { type: 'string' },
      duration: { type: 'string' },
      threads: { type: 'string' },
      probes: { type: 'string' },
      out: { type: 'string' },
      scheme: { type: 'string' },
      set: { type: 'string', multiple: true },
      snapshots: { type: 'string' },
      'probe-interval': { type: 'string' },
      resume: { type: 'string' },
      'save-state': { type: 'string' },
      json: { type: 'boolean' },
      ...dataDirFlag,
    });
    if (!values.scenario) throw new UsageError('--scenario <dir|name> is required');
    const threads = integerFlag('threads', values.threads, Math.min(availableParallelism(), 8), 1, 64);
    const duration = positiveSeconds('duration', values.duration);
    if (values.scheme !== undefined && values.scheme !== 'inertial' && values.scheme !== 'hll') {
      throw new UsageError(`--scheme must be inertial or hll, got "${values.scheme}"`);
    }
    const settings = engineSettingsFlag(values.set);
    const snapshotTimes = snapshotTimesFlag(values.snapshots);
    if (snapshotTimes.length > 0 && !values.out) throw new UsageError('--snapshots writes grids into the --out folder: give --out <dir>');
    const probeInterval = positiveSeconds('probe-interval', values['probe-interval']);

    const dir = resolveScenarioDir(values.scenario, repoPaths.resources);
    const scenario = await loadScenario(dir);
    const engine = { ...readEngineSettings(dir), ...(values.scheme ? { scheme: values.scheme as 'inertial' | 'hll' } : {}), ...settings };
    const probes = values.probes ? readProbesCsv(resolve(values.probes), scenario.grid) : defaultProbes(scenario);
    const durationSeconds = duration ?? scenario.durationSeconds;
    if (!durationSeconds) throw new UsageError(`the scenario sets no duration: give --duration <seconds>`);
    const initialState = values.resume ? readEngineState(resolve(values.resume)) : undefined;
    const saveState = values['save-state'] ? resolve(values['save-state']) : null;
    if (saveState) checkWritableFile(saveState);
    const late = snapshotTimes.find((t) => t > durationSeconds);
    if (late !== undefined) throw new UsageError(`--snapshots: ${late} s is after the end of the run (${durationSeconds} s)`);
    let outputs = null;
    try {
      outputs = values.out ? prepareOutputs(resolve(values.out), scenario) : null;
    } catch (error) {
      if (error instanceof OutputError) throw new UsageError(error.message);
      throw error;
    }
    const snapshots: SnapshotFiles[] = [];

    const control = runControl();
    void io.stopRequested.then(() => {
      control.stop = true;
    });
    const model = engineModelOf(scenario);
    const scheme = schemeOf(model, engine, initialState);
    if (!values.json) io.out(`${scenario.title}: ${scenario.grid.nx}×${scenario.grid.ny} cells of ${scenario.grid.cellSize.toFixed(2)} m, ${durationSeconds} s, ${scheme} scheme, ${threads} thread${threads > 1 ? 's' : ''}`);
    const result = await runSimulation({
      model,
      engine: { ...engine, scheme },
      threads,
      durationSeconds,
      probes,
      initialState,
      saveState: saveState !== null,
      sampleIntervalSeconds: probeInterval,
      gridTimes: snapshotTimes,
      onGrids: outputs ? (grids) => snapshots.push(writeGridSnapshot(outputs, scenario, grids)) : undefined,
      control,
      progressEveryMs: io.isTTY ? 200 : 2000,
      onProgress: values.json ? undefined : reportProgress(io),
    });
    const s = result.summary;
    if (saveState) writeEngineState(saveState, result.state!);
    const summary = outputs ? writeRunOutputs(outputs, scenario, result, snapshots) : null;
    const observations = checkObservations(scenario, s);
    const mae = meanAbsError(observations);
    if (values.json) {
      io.out(JSON.stringify(summary ?? { scenario: scenario.name, ...s, observations, observationMeanAbsError: mae }));
      return s.stopped ? 1 : 0;
    }
    io.out(`${s.stopped ? 'stopped' : 'done'}: ${s.simulatedSeconds.toFixed(1)} s simulated in ${s.wallSeconds.toFixed(2)} s wall, ${s.steps} steps, ${(s.cellUpdatesPerSecond / 1e6).toFixed(1)} M cell-updates/s`);
    const mb = s.massBalance;
    io.out(`mass balance: in ${(mb.inflow + mb.rain + mb.boundaryIn).toFixed(1)} m³, out ${(mb.boundaryOut + mb.pumpedOut).toFixed(1)} m³, stored ${mb.stored.toFixed(1)} m³, error ${s.massErrorPercent.toExponential(2)} %`);
    for (const p of s.probes) {
      const obs = observations.find((o) => o.id === p.id);
      io.out(`  ${p.id.padEnd(12)} max depth ${p.maxDepth.toFixed(3)} m  peak stage ${p.maxStage.toFixed(3)} m${obs ? `  observed ${obs.observedPeakStage.toFixed(2)} m (${obs.error >= 0 ? '+' : ''}${obs.error.toFixed(3)})` : ''}  arrival ${p.arrivalTime === null ? '—' : `${p.arrivalTime.toFixed(0)} s`}`);
    }
    if (mae !== null) io.out(`peak stage mean absolute error over ${observations.length} observations: ${mae.toFixed(3)} m`);
    if (values.out) io.out(`results written to ${resolve(values.out)}`);
    if (saveState) io.out(`engine state at ${s.simulatedSeconds.toFixed(1)} s saved to ${saveState} (resume with --resume)`);
    return s.stopped ? 1 : 0;
  },
};

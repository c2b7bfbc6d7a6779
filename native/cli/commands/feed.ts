import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '../../clock/clock.ts';
import { connectMqtt } from '../../mqtt/connection.ts';
import { repoPaths } from '../../paths.ts';
import { feedReadings, illustrativeHyetograph, type FeedFaults, type GaugeTrack } from '../../sensors/feed-stream.ts';
import { observationsTopic } from '../../sensors/payload.ts';
import { planReports, reconstructedForm, type FloodedCell } from '../../reports/feed-reports.ts';
import { reportsTopic } from '../../reports/mqtt-link.ts';
import { defaultOrg } from '../../sync/topics.ts';
import { loadScenario } from '../../../simulation/scenario/load.ts';
import { resolveScenarioDir, scenarioLayers } from '../../../simulation/scenario/summary.ts';
import type { LoadedScenario } from '../../../simulation/scenario/types.ts';
import { runSimulation } from '../../../simulation/host/run.ts';
import { engineModelOf, readEngineSettings } from '../../../simulation/host/scenario-model.ts';
import { integerFlag, parseFlags, UsageError, type Command } from '../command.ts';
import { dataDirFlag } from '../data-dir.ts';
import { floodedStreetCells } from './feed-report-cells.ts';
import { brokerUrl } from './serve.ts';

const options = `Options:
  --scenario <dir|name>   the scenario pack whose gauges report (required)
  --speed <x>             scenario seconds per real second (default 10)
  --duration <s>          scenario seconds to publish, then exit 0 (default: the scenario's duration)
  --broker <url>          MQTT broker to publish to (mqtt://, mqtts://, ws://, wss://); repeat for a
                          failover list; default mqtt://127.0.0.1:1883
  --interval <s>          scenario seconds between one gauge's readings (default 10)
  --noise <x>             times a real sensor's noise (water level 5 mm, rain 0.5 mm/h); 0: none (default 1)
  --loss <p>              share of readings lost at random, 0 to 1 (default 0.01)
  --stuck <id>@<s>        from scenario second s the gauge repeats one value (default: the second
                          water-level gauge at 40% of the run); "none" for no stuck gauge
  --spike <id>@<s>        one reading 1.2 m (rain: 120 mm/h) off the line (default: the first
                          water-level gauge at 60%); "none" for no spike
  --dropout <id>@<s>-<s>  the gauge sends nothing in that window (default: the third water-level
                          gauge from 70% to 90%); "none" for no dropout
  --seed <n>              the noise and losses are the same for the same seed (default 1)
  --reports <n>           also publish n citizen reports (default 0) where the run floods the
                          pack's roads, each after the water reached its place, labelled
                          reconstructed (README: "Citizen and field reports")
  --org <name>            the organisation whose nodes take the reports: they go to
                          polder/v1/<name>/reports (default POLDER_ORG, else polder, as serve)
  --json                  one JSON summary line at the end instead of text
  --data-dir <path>       accepted like every command (the feed keeps no data)

Readings are SensorThings 1.1 Observations on v1.1/Datastreams('<gauge id>')/Observations,
published at QoS 1. Water levels are the model's depth above ground at each water-level gauge, from
a run of the pack's flood model; a rain gauge reads the pack's rain input, or an illustrative storm
peaking at 60 mm/h when the pack has none. Every reading is labelled reconstructed
(parameters.reconstructed = true, with the scenario second). phenomenonTime is the moment of
publishing: at --speed 10 a 1000 s flood plays in 100 s of real time.`;

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number, got "${value}"`);
  return n;
}

function share(name: string, value: string | undefined, fallback: number, max = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > max) throw new UsageError(`--${name} must be a number from 0 to ${max}, got "${value}"`);
  return n;
}

/** `id@s`, `id@s-s` or "none"; the gauge must be one of the pack's. */
function faultFlag(name: string, value: string, ids: readonly string[], window: boolean): { sensorId: string; from: number; to: number } | null {
  if (value === 'none') return null;
  const m = (window ? /^(.+)@(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/ : /^(.+)@(\d+(?:\.\d+)?)$/).exec(value);
  if (!m) throw new UsageError(`--${name} must be <gauge id>@<seconds>${window ? '-<seconds>' : ''} or none, got "${value}"`);
  if (!ids.includes(m[1]!)) throw new UsageError(`--${name}: the scenario has no gauge "${m[1]}" (it has ${ids.join(', ')})`);
  const from = Number(m[2]);
  const to = window ? Number(m[3]) : from;
  if (to < from) throw new UsageError(`--${name}: the window ${from}-${to} s ends before it starts`);
  return { sensorId: m[1]!, from, to };
}

function defaultFaults(scenario: LoadedScenario, duration: number): FeedFaults {
  const levels = scenario.gauges.filter((g) => g.kind === 'water-level').map((g) => g.id);
  const pick = (i: number) => levels[Math.min(i, levels.length - 1)];
  const at = (share: number) => Math.round((duration * share) / 10) * 10;
  if (levels.length === 0) return { stuck: null, spike: null, dropout: null };
  return { stuck: { sensorId: pick(1)!, from: at(0.4) }, spike: { sensorId: pick(0)!, at: at(0.6) }, dropout: { sensorId: pick(2)!, from: at(0.7), to: at(0.9) } };
}

/** The model's depth at each water-level gauge, rain at each rain gauge, and the streets it flooded. */
export async function reconstructTracks(scenario: LoadedScenario, dir: string, duration: number, interval: number): Promise<{ tracks: GaugeTrack[]; rain: string; flooded: FloodedCell[] }> {
  const levelGauges = scenario.gauges.filter((g) => g.kind === 'water-level' && !scenario.solid[g.cell]);
  const result = await runSimulation({
    model: engineModelOf(scenario),
    engine: readEngineSettings(dir),
    threads: 2,
    durationSeconds: duration,
    probes: levelGauges.map((g) => ({ id: g.id, x: g.x, y: g.y, cell: g.cell })),
    sampleIntervalSeconds: interval,
  });
  const tracks: GaugeTrack[] = levelGauges.map((g) => {
    const samples = result.samples.filter((s) => s.id === g.id);
    return { id: g.id, kind: 'water-level', times: samples.map((s) => s.time), values: samples.map((s) => s.depth) };
  });
  const rainfall = scenario.rainfall;
  const storm = rainfall?.kind === 'uniform' ? { times: [...rainfall.intensity.times], values: [...rainfall.intensity.values] } : illustrativeHyetograph(duration, 60);
  for (const g of scenario.gauges.filter((g) => g.kind === 'rain')) tracks.push({ id: g.id, kind: 'rain-intensity', ...storm });
  const flooded = floodedStreetCells(scenario, (await scenarioLayers(dir)).roads, result.grids);
  return { tracks, flooded, rain: rainfall?.kind === 'uniform' ? 'the pack\'s rain input' : rainfall ? 'an illustrative storm (the pack\'s rain is gridded)' : 'an illustrative storm (the pack has no rain input)' };
}

export const feedCommand: Command = {
  name: 'feed',
  summary: 'publish a reconstructed sensor stream for a scenario over MQTT (demos, training, tests)',
  usage: 'polder feed --scenario <dir|name> [--speed x] [--duration s] [--broker url …] [--interval s] [--noise x] [--loss p] [--stuck id@s|none] [--spike id@s|none] [--dropout id@s-s|none] [--seed n] [--reports n] [--org name] [--json] [--data-dir <path>]',
  options,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      scenario: { type: 'string' },
      speed: { type: 'string' },
      duration: { type: 'string' },
      broker: { type: 'string', multiple: true },
      interval: { type: 'string' },
      noise: { type: 'string' },
      loss: { type: 'string' },
      stuck: { type: 'string' },
      spike: { type: 'string' },
      dropout: { type: 'string' },
      seed: { type: 'string' },
      reports: { type: 'string' },
      org: { type: 'string' },
      json: { type: 'boolean' },
      ...dataDirFlag,
    });
    if (!values.scenario) throw new UsageError('--scenario <dir|name> is required');
    const speed = positive('speed', values.speed, 10);
    const interval = positive('interval', values.interval, 10);
    const noise = share('noise', values.noise, 1, 100);
    const lossRate = share('loss', values.loss, 0.01);
    const seed = integerFlag('seed', values.seed, 1, 0, 2 ** 31);
    const reportCount = integerFlag('reports', values.reports, 0, 0, 100_000);
    let reportTopic: string;
    try {
      reportTopic = reportsTopic(values.org ?? io.env.POLDER_ORG ?? defaultOrg);
    } catch (err) {
      throw new UsageError(`--org: ${err instanceof Error ? err.message : String(err)}`);
    }
    const brokers = (values.broker ?? ['mqtt://127.0.0.1:1883']).map(brokerUrl);
    const dir = resolveScenarioDir(values.scenario, repoPaths.resources);
    const scenario = await loadScenario(dir);
    const duration = positive('duration', values.duration, scenario.durationSeconds ?? 0);
    if (!duration) throw new UsageError('the scenario sets no duration: give --duration <seconds>');
    const ids = scenario.gauges.map((g) => g.id);
    if (ids.length === 0) throw new UsageError(`the scenario ${scenario.name} has no gauges to feed`);
    const faults = defaultFaults(scenario, duration);
    if (values.stuck !== undefined) faults.stuck = ((f) => f && { sensorId: f.sensorId, from: f.from })(faultFlag('stuck', values.stuck, ids, false));
    if (values.spike !== undefined) faults.spike = ((f) => f && { sensorId: f.sensorId, at: f.from })(faultFlag('spike', values.spike, ids, false));
    if (values.dropout !== undefined) faults.dropout = faultFlag('dropout', values.dropout, ids, true);

    const say = (line: string) => !values.json && io.out(line);
    say(`${scenario.title}: running the flood model for ${duration} s to reconstruct the gauges…`);
    const { tracks, rain, flooded } = await reconstructTracks(scenario, dir, duration, interval);
    say(`rain gauges read ${rain}`);
    const reports = planReports(flooded, reportCount, duration, seed);
    if (reportCount > 0) say(reports.length ? `${reports.length} citizen reports where the run floods ${flooded.length} street cells` : 'no citizen reports: the run floods no street');
    const clock = systemClock();
    const link = connectMqtt({ brokers, clientId: `polder-feed-${randomBytes(4).toString('hex')}`, sessionExpirySeconds: 0 });
    try {
      for (let waited = 0; !link.connected; waited += 50) {
        if (waited >= 10_000) throw new Error(`cannot reach the MQTT broker ${brokers.join(' or ')}${link.lastError ? ` (${link.lastError})` : ''}`);
        await sleep(50);
      }
      say(`publishing to ${link.url} at ${speed}× (stuck: ${faults.stuck?.sensorId ?? 'none'}, spike: ${faults.spike?.sensorId ?? 'none'}, dropout: ${faults.dropout?.sensorId ?? 'none'}); Ctrl+C stops`);
      const stop = { requested: false };
      void io.stopRequested.then(() => (stop.requested = true));
      const start = clock.now();
      let published = 0;
      let reported = 0;
      let pending: Promise<void>[] = [];
      let step = -1;
      /** Publishes the planned reports due by scenario second `t`. */
      const report = (t: number) => {
        for (; reported < reports.length && reports[reported]!.scenarioTime <= t; reported++) {
          pending.push(link.publish(reportTopic, JSON.stringify(reconstructedForm(reports[reported]!, reported, seed, clock.now()))));
        }
      };
      for (const reading of feedReadings(tracks, { intervalSeconds: interval, durationSeconds: duration, noise, lossRate, seed, faults })) {
        if (stop.requested) break;
        if (reading.scenarioTime !== step) {
          await Promise.all(pending);
          pending = [];
          step = reading.scenarioTime;
          const due = start + (step * 1000) / speed - clock.now();
          if (due > 0) await Promise.race([sleep(due), io.stopRequested]);
          if (stop.requested) break;
          report(step);
        }
        const now = clock.now();
        const body = { phenomenonTime: new Date(now).toISOString(), resultTime: new Date(now).toISOString(), result: reading.value, parameters: { reconstructed: true, scenario: scenario.name, scenarioTime: reading.scenarioTime } };
        pending.push(link.publish(observationsTopic(reading.sensorId), JSON.stringify(body)));
        published++;
      }
      if (!stop.requested) report(duration);
      await Promise.all(pending);
      const summary = { scenario: scenario.name, published, reports: reported, scenarioSeconds: Math.min(step, duration), broker: link.url, faults };
      io.out(values.json ? JSON.stringify(summary) : `done: ${published} readings${reported ? ` and ${reported} reports` : ''} over ${summary.scenarioSeconds} scenario seconds`);
      return 0;
    } finally {
      await link.close();
    }
  },
};

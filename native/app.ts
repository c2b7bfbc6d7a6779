import { join } from 'node:path';
import type { appMethods, AppInfo, ScenarioSummary } from './api/app.ts';
import type { Sensor } from './api/sensors.ts';
import { createDispatcher, type Dispatch } from './rpc/dispatch.ts';
import type { Handlers, HandlersFor } from './rpc/handlers.ts';
import { isSignedIn, type ActorLookup } from './rpc/access.ts';
import { createPushBus, pushAudience, type PushAudience, type PushBus } from './rpc/push-bus.ts';
import type { Clock } from './clock/clock.ts';
import type { Logger } from './logger.ts';
import type { GridRetention } from './decide/forecast-grids.ts';
import { createAarHandlers } from './aar/handlers.ts';
import { exerciseRecordingPath } from './exercise/recording-folder.ts';
import { createDecideHandlers } from './decide/handlers.ts';
import { createIdentityHandlers } from './identity/handlers.ts';
import { openOpsService } from './ops/service.ts';
import { createCapFeed } from './decide/cap/cap-feed.ts';
import { startCapMqtt, type CapMqttConfig } from './decide/cap/cap-mqtt.ts';
import { createCapService } from './decide/cap/cap-service.ts';
import { createCapValidator } from './decide/cap/cap-validate.ts';
import { createCapHandlers } from './decide/cap/handlers.ts';
import { createIcsForms } from './ics/forms.ts';
import { createIcsHandlers } from './ics/handlers.ts';
import { createDesktopHandlers } from './desktop/handlers.ts';
import { createExerciseHandlers } from './exercise/handlers.ts';
import { startExercise, type ExerciseConfig } from './exercise/setup.ts';
import type { DesktopShell } from './desktop/pdf-relay.ts';
import { startReportLink } from './reports/mqtt-link.ts';
import { defaultOrg } from './sync/topics.ts';
import { createReportService, type ReportService } from './reports/service.ts';
import { createScenarioHandlers } from './scenario/handlers.ts';
import { seedsFromGaugeLayer, type SensorSeed } from './sensors/registry.ts';
import { startSensorLink } from './sensors/mqtt-link.ts';
import { createSensorService, type SensorService } from './sensors/service.ts';
import { scenarioByName } from './sim/scenario-by-name.ts';
import { createSessionPushes, type SessionPushes } from './rpc/session-pushes.ts';
import { createReplayHandlers } from './replay/handlers.ts';
import { readOnlyHandlers } from './replay/read-only.ts';
import { recordedAlertsOnly, replayConflict, startReplay, type ReplaySetup } from './replay/wire.ts';
import { createSimHandlers } from './sim/handlers.ts';
import { createSync, type SyncConfig } from './sync/handlers.ts';
import type { TerminalConfig } from './terminal/config.ts';
import { createTerminalHandlers } from './terminal/handlers.ts';
import { writeCliLauncher } from './terminal/launcher.ts';
import { createTerminals } from './terminal/terminals.ts';
import { polderVersion } from './version.ts';
import type { SimulationHost } from '../simulation/host/create-host.ts';
import { mapZoneOfEpsg } from '../simulation/scenario/map-zone.ts';
import { resolveScenarioDir, scenarioLayers, summarizeScenario } from '../simulation/scenario/summary.ts';
import { lonLatToUtm } from '../simulation/scenario/utm-forward.ts';

export interface AppOptions {
  dataDir: string;
  resourcesDir: string;
  clock: Clock;
  logger: Logger;
  host: AppInfo['host'];
  runtime: AppInfo['runtime'];
  /** The scenario pack to load: a bundled pack's name or a folder. */
  scenario?: string;
  /** How often the `app.clock` push ticks. */
  tickMs?: number;
  /** Where the flood engine runs; default a worker thread (the benchmarks wrap it to time the frames). */
  simulationHost?: () => SimulationHost;
  /** The integrated terminal's shell and environment; without it the terminal methods answer `unavailable`. */
  terminal?: TerminalConfig;
  /** The desktop shell (Electron main) for what only it can do, such as PDFs; none in a browser. */
  desktop?: DesktopShell;
  /** MQTT brokers this node is a client of, in failover order (`--broker`, repeated): the sensors subscribe to their topics there, with sync's TLS options. */
  brokers?: readonly string[];
  /** Sync with other nodes over MQTT; without brokers the node keeps to itself. */
  sync?: SyncConfig;
  /** CAP messages from an MQTT topic into the alert queue. */
  capFeed?: CapMqttConfig;
  /** After a forecast on readings, how long later readings are gathered before one more runs on
   * them (default a minute; the first reading after a quiet spell runs at once), and how many
   * forecasts' grids are kept on disk for how long (default: defaultGridRetention). */
  forecasts?: { readingWindowMs?: number; gridRetention?: GridRetention };
  /** Run an MSEL on `clock` (which must be the exercise's virtual clock). */
  exercise?: ExerciseConfig;
  /** Replay a recording imported into `dataDir` on `clock` (its virtual clock): read only, never linked to a broker. */
  replay?: ReplaySetup;
}

export interface PolderApp {
  handlers: Handlers;
  dispatch: Dispatch;
  /** Pushes to every session. */
  pushes: PushBus;
  /** Whether a session may receive a push (signed-out sessions get only the public ones). */
  mayReceive: PushAudience;
  /** Pushes to one session only; a host forwards those of the sessions it serves. */
  sessionPushes: SessionPushes;
  /** Live sensor ingest: a broker link hands it every message on the sensors' topics. */
  sensors: SensorService;
  /** Citizen and field reports: a broker link hands it every message on the reports topic. */
  reports: ReportService;
  /** Whether the sensors' MQTT link is up (false without brokers). */
  sensorLinkConnected(): boolean;
  /** Whether the reports' MQTT link is up and subscribed (false without brokers). */
  reportLinkConnected(): boolean;
  /** A window or socket is gone for good: what it owned (its terminals) ends too. */
  endSession(sessionId: string): Promise<void>;
  close(): Promise<void>;
}

/** The composition root: every service, wired to its dependencies, behind one handler map. */
export async function createApp(options: AppOptions): Promise<PolderApp> {
  const { clock, logger } = options;
  const notReplayable = options.replay && replayConflict(options, options.replay);
  if (notReplayable) throw new Error(notReplayable);
  const pushes = createPushBus();
  const sessionPushes = createSessionPushes();
  const scenario = await loadScenarioSummary(options.scenario ?? defaultScenario, options.resourcesDir, logger);
  const ops = openOpsService({ dataDir: options.dataDir, clock, push: pushes, logger });
  const actorOf: ActorLookup = (id) => ops.directory.actors.find((a) => a.id === id) ?? null;
  if (options.capFeed && !actorOf(options.capFeed.actorId)) {
    await ops.close();
    throw new Error(`the CAP feed cannot act as "${options.capFeed.actorId}": no such person in this directory`);
  }
  const sim = createSimHandlers({
    resourcesDir: options.resourcesDir,
    defaultScenario: scenario?.dir ?? null,
    push: pushes.emit,
    clock,
    db: ops.store.db,
    runsDir: join(options.dataDir, 'runs'),
    actor: ops.actor,
    actorOf,
    activity: ops.logActivity,
    logger,
    ...(options.simulationHost ? { createHost: options.simulationHost } : {}),
  });

  const sensors = createSensorService({
    db: ops.store.db,
    clock,
    push: pushes,
    alerts: options.replay ? recordedAlertsOnly : ops.systemAlerts,
    logger,
    seeds: await sensorSeeds(scenario?.dir ?? null, logger),
    activity: (ctx, text) => ops.logActivity(ops.actor(ctx), text),
    // A replay shows the forecasts as recorded: its re-published readings start none.
    onReadings: (latest) => {
      if (!options.replay) for (const { sensor, reading } of latest) forecastOn(sensor, reading.value);
    },
  });
  const exercise = options.exercise ? startExercise(options.exercise, { ops, sensors, pushes, logger }) : null;
  const replay = options.replay ? startReplay({ ...options.replay, ops, sensors, pushes }) : null;
  // The same connection options as sync (the broker's CA, this node's client certificate): one broker, one way in.
  const sensorLink = options.brokers?.length ? startSensorLink({ brokers: options.brokers, clientId: `polder-sensors-${ops.deviceId}`, receive: sensors.receive, logger, mqtt: options.sync?.mqtt }) : null;
  const reports = createReportService({
    db: ops.store.db,
    clock,
    push: pushes,
    logger,
    alerts: ops.systemAlerts,
    core: ops.core,
    limits: { bounds: scenario?.summary.bounds ?? null },
  });
  const reportLink = options.brokers?.length
    ? startReportLink({ brokers: options.brokers, clientId: `polder-reports-${ops.deviceId}`, org: options.sync?.org ?? defaultOrg, receive: reports.receive, logger, mqtt: options.sync?.mqtt })
    : null;
  const sync = createSync({ service: ops, config: options.sync, now: () => clock.now(), logger, emit: (status) => pushes.emit('sync.status', status) });
  const decide = createDecideHandlers({
    db: ops.store.db,
    clock,
    logger,
    engine: sim.engine,
    defaultScenario: scenario?.dir ?? null,
    actor: ops.actor,
    upsertAlert: ops.upsertAlert,
    activity: ops.logActivity,
    createTask: (args, ctx) => ops.handlers['tasks.create']({ ...args, dueAt: null, location: null, alertId: null, incidentId: null }, ctx),
    departments: () => ops.directory.departments.map((d) => d.id),
    push: pushes.emit,
    ...options.forecasts,
  });

  // Rain gauges set the forecast's rain, flow gauges named after an inflow set its discharge,
  // water-level gauges (depth above ground) nudge the forecast's start near them: placed in the
  // scenario's CRS from the registry's location, so a gauge moved in the app nudges where it is.
  const gaugeZone = scenario ? mapZoneOfEpsg(scenario.summary.crs) : null;
  function forecastOn(sensor: Sensor, value: number): void {
    if (sensor.kind === 'rain-intensity') decide.readings.reading({ kind: 'rain', intensity: value });
    else if (sensor.kind === 'flow') decide.readings.reading({ kind: 'inflow', inflow: sensor.id, discharge: value });
    else if (sensor.kind === 'water-level' && gaugeZone) {
      const [x, y] = lonLatToUtm(sensor.location.lon, sensor.location.lat, gaugeZone);
      decide.readings.reading({ kind: 'level', gauge: sensor.id, x, y, depth: value });
    }
  }

  if (options.terminal) writeCliLauncher(options.terminal.launcherDir, options.terminal.cli);
  const terminals = options.terminal ? createTerminals({ config: options.terminal, pushes: sessionPushes }) : null;

  const cap = createCapService({
    db: ops.store.db,
    validator: createCapValidator(options.resourcesDir),
    queue: ops,
    clock,
    sender: capSender(ops.deviceId),
    areaDesc: scenario?.summary.title ?? 'Alert area',
  });
  const capMqtt = options.capFeed
    ? startCapMqtt({
        config: options.capFeed,
        feed: createCapFeed({ db: ops.store.db, cap, ctx: { session: { id: 'cap-feed', actorId: options.capFeed.actorId } }, clock, logger }),
        clientId: `polder-cap-${ops.deviceId}`,
        logger,
      })
    : null;

  const appHandlers: HandlersFor<keyof typeof appMethods> = {
    'app.info': (_args, ctx) => ({
      name: 'polder',
      version: polderVersion,
      dataDir: isSignedIn(ctx.session, actorOf) ? options.dataDir : null,
      host: options.host,
      runtime: options.runtime,
      scenario: scenario?.summary ?? null,
    }),
  };

  const allHandlers = {
    ...appHandlers,
    ...ops.handlers,
    ...decide.handlers,
    ...createIdentityHandlers(ops),
    ...createScenarioHandlers(scenario?.dir ?? null),
    ...sensors.handlers,
    ...reports.handlers,
    ...scenarioByName(sim.handlers, options.resourcesDir),
    ...createTerminalHandlers(terminals),
    ...sync.handlers,
    ...createCapHandlers(cap),
    ...createIcsHandlers(createIcsForms({ ops: ops.handlers, who: ops.actor, clock, scenarioTitle: scenario?.summary.title ?? null })),
    ...createDesktopHandlers({ shell: options.desktop ?? null, clock }),
    ...createAarHandlers({ db: ops.store.db, directory: ops.directory, title: scenario?.summary.title ?? 'Operations', historicalFile: exerciseRecordingPath(options.dataDir) }),
    ...createExerciseHandlers(ops, exercise),
    ...createReplayHandlers(replay),
  } satisfies Handlers;
  const handlers = replay ? readOnlyHandlers(allHandlers) : allHandlers;
  const ticker = setInterval(() => pushes.emit('app.clock', { now: clock.now(), mode: clock.mode }), options.tickMs ?? 1000);

  return {
    handlers,
    dispatch: createDispatcher(handlers, logger, actorOf),
    pushes,
    mayReceive: pushAudience(actorOf),
    sessionPushes,
    sensors,
    reports,
    sensorLinkConnected: () => sensorLink?.connected ?? false,
    reportLinkConnected: () => reportLink?.connected ?? false,
    async endSession(sessionId) {
      await terminals?.endSession(sessionId);
    },
    async close() {
      clearInterval(ticker);
      exercise?.close();
      replay?.close();
      await terminals?.closeAll();
      decide.close();
      await sim.close();
      await sensorLink?.close();
      await reportLink?.close();
      sensors.close();
      await sync.close();
      await capMqtt?.close();
      await ops.close();
    },
  };
}

export const defaultScenario = 'merewether-2007';

/** Who CAP messages from this device say they are from (no spaces or commas, as CAP requires). */
export const capSender = (deviceId: string) => `${deviceId}@polder`;

/** A scenario that cannot be read leaves the app running without one, and says why. */
async function loadScenarioSummary(nameOrDir: string, resourcesDir: string, logger: Logger): Promise<{ dir: string; summary: ScenarioSummary } | null> {
  try {
    const dir = resolveScenarioDir(nameOrDir, resourcesDir);
    const { name, title, crs, bounds, attribution } = await summarizeScenario(dir);
    return { dir, summary: { name, title, crs, bounds, attribution } };
  } catch (err) {
    logger.error(`scenario ${nameOrDir} could not be loaded`, err);
    return null;
  }
}

/** The scenario pack's gauges as the sensor registry's seeds; a pack whose gauges cannot be read seeds none, and says why. */
async function sensorSeeds(dir: string | null, logger: Logger): Promise<SensorSeed[]> {
  if (!dir) return [];
  try {
    return seedsFromGaugeLayer((await scenarioLayers(dir)).gauges.features);
  } catch (err) {
    logger.error('the scenario pack\'s gauges could not be read for the sensor registry', err);
    return [];
  }
}

export function nodeRuntime(): AppInfo['runtime'] {
  return {
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    chrome: process.versions.chrome ?? null,
    platform: process.platform,
    arch: process.arch,
  };
}

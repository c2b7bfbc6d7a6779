import { join } from 'node:path';
import type { appMethods, AppInfo, ScenarioSummary } from './api/app.ts';
import { createDispatcher, type Dispatch } from './rpc/dispatch.ts';
import type { Handlers, HandlersFor } from './rpc/handlers.ts';
import { isSignedIn, type ActorLookup } from './rpc/access.ts';
import { createPushBus, pushAudience, type PushAudience, type PushBus } from './rpc/push-bus.ts';
import type { Clock } from './clock/clock.ts';
import type { Logger } from './logger.ts';
import { openOpsService } from './ops/service.ts';
import { createScenarioHandlers } from './scenario/handlers.ts';
import { seedsFromGaugeLayer, type SensorSeed } from './sensors/registry.ts';
import { startSensorLink } from './sensors/mqtt-link.ts';
import { createSensorService, type SensorService } from './sensors/service.ts';
import { scenarioByName } from './sim/scenario-by-name.ts';
import { createSessionPushes, type SessionPushes } from './rpc/session-pushes.ts';
import { createSimHandlers } from './sim/handlers.ts';
import { createSync, type SyncConfig } from './sync/handlers.ts';
import type { TerminalConfig } from './terminal/config.ts';
import { createTerminalHandlers } from './terminal/handlers.ts';
import { writeCliLauncher } from './terminal/launcher.ts';
import { createTerminals } from './terminal/terminals.ts';
import { polderVersion } from './version.ts';
import type { SimulationHost } from '../simulation/host/create-host.ts';
import { resolveScenarioDir, scenarioLayers, summarizeScenario } from '../simulation/scenario/summary.ts';

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
  /** MQTT brokers this node is a client of, in failover order (`--broker`, repeated): the sensors subscribe to their topics there. */
  brokers?: readonly string[];
  /** Sync with other nodes over MQTT; without brokers the node keeps to itself. */
  sync?: SyncConfig;
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
  /** Whether the sensors' MQTT link is up (false without brokers). */
  sensorLinkConnected(): boolean;
  /** A window or socket is gone for good: what it owned (its terminals) ends too. */
  endSession(sessionId: string): Promise<void>;
  close(): Promise<void>;
}

/** The composition root: every service, wired to its dependencies, behind one handler map. */
export async function createApp(options: AppOptions): Promise<PolderApp> {
  const { clock, logger } = options;
  const pushes = createPushBus();
  const sessionPushes = createSessionPushes();
  const scenario = await loadScenarioSummary(options.scenario ?? defaultScenario, options.resourcesDir, logger);
  const ops = openOpsService({ dataDir: options.dataDir, clock, push: pushes, logger });
  const actorOf: ActorLookup = (id) => ops.directory.actors.find((a) => a.id === id) ?? null;
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
    alerts: ops.systemAlerts,
    logger,
    seeds: await sensorSeeds(scenario?.dir ?? null, logger),
    activity: (ctx, text) => ops.logActivity(ops.actor(ctx), text),
  });
  const sensorLink = options.brokers?.length ? startSensorLink({ brokers: options.brokers, clientId: `polder-sensors-${ops.deviceId}`, receive: sensors.receive, logger }) : null;
  const sync = createSync({ service: ops, config: options.sync, now: () => clock.now(), logger, emit: (status) => pushes.emit('sync.status', status) });

  if (options.terminal) writeCliLauncher(options.terminal.launcherDir, options.terminal.cli);
  const terminals = options.terminal ? createTerminals({ config: options.terminal, pushes: sessionPushes }) : null;

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

  const handlers = {
    ...appHandlers,
    ...ops.handlers,
    ...createScenarioHandlers(scenario?.dir ?? null),
    ...sensors.handlers,
    ...scenarioByName(sim.handlers, options.resourcesDir),
    ...createTerminalHandlers(terminals),
    ...sync.handlers,
  } satisfies Handlers;
  const ticker = setInterval(() => pushes.emit('app.clock', { now: clock.now(), mode: clock.mode }), options.tickMs ?? 1000);

  return {
    handlers,
    dispatch: createDispatcher(handlers, logger, actorOf),
    pushes,
    mayReceive: pushAudience(actorOf),
    sessionPushes,
    sensors,
    sensorLinkConnected: () => sensorLink?.connected ?? false,
    async endSession(sessionId) {
      await terminals?.endSession(sessionId);
    },
    async close() {
      clearInterval(ticker);
      await terminals?.closeAll();
      await sim.close();
      await sensorLink?.close();
      sensors.close();
      await sync.close();
      await ops.close();
    },
  };
}

export const defaultScenario = 'merewether-2007';

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

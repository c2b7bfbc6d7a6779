import type { z } from 'zod';
import { aarMethods } from './aar.ts';
import { appMethods, appPushes } from './app.ts';
import { capMethods } from './cap.ts';
import { desktopMethods } from './desktop.ts';
import { exerciseMethods, exercisePushes } from './exercise.ts';
import { icsMethods } from './ics.ts';
import { decideMethods, decidePushes } from './decide.ts';
import { identityMethods } from './identity.ts';
import { opsMethods, opsPushes } from './ops.ts';
import { replayMethods, replayPushes } from './replay.ts';
import { reportMethods, reportPushes } from './reports.ts';
import { scenarioMethods } from './scenario.ts';
import { sensorMethods, sensorPushes } from './sensors.ts';
import { simMethods, simPushes } from './sim.ts';
import { syncMethods, syncPushes } from './sync.ts';
import { terminalMethods, terminalPushes } from './terminal.ts';

export * from './aar.ts';
export * from './access.ts';
export * from './app.ts';
export * from './cap.ts';
export * from './desktop.ts';
export * from './decide.ts';
export * from './errors.ts';
export * from './exercise.ts';
export * from './ics.ts';
export * from './identity.ts';
export * from './replay.ts';
export * from './reports.ts';
export * from './scenario.ts';
export * from './sensors.ts';
export * from './sync.ts';
export * from './terminal.ts';

/** Every request/response method of the renderer↔native contract. Domains add their maps here. */
export const methods = {
  ...aarMethods,
  ...appMethods,
  ...capMethods,
  ...desktopMethods,
  ...exerciseMethods,
  ...icsMethods,
  ...decideMethods,
  ...opsMethods,
  ...identityMethods,
  ...replayMethods,
  ...reportMethods,
  ...scenarioMethods,
  ...sensorMethods,
  ...simMethods,
  ...syncMethods,
  ...terminalMethods,
};

/** Every push event native sends to the renderer. */
export const pushes = {
  ...appPushes,
  ...decidePushes,
  ...exercisePushes,
  ...opsPushes,
  ...replayPushes,
  ...reportPushes,
  ...sensorPushes,
  ...simPushes,
  ...syncPushes,
  ...terminalPushes,
};

/** The pushes a session that has not signed in receives: only what the sign-in page shows. */
export const publicPushes = ['app.clock', 'replay.state'] as const satisfies readonly (keyof typeof pushes)[];

type Methods = typeof methods;
type Pushes = typeof pushes;

export type Method = keyof Methods;
export type PushEvent = keyof Pushes;

/** `Invoke[M]` is `[args as the caller writes them, result]`. */
export type Invoke = {
  [M in Method]: [z.input<Methods[M]['args']>, z.output<Methods[M]['result']>];
};

export type Push = { [E in PushEvent]: z.output<Pushes[E]> };

/** Arguments as a handler receives them: parsed, defaults applied. */
export type ParsedArgs<M extends Method> = z.output<Methods[M]['args']>;

/** What `window.polder` is, under Electron and under serve mode alike. */
export interface PolderBridge {
  invoke<M extends Method>(method: M, args: Invoke[M][0]): Promise<Invoke[M][1]>;
  subscribe<E extends PushEvent>(event: E, listener: (payload: Push[E]) => void): () => void;
}

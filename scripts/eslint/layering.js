// The layering of DESIGN.md as an allow-list, in the spirit of VS Code's `code-import-patterns`: for
// each folder, the paths and npm packages its files may import. A file in no listed folder is an
// error, and so is an import() whose path cannot be read without running the code.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

/**
 * Path patterns: `a/b/**` is everything under a/b, `a/*` the files directly in a, anything else one
 * file. `imports` may be imported for values and types, `types` only with `import type`.
 * Test files (*.test.ts, *.test.tsx) may also import `testPackages`.
 * The first row whose `files` matches a file rules it, so narrower rows come first.
 */
export const layers = [
  {
    files: 'native/api/**',
    label: 'native/api',
    why: 'the contract is pure: zod schemas, types and constants',
    imports: ['native/api/**'],
    packages: ['zod'],
  },
  { files: 'native/clock/**', label: 'native/clock', imports: ['native/clock/**'], packages: [] },
  {
    files: 'native/rpc/**',
    label: 'native/rpc',
    imports: ['native/rpc/**', 'native/api/**', 'native/ops/permissions.ts', 'native/identity/demo-pin.ts', 'native/*', 'native/clock/**', 'simulation/scenario/test-pack.ts', 'simulation/host/asset-pack.ts', 'native/terminal/config.ts', 'native/desktop/pdf-relay.ts', 'native/replay/test-replay-app.ts'],
    packages: [],
    node: true,
  },
  {
    files: 'native/store/**',
    label: 'native/store',
    imports: ['native/store/**', 'native/api/**', 'native/*'],
    packages: ['better-sqlite3'],
    node: true,
  },
  {
    files: 'native/identity/**',
    label: 'native/identity',
    why: 'keys, the signed roster, canonical bytes and the event verifier',
    imports: ['native/identity/**', 'native/api/**', 'native/ops/**', 'native/clock/**', 'native/store/**', 'native/*'],
    types: ['native/rpc/**'],
    packages: ['zod', 'canonicalize', 'better-sqlite3'],
    node: true,
  },
  {
    files: 'native/ops/**',
    label: 'native/ops',
    imports: ['native/ops/**', 'native/api/**', 'native/clock/**', 'native/store/**', 'native/identity/**', 'native/*'],
    types: ['native/rpc/**'],
    packages: ['better-sqlite3', 'zod'],
    node: true,
  },
  {
    files: 'native/scenario/**',
    label: 'native/scenario',
    imports: ['native/scenario/**', 'native/api/**', 'simulation/scenario/**'],
    types: ['native/rpc/**'],
    packages: [],
    node: true,
  },
  {
    files: 'native/sim/**',
    label: 'native/sim',
    imports: ['native/sim/**', 'native/api/**', 'native/rpc/access.ts', 'native/ops/permissions.ts', 'native/ops/uuid.ts', 'native/ops/test-service.ts', 'native/clock/**', 'native/*', 'native/scenario/**', 'simulation/host/**', 'simulation/scenario/**'],
    types: ['native/rpc/**'],
    packages: ['zod', 'better-sqlite3'],
    node: true,
  },
  {
    files: 'native/serve/**',
    label: 'native/serve',
    imports: ['native/serve/**', 'native/api/**', 'native/security/**', 'native/clock/**', 'native/identity/demo-pin.ts', 'native/*', 'native/terminal/config.ts', 'native/rpc/ack-gate.ts'],
    types: ['native/rpc/**'],
    packages: ['ws', 'zod'],
    node: true,
  },
  {
    files: 'native/security/**',
    label: 'native/security',
    why: 'the attack tests replay attacks on real files and a real serve child',
    imports: ['native/security/**', 'native/api/**', 'native/ops/**', 'native/store/**', 'native/identity/**', 'native/*', 'simulation/scenario/test-pack.ts'],
    packages: ['ws', 'better-sqlite3', 'yaml'],
    node: true,
  },
  {
    files: 'native/mqtt/**',
    label: 'native/mqtt',
    why: 'the MQTT link and broker test harness shared by sync and live sensors',
    imports: ['native/mqtt/**', 'native/clock/**', 'native/*'],
    packages: ['mqtt', 'aedes'],
    node: true,
  },
  {
    files: 'native/sync/**',
    label: 'native/sync',
    imports: ['native/sync/**', 'native/mqtt/**', 'native/api/**', 'native/ops/**', 'native/identity/**', 'native/clock/**', 'native/store/**', 'native/*'],
    types: ['native/rpc/**'],
    packages: ['mqtt', 'aedes', 'better-sqlite3'],
    node: true,
  },
  {
    files: 'native/record/**',
    label: 'native/record',
    why: 'recordings: a signed slice of the operations log and the store\'s records, exported, verified and imported',
    imports: ['native/record/**', 'native/api/**', 'native/ops/**', 'native/identity/**', 'native/store/**', 'native/clock/**', 'native/*', 'native/decide/forecast-store.ts', 'native/sim/run-store.ts', 'native/sensors/reading-store.ts'],
    packages: ['better-sqlite3', 'zod'],
    node: true,
  },
  {
    files: 'native/aar/**',
    label: 'native/aar',
    why: 'after-action reports: figures read from the operations log, a data folder or a recording',
    imports: ['native/aar/**', 'native/api/**', 'native/ops/**', 'native/identity/**', 'native/record/**', 'native/store/**', 'native/clock/**', 'native/*', 'native/decide/forecast-store.ts', 'native/decide/recommendations.ts', 'native/exercise/msel.ts', 'native/exercise/runner.ts', 'native/exercise/recording-folder.ts'],
    types: ['native/rpc/**'],
    packages: ['better-sqlite3', 'zod'],
    node: true,
  },
  {
    files: 'native/exercise/**',
    label: 'native/exercise',
    why: 'exercises: an MSEL delivered on the virtual clock into the ops log, the alert queue and the sensor service (and a recording\'s readings, on the replay\'s schedule); the controller\'s clock over MQTT to joined nodes; the isolation test runs real nodes on a real broker',
    imports: ['native/exercise/**', 'native/api/**', 'native/ops/**', 'native/clock/**', 'native/sensors/**', 'native/sync/**', 'native/identity/**', 'native/*', 'native/mqtt/test-broker.ts', 'native/mqtt/connection.ts', 'native/rpc/test-app.ts', 'native/record/format.ts', 'native/record/verify.ts', 'native/replay/schedule.ts'],
    types: ['native/rpc/**'],
    packages: ['better-sqlite3', 'csv-parse', 'mqtt', 'zod'],
    node: true,
  },
  {
    files: 'native/replay/**',
    label: 'native/replay',
    why: 'replays: a recording re-applied on a virtual clock into its own node (log projections, sensor ingest, forecast records)',
    imports: ['native/replay/**', 'native/api/**', 'native/ops/**', 'native/record/**', 'native/sensors/**', 'native/clock/**', 'native/store/**', 'native/identity/**', 'native/*', 'native/decide/forecast-store.ts', 'native/rpc/push-bus.ts'],
    types: ['native/rpc/**'],
    packages: ['better-sqlite3'],
    node: true,
  },
  {
    files: 'native/sensors/**',
    label: 'native/sensors',
    why: 'fast-check only for the fuzz runner that the unit test and the soak share',
    imports: ['native/sensors/**', 'native/mqtt/**', 'native/api/**', 'native/ops/**', 'native/clock/**', 'native/store/**', 'native/*'],
    types: ['native/rpc/**'],
    packages: ['better-sqlite3', 'mqtt', 'fast-check'],
    node: true,
  },
  {
    files: 'native/reports/**',
    label: 'native/reports',
    why: 'fast-check only for the fuzz test',
    imports: ['native/reports/**', 'native/mqtt/**', 'native/api/**', 'native/ops/**', 'native/sensors/payload.ts', 'native/sync/topics.ts', 'native/clock/**', 'native/store/**', 'native/*', 'native/rpc/test-app.ts'],
    types: ['native/rpc/**'],
    packages: ['better-sqlite3', 'mqtt', 'zod', 'fast-check'],
    node: true,
  },
  {
    files: 'native/decide/**',
    label: 'native/decide',
    imports: ['native/decide/**', 'native/mqtt/**', 'native/api/**', 'native/ops/**', 'native/sensors/**', 'native/clock/**', 'native/store/**', 'native/*', 'native/rpc/test-app.ts', 'simulation/host/asset-pack.ts'],
    types: ['native/rpc/**', 'simulation/host/**'],
    packages: ['better-sqlite3', 'zod', 'xmllint-wasm', 'fast-xml-parser'],
    node: true,
  },
  {
    files: 'native/desktop/**',
    label: 'native/desktop',
    why: "what only the desktop shell does (PDFs), asked of Electron main through the services' messages",
    imports: ['native/desktop/**', 'native/api/**', 'native/clock/**'],
    types: ['native/rpc/**'],
    packages: [],
    node: true,
  },
  {
    files: 'native/ics/**',
    label: 'native/ics',
    why: 'the ICS forms are read from the operations log through its queries',
    imports: ['native/ics/**', 'native/api/**', 'native/clock/**', 'native/ops/test-service.ts'],
    types: ['native/rpc/**'],
    packages: [],
    node: true,
  },
  {
    files: 'native/terminal/**',
    label: 'native/terminal',
    imports: ['native/terminal/**', 'native/api/**', 'native/*', 'native/rpc/dispatch.ts', 'native/rpc/session-pushes.ts'],
    types: ['native/rpc/**'],
    packages: ['node-pty'],
    node: true,
  },
  {
    files: 'native/cli/**',
    label: 'native/cli',
    imports: ['native/**', 'simulation/host/**', 'simulation/scenario/**'],
    types: ['simulation/engine/**'],
    packages: ['better-sqlite3'],
    node: true,
  },
  {
    files: 'native/*',
    label: 'native/ (the composition root)',
    imports: ['native/**', 'simulation/host/**', 'simulation/scenario/**', 'package.json'],
    packages: [],
    node: true,
  },
  {
    files: 'simulation/engine/**',
    label: 'simulation/engine',
    why: 'the engine is pure: it imports nothing outside itself',
    imports: ['simulation/engine/**'],
    packages: [],
  },
  {
    files: 'simulation/scenario/**',
    label: 'simulation/scenario',
    why: 'simulation/ never imports native/',
    imports: ['simulation/scenario/**', 'simulation/engine/**'],
    packages: ['geotiff', 'proj4', 'zod'],
    node: true,
  },
  {
    files: 'simulation/host/**',
    label: 'simulation/host',
    why: 'simulation/ never imports native/',
    imports: ['simulation/**'],
    packages: ['zod'],
    node: true,
  },
  {
    files: 'renderer/**',
    label: 'renderer/',
    why: 'sandboxed web code: it talks to native only through window.polder',
    imports: ['renderer/**', 'native/api/**'],
    types: ['simulation/**'],
    packages: ['react', 'react-dom', 'maplibre-gl', 'pmtiles', 'proj4', 'uplot', '@dnd-kit/core', '@xterm/xterm', '@xterm/addon-fit'],
  },
  {
    files: 'electron/preload/**',
    label: 'electron/preload',
    why: 'the preload exposes the typed API and nothing more',
    imports: ['electron/preload/**'],
    types: ['native/api/**'],
    packages: ['electron'],
  },
  {
    files: 'electron/services/**',
    label: 'electron/services',
    why: 'the services utility process: createApp, the engine and the terminals behind one port per window',
    imports: ['electron/services/**', 'native/**'],
    types: ['electron/**'],
    packages: ['electron'],
    node: true,
  },
  {
    files: 'electron/main/**',
    label: 'electron/main',
    imports: ['electron/**', 'native/**', 'simulation/host/**'],
    packages: ['electron'],
    node: true,
  },
  { files: 'e2e/**', label: 'e2e/', imports: ['e2e/**', 'native/scenario/png.ts', 'native/identity/demo-pin.ts', 'native/mqtt/test-broker.ts', 'native/replay/test-replay-app.ts', 'native/replay/synthetic-recording.ts', 'native/mqtt/connection.ts'], packages: ['@playwright/test'], node: true },
  { files: 'scripts/eslint/**', label: 'scripts/eslint', imports: ['scripts/eslint/**'], packages: ['eslint'], node: true },
  {
    files: 'scripts/**',
    label: 'scripts/',
    imports: ['scripts/**', 'native/**', 'simulation/**', 'renderer/src/**'],
    packages: ['@playwright/test', 'assemblyscript', 'ws'],
    node: true,
  },
  { files: 'bin/**', label: 'bin/', imports: ['native/cli/**'], packages: [], node: true },
  {
    files: '*',
    label: 'the root config files',
    imports: ['scripts/eslint/**', '*'],
    packages: ['@eslint/js', 'typescript-eslint', 'electron-vite', 'vite', '@vitejs/plugin-react', 'vitest', '@playwright/test'],
    node: true,
  },
];

const testPackages = ['vitest', 'fast-check'];

function matches(pattern, path) {
  if (pattern === '*') return !path.includes('/');
  if (pattern.endsWith('/**')) return path.startsWith(pattern.slice(0, -2));
  if (pattern.endsWith('/*')) {
    const folder = pattern.slice(0, -1);
    return path.startsWith(folder) && !path.slice(folder.length).includes('/');
  }
  return path === pattern;
}

/** The repository path of a file; lint fixtures (`fixtures/` folders) count as files of their parent folder. */
function repoPath(absolutePath) {
  return relative(root, absolutePath).split(sep).filter((part) => part !== 'fixtures').join('/');
}

export function layerOf(absoluteFile) {
  const path = repoPath(absoluteFile);
  return layers.find((layer) => matches(layer.files, path)) ?? null;
}

function isNodeBuiltin(specifier) {
  return specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]);
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const because = (layer) => (layer.why ? ` (${layer.why})` : '');

/** Returns why `fromFile` may not import `specifier`, or null when it may. */
export function layeringViolation(fromFile, specifier, typeOnly) {
  const layer = layerOf(fromFile);
  if (!layer) return `${repoPath(fromFile)} is in no folder of the layering table: add its folder to scripts/eslint/layering.js`;
  const isTest = /\.test\.tsx?$/.test(fromFile);
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = repoPath(resolve(dirname(fromFile), specifier));
    if (layer.imports.some((p) => matches(p, target))) return null;
    if ((layer.types ?? []).some((p) => matches(p, target))) return typeOnly ? null : `${layer.label} may only \`import type\` from ${target}${because(layer)}`;
    return `${layer.label} may not import ${target}${because(layer)}`;
  }
  if (specifier === 'electron' || specifier.startsWith('electron/')) {
    return layer.packages.includes('electron') ? null : "only electron/ may import 'electron' (it cannot run under plain Node)";
  }
  if (isNodeBuiltin(specifier)) return layer.node ? null : `${layer.label} may not import Node built-ins ('${specifier}')${because(layer)}`;
  const name = packageName(specifier);
  if (layer.packages.includes(name) || (isTest && testPackages.includes(name))) return null;
  const allowed = layer.packages.length ? layer.packages.join(', ') : 'none';
  return `${layer.label} may not import the package '${name}' (allowed there: ${allowed})${because(layer)}`;
}

function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

/** The path of an import() or require() argument when it is written out; null when it is computed. */
function staticPath(node) {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return null;
}

export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the runtime layering of DESIGN.md as an allow-list per folder' },
    schema: [],
  },
  create(context) {
    const check = (node, source, typeOnly) => {
      const why = layeringViolation(context.filename, source, typeOnly);
      if (why) context.report({ node, message: why });
    };
    const checkDynamic = (node, argument) => {
      const path = staticPath(argument);
      if (path === null) context.report({ node: argument, message: 'this import path is computed, so the layering table cannot check it: write the path out as a string' });
      else check(argument, path, false);
    };
    return {
      Program(node) {
        if (!layerOf(context.filename)) context.report({ node, message: `${repoPath(context.filename)} is in no folder of the layering table: add its folder to scripts/eslint/layering.js` });
      },
      ImportDeclaration: (node) => layerOf(context.filename) && check(node.source, node.source.value, isTypeOnly(node)),
      ExportNamedDeclaration: (node) => node.source && layerOf(context.filename) && check(node.source, node.source.value, isTypeOnly(node)),
      ExportAllDeclaration: (node) => layerOf(context.filename) && check(node.source, node.source.value, isTypeOnly(node)),
      ImportExpression: (node) => layerOf(context.filename) && checkDynamic(node, node.source),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1 && layerOf(context.filename)) checkDynamic(node, node.arguments[0]);
      },
    };
  },
};

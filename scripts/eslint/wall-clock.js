// "Nothing reads the wall clock directly" (DESIGN.md): a Clock is injected everywhere, so replay
// and tests can drive a virtual one. Only the clock modules read the real time: native/clock (the
// app's Clock) and simulation/host/stopwatch.ts (how long the engine computed; simulation/ cannot
// import native/). Benchmarks (scripts/) and the end-to-end tests (e2e/), which measure or drive a
// real host in real time, are left out in eslint.config.js.
import { relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const clockModules = ['native/clock/', 'simulation/host/stopwatch.ts'];

function isClockModule(file) {
  const path = relative(root, file).split(sep).filter((part) => part !== 'fixtures').join('/');
  return clockModules.some((m) => (m.endsWith('/') ? path.startsWith(m) : path === m));
}

const message = (what) => `${what} reads the wall clock: take the time from an injected Clock (native/clock) instead`;

const isMember = (node, object, property) =>
  node.type === 'MemberExpression' && !node.computed && node.object.type === 'Identifier' && node.object.name === object && node.property.type === 'Identifier' && node.property.name === property;

export const wallClockRule = {
  meta: { type: 'problem', docs: { description: 'Only the clock modules read the wall clock' }, schema: [] },
  create(context) {
    if (isClockModule(context.filename)) return {};
    return {
      MemberExpression(node) {
        // Date.now and performance.now, called or handed on as a function.
        if (isMember(node, 'Date', 'now')) context.report({ node, message: message('Date.now') });
        if (isMember(node, 'performance', 'now')) context.report({ node, message: message('performance.now') });
      },
      NewExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'Date' && node.arguments.length === 0) context.report({ node, message: message('new Date()') });
      },
      CallExpression(node) {
        // Date() without new returns the current time as a string.
        if (node.callee.type === 'Identifier' && node.callee.name === 'Date') context.report({ node, message: message('Date()') });
      },
    };
  },
};

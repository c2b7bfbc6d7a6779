// The layering rule of DESIGN.md, in the spirit of VS Code's `code-layering`: a file's folder says
// which runtime runs it, and so what it may import.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

function folderOf(absolutePath) {
  return relative(root, absolutePath).split(sep).join('/');
}

function isNodeBuiltin(specifier) {
  return specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]);
}

function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

/** Returns why `from` may not import `specifier`, or null when it may. */
export function layeringViolation(fromFile, specifier, typeOnly) {
  const from = folderOf(fromFile);
  const relativeSpec = specifier.startsWith('.');
  const target = relativeSpec ? folderOf(resolve(dirname(fromFile), specifier)) : null;
  const inside = (folder) => target !== null && (target === folder || target.startsWith(folder + '/'));

  if (!from.startsWith('electron/') && (specifier === 'electron' || specifier.startsWith('electron/'))) {
    return "only electron/ may import 'electron' (it cannot run under plain Node)";
  }
  if (from.startsWith('simulation/engine/')) {
    if (!relativeSpec) return `simulation/engine is pure: it imports nothing outside itself ('${specifier}')`;
    if (!inside('simulation/engine')) return `simulation/engine is pure: it imports nothing outside itself ('${specifier}')`;
    return null;
  }
  if (from.startsWith('renderer/')) {
    if (!relativeSpec && isNodeBuiltin(specifier)) return `renderer/ is sandboxed web code: no Node built-ins ('${specifier}')`;
    if (inside('native/api')) return typeOnly ? null : 'renderer/ may only `import type` from native/api';
    if (inside('native')) return 'renderer/ may not import native/ (talk through window.polder)';
    if (inside('simulation')) return typeOnly ? null : 'renderer/ may only `import type` from simulation/';
    if (inside('electron')) return 'renderer/ may not import electron/';
    return null;
  }
  if (from.startsWith('native/') || from.startsWith('simulation/')) {
    if (inside('electron') || inside('renderer')) return `${from.split('/')[0]}/ never imports electron/ or renderer/`;
  }
  return null;
}

export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the runtime layering of DESIGN.md' },
    schema: [],
  },
  create(context) {
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const why = layeringViolation(context.filename, source.value, isTypeOnly(node));
      if (why) context.report({ node: source, message: why });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source : null),
    };
  },
};

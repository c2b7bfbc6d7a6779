// "No module-level mutable state" (DESIGN.md): state lives in what a factory returns, so two apps
// (or two tests) in one process never share it. Precisely: no `let` or `var` at module level, and no
// module-level binding that any code mutates (assigns a property of, deletes one from, or calls a
// mutating method on: push, set, add, …). Constant tables, maps built once and only read, are fine.
const mutators = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'add', 'delete', 'clear']);

function mutation(reference) {
  const id = reference.identifier;
  const member = id.parent;
  if (member?.type !== 'MemberExpression' || member.object !== id) return null;
  const use = member.parent;
  if (use?.type === 'AssignmentExpression' && use.left === member) return 'assigns a property of';
  if (use?.type === 'UpdateExpression' && use.argument === member) return 'updates a property of';
  if (use?.type === 'UnaryExpression' && use.operator === 'delete' && use.argument === member) return 'deletes a property of';
  const name = !member.computed && member.property.type === 'Identifier' ? member.property.name : null;
  if (use?.type === 'CallExpression' && use.callee === member && name && mutators.has(name)) return `calls .${name}() on`;
  return null;
}

export const moduleStateRule = {
  meta: { type: 'problem', docs: { description: 'No module-level mutable state' }, schema: [] },
  create(context) {
    return {
      Program(program) {
        for (const statement of program.body) {
          const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
          if (declaration?.type === 'VariableDeclaration' && declaration.kind !== 'const') {
            context.report({ node: declaration, message: `module-level \`${declaration.kind}\` is shared mutable state: keep it inside the function or factory that owns it` });
          }
        }
        const moduleScope = context.sourceCode.getScope(program);
        const scopes = [moduleScope, ...moduleScope.childScopes.filter((s) => s.type === 'module')];
        for (const scope of scopes) {
          for (const variable of scope.variables) {
            if (!variable.defs.some((d) => d.type === 'Variable')) continue;
            for (const reference of variable.references) {
              const how = mutation(reference);
              if (how) context.report({ node: reference.identifier.parent, message: `this ${how} the module-level \`${variable.name}\`: module state is shared by everything in the process; keep it inside the function or factory that owns it` });
            }
          }
        }
      },
    };
  },
};

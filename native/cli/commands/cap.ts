import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { capSender, defaultScenario } from '../../app.ts';
import { createCapService } from '../../decide/cap/cap-service.ts';
import { createCapValidator } from '../../decide/cap/cap-validate.ts';
import { repoPaths } from '../../paths.ts';
import { resolveScenarioDir, summarizeScenario } from '../../../simulation/scenario/summary.ts';
import { parseFlags, UsageError, type CliIo, type Command } from '../command.ts';
import { dataDirFlag, resolveDataDir } from '../data-dir.ts';
import { actingAs, withOps } from '../open-ops.ts';

const usage = 'polder cap validate <file> | import <file> --as <person> | export <alert id> --as <person> [--out <file>]  [--json] [--data-dir <path>]';

function readDocument(file: string): Buffer {
  try {
    return readFileSync(resolve(file));
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, { cause: err });
  }
}

async function areaDesc(): Promise<string> {
  try {
    return (await summarizeScenario(resolveScenarioDir(defaultScenario, repoPaths.resources))).title;
  } catch {
    return 'Alert area';
  }
}

export const capCommand: Command = {
  name: 'cap',
  summary: 'CAP 1.2: validate a document (exit 0 valid, 1 with the reasons), import one into the alert queue, export an alert',
  usage,
  async run(argv, io: CliIo) {
    const { values, positionals } = parseFlags(argv, { as: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, ...dataDirFlag }, true);
    const [action, target, ...extra] = positionals;
    if (!action) throw new UsageError('say what to do: validate, import or export');
    if (!['validate', 'import', 'export'].includes(action)) throw new UsageError(`unknown cap action "${action}": use validate, import or export`);
    if (!target) throw new UsageError(action === 'export' ? 'give the id of the alert to export' : 'give the CAP file');
    if (extra.length) throw new UsageError(`one ${action === 'export' ? 'alert' : 'file'} at a time (also got ${extra.join(' ')})`);
    const json = values.json ?? false;
    const validator = createCapValidator(repoPaths.resources);

    if (action === 'validate') {
      // The validator measures the size first: an oversized file is refused unparsed.
      const result = await validator.check(readDocument(target).toString('utf8'));
      if (json) io.out(JSON.stringify({ valid: result.valid, reasons: result.reasons }));
      else if (result.valid) io.out(`${target}: valid CAP 1.2`);
      else for (const reason of result.reasons) io.out(`${target}: ${reason}`);
      return result.valid ? 0 : 1;
    }

    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const title = await areaDesc();
    return withOps(dataDir, io, async (ops, clock) => {
      const ctx = actingAs(ops, values.as);
      const cap = createCapService({ db: ops.store.db, validator, queue: ops, clock, sender: capSender(ops.deviceId), areaDesc: title });
      if (action === 'export') {
        const exported = await cap.export(target, ctx);
        if (values.out) writeFileSync(resolve(values.out), exported.xml);
        if (json) io.out(JSON.stringify(values.out ? { ...exported, xml: undefined, out: resolve(values.out) } : exported));
        else if (values.out) io.out(`${exported.msgType} ${exported.identifier} (${exported.status}) written to ${values.out}`);
        else io.out(exported.xml);
        return 0;
      }
      const result = await cap.import(readDocument(target), `file: ${target}`, ctx);
      if (json) io.out(JSON.stringify(result));
      else if (result.accepted) io.out(`${target}: ${result.duplicate ? 'already taken in as' : `${result.msgType} taken in as`} alert ${result.alertId}`);
      else {
        io.out(`${target}: refused (kept as refused CAP #${result.rejectedId})`);
        for (const reason of result.reasons) io.out(`${target}: ${reason}`);
      }
      return result.accepted ? 0 : 1;
    });
  },
};

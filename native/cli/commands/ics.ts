import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultScenario } from '../../app.ts';
import { createIcsForms } from '../../ics/forms.ts';
import { ics204Csv, ics204Html, ics214Csv, ics214Html } from '../../ics/render.ts';
import { repoPaths } from '../../paths.ts';
import { resolveScenarioDir, summarizeScenario } from '../../../simulation/scenario/summary.ts';
import { parseFlags, UsageError, type Command } from '../command.ts';
import { dataDirFlag, resolveDataDir } from '../data-dir.ts';
import { actingAs, withOps } from '../open-ops.ts';

async function scenarioTitle(): Promise<string | null> {
  try {
    return (await summarizeScenario(resolveScenarioDir(defaultScenario, repoPaths.resources))).title;
  } catch {
    return null;
  }
}

export const icsCommand: Command = {
  name: 'ics',
  summary: 'ICS forms from the operations log: 204 (assignment list per department or unit), 214 (activity log per person, unit or department), as printable HTML or CSV',
  usage: 'polder ics 204 [--department <id> | --unit <id>] | 214 [--person <id> | --unit <id> | --department <id>]  --as <person> [--format html|csv] [--out <file>] [--data-dir <path>]',
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { department: { type: 'string' }, unit: { type: 'string' }, person: { type: 'string' }, as: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, ...dataDirFlag },
      true,
    );
    const [form, ...extra] = positionals;
    if (form !== '204' && form !== '214') throw new UsageError(form ? `unknown form "${form}": use 204 or 214` : 'say which form: 204 or 214');
    if (extra.length) throw new UsageError(`unexpected ${extra.join(' ')}`);
    const format = values.format ?? 'html';
    if (format !== 'html' && format !== 'csv') throw new UsageError(`--format must be html or csv, not "${format}"`);
    const subjects = [values.person, values.unit, values.department].filter(Boolean);
    if (form === '204' && values.person) throw new UsageError('an ICS 204 is per department or unit: use --department or --unit');
    if (subjects.length > 1) throw new UsageError('give one of --person, --unit or --department');
    const title = await scenarioTitle();
    return withOps(resolveDataDir(values['data-dir'], io.env), io, async (ops, clock) => {
      const ctx = actingAs(ops, values.as);
      const forms = createIcsForms({ ops: ops.handlers, who: ops.actor, clock, scenarioTitle: title });
      let text: string;
      if (form === '204') {
        const data = await forms.form204({ department: values.department, unitId: values.unit }, ctx);
        text = format === 'csv' ? ics204Csv(data) : ics204Html(data);
      } else {
        const data = await forms.form214({ actorId: values.person, unitId: values.unit, department: values.department }, ctx);
        text = format === 'csv' ? ics214Csv(data) : ics214Html(data);
      }
      if (values.out) {
        writeFileSync(resolve(values.out), text);
        io.out(`ICS ${form} written to ${values.out}`);
      } else io.out(text.trimEnd());
      return 0;
    });
  },
};

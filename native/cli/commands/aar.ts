import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readMselFile, readRecordingFile } from '../../aar/files.ts';
import { rowsFromRecording, rowsFromStore, storeSensorIds, storeSpan } from '../../aar/read-store.ts';
import { renderReportHtml } from '../../aar/render-html.ts';
import { buildReport } from '../../aar/report.ts';
import { toSource } from '../../aar/source.ts';
import { demoRoster } from '../../identity/demo-roster.ts';
import { loadHeldRoster } from '../../identity/held-roster.ts';
import { opsBackupDir, opsDatabasePath } from '../../ops/service.ts';
import { migrations } from '../../store/migrations/index.ts';
import { openStore } from '../../store/store.ts';
import { writeOutput } from '../write-output.ts';
import { parseFlags, UsageError, type Command } from '../command.ts';
import { dataDirFlag, resolveDataDir } from '../data-dir.ts';
import { exerciseRecordingPath } from '../../exercise/recording-folder.ts';
import { isoFlag } from './record.ts';

/** The recording an exercise in this folder was run from (`polder exercise --recording`), if any. */
const exercisedRecording = (dataDir: string): string | undefined => (existsSync(exerciseRecordingPath(dataDir)) ? exerciseRecordingPath(dataDir) : undefined);

const options = `Options:
  --from <ISO time>    start of the window (default: the log's first event)
  --to <ISO time>      end of the window, exclusive (default: just after the log's last event)
  --recording <file>   a recording of the event the log is an exercise of: its alerts and decisions
                       are set beside the log's (matched by alert place and cause, draft asset and kind).
                       Default: the recording an exercise in this folder was run from, if any
  --msel <file.csv>    an MSEL (HSEEP CSV, README "Exercises") run outside this data folder, its
                       injects read out or handed over at their scenario times: each is set beside
                       the first action of its department from then on. Not needed (and refused)
                       for a folder \`polder exercise\` ran in: its injects come from its log
  --start <ISO time>   STARTEX of --msel (default: the MSEL's earliest ISO time)
  --title <text>       the report's title (default: the data folder)
  --out <file>         write the report as one self-contained HTML page (print it for a PDF);
                       without it the page goes to stdout
  --json               the report's figures as one JSON object instead of HTML
  --data-dir <path>    the data folder whose operations log is reported on

Figures: each alert's lead time (a forecast's predicted arrival minus when it was raised) and
when a water-level gauge within 250 m of the asset passed its warning level; time to
acknowledge per department (of whoever acknowledged) and to act (the first event on a task
made for the alert or approved from the forecast's draft for its asset, per the task's
department); recommended tasks approved (edited or not), rejected with reasons, undecided.
For an exercise, each inject: planned and delivered time (delayed, skipped with the reason),
the first action by the department it went to after delivery and how long it took, the
expected action and the evaluators' notes.`;

export const aarCommand: Command = {
  name: 'aar',
  summary: 'after-action report of a window of the operations log (HTML or JSON)',
  usage: 'polder aar [--from <ISO time>] [--to <ISO time>] [--recording <file>] [--msel <file.csv> [--start <ISO time>]] [--title <text>] [--out <file>] [--json] [--data-dir <path>]',
  options,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      from: { type: 'string' },
      to: { type: 'string' },
      recording: { type: 'string' },
      msel: { type: 'string' },
      start: { type: 'string' },
      title: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      ...dataDirFlag,
    });
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    if (!existsSync(opsDatabasePath(dataDir))) throw new Error(`${dataDir} holds no operations store to report on`);
    const recordingFile = values.recording === undefined ? exercisedRecording(dataDir) : resolve(values.recording);
    const historical = recordingFile === undefined ? undefined : toSource(rowsFromRecording(readRecordingFile(recordingFile)));
    if (values.start !== undefined && values.msel === undefined) throw new UsageError('--start is the STARTEX of an --msel: give the MSEL too');
    const start = values.start === undefined ? undefined : isoFlag('start', values.start);
    const store = openStore({ path: opsDatabasePath(dataDir), backupDir: opsBackupDir(dataDir), migrations, logger: { info() {}, warn: (m) => io.err(`warning: ${m}`) }, readonly: true });
    const report = (() => {
      try {
        const span = storeSpan(store.db);
        const from = values.from === undefined ? span?.from : isoFlag('from', values.from);
        const to = values.to === undefined ? span?.to : isoFlag('to', values.to);
        if (from === undefined || to === undefined) throw new Error(`${dataDir} has an empty operations log: there is nothing to report`);
        if (to <= from) throw new UsageError('--to must be after --from');
        const roster = loadHeldRoster(dataDir) ?? demoRoster();
        const source = toSource(rowsFromStore(store.db, { from, to }, roster));
        if (values.msel !== undefined && source.injects.length > 0) throw new UsageError(`${dataDir} ran an exercise: the report reads its injects from its log, so drop --msel`);
        const injects = values.msel === undefined ? undefined : readMselFile(resolve(values.msel), { departments: roster.departments, sensors: storeSensorIds(store.db), ...(start === undefined ? {} : { start }) });
        return buildReport(source, { title: values.title ?? dataDir, ...(historical ? { historical } : {}), ...(injects ? { injects } : {}) });
      } finally {
        store.close();
      }
    })();
    const text = values.json ? `${JSON.stringify(report)}\n` : renderReportHtml(report);
    const out = writeOutput(io, values.out, text);
    if (out === null) return 0;
    io.out(`wrote the after-action report (${report.counts.alerts} alerts, ${report.counts.drafts} recommended tasks, ${report.counts.events} events) to ${out}`);
    return 0;
  },
};

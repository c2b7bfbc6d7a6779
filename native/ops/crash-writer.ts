// A writer the crash tests kill at random moments: it opens the ops service in argv[2], issues
// commands as fast as it can and prints `ack <event id>` only after each command has committed.
// Run: node native/ops/crash-writer.ts <data-dir> [seed]
import { writeSync } from 'node:fs';
import { systemClock } from '../clock/clock.ts';
import type { Session } from '../rpc/handlers.ts';
import { openOpsService } from './service.ts';

const [dataDir, seedText] = process.argv.slice(2);
if (!dataDir) {
  process.stderr.write('usage: crash-writer.ts <data-dir> [seed]\n');
  process.exit(2);
}
const line = (text: string) => writeSync(1, `${text}\n`);
const quiet = { info() {}, warn() {}, error() {} };
const service = openOpsService({ dataDir, clock: systemClock(), push: { emit() {} }, logger: quiet, deviceId: 'dev_crash' });
line(`ready unclean=${service.store.uncleanShutdown}`);

const lastEvent = service.store.db.prepare("SELECT id FROM events WHERE origin = 'dev_crash' ORDER BY seq DESC LIMIT 1").pluck();
const lead: { session: Session } = { session: { id: 'crash', actorId: 'eoc-lead' } };
const h = service.handlers;
await writeForever(Number(seedText ?? 0));

async function writeForever(seed: number): Promise<never> {
  const taskIds: string[] = [];
  for (let n = seed + 1; ; n++) {
    switch (n % 4) {
      case 0: {
        const task = await h['tasks.create']({ title: `Crash task ${n}`, description: 'x'.repeat(n % 300), department: 'works', priority: 'normal', dueAt: null, location: null, alertId: null, incidentId: null }, lead);
        taskIds.push(task.id);
        break;
      }
      case 1:
        h['log.append']({ text: `Crash log ${n}`, incidentId: null, entityId: null }, lead);
        break;
      case 2:
        h['alerts.raise']({ source: 'sensor', title: `Gauge ${n % 7}`, description: '', severity: 'Severe', urgency: 'Immediate', certainty: 'Observed', area: null, dedupeKey: `g${n % 7}`, incidentId: null }, lead);
        break;
      default: {
        const id = taskIds.pop();
        if (id) h['tasks.transition']({ taskId: id, to: 'blocked', note: 'crash test' }, lead);
        else h['log.append']({ text: `Crash log ${n}`, incidentId: null, entityId: null }, lead);
      }
    }
    line(`ack ${lastEvent.get() as string}`);
  }
}

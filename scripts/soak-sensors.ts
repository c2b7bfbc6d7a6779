// Sensor fuzz soak: `node scripts/soak-sensors.ts [--messages 200000] [--seed 17]`
// Random and malformed payloads through a real mosquitto into the ingest, many more than the unit
// test sends; fails unless every reading was accepted or quarantined with a reason and the counts,
// the rows and the readings sent all agree.
import { parseArgs } from 'node:util';
import { fuzzThroughBroker } from '../native/sensors/fuzz-run.ts';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '200000' }, seed: { type: 'string', default: '17' } } });
const r = await fuzzThroughBroker(Number(values.messages), Number(values.seed));
const problems = [
  r.received !== r.expected && `received ${r.received} readings of ${r.expected} sent`,
  r.accepted + r.quarantined !== r.received && `accepted ${r.accepted} + quarantined ${r.quarantined} ≠ received ${r.received}`,
  r.rows.readings !== r.accepted && `${r.rows.readings} reading rows for ${r.accepted} accepted`,
  r.rows.quarantine !== r.quarantined && `${r.rows.quarantine} quarantine rows for ${r.quarantined} quarantined`,
  r.rows.withoutReason > 0 && `${r.rows.withoutReason} quarantined without a reason`,
  !r.stillAccepting && 'a clean reading after the fuzz was not accepted',
].filter(Boolean);
console.log(`sensor fuzz: ${r.messages} messages (${r.expected} readings) through mosquitto in ${r.seconds.toFixed(1)} s: ${r.accepted} accepted, ${r.quarantined} quarantined`);
for (const p of problems) console.error(`FAIL: ${p}`);
process.exit(problems.length ? 1 : 0);

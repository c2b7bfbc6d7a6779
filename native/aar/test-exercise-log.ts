// An exercise folder with known injects and trainee actions at known times (tests): the real MSEL
// parser and runner on a paused virtual clock that the test moves by seeking, so every delivery
// and action lands at an exact scenario time.
//   1 +05:00 message → Police: delivered at +05:00; police-lead acts at +07:30 (a transport action at +06:00 is not theirs)
//   2 +10:00 alert → EOC: delivered at +10:00; the controller's note at +10:30 is no answer, eoc-1 acknowledges at +11:00
//   3 +15:00 message → Transport: skipped at STARTEX
//   4 +20:00 message → Fire & Rescue: delayed 10 min at STARTEX, delivered at +30:00; fire-1 acts at +25:00 (before it) and +34:00
//   5 +60:00 message → Health: still pending when the exercise stops at +40:00
import { manualClock } from '../clock/clock.ts';
import { virtualClock } from '../clock/virtual-clock.ts';
import { parseMsel } from '../exercise/msel.ts';
import { startExerciseRunner } from '../exercise/runner.ts';
import { demoRoster } from '../identity/demo-roster.ts';
import { silentLogger } from '../logger.ts';
import { testService } from '../ops/test-service.ts';
import type { Session } from '../rpc/handlers.ts';

/** STARTEX: 18:30 AEST on 8 June 2007. */
export const startex = Date.UTC(2007, 5, 8, 8, 30);
export const minute = 60_000;

export const testMsel = [
  'Event number,Scenario time,Delivery method,From,To,Synopsis,Expected action,Evaluator notes,Severity',
  '1,00:05,message,SimCell,Police,Crowd gathering at the Glebe Road bridge,Police close the bridge,Closure within 10 minutes,',
  '2,00:10,alert,BoM,EOC,Flash flood warning for Merewether,Acknowledge within 5 minutes,,Severe',
  '3,00:15,message,SimCell,Transport,Buses stranded on Llewellyn St,Divert the routes,,',
  '4,00:20,message,Triple Zero,Fire & Rescue,Cars swept along Glebe Road,Task a swift-water crew,,',
  '5,01:00,message,SimCell,Health,Aged-care home asks for evacuation,Send ambulances,,',
].join('\n');

export async function buildExerciseLog(): Promise<{ dataDir: string; cleanup(): void }> {
  const clock = virtualClock({ source: manualClock(startex), start: startex, mode: 'exercise' });
  const t = testService({ clock }, undefined, startex);
  const ops = t.service;
  const at = (minutes: number) => clock.seek(startex + minutes * minute);
  const ctx = (actorId: string): { session: Session } => ({ session: { id: `s-${actorId}`, actorId } });
  const msel = parseMsel(testMsel, { departments: demoRoster().departments, sensors: [], start: startex });
  const runner = startExerciseRunner({
    exerciseId: 'aar-test', msel, clock, ops, logger: silentLogger(), changed() {},
    readings: { receive: () => { throw new Error('the test MSEL has no sensor injects'); }, latestValue: () => null },
  });
  const inject = (n: string) => runner.state().injects.find((i) => i.number === n)!.id;
  const controller = ops.actor(ctx('eoc-lead'));
  const task = (actorId: string, department: string, title: string) =>
    ops.handlers['tasks.create']({ title, description: '', department, priority: 'high', dueAt: null, location: null, alertId: null, incidentId: null }, ctx(actorId));

  // At STARTEX, the instant the plan was written: only the log's order tells plan from change.
  runner.skip(controller, inject('3'), 'Transport desk not staffed');
  runner.delay(controller, inject('4'), 10);
  at(5);
  at(6);
  await task('transport-1', 'transport', 'Check the bus depot');
  at(7.5);
  await task('police-lead', 'police', 'Close the Glebe Road bridge');
  at(10);
  at(10.5);
  runner.note(controller, inject('2'), 'EOC slow to see the warning');
  at(11);
  const alertId = runner.state().injects.find((i) => i.number === '2')!.alertId!;
  await ops.handlers['alerts.acknowledge']({ alertId }, ctx('eoc-1'));
  at(25);
  await task('fire-1', 'fire', 'Check the pumps');
  at(30);
  at(34);
  await task('fire-1', 'fire', 'Send the swift-water crew to Glebe Road');
  at(40);
  runner.note(controller, inject('4'), 'Crew tasked 4 minutes after the call');
  runner.close();
  await ops.close();
  return { dataDir: t.dir.dir, cleanup: t.dir.cleanup };
}

import { describe, expect, it } from 'vitest';
import type { Actor } from '../api/ops.ts';
import { authorize, mayDo, simSteerRefusal, type Action } from './permissions.ts';

const actor = (department: string, role: Actor['role']): Actor => ({ id: `${department}-${role}`, name: `${department} ${role}`, department, role });
const eocLead = actor('eoc', 'lead');
const eocMember = actor('eoc', 'member');
const fireLead = actor('fire', 'lead');
const fireMember = actor('fire', 'member');
const observer = actor('eoc', 'observer');

describe('role rights', () => {
  it.each<[Actor, Action, string | undefined, boolean]>([
    [eocLead, 'task.cancel', 'police', true],
    [eocLead, 'resource.decide', undefined, true],
    [eocMember, 'resource.decide', undefined, true],
    [eocMember, 'task.create', 'fire', false],
    [fireLead, 'task.cancel', 'fire', true],
    [fireLead, 'task.cancel', 'police', false],
    [fireMember, 'task.cancel', 'fire', false],
    [fireMember, 'task.edit', 'fire', true],
    [fireMember, 'task.handover', 'fire', false],
    [fireLead, 'task.handover', 'fire', true],
    [fireMember, 'alert.raise', undefined, true],
    [fireMember, 'alert.manage', undefined, false],
    [fireLead, 'alert.manage', undefined, true],
    [fireLead, 'incident.manage', undefined, false],
    [fireLead, 'resource.decide', undefined, false],
    [fireMember, 'unit.update', 'police', false],
    [observer, 'alert.acknowledge', undefined, false],
    [observer, 'log.append', 'eoc', false],
  ])('%j: %s in %s → %s', (who, action, department, allowed) => {
    expect(mayDo(who, action, department)).toBe(allowed);
  });

  it('explains a refusal as a forbidden error', () => {
    expect(() => authorize(fireLead, 'task.cancel', 'police')).toThrow(expect.objectContaining({ code: 'forbidden', message: expect.stringMatching(/for department "police"/) }));
    expect(() => authorize(observer, 'log.append', 'eoc')).toThrow(/observers can only read/);
  });
});

describe('simulation rights', () => {
  const policeLead = actor('police', 'lead');
  const starters: [Actor, boolean][] = [
    [eocLead, true],
    [eocMember, true],
    [fireLead, true],
    [fireMember, false],
    [observer, false],
  ];
  it.each(starters.map(([who, may]) => [who.id, may, who] as const))('%s may start a run: %s', (_id, may, who) => {
    expect(mayDo(who, 'sim.run')).toBe(may);
  });

  const steering: [Actor, Actor | null, boolean][] = [
    [fireLead, fireLead, true],
    [eocLead, fireLead, true],
    [eocLead, null, true],
    [eocMember, fireLead, false],
    [policeLead, fireLead, false],
    [fireMember, fireMember, false],
    [observer, observer, false],
  ];
  it.each(steering.map(([who, starter, may]) => [who.id, starter?.id ?? 'nobody', may, who, starter] as const))(
    '%s may stop or edit a run %s started: %s',
    (_who, _starter, may, who, starter) => {
      expect(simSteerRefusal(who, starter) === null).toBe(may);
    },
  );

  it('says who started the run when it refuses', () => {
    expect(simSteerRefusal(policeLead, fireLead)).toEqual({ code: 'forbidden', message: 'police lead cannot stop or change this simulation: fire lead started it (only they or an EOC lead may)' });
  });
});

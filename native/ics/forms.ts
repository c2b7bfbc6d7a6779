import type { Ics204, Ics214 } from '../api/ics.ts';
import { PolderError } from '../api/errors.ts';
import type { Actor, Task, TimelineEntry, Unit } from '../api/ops.ts';
import type { Clock } from '../clock/clock.ts';
import type { CallContext, HandlersFor } from '../rpc/handlers.ts';

type OpsReads = HandlersFor<'departments.list' | 'actors.list' | 'incidents.list' | 'units.list' | 'board.query' | 'timeline.query'>;

/** Most activity one ICS 214 carries (the log query's own ceiling). */
const maxEntries = 5000;
const roleName: Record<Actor['role'], string> = { lead: 'Lead', member: 'Member', observer: 'Observer' };
const unitKindName: Record<Unit['kind'], string> = { crew: 'Crew', pump: 'Pump', vehicle: 'Vehicle', stock: 'Stock', team: 'Team' };
const closed = new Set<Task['status']>(['done', 'cancelled']);

const place = (location: { lon: number; lat: number; label?: string | undefined } | null) => (location ? (location.label ?? `${location.lat.toFixed(5)}, ${location.lon.toFixed(5)}`) : null);

/**
 * The ICS forms from the operations log, read through the queue's own queries (so they show what
 * the person preparing them may see): ICS 204 assignment lists and ICS 214 activity logs.
 */
export function createIcsForms({ ops, who, clock, scenarioTitle }: { ops: OpsReads; who(ctx: CallContext): Actor; clock: Pick<Clock, 'now'>; scenarioTitle: string | null }) {
  async function context(ctx: CallContext) {
    const [departments, actors, incidents, units] = await Promise.all([ops['departments.list']({}, ctx), ops['actors.list']({}, ctx), ops['incidents.list']({}, ctx), ops['units.list']({}, ctx)]);
    const departmentName = (id: string | null) => departments.find((d) => d.id === id)?.name ?? id ?? '—';
    const actorName = (id: string) => (id === 'system' ? 'System' : (actors.find((a) => a.id === id)?.name ?? id));
    // The incident in hand: the newest one, else the scenario the app runs.
    const incident = [...incidents].sort((a, b) => b.createdAt - a.createdAt)[0]?.name ?? scenarioTitle ?? 'Polder';
    const me = who(ctx);
    const preparedBy = `${me.name}, ${departmentName(me.department)} ${roleName[me.role].toLowerCase()}`;
    return { departments, actors, units, departmentName, actorName, incident, preparedBy };
  }

  return {
    async form204(args: { department?: string | undefined; unitId?: string | undefined }, ctx: CallContext): Promise<Ics204> {
      const c = await context(ctx);
      const unitName = (id: string | null) => (id ? (c.units.find((u) => u.id === id)?.name ?? id) : null);
      const unit = args.unitId ? c.units.find((u) => u.id === args.unitId) : undefined;
      if (args.unitId && !unit) throw new PolderError('not_found', `No unit with id "${args.unitId}"`);
      if (args.department && !c.departments.some((d) => d.id === args.department)) throw new PolderError('not_found', `No department "${args.department}"`);
      const board = await ops['board.query']({ ...(args.department ? { department: args.department } : {}), ...(unit ? { unitId: unit.id } : {}), includeClosed: false }, ctx);
      const open = board.lanes.flatMap((l) => Object.values(l.tasks).flat()).filter((t) => !closed.has(t.status));
      const assignmentsOf = (tasks: Task[]) =>
        tasks
          .filter((t) => !closed.has(t.status))
          .sort((a, b) => (a.boardRank < b.boardRank ? -1 : a.boardRank > b.boardRank ? 1 : 0))
          .map((t) => ({ taskId: t.id, title: t.title, description: t.description, status: t.status, priority: t.priority, unit: unitName(t.unitId), dueAt: t.dueAt, overdue: t.overdue, location: place(t.location) }));
      const resourceOf = (u: Unit) => ({ id: u.id, name: u.name, kind: u.kind, status: u.status, quantity: u.quantity, location: place(u.location), note: u.note });
      const lead = (department: string) => c.actors.find((a) => a.department === department && a.role === 'lead')?.name ?? null;
      const divisions = unit
        ? [{ name: unit.name, supervisor: lead(unit.department), resources: [resourceOf(unit)], assignments: assignmentsOf(open) }]
        : board.lanes
            .filter((l) => !args.department || l.department.id === args.department)
            .map((l) => ({
              name: l.department.name,
              supervisor: lead(l.department.id),
              resources: c.units.filter((u) => u.department === l.department.id).map(resourceOf),
              assignments: assignmentsOf(Object.values(l.tasks).flat()),
            }));
      const from = open.length ? Math.min(...open.map((t) => t.createdAt)) : null;
      return { incident: c.incident, period: { from, to: clock.now() }, preparedBy: c.preparedBy, preparedAt: clock.now(), divisions };
    },

    async form214(args: { actorId?: string | undefined; unitId?: string | undefined; department?: string | undefined }, ctx: CallContext): Promise<Ics214> {
      const c = await context(ctx);
      let subject: Ics214['subject'];
      let resources: Ics214['resources'] = [];
      let entries: TimelineEntry[];
      if (args.actorId) {
        const person = c.actors.find((a) => a.id === args.actorId);
        if (!person) throw new PolderError('not_found', `No person with id "${args.actorId}"`);
        subject = { kind: 'person', name: person.name, position: roleName[person.role], agency: c.departmentName(person.department) };
        entries = await ops['timeline.query']({ actorId: person.id, limit: maxEntries }, ctx);
      } else if (args.unitId) {
        const unit = c.units.find((u) => u.id === args.unitId);
        if (!unit) throw new PolderError('not_found', `No unit with id "${args.unitId}"`);
        subject = { kind: 'unit', name: unit.name, position: unitKindName[unit.kind], agency: c.departmentName(unit.department) };
        resources = [{ name: unit.name, position: unitKindName[unit.kind], agency: c.departmentName(unit.department) }];
        // The unit's own entries and those of every task it is assigned to, from its department's
        // log (one query keeps the log's own order).
        const board = await ops['board.query']({ unitId: unit.id, includeClosed: true }, ctx);
        const ids = new Set([unit.id, ...board.lanes.flatMap((l) => Object.values(l.tasks).flat()).map((t) => t.id)]);
        entries = (await ops['timeline.query']({ department: unit.department, limit: maxEntries }, ctx)).filter((e) => ids.has(e.entityId));
      } else if (args.department) {
        if (!c.departments.some((d) => d.id === args.department)) throw new PolderError('not_found', `No department "${args.department}"`);
        subject = { kind: 'department', name: c.departmentName(args.department), position: null, agency: c.departmentName(args.department) };
        resources = c.actors.filter((a) => a.department === args.department).map((a) => ({ name: a.name, position: roleName[a.role], agency: c.departmentName(a.department) }));
        entries = await ops['timeline.query']({ department: args.department, limit: maxEntries }, ctx);
      } else {
        subject = { kind: 'all', name: 'All departments', position: null, agency: null };
        entries = await ops['timeline.query']({ limit: maxEntries }, ctx);
      }
      // The log answers newest first; entries of one millisecond keep the log's order.
      const inOrder = [...entries].reverse();
      return {
        incident: c.incident,
        period: { from: inOrder[0]?.at ?? null, to: inOrder.at(-1)?.at ?? clock.now() },
        subject,
        resources,
        entries: inOrder.map((e) => ({ at: e.at, activity: e.text && !e.summary.includes(e.text) ? `${e.summary} — “${e.text}”` : e.summary, by: `${c.actorName(e.actorId)}${e.department ? ` (${c.departmentName(e.department)})` : ''}` })),
        preparedBy: c.preparedBy,
        preparedAt: clock.now(),
      };
    },
  };
}

export type IcsForms = ReturnType<typeof createIcsForms>;

import type { Actor, Department } from '../api/ops.ts';

/** Who works in the crisis room and for which department. Configurable per deployment. */
export interface Directory {
  departments: Department[];
  actors: Actor[];
}

export const defaultDepartments: Department[] = [
  { id: 'eoc', name: 'Emergency Management (EOC)', short: 'EOC' },
  { id: 'fire', name: 'Fire & Rescue', short: 'FIRE' },
  { id: 'police', name: 'Police', short: 'POL' },
  { id: 'transport', name: 'Transport', short: 'TRN' },
  { id: 'works', name: 'Public Works / Drainage', short: 'PWD' },
  { id: 'utilities', name: 'Utilities', short: 'UTIL' },
  { id: 'health', name: 'Health / EMS', short: 'EMS' },
  { id: 'pio', name: 'Public Information', short: 'PIO' },
];

const names: Record<string, [string, string, string]> = {
  eoc: ['Margaret Okafor', 'Daniel Reyes', 'Priya Nair'],
  fire: ['Tom Brennan', 'Aisha Karimi', 'Luke Whitford'],
  police: ['Sandra Cole', 'Marcus Lindqvist', 'Hannah Petrov'],
  transport: ['Graham Hollis', 'Mei Chen', 'Oliver Grant'],
  works: ['Ruth Adeyemi', 'Sean Gallagher', 'Nina Kowalski'],
  utilities: ['Peter Vance', 'Lena Haas', 'Kofi Mensah'],
  health: ['Dr. Fiona Walsh', 'Jorge Alvarez', 'Sophie Laurent'],
  pio: ['Clare Donnelly', 'Ravi Shah', 'Emma Stone'],
};

/** A lead and two members per department, plus one read-only observer (exercise controller). */
export function defaultRoster(departments: readonly Department[]): Actor[] {
  const actors = departments.flatMap((d): Actor[] => {
    const [lead, a, b] = names[d.id] ?? [`${d.short} Lead`, `${d.short} Officer 1`, `${d.short} Officer 2`];
    return [
      { id: `${d.id}-lead`, name: lead, department: d.id, role: 'lead' },
      { id: `${d.id}-1`, name: a, department: d.id, role: 'member' },
      { id: `${d.id}-2`, name: b, department: d.id, role: 'member' },
    ];
  });
  return [...actors, { id: 'observer', name: 'Exercise Observer', department: departments[0]?.id ?? 'eoc', role: 'observer' }];
}

export function defaultDirectory(): Directory {
  return { departments: defaultDepartments, actors: defaultRoster(defaultDepartments) };
}

/** Checks a configured directory: unique ids, every actor in a known department, an EOC department. */
export function validateDirectory(dir: Directory): Directory {
  const deptIds = new Set<string>();
  for (const d of dir.departments) {
    if (deptIds.has(d.id)) throw new Error(`department "${d.id}" is listed twice`);
    deptIds.add(d.id);
  }
  if (!deptIds.has('eoc')) throw new Error('the directory needs an "eoc" department: it coordinates and decides resources');
  const actorIds = new Set<string>();
  for (const a of dir.actors) {
    if (actorIds.has(a.id)) throw new Error(`actor "${a.id}" is listed twice`);
    if (!deptIds.has(a.department)) throw new Error(`actor "${a.id}" belongs to unknown department "${a.department}"`);
    actorIds.add(a.id);
  }
  return dir;
}

export interface UnitSeed {
  id: string;
  name: string;
  kind: 'crew' | 'pump' | 'vehicle' | 'stock' | 'team';
  department: string;
  quantity?: number;
}

/** The units a fresh store starts with, by department. Deterministic ids, so devices seeding alike merge. */
export const defaultUnits: UnitSeed[] = [
  { id: 'unit-fire-engine-1', name: 'Engine 1', kind: 'vehicle', department: 'fire' },
  { id: 'unit-fire-engine-2', name: 'Engine 2', kind: 'vehicle', department: 'fire' },
  { id: 'unit-fire-swiftwater', name: 'Swift-water Rescue Team', kind: 'team', department: 'fire' },
  { id: 'unit-police-patrol-1', name: 'Patrol 1', kind: 'vehicle', department: 'police' },
  { id: 'unit-police-patrol-2', name: 'Patrol 2', kind: 'vehicle', department: 'police' },
  { id: 'unit-transport-traffic', name: 'Traffic Control Crew', kind: 'crew', department: 'transport' },
  { id: 'unit-transport-bus-1', name: 'Evacuation Bus 1', kind: 'vehicle', department: 'transport' },
  { id: 'unit-works-pump-p1', name: 'High-capacity Pump P1', kind: 'pump', department: 'works' },
  { id: 'unit-works-pump-p2', name: 'Portable Pump P2', kind: 'pump', department: 'works' },
  { id: 'unit-works-drainage-1', name: 'Drainage Crew 1', kind: 'crew', department: 'works' },
  { id: 'unit-works-sandbags', name: 'Sandbag Stock (Depot)', kind: 'stock', department: 'works', quantity: 5000 },
  { id: 'unit-utilities-electric-1', name: 'Electrical Crew 1', kind: 'crew', department: 'utilities' },
  { id: 'unit-utilities-generator-1', name: 'Generator G1', kind: 'pump', department: 'utilities' },
  { id: 'unit-health-ambulance-1', name: 'Ambulance 1', kind: 'vehicle', department: 'health' },
  { id: 'unit-health-ambulance-2', name: 'Ambulance 2', kind: 'vehicle', department: 'health' },
  { id: 'unit-pio-media', name: 'Media Team', kind: 'team', department: 'pio' },
];

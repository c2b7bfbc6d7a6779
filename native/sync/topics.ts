/** An organisation's name when none is given (`--org`, POLDER_ORG): sync, reports and the feed agree on it. */
export const defaultOrg = 'polder';

/** The MQTT topics of one organisation: its operations log, its roster, its public reports and an exercise's clock. */
export function syncTopics(org: string) {
  checkSegment('organisation name', org);
  const base = `polder/v1/${org}`;
  return {
    events: (origin: string) => `${base}/events/${origin}`,
    digest: (node: string) => `${base}/digest/${node}`,
    request: (origin: string) => `${base}/req/${origin}`,
    presence: (node: string) => `${base}/presence/${node}`,
    /** The organisation's signed roster, retained: what its admin publishes for every node to take in. */
    roster: `${base}/roster`,
    /** Citizen and field reports, one a message (native/reports). */
    reports: `${base}/reports`,
    /** An exercise's clock, retained by the controller's node (the org is then `<org>.exercise-<id>`). */
    exerciseClock: `${base}/exercise/clock`,
    /** Every origin's events (subscribed with No Local: see link.ts). */
    allEvents: `${base}/events/+`,
    /** Everything else a node follows. */
    control: [`${base}/digest/+`, `${base}/req/+`, `${base}/presence/+`, `${base}/roster`],
    /** Which channel a received topic is on, and its last segment. */
    parse(topic: string): { channel: 'events' | 'digest' | 'req' | 'presence' | 'roster'; id: string } | null {
      if (topic === `${base}/roster`) return { channel: 'roster', id: '' };
      if (!topic.startsWith(`${base}/`)) return null;
      const [channel, id, ...rest] = topic.slice(base.length + 1).split('/');
      if (rest.length || !id) return null;
      if (channel === 'events' || channel === 'digest' || channel === 'req' || channel === 'presence') return { channel, id };
      return null;
    },
  };
}

export type SyncTopics = ReturnType<typeof syncTopics>;

/** A topic level must be non-empty and free of MQTT's separators and wildcards. */
export function checkSegment(what: string, value: string): void {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(value)) {
    throw new Error(`${what} "${value}" may only use letters, digits, '.', '_' and '-' (1-64 characters)`);
  }
}

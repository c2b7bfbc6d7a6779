import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Invoke, Method } from '../../../native/api/index.ts';
import type { Actor, Department, Unit } from '../../../native/api/ops.ts';
import { useHost, useLink } from '../bridge/host-context.tsx';
import { windowKey } from '../shell/window-layout.ts';
import { readPref, writePref } from '../ui/prefs.ts';

export type Call = <M extends Method>(method: M, args: Invoke[M][0]) => Promise<Invoke[M][1]>;

interface Session {
  actor: Actor | null;
  actors: Actor[];
  departments: Department[];
  units: Unit[];
  /** Null until the roster has loaded; a message if it could not be. */
  rosterError: string | null;
  signIn(actorId: string): Promise<void>;
  /** Signs out at the host too, and forgets this device's remembered sign-in. */
  signOut(): void;
  /**
   * bridge.invoke that signs in again once if the host forgot the session (reconnect, restart).
   * A new function after each reconnection, so every effect that loads through it loads afresh.
   */
  call: Call;
  departmentName(id: string | null): string;
  actorName(id: string): string;
  unitName(id: string | null): string;
}

const SessionContext = createContext<Session | null>(null);
/** Who signed in last at this window: each window (monitor) may be a different person. */
const actorPref = (): string => `window.${windowKey(location.hash)}.actorId`;

function isUnauthenticated(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'unauthenticated';
}

/** Who is signed in at this window; the roster, departments and units every panel names things by. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { bridge } = useHost();
  const { state: connection, generation } = useLink();
  const [actors, setActors] = useState<Actor[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [actor, setActor] = useState<Actor | null>(null);
  const [rosterError, setRosterError] = useState<string | null>(null);
  const actorRef = useRef<string | null>(readPref<string | null>(actorPref(), null));

  const call = useCallback<Call>(
    async (method, args) => {
      try {
        return await bridge.invoke(method, args);
      } catch (err) {
        if (!isUnauthenticated(err) || !actorRef.current || method === 'session.login') throw err;
        await bridge.invoke('session.login', { actorId: actorRef.current });
        return bridge.invoke(method, args);
      }
    },
    // generation: pushes sent while the link was down are lost, so loaders keyed on `call` reload.
    [bridge, generation],
  );

  const signIn = useCallback(
    async (actorId: string) => {
      const signedIn = await bridge.invoke('session.login', { actorId });
      actorRef.current = signedIn.id;
      writePref(actorPref(), signedIn.id);
      setActor(signedIn);
    },
    [bridge],
  );

  const signOut = useCallback(() => {
    actorRef.current = null;
    writePref(actorPref(), null);
    setActor(null);
    // A host that cannot be reached has no session to end: the next connection starts signed out.
    bridge.invoke('session.logout', {}).catch(() => {});
  }, [bridge]);

  // Roster first (needs no sign-in), then the remembered actor of this device, if any.
  // Every (re)connection is a new host session, so sign in again then.
  useEffect(() => {
    if (connection !== 'open') return;
    let cancelled = false;
    Promise.all([bridge.invoke('actors.list', {}), bridge.invoke('departments.list', {})]).then(
      ([a, d]) => {
        if (cancelled) return;
        setActors(a);
        setDepartments(d);
        setRosterError(null);
        const remembered = actorRef.current;
        if (remembered && a.some((x) => x.id === remembered)) signIn(remembered).catch(() => signOut());
      },
      (err: Error) => !cancelled && setRosterError(err.message),
    );
    return () => {
      cancelled = true;
    };
  }, [bridge, connection, signIn, signOut]);

  useEffect(() => {
    if (!actor) return;
    const load = () => call('units.list', {}).then(setUnits, () => {});
    load();
    return bridge.subscribe('units.changed', load);
  }, [actor, bridge, call]);

  const value = useMemo<Session>(() => {
    const deptById = new Map(departments.map((d) => [d.id, d]));
    const actorById = new Map(actors.map((a) => [a.id, a]));
    const unitById = new Map(units.map((u) => [u.id, u]));
    return {
      actor,
      actors,
      departments,
      units,
      rosterError,
      signIn,
      signOut,
      call,
      departmentName: (id) => (id === null ? '—' : (deptById.get(id)?.short ?? id)),
      actorName: (id) => (id === 'system' ? 'System' : (actorById.get(id)?.name ?? id)),
      unitName: (id) => (id === null ? 'Unassigned' : (unitById.get(id)?.name ?? id)),
    };
  }, [actor, actors, departments, units, rosterError, signIn, signOut, call]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

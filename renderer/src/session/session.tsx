import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Invoke, Method, SessionPolicy } from '../../../native/api/index.ts';
import type { Actor, Department, Unit } from '../../../native/api/ops.ts';
import { useHost, useLink } from '../bridge/host-context.tsx';
import { useIdleLock } from './idle-lock.ts';

export type Call = <M extends Method>(method: M, args: Invoke[M][0]) => Promise<Invoke[M][1]>;

interface Session {
  actor: Actor | null;
  /** Whose screen is locked (idle, or the host lost the session): they sign in again with their secret. */
  locked: Actor | null;
  actors: Actor[];
  departments: Department[];
  units: Unit[];
  policy: SessionPolicy | null;
  /** Null until the roster has loaded; a message if it could not be. */
  rosterError: string | null;
  /** Signs in with the person's PIN or password; rejects with the host's plain message when it is wrong. */
  signIn(actorId: string, secret: string): Promise<void>;
  /** Switch user: signs out at the host and shows everyone on the sign-in page. */
  signOut(): void;
  /** Locks the screen: signs out at the host; the same person (or another) signs in with their secret. */
  lock(): void;
  /**
   * bridge.invoke; a call the host refuses as unauthenticated while someone was signed in (a
   * restarted host keeps no sessions) locks the screen. A new function after each reconnection, so
   * every effect that loads through it loads afresh.
   */
  call: Call;
  departmentName(id: string | null): string;
  actorName(id: string): string;
  unitName(id: string | null): string;
}

const SessionContext = createContext<Session | null>(null);

function isUnauthenticated(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'unauthenticated';
}

/**
 * Who is signed in at this window; the roster, departments and units every panel names things by.
 * Nobody is remembered: a reload, a lock or a new host session asks for the person's secret again.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { bridge } = useHost();
  const { state: connection, generation } = useLink();
  const [actors, setActors] = useState<Actor[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [actor, setActor] = useState<Actor | null>(null);
  const [locked, setLocked] = useState<Actor | null>(null);
  const [policy, setPolicy] = useState<SessionPolicy | null>(null);
  const [rosterError, setRosterError] = useState<string | null>(null);
  const actorRef = useRef<Actor | null>(null);

  const lock = useCallback(() => {
    const was = actorRef.current;
    actorRef.current = null;
    setActor(null);
    if (was) setLocked(was);
    // A host that cannot be reached has no session to end: the next connection starts signed out.
    bridge.invoke('session.logout', {}).catch(() => {});
  }, [bridge]);

  const signOut = useCallback(() => {
    lock();
    setLocked(null);
  }, [lock]);

  const call = useCallback<Call>(
    async (method, args) => {
      try {
        return await bridge.invoke(method, args);
      } catch (err) {
        if (isUnauthenticated(err) && actorRef.current && method !== 'session.login') lock();
        throw err;
      }
    },
    // generation: pushes sent while the link was down are lost, so loaders keyed on `call` reload.
    [bridge, generation, lock],
  );

  const signIn = useCallback(
    async (actorId: string, secret: string) => {
      const signedIn = await bridge.invoke('session.login', { actorId, secret });
      actorRef.current = signedIn;
      setLocked(null);
      setActor(signedIn);
    },
    [bridge],
  );

  // Roster and policy first (they need no sign-in). A new connection is a new host session: whoever
  // was signed in here is asked for their secret again unless the host still knows them.
  useEffect(() => {
    if (connection !== 'open') return;
    let cancelled = false;
    Promise.all([bridge.invoke('actors.list', {}), bridge.invoke('departments.list', {}), bridge.invoke('session.policy', {}), bridge.invoke('session.current', {})]).then(
      ([a, d, p, current]) => {
        if (cancelled) return;
        setActors(a);
        setDepartments(d);
        setPolicy(p);
        setRosterError(null);
        if (actorRef.current && current?.id !== actorRef.current.id) lock();
      },
      (err: Error) => !cancelled && setRosterError(err.message),
    );
    return () => {
      cancelled = true;
    };
  }, [bridge, connection, generation, lock]);

  useIdleLock(actor !== null && policy !== null, policy?.lockAfterMs ?? 0, lock);

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
      locked,
      actors,
      departments,
      units,
      policy,
      rosterError,
      signIn,
      signOut,
      lock,
      call,
      departmentName: (id) => (id === null ? '—' : (deptById.get(id)?.short ?? id)),
      actorName: (id) => (id === 'system' ? 'System' : (actorById.get(id)?.name ?? id)),
      unitName: (id) => (id === null ? 'Unassigned' : (unitById.get(id)?.name ?? id)),
    };
  }, [actor, locked, actors, departments, units, policy, rosterError, signIn, signOut, lock, call]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

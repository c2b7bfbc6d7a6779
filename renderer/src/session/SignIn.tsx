import { useMemo, useState } from 'react';
import type { Actor } from '../../../native/api/ops.ts';
import { useToasts } from '../ui/toasts.tsx';
import { useSession } from './session.tsx';

const roleLabel: Record<Actor['role'], string> = { lead: 'Lead', member: 'Member', observer: 'Observer (read only)' };

/** Who is at this keyboard: the roster from the host, grouped by department. */
export function SignIn() {
  const { actors, departments, signIn, rosterError } = useSession();
  const toasts = useToasts();
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const match = (a: Actor) => !f || a.name.toLowerCase().includes(f) || a.department.includes(f) || a.role.includes(f);
    return departments.map((d) => ({ department: d, actors: actors.filter((a) => a.department === d.id && match(a)) })).filter((g) => g.actors.length > 0);
  }, [actors, departments, filter]);

  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Who is at this workstation?</h2>
      <p className="muted">Every action is logged under your name (ICS 214). This device remembers your choice.</p>
      {rosterError && <p role="alert">The roster could not be loaded: {rosterError}</p>}
      <label className="field">
        <span>Find yourself</span>
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} autoFocus placeholder="Name, department or role" />
      </label>
      <div className="sign-in-groups">
        {groups.map(({ department, actors: people }) => (
          <section key={department.id} className="sign-in-group" aria-label={department.name}>
            <h3>{department.name}</h3>
            <ul>
              {people.map((a) => (
                <li key={a.id}>
                  <button type="button" className="actor-button" data-testid={`sign-in-${a.id}`} onClick={() => signIn(a.id).catch(toasts.error)}>
                    <span className="actor-name">{a.name}</span>
                    <span className="actor-role">{roleLabel[a.role]}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </main>
  );
}

import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Actor } from '../../../native/api/ops.ts';
import { useSession } from './session.tsx';

const roleLabel: Record<Actor['role'], string> = { lead: 'Lead', member: 'Member', observer: 'Observer (read only)' };

/** Who is at this keyboard: the roster from the host, grouped by department; then their PIN or password. */
export function SignIn() {
  const { actors, locked, policy, rosterError } = useSession();
  const [chosen, setChosen] = useState<Actor | null>(locked);
  useEffect(() => setChosen(locked), [locked]);
  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      {rosterError && <p role="alert">The roster could not be loaded: {rosterError}</p>}
      {chosen && actors.some((a) => a.id === chosen.id) ? (
        <SecretStep person={chosen} locked={locked?.id === chosen.id} onBack={() => setChosen(null)} />
      ) : (
        <PersonStep onChoose={setChosen} />
      )}
      {policy?.demo && <p className="muted">This is the built-in demo roster of the bundled scenario: its PINs are printed in the README.</p>}
    </main>
  );
}

function PersonStep({ onChoose }: { onChoose(person: Actor): void }) {
  const { actors, departments } = useSession();
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const match = (a: Actor) => !f || a.name.toLowerCase().includes(f) || a.department.includes(f) || a.role.includes(f);
    return departments.map((d) => ({ department: d, actors: actors.filter((a) => a.department === d.id && match(a)) })).filter((g) => g.actors.length > 0);
  }, [actors, departments, filter]);
  return (
    <>
      <h2 id="sign-in-title">Who is at this workstation?</h2>
      <p className="muted">Every action is logged under your name (ICS 214). You sign in with your own PIN or password; this device remembers no one.</p>
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
                  <button type="button" className="actor-button" data-testid={`sign-in-${a.id}`} onClick={() => onChoose(a)}>
                    <span className="actor-name">{a.name}</span>
                    <span className="actor-role">{roleLabel[a.role]}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}

function SecretStep({ person, locked, onBack }: { person: Actor; locked: boolean; onBack(): void }) {
  const { signIn, departmentName } = useSession();
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!secret || busy) return;
    setBusy(true);
    try {
      await signIn(person.id, secret);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setSecret('');
      setBusy(false);
      input.current?.focus();
    }
  }

  return (
    <form className="sign-in-secret" onSubmit={submit} data-testid="sign-in-form">
      <h2 id="sign-in-title">{locked ? `Locked: ${person.name}` : person.name}</h2>
      <p className="muted">
        {departmentName(person.department)} · {roleLabel[person.role]}
        {locked ? ' — this screen was locked. Enter your PIN or password to go on.' : ''}
      </p>
      <label className="field">
        <span>PIN or password</span>
        <input ref={input} type="password" autoComplete="current-password" value={secret} onChange={(e) => setSecret(e.target.value)} autoFocus data-testid="sign-in-secret" aria-invalid={error !== null} aria-describedby={error ? 'sign-in-error' : undefined} />
      </label>
      {error && (
        <p role="alert" id="sign-in-error" className="sign-in-error" data-testid="sign-in-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={!secret || busy} data-testid="sign-in-submit">
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <button type="button" className="button" onClick={onBack} data-testid="sign-in-back">
          {locked ? 'Switch user' : 'Someone else'}
        </button>
      </div>
    </form>
  );
}

import type { ReactNode } from 'react';

/** A titled region of the workspace layout. */
export function Panel({ id, title, children }: { id: string; title: string; children?: ReactNode }) {
  return (
    <section className={`panel panel-${id}`} aria-labelledby={`panel-${id}-title`}>
      <h2 id={`panel-${id}-title`}>{title}</h2>
      <div className="panel-body">{children ?? <p className="placeholder">Nothing here yet.</p>}</div>
    </section>
  );
}

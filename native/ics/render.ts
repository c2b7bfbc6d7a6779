import type { Ics204, Ics214 } from '../api/ics.ts';

// ICS 204 and ICS 214 as a printable HTML page (one self-contained file, no scripts) and as CSV
// (RFC 4180, one row per assignment or activity). Times are UTC, written so a person reads them.

const statusName: Record<Ics204['divisions'][number]['assignments'][number]['status'], string> = { new: 'New', assigned: 'Assigned', in_progress: 'In progress', blocked: 'Blocked', done: 'Done', cancelled: 'Cancelled' };
const unitStatusName: Record<Ics204['divisions'][number]['resources'][number]['status'], string> = { available: 'Available', assigned: 'Assigned', en_route: 'En route', on_scene: 'On scene', out_of_service: 'Out of service' };

/** "2007-06-08 12:00 UTC". */
export const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const period = ({ from, to }: { from: number | null; to: number }) => (from === null ? `to ${utc(to)}` : `${utc(from)} to ${utc(to)}`);

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text safe inside HTML elements and attributes. */
export const html = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]!);

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${html(title)}</title>
<style>
  @page { size: A4; margin: 14mm; }
  body { font: 10pt/1.35 system-ui, sans-serif; color: #000; margin: 0; }
  h1 { font-size: 14pt; margin: 0 0 6pt; }
  h2 { font-size: 11pt; margin: 12pt 0 4pt; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 8pt; }
  th, td { border: 0.6pt solid #000; padding: 3pt 5pt; text-align: left; vertical-align: top; }
  th { background: #eee; }
  tr { break-inside: avoid; }
  .division { break-before: page; }
  .division:first-of-type { break-before: auto; }
  .note { color: #333; font-size: 9pt; }
</style>
</head>
<body>
${body}
</body>
</html>
`;

const fields = (rows: [string, string][]) => `<table class="fields"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${html(k)}</th><td>${html(v)}</td></tr>`).join('')}</tbody></table>`;

export function ics204Html(form: Ics204): string {
  const divisions = form.divisions
    .map(
      (d) => `<section class="division">
<h1>ASSIGNMENT LIST (ICS 204)</h1>
${fields([
  ['1. Incident name', form.incident],
  ['2. Operational period', period(form.period)],
  ['4. Division / group', d.name],
  ['5. Division / group supervisor', d.supervisor ?? '—'],
])}
<h2>6. Resources assigned</h2>
<table><thead><tr><th>Resource</th><th>Kind</th><th>Status</th><th>Quantity</th><th>Location / notes</th></tr></thead><tbody>
${d.resources.map((r) => `<tr><td>${html(r.name)}</td><td>${html(r.kind)}</td><td>${html(unitStatusName[r.status])}</td><td>${r.quantity ?? '—'}</td><td>${html([r.location, r.note].filter(Boolean).join(' — ') || '—')}</td></tr>`).join('\n') || '<tr><td colspan="5">No resources assigned</td></tr>'}
</tbody></table>
<h2>7. Work assignments</h2>
<table><thead><tr><th>Assignment</th><th>Priority</th><th>Status</th><th>Unit</th><th>Due</th><th>Location</th></tr></thead><tbody>
${d.assignments.map((a) => `<tr><td>${html(a.title)}${a.description ? `<div class="note">${html(a.description)}</div>` : ''}</td><td>${html(a.priority)}</td><td>${html(statusName[a.status])}</td><td>${html(a.unit ?? '—')}</td><td>${a.dueAt === null ? '—' : html(utc(a.dueAt)) + (a.overdue ? ' (overdue)' : '')}</td><td>${html(a.location ?? '—')}</td></tr>`).join('\n') || '<tr><td colspan="6">No open assignments</td></tr>'}
</tbody></table>
${fields([['10. Prepared by', `${form.preparedBy}, ${utc(form.preparedAt)}`]])}
</section>`,
    )
    .join('\n');
  return page(`ICS 204 — ${form.incident}`, divisions || '<h1>ASSIGNMENT LIST (ICS 204)</h1><p>No divisions.</p>');
}

export function ics214Html(form: Ics214): string {
  const { subject } = form;
  return page(
    `ICS 214 — ${subject.name}`,
    `<h1>ACTIVITY LOG (ICS 214)</h1>
${fields([
  ['1. Incident name', form.incident],
  ['2. Operational period', period(form.period)],
  ['3. Name', subject.name],
  ['4. ICS position', subject.position ?? '—'],
  ['5. Home agency (and unit)', subject.agency ?? '—'],
])}
<h2>6. Resources assigned</h2>
<table><thead><tr><th>Name</th><th>ICS position</th><th>Home agency (and unit)</th></tr></thead><tbody>
${form.resources.map((r) => `<tr><td>${html(r.name)}</td><td>${html(r.position)}</td><td>${html(r.agency)}</td></tr>`).join('\n') || '<tr><td colspan="3">—</td></tr>'}
</tbody></table>
<h2>7. Activity log</h2>
<table><thead><tr><th>Date/time</th><th>Notable activities</th></tr></thead><tbody>
${form.entries.map((e) => `<tr><td>${html(utc(e.at))}</td><td>${html(e.activity)} — ${html(e.by)}</td></tr>`).join('\n') || '<tr><td colspan="2">No activity</td></tr>'}
</tbody></table>
${fields([['8. Prepared by', `${form.preparedBy}, ${utc(form.preparedAt)}`]])}`,
  );
}

/** One CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ (a
 * spreadsheet formula) gets a ' so opening the file runs nothing. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
const csv = (rows: (string | number | null)[][]) => rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));

export function ics204Csv(form: Ics204): string {
  return csv([
    ['incident', 'division', 'supervisor', 'assignment', 'description', 'priority', 'status', 'unit', 'due_utc', 'overdue', 'location'],
    ...form.divisions.flatMap((d) => d.assignments.map((a) => [form.incident, d.name, d.supervisor, a.title, a.description, a.priority, a.status, a.unit, iso(a.dueAt), a.overdue ? 'yes' : 'no', a.location])),
  ]);
}

export function ics214Csv(form: Ics214): string {
  return csv([['incident', 'name', 'position', 'agency', 'time_utc', 'activity', 'by'], ...form.entries.map((e) => [form.incident, form.subject.name, form.subject.position, form.subject.agency, iso(e.at), e.activity, e.by])]);
}

/** Where times are shown: the device's own zone (the default), or UTC on demand. */
export type TimeZoneChoice = 'local' | 'utc';

const tz = (zone: TimeZoneChoice) => (zone === 'utc' ? 'UTC' : undefined);

function parts(ms: number, zone: TimeZoneChoice, options: Intl.DateTimeFormatOptions, locale: string | undefined = 'en-GB'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat(locale, { ...options, timeZone: tz(zone), hourCycle: 'h23' }).formatToParts(ms)) out[p.type] = p.value;
  return out;
}

/** "2026-12-06": the calendar day of `ms` in the zone. */
export function dayOf(ms: number, zone: TimeZoneChoice): string {
  const p = parts(ms, zone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  return `${p.year}-${p.month}-${p.day}`;
}

/** "14:30:05" in the zone. */
export function clockTime(ms: number, zone: TimeZoneChoice): string {
  const p = parts(ms, zone, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** "14:30" when `ms` falls on the day `today` (a `dayOf`), else "8 Jun 2007 14:30" (the year only when it differs). */
export function shortTime(ms: number, zone: TimeZoneChoice, today: string): string {
  const p = parts(ms, zone, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const time = `${p.hour}:${p.minute}`;
  const day = dayOf(ms, zone);
  if (day === today) return time;
  return day.slice(0, 4) === today.slice(0, 4) ? `${p.day} ${p.month} ${time}` : `${p.day} ${p.month} ${p.year} ${time}`;
}

/** "2007-06-08 14:30:05 UTC": a full, unambiguous time (tooltips, print). */
export function fullTime(ms: number, zone: TimeZoneChoice): string {
  return `${dayOf(ms, zone)} ${clockTime(ms, zone)} ${zoneName(ms, zone)}`;
}

/** The zone's short name at `ms` as the user's locale writes it: "UTC", "AEDT" (en-AU), "GMT+11". */
export function zoneName(ms: number, zone: TimeZoneChoice): string {
  return parts(ms, zone, { timeZoneName: 'short' }, undefined).timeZoneName ?? 'UTC';
}

/** "4m 05s", "2h 10m", "3d 4h": a duration for a countdown. */
export function duration(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  return `${m}m ${String(s % 60).padStart(2, '0')}s`;
}

/** For <input type="datetime-local">, in the zone times are shown in. */
export function toInputValue(ms: number | null, zone: TimeZoneChoice): string {
  if (ms === null) return '';
  const p = parts(ms, zone, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

export function fromInputValue(value: string, zone: TimeZoneChoice): number | null {
  if (!value) return null;
  // Without a zone suffix, Date reads a date-time as local time.
  const ms = zone === 'utc' ? Date.parse(`${value}:00Z`) : new Date(`${value}:00`).getTime();
  return Number.isNaN(ms) ? null : ms;
}

/** Where times are shown: the device's own zone (the default), or UTC on demand. */
export type TimeZoneChoice = 'local' | 'utc';

type Parts = Record<string, string>;

/**
 * The formatters of one zone, each Intl.DateTimeFormat built once: building one costs about a
 * hundred times what using it does, and a list of 300 times would otherwise build thousands.
 */
export function timeFormats(zone: TimeZoneChoice) {
  const format = (options: Intl.DateTimeFormatOptions, locale: string | undefined = 'en-GB') => {
    const f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone === 'utc' ? 'UTC' : undefined, hourCycle: 'h23' });
    return (ms: number): Parts => {
      const out: Parts = {};
      for (const p of f.formatToParts(ms)) out[p.type] = p.value;
      return out;
    };
  };
  const dateParts = format({ year: 'numeric', month: '2-digit', day: '2-digit' });
  const clockParts = format({ hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const shortParts = format({ year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const inputParts = format({ year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const zoneParts = format({ timeZoneName: 'short' }, undefined);

  /** "2026-12-06": the calendar day of `ms` in the zone. */
  const dayOf = (ms: number) => {
    const p = dateParts(ms);
    return `${p.year}-${p.month}-${p.day}`;
  };
  /** "14:30:05" in the zone. */
  const clockTime = (ms: number) => {
    const p = clockParts(ms);
    return `${p.hour}:${p.minute}:${p.second}`;
  };
  /** The zone's short name at `ms` as the user's locale writes it: "UTC", "AEDT" (en-AU), "GMT+11". */
  const zoneName = (ms: number) => zoneParts(ms).timeZoneName ?? 'UTC';
  return {
    dayOf,
    clockTime,
    zoneName,
    /** "14:30" when `ms` falls on the day `today` (a `dayOf`), else "8 Jun 2007 14:30" (the year only when it differs). */
    shortTime(ms: number, today: string): string {
      const p = shortParts(ms);
      const time = `${p.hour}:${p.minute}`;
      const day = dayOf(ms);
      if (day === today) return time;
      return day.slice(0, 4) === today.slice(0, 4) ? `${p.day} ${p.month} ${time}` : `${p.day} ${p.month} ${p.year} ${time}`;
    },
    /** "2007-06-08 14:30:05 UTC": a full, unambiguous time (tooltips, print). */
    fullTime: (ms: number) => `${dayOf(ms)} ${clockTime(ms)} ${zoneName(ms)}`,
    /** For <input type="datetime-local">, in the zone times are shown in. */
    toInputValue(ms: number | null): string {
      if (ms === null) return '';
      const p = inputParts(ms);
      return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
    },
  };
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

/** Reads an <input type="datetime-local"> value in the zone times are shown in. */
export function fromInputValue(value: string, zone: TimeZoneChoice): number | null {
  if (!value) return null;
  // Without a zone suffix, Date reads a date-time as local time.
  const ms = zone === 'utc' ? Date.parse(`${value}:00Z`) : new Date(`${value}:00`).getTime();
  return Number.isNaN(ms) ? null : ms;
}

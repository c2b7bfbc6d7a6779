import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { fromInputValue, timeFormats, type TimeZoneChoice } from '../ui/time.ts';
import { useClock } from './clock-context.tsx';
import { useUiPrefs } from './ui-prefs.tsx';

export interface TimeFormat {
  zone: TimeZoneChoice;
  /** "14:30" today (by the app clock), "8 Jun 14:30" on another day. */
  short(ms: number): string;
  /** "2007-06-08 14:30:05 AEST". */
  full(ms: number): string;
  /** "14:30:05". */
  clock(ms: number): string;
  /** The zone's short name now: "AEDT", "UTC". */
  zoneName: string;
  toInput(ms: number | null): string;
  fromInput(value: string): number | null;
}

const TimeFormatContext = createContext<TimeFormat | null>(null);

/** How times read everywhere: the chosen zone, and "today" from the app clock. Changes only when
 * the day or the zone does, so lists of times do not re-render on every clock tick. */
export function TimeFormatProvider({ children }: { children: ReactNode }) {
  const { utc } = useUiPrefs();
  const tick = useClock();
  const zone: TimeZoneChoice = utc ? 'utc' : 'local';
  const now = tick?.now ?? null;
  const formats = useMemo(() => timeFormats(zone), [zone]);
  const today = now === null ? '' : formats.dayOf(now);
  const name = formats.zoneName(now ?? 0);
  const value = useMemo<TimeFormat>(
    () => ({
      zone,
      short: (ms) => formats.shortTime(ms, today),
      full: formats.fullTime,
      clock: formats.clockTime,
      zoneName: name,
      toInput: formats.toInputValue,
      fromInput: (v) => fromInputValue(v, zone),
    }),
    [zone, formats, today, name],
  );
  return <TimeFormatContext.Provider value={value}>{children}</TimeFormatContext.Provider>;
}

export function useTimeFormat(): TimeFormat {
  const format = useContext(TimeFormatContext);
  if (!format) throw new Error('useTimeFormat outside TimeFormatProvider');
  return format;
}

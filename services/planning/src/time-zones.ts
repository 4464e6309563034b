/**
 * Wall-clock times in IANA time zones. A meeting is entered as a local date-time and a zone
 * (Europe/Helsinki by default); it is stored both ways: as entered, for the invitation's
 * `DTSTART;TZID=…`, and as an instant, for conflicts and the calendar.
 */

export const DEFAULT_TIME_ZONE = 'Europe/Helsinki';

const ZONE_NAME = /^(?:UTC|[A-Z][A-Za-z_-]+(?:\/[A-Za-z0-9_+-]+){1,2})$/;
const supported = new Set<string>(Intl.supportedValuesOf('timeZone'));
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * True for an IANA zone name the runtime knows (`Europe/Helsinki`, `UTC`). Offsets
 * (`+02:00`), abbreviations (`EET`) and wrong case (`europe/helsinki`) are refused, so what
 * is stored is what iCalendar's TZID and the VTIMEZONE use.
 */
export function isTimeZone(value: string): boolean {
  if (!ZONE_NAME.test(value)) return false;
  if (supported.has(value) || value === 'UTC') return true;
  try {
    // Links such as Europe/Kiev are valid zone names that supportedValuesOf may omit.
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone === value;
  } catch {
    return false;
  }
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of the instant `t` in `zone`. */
export function wallClockAt(t: Date, zone: string): WallClock {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formats.set(zone, format);
  }
  const fields: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of format.formatToParts(t)) {
    if (part.type in fields) fields[part.type as keyof WallClock] = Number(part.value);
  }
  return fields;
}

function offsetMs(t: number, zone: string): number {
  const f = wallClockAt(new Date(t), zone);
  return (
    Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - (t - (((t % 1000) + 1000) % 1000))
  );
}

/** True for `YYYY-MM-DDTHH:mm` naming a real calendar day and time. */
export function isLocalDateTime(value: string): boolean {
  const m = LOCAL.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h < 24 && mi < 60;
}

/**
 * The instant at which the wall clock in `zone` shows `local` (`YYYY-MM-DDTHH:mm`). In the
 * hour skipped at the spring change the next valid instant is taken; in the repeated autumn
 * hour, the first.
 */
export function zonedToInstant(local: string, zone: string): Date {
  const m = LOCAL.exec(local);
  if (!m) throw new RangeError(`Not a local date-time: ${local}`);
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const first = asUtc - offsetMs(asUtc, zone);
  return new Date(asUtc - offsetMs(first, zone));
}

/** `YYYY-MM-DDTHH:mm` of the instant in `zone`. */
export function instantToLocal(t: Date, zone: string): string {
  const f = wallClockAt(t, zone);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(f.year, 4)}-${p(f.month)}-${p(f.day)}T${p(f.hour)}:${p(f.minute)}`;
}

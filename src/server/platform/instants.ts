/**
 * A `timestamptz` as PostgreSQL writes it in text (`2026-03-05 14:07:09.123456+00`, the session's
 * time zone after the seconds), turned into the ISO 8601 instant a response carries
 * (`2026-03-05T14:07:09.123Z`, milliseconds truncated as a Date keeps them).
 *
 * A list of 50 lines with three instants each paid node-postgres's date parser (a regular
 * expression and a Date per value) then `toISOString()` per value: measured at a third of the
 * campaigns list's own CPU. In UTC (the server's zone here, `Etc/UTC`) the text already holds the
 * answer and is rearranged; another offset is computed exactly; anything else (infinity, years
 * before 1 or after 9999) goes through a Date as before.
 */
export function isoInstant(text: string): string {
  const length = text.length;
  // 'YYYY-MM-DD HH:MM:SS', an optional fraction, then the offset
  if (length < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return viaDate(text);
  const fractionEnd = length - 3;
  if (text.charCodeAt(fractionEnd) === 43 && text.charCodeAt(fractionEnd + 1) === 48 && text.charCodeAt(fractionEnd + 2) === 48) {
    // '+00': the text is the answer, rearranged
    if (fractionEnd === 19) return `${text.slice(0, 10)}T${text.slice(11, 19)}.000Z`;
    if (text.charCodeAt(19) !== 46) return viaDate(text);
    const millis = fractionEnd >= 23 ? text.slice(20, 23) : (text.slice(20, fractionEnd) + '00').slice(0, 3);
    return `${text.slice(0, 10)}T${text.slice(11, 19)}.${millis}Z`;
  }
  const zoneAt = zoneStart(text);
  const offsetMinutes = zoneAt > 0 ? zoneMinutes(text, zoneAt) : NaN;
  if (Number.isNaN(offsetMinutes)) return viaDate(text);
  const fraction = zoneAt > 20 && text.charCodeAt(19) === 46 ? text.slice(20, zoneAt) : '';
  if (!/^\d*$/.test(fraction)) return viaDate(text);
  const millis = (fraction + '000').slice(0, 3);
  const utc = Date.UTC(
    Number(text.slice(0, 4)),
    Number(text.slice(5, 7)) - 1,
    Number(text.slice(8, 10)),
    Number(text.slice(11, 13)),
    Number(text.slice(14, 16)),
    Number(text.slice(17, 19)),
    Number(millis),
  );
  return new Date(utc - offsetMinutes * 60_000).toISOString();
}

/** Where `+HH`, `-HH`, `+HH:MM` (or `+HH:MM:SS`) starts, after the time; -1 when there is none. */
function zoneStart(text: string): number {
  for (let i = 19; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 43 || c === 45) return i;
  }
  return -1;
}

function zoneMinutes(text: string, at: number): number {
  const zone = /^([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?$/.exec(text.slice(at));
  if (!zone) return NaN;
  // offsets with seconds (local mean time, before 1900) are left to the Date path
  if (zone[4] !== undefined) return NaN;
  const minutes = Number(zone[2]) * 60 + Number(zone[3] ?? 0);
  return zone[1] === '-' ? -minutes : minutes;
}

/** The slow, general path: what node-postgres and a Date would give. */
function viaDate(text: string): string {
  const zone = /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))?([+-]\d\d)(?::?(\d\d))?(?::?(\d\d))?$/.exec(text);
  if (!zone) {
    const date = new Date(text);
    if (Number.isNaN(date.getTime())) throw new RangeError(`Instant illisible : ${text}`);
    return date.toISOString();
  }
  const [, y, mo, d, h, mi, s, fraction, offsetHours, offsetMinutes, offsetSeconds] = zone;
  const sign = offsetHours.startsWith('-') ? -1 : 1;
  const offsetMs = sign * ((Math.abs(Number(offsetHours)) * 60 + Number(offsetMinutes ?? 0)) * 60 + Number(offsetSeconds ?? 0)) * 1000;
  const millis = Number(((fraction ?? '') + '000').slice(0, 3));
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), millis) - offsetMs);
  // Date.UTC reads years 0 to 99 as 1900 to 1999
  if (Number(y) < 100) date.setUTCFullYear(date.getUTCFullYear() - 1900);
  return date.toISOString();
}

/** An instant that may already be a Date (a drizzle row, a fresh write) or PostgreSQL's text. */
export const isoOf = (at: Date | string): string => (typeof at === 'string' ? isoInstant(at) : at.toISOString());

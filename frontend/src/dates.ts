// Dates and times as the whole SPA writes them: in French, in the event's
// time zone (Europe/Paris unless it says another), whatever the browser's,
// with the typography of the French administration (« mardi 1er décembre
// 2026, 14 h 00 – 16 h 00 »). Every page formats through this module, so that
// one event reads the same on its page, in a list, in the month view, on Mon
// espace and in the notifications. Pure functions, unit-tested.

/** PARIS is the time zone events and timestamps are shown in when they say none. */
export const PARIS = "Europe/Paris";

/** NBSP joins what must not break apart at a line's end (« 14 h 00 »). */
const NBSP = "\u00a0";

type Parts = { weekday: string; day: number; month: string; year: string; hour: number; minute: string; ymd: string };

// One formatter per zone: Intl.DateTimeFormat is costly to build and a list
// formats hundreds of instants.
const formatters = new Map<string, { words: Intl.DateTimeFormat; digits: Intl.DateTimeFormat }>();

function formattersOf(timeZone: string) {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = {
      words: new Intl.DateTimeFormat("fr-FR", { timeZone, weekday: "long", day: "numeric", month: "long", year: "numeric" }),
      digits: new Intl.DateTimeFormat("en-GB", {
        timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }),
    };
    formatters.set(timeZone, f);
  }
  return f;
}

function parse(value: string): Date | null {
  // A calendar day (YYYY-MM-DD) is that day wherever one reads it: noon UTC
  // stays on it in every zone from UTC−11 to UTC+11.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function partsOf(date: Date, timeZone: string): Parts {
  const f = formattersOf(timeZone);
  const pick = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const words = f.words.formatToParts(date);
  const digits = f.digits.formatToParts(date);
  const year = pick(digits, "year");
  const month = pick(digits, "month");
  const day = pick(digits, "day");
  return {
    weekday: pick(words, "weekday"),
    day: Number(day),
    month: pick(words, "month"),
    year,
    hour: Number(pick(digits, "hour")),
    minute: pick(digits, "minute"),
    ymd: `${year}-${month}-${day}`,
  };
}

/** dayOfMonth writes the day's number, the first as French writes it: « 1er ». */
function dayOfMonth(day: number): string {
  return day === 1 ? "1er" : String(day);
}

/**
 * localInput writes an RFC 3339 instant as the wall-clock time of timeZone in
 * the form a datetime-local field holds (« 2026-03-12T14:00 »): what the API
 * reads back in the event's time zone. Empty for an empty or invalid value.
 */
export function localInput(value: string | null | undefined, timeZone: string = PARIS): string {
  const date = value ? parse(value) : null;
  if (date === null) return "";
  const p = partsOf(date, timeZone);
  return `${p.ymd}T${String(p.hour).padStart(2, "0")}:${p.minute}`;
}

/** dayKey gives the calendar day (YYYY-MM-DD) of an instant in timeZone: the month view's cells. */
export function dayKey(value: string, timeZone: string = PARIS): string {
  return localInput(value, timeZone).slice(0, 10);
}

/** formatTime writes an instant's time in timeZone as « 14 h 05 », « 0 h 27 », with non-breaking spaces. */
export function formatTime(value: string, timeZone: string = PARIS): string {
  const date = parse(value);
  if (date === null) return value;
  const p = partsOf(date, timeZone);
  return `${p.hour}${NBSP}h${NBSP}${p.minute}`;
}

/** formatDay writes an instant's day in timeZone as « jeudi 12 mars 2026 », « mardi 1er décembre 2026 ». */
export function formatDay(value: string, timeZone: string = PARIS): string {
  const date = parse(value);
  if (date === null) return value;
  const p = partsOf(date, timeZone);
  return `${p.weekday} ${dayOfMonth(p.day)} ${p.month} ${p.year}`;
}

/** formatDayTime writes an instant as « jeudi 12 mars 2026 à 14 h 00 » in timeZone. */
export function formatDayTime(value: string, timeZone: string = PARIS): string {
  if (parse(value) === null) return value;
  return `${formatDay(value, timeZone)} à ${formatTime(value, timeZone)}`;
}

/**
 * formatSpan writes when an event takes place: « mardi 1er décembre 2026,
 * 14 h 00 – 16 h 00 » on one day (the day written once), « jeudi 12 mars
 * 2026, 9 h 00 – vendredi 13 mars 2026, 17 h 00 » over several. The dash is
 * tied to the time before it, so that it never starts a line.
 */
export function formatSpan(startsAt: string, endsAt: string, timeZone: string = PARIS): string {
  const start = parse(startsAt);
  const end = parse(endsAt);
  if (start === null || end === null) return `${startsAt} – ${endsAt}`;
  const startTime = `${formatDay(startsAt, timeZone)}, ${formatTime(startsAt, timeZone)}`;
  if (dayKey(startsAt, timeZone) === dayKey(endsAt, timeZone)) return `${startTime}${NBSP}– ${formatTime(endsAt, timeZone)}`;
  return `${startTime}${NBSP}– ${formatDay(endsAt, timeZone)}, ${formatTime(endsAt, timeZone)}`;
}

/**
 * zoneNote says which clock the times are on: « heure de Paris », or the
 * zone's name for an event held elsewhere (« heure de America/Cayenne »).
 */
export function zoneNote(timeZone: string = PARIS): string {
  return timeZone === PARIS ? "heure de Paris" : `heure de ${timeZone}`;
}

/**
 * formatDate writes a calendar day or an instant's day in Paris, without the
 * weekday: « 1er décembre 2026 », « 12 mars 2025 » (when something was
 * declared, obtained, validated).
 */
export function formatDate(value: string, timeZone: string = PARIS): string {
  const date = parse(value);
  if (date === null) return value;
  const p = partsOf(date, timeZone);
  return `${dayOfMonth(p.day)} ${p.month} ${p.year}`;
}

/**
 * formatDateTime writes when something happened (a notification received, a
 * link created, a profile viewed), in Paris: « 1er décembre 2026 à 0 h 27 ».
 */
export function formatDateTime(value: string, timeZone: string = PARIS): string {
  if (parse(value) === null) return value;
  return `${formatDate(value, timeZone)} à ${formatTime(value, timeZone)}`;
}

/** formatClock writes a time of day given as « HH:MM » (quiet hours, a digest's time) as « 7 h 00 », « 17 h 30 ». */
export function formatClock(value: string): string {
  const m = /^(\d{1,2}):(\d{2})/.exec(value);
  if (m === null) return value;
  return `${Number(m[1])}${NBSP}h${NBSP}${m[2]}`;
}

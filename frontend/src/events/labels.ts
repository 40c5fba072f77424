// Words and dates of the events pages: what each enum value reads in French,
// and times written in the event's own time zone (Europe/Paris by default),
// whatever the browser's. Pure functions, unit-tested.
import type { EventFormat, EventKind, EventStatus } from "../gql/graphql";

/** EVENT_KINDS lists the kinds in the order the forms and filters offer them. */
export const EVENT_KINDS: readonly EventKind[] = ["MEETUP", "WEBINAR", "WORKSHOP", "CONFERENCE", "FAIR"];

/** EVENT_FORMATS lists the formats in the order the forms and filters offer them. */
export const EVENT_FORMATS: readonly EventFormat[] = ["ONSITE", "ONLINE", "HYBRID"];

/** KIND_LABELS name each kind of event. */
export const KIND_LABELS: Record<EventKind, string> = {
  MEETUP: "Rencontre",
  WEBINAR: "Webinaire",
  WORKSHOP: "Atelier",
  CONFERENCE: "Conférence",
  FAIR: "Salon",
};

/** FORMAT_LABELS name each format. */
export const FORMAT_LABELS: Record<EventFormat, string> = {
  ONSITE: "Sur place",
  ONLINE: "En ligne",
  HYBRID: "Hybride (sur place et en ligne)",
};

/** STATUS_LABELS name each status of an event. */
export const STATUS_LABELS: Record<EventStatus, string> = {
  DRAFT: "Brouillon",
  PUBLISHED: "Publié",
  CANCELLED: "Annulé",
};

/** PARIS is the time zone events are shown in when they say none. */
export const PARIS = "Europe/Paris";

function parts(date: Date, timeZone: string) {
  const fields = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => fields.find((p) => p.type === type)?.value ?? "";
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute") };
}

/**
 * localInput writes an RFC 3339 instant as the wall-clock time of timeZone in
 * the form a datetime-local field holds (« 2026-03-12T14:00 »): what the API
 * reads back in the event's time zone. Empty for an empty or invalid value.
 */
export function localInput(value: string | null | undefined, timeZone: string = PARIS): string {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  const p = parts(date, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** dayKey gives the calendar day (YYYY-MM-DD) of an instant in timeZone: the month view's cells. */
export function dayKey(value: string, timeZone: string = PARIS): string {
  return localInput(value, timeZone).slice(0, 10);
}

/** formatTime writes an instant's time in timeZone as « 14 h 05 ». */
export function formatTime(value: string, timeZone: string = PARIS): string {
  const p = parts(new Date(value), timeZone);
  return `${Number(p.hour)} h ${p.minute}`;
}

/** formatDay writes an instant's day in timeZone as « jeudi 12 mars 2026 », « mardi 1er décembre 2026 ». */
export function formatDay(value: string, timeZone: string = PARIS): string {
  const day = new Intl.DateTimeFormat("fr-FR", { timeZone, weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(
    new Date(value),
  );
  // French writes the first of the month as an ordinal; Intl does not.
  return day.replace(/^(\p{L}+ )1 /u, (_, weekday: string) => `${weekday}1er `);
}

/** formatDayTime writes an instant as « jeudi 12 mars 2026 à 14 h 00 » in timeZone. */
export function formatDayTime(value: string, timeZone: string = PARIS): string {
  return `${formatDay(value, timeZone)} à ${formatTime(value, timeZone)}`;
}

/**
 * formatSpan writes when an event takes place: « jeudi 12 mars 2026, de 14 h 00
 * à 16 h 30 » on one day, « du jeudi 12 mars 2026 à 9 h 00 au vendredi 13 mars
 * 2026 à 17 h 00 » over several; with « (heure de Paris) » when the zone is
 * Paris, else the zone's name.
 */
export function formatSpan(startsAt: string, endsAt: string, timeZone: string = PARIS): string {
  const zone = timeZone === PARIS ? "heure de Paris" : `fuseau ${timeZone}`;
  if (dayKey(startsAt, timeZone) === dayKey(endsAt, timeZone)) {
    return `${formatDay(startsAt, timeZone)}, de ${formatTime(startsAt, timeZone)} à ${formatTime(endsAt, timeZone)} (${zone})`;
  }
  return `du ${formatDayTime(startsAt, timeZone)} au ${formatDayTime(endsAt, timeZone)} (${zone})`;
}

/** seatsSentence says how many seats an event has and how many are left. */
export function seatsSentence(capacity: number | null, seatsLeft: number | null, registered: number): string {
  if (capacity === null) return `Places illimitées (${registered.toLocaleString("fr-FR")} ${registered <= 1 ? "inscription" : "inscriptions"}).`;
  const left = seatsLeft ?? 0;
  const seats = `${capacity.toLocaleString("fr-FR")} ${capacity <= 1 ? "place" : "places"}`;
  if (left === 0) return `${seats}, complet : les nouvelles inscriptions vont sur la liste d’attente.`;
  return `${seats}, ${left.toLocaleString("fr-FR")} ${left <= 1 ? "restante" : "restantes"}.`;
}

/** rank writes a waitlist position as French ordinals do: « 1re », « 2e ». */
export function rank(position: number): string {
  return position === 1 ? "1re" : `${position}e`;
}

// Words of the events pages: what each enum value reads in French, and how
// the seats of an event stand. Dates and times are src/dates.ts's.
// Pure functions, unit-tested.
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

/** SeatsView is what the seats summary reads of an event. */
export type SeatsView = {
  status: EventStatus;
  capacity: number | null;
  seatsLeft: number | null;
  registeredCount: number;
  waitlistCount: number;
  registrationDeadline: string;
  /** startsAt and endsAt tell an event under way or over from one still to come. */
  startsAt?: string;
  endsAt?: string;
};

/** Seats is the seats summary: its sentence, and whether the event is full (to colour it). */
export type Seats = { text: string; full: boolean };

function people(count: number, what: string): string {
  if (count === 0) return `aucune personne ${what}`;
  return `${count.toLocaleString("fr-FR")} ${count === 1 ? "personne" : "personnes"} ${what}`;
}

/**
 * seatsSummary says how an event's seats stand, the same on every page:
 * « 12 places libres sur 40 », « Complet : 3 personnes en liste d’attente »,
 * « Places illimitées : 12 personnes inscrites ». Once registration is
 * closed it says so instead of offering the waitlist, and once the event
 * began or took place it says that (« A eu lieu : 20 personnes inscrites »); a cancelled event has
 * no seats to tell (empty text); a draft tells its capacity.
 */
export function seatsSummary(e: SeatsView, now: Date = new Date()): Seats {
  const fr = (n: number) => n.toLocaleString("fr-FR");
  if (e.status === "CANCELLED") return { text: "", full: false };
  if (e.status === "DRAFT") {
    return { text: e.capacity === null ? "Places illimitées" : `${fr(e.capacity)} ${e.capacity === 1 ? "place" : "places"}`, full: false };
  }
  const registered = () => people(e.registeredCount, e.registeredCount <= 1 ? "inscrite" : "inscrites");
  if (e.endsAt && now.getTime() >= new Date(e.endsAt).getTime()) return { text: `A eu lieu : ${registered()}`, full: false };
  if (e.startsAt && now.getTime() >= new Date(e.startsAt).getTime()) return { text: `En cours : ${registered()}`, full: false };
  if (now.getTime() >= new Date(e.registrationDeadline).getTime()) {
    return { text: `Inscriptions closes : ${people(e.registeredCount, e.registeredCount <= 1 ? "inscrite" : "inscrites")}`, full: false };
  }
  if (e.capacity === null) {
    return { text: `Places illimitées : ${people(e.registeredCount, e.registeredCount <= 1 ? "inscrite" : "inscrites")}`, full: false };
  }
  const left = e.seatsLeft ?? 0;
  if (left <= 0) {
    return {
      text: e.waitlistCount === 0 ? "Complet : liste d’attente ouverte" : `Complet : ${people(e.waitlistCount, "en liste d’attente")}`,
      full: true,
    };
  }
  return { text: `${fr(left)} ${left === 1 ? "place libre" : "places libres"} sur ${fr(e.capacity)}`, full: false };
}

/** rank writes a waitlist position as French ordinals do: « 1re », « 2e ». */
export function rank(position: number): string {
  return position === 1 ? "1re" : `${position}e`;
}

/** ofName writes « de » before a name, elided before a vowel: « d’Inès Moreau », « de Karim Benali ». */
export function ofName(name: string): string {
  return /^[aeiouyàâäéèêëîïôöùûü]/i.test(name) ? `d’${name}` : `de ${name}`;
}

/** attendanceState is what a participant's row says of their attendance. */
export function attendanceState(attended: boolean | null | undefined): string {
  if (attended === true) return "Présence notée";
  if (attended === false) return "Absence notée";
  return "Pas encore notée";
}

/** attendanceDone is what the page announces once an attendance is marked. */
export function attendanceDone(name: string, attended: boolean): string {
  return `${attended ? "Présence" : "Absence"} ${ofName(name)} notée.`;
}

function told(count: number, one: string, many: string): string {
  return count === 1 ? `la personne ${one}` : `les ${count.toLocaleString("fr-FR")} personnes ${many}`;
}

/**
 * cancelDone says that an event was cancelled and who was told, from the counts
 * the question gave: « chaque personne inscrite est prévenue » was said even
 * when nobody had registered.
 */
export function cancelDone(registered: number, waiting: number): string {
  const people = [
    registered > 0 ? told(registered, "inscrite", "inscrites") : "",
    waiting > 0 ? told(waiting, "en attente", "en attente") : "",
  ].filter(Boolean);
  if (people.length === 0) return "L’événement est annulé. Personne n’était à prévenir.";
  return `L’événement est annulé : ${people.join(" et ")} ${registered + waiting > 1 ? "sont prévenues" : "est prévenue"}.`;
}

/**
 * cancelQuestion asks before cancelling an event and says who will be told,
 * agreeing in number (nobody, one person, several).
 */
export function cancelQuestion(title: string, registered: number, waiting: number): string {
  const ask = `Annuler «\u00a0${title}\u00a0»\u00a0?`;
  const end = "L’annulation ne peut pas être défaite.";
  const people = [
    registered > 0 ? told(registered, "inscrite", "inscrites") : "",
    waiting > 0 ? told(waiting, "en attente", "en attente") : "",
  ].filter(Boolean);
  if (people.length === 0) return `${ask} Personne n’est à prévenir : aucune inscription ni liste d’attente. ${end}`;
  const who = people.join(" et ");
  const plural = registered + waiting > 1;
  return `${ask} ${who.charAt(0).toUpperCase()}${who.slice(1)} ${plural ? "seront prévenues" : "sera prévenue"}. ${end}`;
}

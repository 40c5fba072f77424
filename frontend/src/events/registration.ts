// Where the viewer stands with an event and what they may do: the words of
// the event page's « Inscription » section. Pure, unit-tested.
import type { EventStatus, RegistrationStatus } from "../gql/graphql";
import { formatDayTime } from "../dates";
import { rank } from "./labels";

/** RegistrationView is what the page knows of the event and of the viewer's registration. */
export type RegistrationView = {
  status: EventStatus;
  registrationDeadline: string;
  timeZone: string;
  capacity: number | null;
  seatsLeft: number | null;
  /** endsAt, when given, tells an event that took place. */
  endsAt?: string;
  myRegistration: {
    status: RegistrationStatus;
    waitlistPosition: number | null;
    registeredAt: string;
    updatedAt: string;
    /** attended is null until an animator marks it (which changes updatedAt too). */
    attended?: boolean | null;
  } | null;
};

/** RegistrationState is the section's sentence and the button it offers, if any. */
export type RegistrationState = {
  /** tone colours the sentence: a seat (success), waiting (info), closed or cancelled (warning). */
  tone: "success" | "info" | "warning" | "neutral";
  message: string;
  action: "register" | "unregister" | null;
};

/**
 * registrationState reads the event and the viewer's registration at now: a
 * cancelled event says so, a draft is not open yet, after the deadline only
 * the viewer's standing remains; a seat promoted from the waitlist says it was.
 */
export function registrationState(e: RegistrationView, now: Date = new Date()): RegistrationState {
  const mine = e.myRegistration?.status === "CANCELLED" ? null : e.myRegistration;
  if (e.status === "CANCELLED") {
    return {
      tone: "warning",
      message: "Cet événement est annulé : toutes les inscriptions et la liste d’attente ont été libérées.",
      action: null,
    };
  }
  if (e.status === "DRAFT") {
    return { tone: "neutral", message: "Cet événement n’est pas encore publié : les inscriptions ouvriront à sa publication.", action: null };
  }
  if (e.endsAt && now.getTime() >= new Date(e.endsAt).getTime()) {
    const took = `Cet événement a eu lieu : il s’est terminé le ${formatDayTime(e.endsAt, e.timeZone)}.`;
    const standing =
      mine?.status === "REGISTERED" ? " Vous y aviez une place." : mine?.status === "WAITLISTED" ? " Vous étiez sur sa liste d’attente." : "";
    return { tone: "neutral", message: `${took}${standing}`, action: null };
  }
  const open = now.getTime() < new Date(e.registrationDeadline).getTime();
  const closed = `Les inscriptions sont closes depuis le ${formatDayTime(e.registrationDeadline, e.timeZone)}.`;
  if (mine?.status === "REGISTERED") {
    // A seat whose registration changed well after it was made came from the
    // waitlist: a seat changes otherwise only when attendance is marked.
    const promoted =
      (mine.attended ?? null) === null && new Date(mine.updatedAt).getTime() - new Date(mine.registeredAt).getTime() > 1000;
    const seat = promoted
      ? "Une place s’est libérée pour vous : votre inscription est confirmée, vous n’êtes plus sur la liste d’attente."
      : "Votre inscription est confirmée : votre place est réservée.";
    return { tone: "success", message: open ? seat : `${seat} ${closed}`, action: open ? "unregister" : null };
  }
  if (mine?.status === "WAITLISTED") {
    const where = `Vous êtes sur la liste d’attente, en ${rank(mine.waitlistPosition ?? 1)} position. Une notification vous préviendra si une place se libère.`;
    return { tone: "info", message: open ? where : `${where} ${closed}`, action: open ? "unregister" : null };
  }
  if (!open) return { tone: "warning", message: closed, action: null };
  if (e.capacity !== null && (e.seatsLeft ?? 0) === 0) {
    return {
      tone: "neutral",
      message: "L’événement est complet : en vous inscrivant, vous prendrez place sur la liste d’attente, et chaque place libérée revient à la personne en tête de liste.",
      action: "register",
    };
  }
  return { tone: "neutral", message: "Inscrivez-vous pour réserver votre place.", action: "register" };
}

/**
 * afterUnregistering is what the page announces once the viewer left, from
 * where they stood before: the page knows it, so it no longer says « Si vous
 * aviez une place… » to someone who was waiting, or of an event with no waitlist.
 */
export function afterUnregistering(wasWaiting: boolean, othersWaiting: number): string {
  const done = "Votre inscription est annulée.";
  if (wasWaiting) return `${done} Vous n’êtes plus sur la liste d’attente.`;
  return othersWaiting > 0
    ? `${done} Votre place revient à la personne en tête de la liste d’attente, qui en est prévenue.`
    : `${done} Votre place est libérée.`;
}

// The event form's rules, the mirror of passerelles.Event.Validate and
// EventInput.Apply (same fields, same order, same French messages where the
// person can fix them before sending); the server checks again and its
// refusals land under the field it names. Pure, unit-tested.
import { z } from "zod";
import type { EventFormat, EventKind, CreateEventInput } from "../gql/graphql";
import { textProblem } from "../profile/forms";
import { characters, linkProblem, storedText } from "../profile/evidence";
import { localInput, PARIS } from "../dates";
import { EVENT_FORMATS, EVENT_KINDS } from "./labels";

/** MAX_TITLE, MAX_DESCRIPTION, MAX_ADDRESS, MAX_LINK and MAX_SKILLS are the domain's bounds. */
export const MAX_TITLE = 200;
export const MAX_DESCRIPTION = 20000;
export const MAX_ADDRESS = 500;
export const MAX_LINK = 500;
export const MAX_SKILLS = 12;

/** MAX_DURATION_MS mirrors the server's MaxEventDuration (31 days). */
const MAX_DURATION_MS = 31 * 24 * 3600 * 1000;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** eventSchema checks an event as the form holds it (datetime-local strings, capacity as typed). */
export const eventSchema = z
  .object({
    title: z.string(),
    description: z.string(),
    kind: z.string(),
    format: z.string(),
    address: z.string(),
    regionId: z.string(),
    onlineUrl: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    capacity: z.string(),
    registrationDeadline: z.string(),
    skillIds: z.array(z.string()),
  })
  .superRefine((d, ctx) => {
    const problem = (path: string, message: string | undefined) => {
      if (message !== undefined) ctx.addIssue({ code: "custom", path: [path], message });
    };
    const title = storedText(d.title);
    problem("title", textProblem("Le titre de l’événement", d.title, { required: true }));
    if (characters(title) > MAX_TITLE) problem("title", `Le titre tient en ${MAX_TITLE} caractères au plus.`);
    problem("description", textProblem("La description de l’événement", d.description, { multiLine: true }));
    if (characters(storedText(d.description, true)) > MAX_DESCRIPTION) {
      problem("description", `La description tient en ${MAX_DESCRIPTION.toLocaleString("fr-FR")} caractères au plus.`);
    }
    if (!EVENT_KINDS.includes(d.kind as EventKind)) problem("kind", "Choisissez le type d’événement.");
    const format = d.format as EventFormat;
    if (!EVENT_FORMATS.includes(format)) problem("format", "Choisissez le format de l’événement.");
    const hasPlace = format === "ONSITE" || format === "HYBRID";
    const hasLink = format === "ONLINE" || format === "HYBRID";
    if (hasPlace) {
      const address = storedText(d.address, true);
      if (address === "") problem("address", "Indiquez l’adresse du lieu : un événement sur place ou hybride en a une.");
      else problem("address", textProblem("L’adresse de l’événement", d.address, { multiLine: true }));
      if (characters(address) > MAX_ADDRESS) problem("address", `L’adresse tient en ${MAX_ADDRESS} caractères au plus.`);
    }
    if (hasLink) {
      const link = storedText(d.onlineUrl);
      if (link === "") problem("onlineUrl", "Indiquez le lien de connexion : un événement en ligne ou hybride en a un.");
      else if (!/^https:\/\//.test(link)) problem("onlineUrl", "Le lien de connexion doit commencer par https:// (une connexion chiffrée).");
      else if (characters(link) > MAX_LINK) problem("onlineUrl", `Le lien tient en ${MAX_LINK} caractères au plus.`);
      else problem("onlineUrl", linkProblem(link));
    }
    if (!LOCAL_TIME.test(d.startsAt)) problem("startsAt", "Indiquez la date et l’heure de début.");
    else if (d.startsAt < "1950-01-01") problem("startsAt", "Un événement commence après le 1er janvier 1950.");
    if (!LOCAL_TIME.test(d.endsAt)) problem("endsAt", "Indiquez la date et l’heure de fin.");
    else if (LOCAL_TIME.test(d.startsAt) && d.endsAt <= d.startsAt) problem("endsAt", "La fin de l’événement doit suivre son début.");
    else if (LOCAL_TIME.test(d.startsAt) && Date.parse(`${d.endsAt}Z`) - Date.parse(`${d.startsAt}Z`) > MAX_DURATION_MS) {
      problem("endsAt", "Un événement dure au plus 31 jours : vérifiez la date de fin.");
    }
    const capacity = d.capacity.trim();
    if (capacity !== "" && (!/^\d+$/.test(capacity) || Number(capacity) < 1)) {
      problem("capacity", "Une capacité limitée est d’au moins une place (laissez-la vide pour ne pas limiter).");
    }
    if (d.registrationDeadline !== "") {
      if (!LOCAL_TIME.test(d.registrationDeadline)) problem("registrationDeadline", "Indiquez une date et une heure complètes.");
      else if (LOCAL_TIME.test(d.startsAt) && d.registrationDeadline > d.startsAt) {
        problem("registrationDeadline", "La date limite d’inscription doit précéder le début de l’événement.");
      }
    }
    if (d.skillIds.length > MAX_SKILLS) problem("skillIds", `Un événement développe au plus ${MAX_SKILLS} compétences.`);
  });

/** EventDraft is what the event form holds. */
export type EventDraft = z.input<typeof eventSchema>;

/** EventFieldName names a field of the form. */
export type EventFieldName = keyof EventDraft;

/** EMPTY_EVENT is a new event's form: a meetup on site, unlimited. */
export const EMPTY_EVENT: EventDraft = {
  title: "",
  description: "",
  kind: "MEETUP",
  format: "ONSITE",
  address: "",
  regionId: "",
  onlineUrl: "",
  startsAt: "",
  endsAt: "",
  capacity: "",
  registrationDeadline: "",
  skillIds: [],
};

/** StoredEvent is what the edit form starts from. */
export type StoredEvent = {
  title: string;
  description: string;
  kind: EventKind;
  format: EventFormat;
  address: string | null;
  region: { id: string } | null;
  onlineUrl: string | null;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  capacity: number | null;
  registrationDeadline: string;
  skills: readonly { id: string }[];
};

/**
 * draftFrom fills the edit form with a stored event, its times written in the
 * event's time zone. The deadline is left empty when it is the start (the
 * API's default when none was given).
 */
export function draftFrom(e: StoredEvent): EventDraft {
  const tz = e.timeZone || PARIS;
  const deadline = localInput(e.registrationDeadline, tz);
  const startsAt = localInput(e.startsAt, tz);
  return {
    title: e.title,
    description: e.description,
    kind: e.kind,
    format: e.format,
    address: e.address ?? "",
    regionId: e.region?.id ?? "",
    onlineUrl: e.onlineUrl ?? "",
    startsAt,
    endsAt: localInput(e.endsAt, tz),
    capacity: e.capacity === null ? "" : String(e.capacity),
    registrationDeadline: deadline === startsAt ? "" : deadline,
    skillIds: e.skills.map((s) => s.id),
  };
}

/**
 * eventInput gives the API's fields of a checked draft: local times read in
 * timeZone by the server, no address or region for an online event, no link
 * for an on-site one, an empty capacity as unlimited (null).
 */
export function eventInput(d: EventDraft, timeZone: string = PARIS): Omit<CreateEventInput, "communityId"> {
  const format = d.format as EventFormat;
  const hasPlace = format === "ONSITE" || format === "HYBRID";
  const hasLink = format === "ONLINE" || format === "HYBRID";
  const capacity = d.capacity.trim();
  return {
    title: d.title,
    description: d.description,
    kind: d.kind as EventKind,
    format,
    address: hasPlace ? d.address : null,
    regionId: hasPlace && d.regionId !== "" ? d.regionId : null,
    onlineUrl: hasLink ? d.onlineUrl.trim() : null,
    startsAt: d.startsAt,
    endsAt: d.endsAt,
    timeZone,
    capacity: capacity === "" ? null : Number(capacity),
    registrationDeadline: d.registrationDeadline === "" ? null : d.registrationDeadline,
    skillIds: d.skillIds,
  };
}

/** eventField maps a server field (extensions.field) to the form's field, or null. */
export function eventField(field: string): EventFieldName | null {
  const name = field.replace(/\.\d+$/, "");
  return name in EMPTY_EVENT ? (name as EventFieldName) : null;
}

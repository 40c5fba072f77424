// The events list keeps its filter in the address (« /evenements?quand=passes&
// communaute=data&type=atelier »), so that a list can be shared and the back
// button returns to the previous one. Pure functions, unit-tested.
import { z } from "zod";
import type { EventFilter, EventFormat, EventKind } from "../gql/graphql";
import { textProblem } from "../profile/forms";

/** EventSearch is what the list shows: its filters and its view. */
export type EventSearch = {
  when: "UPCOMING" | "PAST";
  community: string;
  kind: EventKind | "";
  format: EventFormat | "";
  region: string;
  skill: string;
  text: string;
  /** view is the list (default) or the month's calendar. */
  view: "list" | "month";
  /** month is the month shown by the calendar (YYYY-MM), "" for the current one. */
  month: string;
};

/** EMPTY_EVENT_SEARCH is the list of upcoming events, unfiltered. */
export const EMPTY_EVENT_SEARCH: EventSearch = {
  when: "UPCOMING",
  community: "",
  kind: "",
  format: "",
  region: "",
  skill: "",
  text: "",
  view: "list",
  month: "",
};

const KIND_PARAMS: Record<EventKind, string> = {
  MEETUP: "rencontre",
  WEBINAR: "webinaire",
  WORKSHOP: "atelier",
  CONFERENCE: "conference",
  FAIR: "salon",
};

const FORMAT_PARAMS: Record<EventFormat, string> = {
  ONSITE: "sur-place",
  ONLINE: "en-ligne",
  HYBRID: "hybride",
};

function reverse<K extends string>(table: Record<K, string>, value: string | null): K | "" {
  const found = (Object.entries(table) as [K, string][]).find(([, v]) => v === value);
  return found ? found[0] : "";
}

/** MAX_TEXT is the server's bound on the text filter, in characters. */
export const MAX_TEXT = 200;

/**
 * parseEventSearch reads the address's query string. What it does not
 * understand (an unknown kind, a malformed month) is left out.
 */
export function parseEventSearch(search: string): EventSearch {
  const q = new URLSearchParams(search);
  const month = q.get("mois") ?? "";
  return {
    when: q.get("quand") === "passes" ? "PAST" : "UPCOMING",
    community: (q.get("communaute") ?? "").trim(),
    kind: reverse(KIND_PARAMS, q.get("type")),
    format: reverse(FORMAT_PARAMS, q.get("format")),
    region: (q.get("region") ?? "").trim(),
    skill: (q.get("competence") ?? "").trim(),
    text: (q.get("texte") ?? "").trim(),
    view: q.get("vue") === "mois" ? "month" : "list",
    month: isMonth(month) ? month : "",
  };
}

/** formatEventSearch writes a search as a query string (« ?… », or "" for the default), in a fixed order. */
export function formatEventSearch(s: EventSearch): string {
  const q = new URLSearchParams();
  if (s.view === "month") {
    q.set("vue", "mois");
    if (s.month !== "") q.set("mois", s.month);
  } else if (s.when === "PAST") {
    q.set("quand", "passes");
  }
  if (s.community !== "") q.set("communaute", s.community);
  if (s.kind !== "") q.set("type", KIND_PARAMS[s.kind]);
  if (s.format !== "") q.set("format", FORMAT_PARAMS[s.format]);
  if (s.region !== "") q.set("region", s.region);
  if (s.skill !== "") q.set("competence", s.skill);
  if (s.text.trim() !== "") q.set("texte", s.text.trim());
  const out = q.toString();
  return out === "" ? "" : `?${out}`;
}

/**
 * toEventFilter gives the API's filter of a search. The month view asks for
 * every event by time (it splits them into days itself), the list for the
 * upcoming or the past ones.
 */
export function toEventFilter(s: EventSearch, when: EventSearch["when"] | null = s.when): EventFilter {
  const f: EventFilter = {};
  if (when !== null) f.when = when;
  if (s.community !== "") f.community = s.community;
  if (s.kind !== "") f.kind = s.kind;
  if (s.format !== "") f.format = s.format;
  if (s.region !== "") f.regionId = s.region;
  if (s.skill !== "") f.skillId = s.skill;
  if (s.text.trim() !== "") f.text = s.text.trim();
  return f;
}

/** isMonth tells whether s is a month written YYYY-MM. */
export function isMonth(s: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[1]) >= 1950;
}

/** monthOf gives the month (YYYY-MM) of a day key (YYYY-MM-DD). */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** addMonths moves a month (YYYY-MM) by delta months. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** monthName writes a month (YYYY-MM) as « décembre 2026 ». */
export function monthName(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" }).format(Date.UTC(y, m - 1, 15));
}

/**
 * monthWeeks gives the weeks of a month's calendar grid, Monday first: each
 * week is 7 day keys (YYYY-MM-DD), with null for the days of the months
 * around it.
 */
export function monthWeeks(month: string): (string | null)[][] {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1, 1));
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const offset = (first.getUTCDay() + 6) % 7; // Monday is 0
  const cells: (string | null)[] = Array.from({ length: offset }, () => null);
  for (let d = 1; d <= days; d++) cells.push(`${month}-${String(d).padStart(2, "0")}`);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** eventSearchSchema checks the text typed in the filter form before the address changes. */
export const eventSearchSchema = z.object({
  community: z.string(),
  kind: z.string(),
  format: z.string(),
  region: z.string(),
  skill: z.string(),
  text: z.string().superRefine((text, ctx) => {
    const problem = textProblem("La recherche", text);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
    else if ([...text.trim()].length > MAX_TEXT) {
      ctx.addIssue({ code: "custom", message: `La recherche tient en ${MAX_TEXT} caractères au plus.` });
    }
  }),
});

/** EventSearchDraft is what the filter form holds. */
export type EventSearchDraft = z.input<typeof eventSearchSchema>;

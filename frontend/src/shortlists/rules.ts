// The rules of the shortlist forms, once, as zod schemas over what the forms
// hold: they mirror the domain's (passerelles.ValidateShortlistName,
// ValidateShortlistNote, ValidateSavedSearchName: ValidateText with its lengths).
// The server checks again; these give the message on the field at once. Pure
// functions, unit-tested.
import { z } from "zod";
import { fieldErrors, type FieldError, type FormError } from "../profile/forms";
import { storedText } from "../profile/evidence";
import { textProblem } from "../profile/forms";
import { plural } from "../format";

/** MAX_NAME is passerelles.MaxShortlistNameLength (and MaxSavedSearchNameLength), in characters. */
export const MAX_NAME = 100;

/** MAX_NOTE is passerelles.MaxShortlistNoteLength, in characters. */
export const MAX_NOTE = 2000;

/** NEW_LIST is the value of the « Nouvelle liste » choice of AddToShortlist. */
export const NEW_LIST = "nouvelle";

/** nameProblem checks a list or search name (what: « Le nom de la liste »): required, one line. */
export function nameProblem(what: string, name: string): string | undefined {
  return (
    textProblem(what, name, { required: true }) ??
    ([...storedText(name, false)].length > MAX_NAME ? `${what} compte ${MAX_NAME} caractères au plus.` : undefined)
  );
}

/** noteProblem checks a private note: optional, several lines. */
export function noteProblem(note: string): string | undefined {
  return (
    textProblem("La note", note, { multiLine: true }) ??
    ([...storedText(note, true)].length > MAX_NOTE
      ? `La note compte ${MAX_NOTE.toLocaleString("fr-FR")} caractères au plus.`
      : undefined)
  );
}

const checked = (check: (s: string) => string | undefined) =>
  z.string().superRefine((s, ctx) => {
    const message = check(s);
    if (message !== undefined) ctx.addIssue({ code: "custom", message });
  });

/** shortlistNameSchema checks the form that creates or renames a list. */
export const shortlistNameSchema = z.object({ name: checked((s) => nameProblem("Le nom de la liste", s)) });

/** ShortlistNameDraft is what the create and rename forms hold. */
export type ShortlistNameDraft = z.input<typeof shortlistNameSchema>;

/** noteSchema checks the form that changes a note. */
export const noteSchema = z.object({ note: checked(noteProblem) });

/** NoteDraft is what the note form holds. */
export type NoteDraft = z.input<typeof noteSchema>;

/** savedSearchSchema checks the form that saves a search. */
export const savedSearchSchema = z.object({ name: checked((s) => nameProblem("Le nom de la recherche", s)) });

/** SavedSearchDraft is what the form that saves a search holds. */
export type SavedSearchDraft = z.input<typeof savedSearchSchema>;

/**
 * addToShortlistSchema checks AddToShortlist's form: a list chosen, or a new
 * list with its name, and an optional note.
 */
export const addToShortlistSchema = z
  .object({ list: z.string(), newName: z.string(), note: checked(noteProblem) })
  .superRefine((v, ctx) => {
    if (v.list === "") ctx.addIssue({ code: "custom", message: "Choisissez une liste.", path: ["list"] });
    if (v.list !== NEW_LIST) return;
    const message = nameProblem("Le nom de la liste", v.newName);
    if (message !== undefined) ctx.addIssue({ code: "custom", message, path: ["newName"] });
  });

/** AddToShortlistDraft is what AddToShortlist's form holds. */
export type AddToShortlistDraft = z.input<typeof addToShortlistSchema>;

/**
 * shortlistFieldErrors reads the refusals of a shortlist mutation that name
 * their input field: INVALID_INPUT as every form, and CONFLICT too, which the
 * shortlists answer on a field (a name already taken, a profile already on the
 * list), so that the message goes under that field rather than in an alert.
 */
export function shortlistFieldErrors(error: unknown): FieldError[] {
  return fieldErrors(error, ["INVALID_INPUT", "CONFLICT"]);
}

/**
 * FIELD_REFUSED is what the alert above a form says when the server refused a
 * field: the message itself is under the field.
 */
export const FIELD_REFUSED: FormError = {
  title: "Votre saisie n’a pas été enregistrée",
  description: "Corrigez le champ signalé ci-dessous.",
  invalid: true,
};

/** canKeepShortlists tells whether someone of these access roles keeps shortlists and saved searches. */
export function canKeepShortlists(roles: readonly string[]): boolean {
  return roles.includes("MANAGER") || roles.includes("ADMIN");
}

/** departures says how many profiles left a list, never who. */
export function departures(count: number): string {
  return count === 1 ? "1 profil n’est plus visible" : `${count.toLocaleString("fr-FR")} profils ne sont plus visibles`;
}

/** runSummary says how many profiles a run found and how many are new. */
export function runSummary(total: number, fresh: number): string {
  if (total === 0) return "Aucun profil ne correspond aujourd’hui.";
  const found = `${plural(total, "profil correspond", "profils correspondent")}`;
  if (fresh === 0) return `${found}, aucun nouveau depuis la recherche précédente.`;
  return `${found}, dont ${plural(fresh, "nouveau", "nouveaux")} depuis la recherche précédente.`;
}

// Form helpers of the profile pages: dates, evidence checks and how a
// server error lands in a form. Pure functions, unit-tested.
import { errorMessage, GraphQLRequestError, type ErrorMessage } from "../graphql/client";

/** isoDate formats a date as YYYY-MM-DD in local time (what <input type="date"> uses). */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** isValidIsoDate tells whether s is a real calendar date written YYYY-MM-DD. */
export function isValidIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  // setFullYear, not the Date constructor, which reads the years 0 to 99 as 1900 to
  // 1999: 0001-01-01 is a real date, refused for being too early, not as « invalid ».
  const date = new Date(2000, 0, 1);
  date.setFullYear(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d;
}

/**
 * textProblem mirrors the server's text rule (passerelles.ValidateText) so that a
 * forbidden character is pointed out on its field, before sending, rather than in an
 * alert at the top of the form. what names the field as the subject of a sentence
 * (« Le titre »); multiLine allows line feeds and tabs; required asks for one
 * visible character (zero-width spaces alone do not count). It returns a French
 * message, or undefined when the text is fine. The server checks again.
 */
export function textProblem(
  what: string,
  text: string,
  { multiLine = false, required = false }: { multiLine?: boolean; required?: boolean } = {},
): string | undefined {
  const chars = [...(multiLine ? text.replace(/\r\n?|[\u2028\u2029]/g, "\n") : text)];
  for (const [i, ch] of chars.entries()) {
    const reason = forbiddenCharacter(ch, multiLine);
    if (reason) return `${what} contient ${reason} (${i === 0 ? "1er" : `${i + 1}e`} caractère) : retirez-le.`;
  }
  if (required && !chars.some(isVisible)) {
    return text.trim() === "" ? `${what} est obligatoire.` : `${what} doit contenir au moins un caractère visible.`;
  }
  return undefined;
}

function forbiddenCharacter(ch: string, multiLine: boolean): string | undefined {
  if (ch === "\n" || ch === "\t" || ch === "\r") return multiLine ? undefined : "un saut de ligne ou une tabulation";
  if (ch === "\u2028" || ch === "\u2029") return "un séparateur de ligne";
  if (/\p{Cc}/u.test(ch)) return "un caractère de contrôle invisible";
  if (/\p{Bidi_Control}/u.test(ch)) return "un caractère invisible qui peut inverser l’ordre d’affichage du texte";
  if (/\p{Noncharacter_Code_Point}/u.test(ch) || /[\u{E0000}-\u{E007F}]/u.test(ch)) return "un caractère invisible non autorisé";
  return undefined;
}

function isVisible(ch: string): boolean {
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(ch) && !/\p{Default_Ignorable_Code_Point}/u.test(ch) && ch !== "\u2800";
}

/** isNotFuture tells whether the date s (YYYY-MM-DD) is today or earlier, in local time. */
export function isNotFuture(s: string, now: Date = new Date()): boolean {
  return isValidIsoDate(s) && s <= isoDate(now);
}

/** EvidenceDraft is a piece of evidence as the form holds it (strings, as typed). */
export type EvidenceDraft = {
  key: string;
  kind: "CERTIFICATION" | "EXPERIENCE" | "TRAINING";
  title: string;
  description: string;
  score: string;
  obtainedOn: string;
  url: string;
};

/** EvidenceErrors are the messages to show next to the fields of a piece of evidence. */
export type EvidenceErrors = Partial<Record<"title" | "description" | "score" | "obtainedOn" | "url", string>>;

/**
 * EARLIEST_DATE is the earliest date the server accepts for evidence
 * (passerelles.EarliestDate): nothing of a serving agent's career is older.
 */
export const EARLIEST_DATE = "1950-01-01";

/**
 * checkEvidence returns the field errors of a piece of evidence (empty when it
 * is fine). It mirrors the server's rules for immediate feedback; the server
 * checks again (control and bidirectional characters among others).
 */
export function checkEvidence(e: EvidenceDraft, now: Date = new Date()): EvidenceErrors {
  const errors: EvidenceErrors = {};
  const title = textProblem("Le titre", e.title, { required: true });
  if (e.title.trim() === "") errors.title = "Indiquez un titre.";
  else if (title) errors.title = title;
  else if (e.title.length > 200) errors.title = "Le titre compte 200 caractères au plus.";
  const description = textProblem("La description", e.description, { multiLine: true });
  if (description) errors.description = description;
  else if (e.description.length > 500) errors.description = "La description compte 500 caractères au plus.";
  if (e.kind === "CERTIFICATION" && e.score.trim() !== "") {
    const n = Number(e.score);
    if (!Number.isInteger(n) || n < 0 || n > 1024) errors.score = "Le score Pix est un nombre entier de 0 à 1 024.";
  }
  if (e.obtainedOn !== "") {
    if (!isValidIsoDate(e.obtainedOn)) errors.obtainedOn = "Indiquez une date valide, au format jj/mm/aaaa.";
    else if (!isNotFuture(e.obtainedOn, now)) errors.obtainedOn = "La date d’obtention ne peut pas être dans le futur.";
    else if (e.obtainedOn < EARLIEST_DATE)
      errors.obtainedOn = "La date d’obtention ne peut pas précéder le 1er janvier 1950.";
  }
  const url = e.url.trim();
  const urlText = textProblem("Le lien", url);
  if (urlText) errors.url = urlText;
  else if (url !== "" && !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(url)) {
    errors.url = "Indiquez une adresse complète, commençant par https://.";
  } else if (/^https?:\/\/[^/?#]*[@\\]/i.test(url)) {
    // « https://service-public.gouv.fr@evil.example/ » leads to evil.example.
    errors.url = "Donnez l’adresse du site sans partie « nom@ » ni barre oblique inversée avant lui.";
  }
  return errors;
}

/** evidenceInput turns a draft into the API's EvidenceInput. */
export function evidenceInput(e: EvidenceDraft) {
  return {
    kind: e.kind,
    title: e.title.trim(),
    description: e.description.trim() === "" ? null : e.description.trim(),
    score: e.kind === "CERTIFICATION" && e.score.trim() !== "" ? Number(e.score) : null,
    obtainedOn: e.obtainedOn === "" ? null : e.obtainedOn,
    url: e.url.trim() === "" ? null : e.url.trim(),
  };
}

/** FormError is how a failed submission is shown: an alert above the form, kept inputs. */
export type FormError = ErrorMessage & {
  /** invalid is true when the server refused the input (INVALID_INPUT): the person can fix it. */
  invalid: boolean;
};

/**
 * formError turns the error of a submission into what the form shows. The
 * server writes INVALID_INPUT and CONFLICT messages for people: they are
 * shown as they are; other errors get the client's French messages.
 */
export function formError(error: unknown): FormError {
  const invalid = error instanceof GraphQLRequestError && error.code === "INVALID_INPUT";
  const message = errorMessage(error);
  if (invalid) return { title: "Votre saisie n’a pas été enregistrée", description: message.description, invalid };
  return { ...message, invalid };
}

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

/** FieldError is a server refusal that names the input field it concerns. */
export type FieldError = { field: string; message: string };

/**
 * fieldErrors reads the INVALID_INPUT errors (or those of the codes given) that
 * name their input field (extensions.field, e.g. « evidence.0.obtainedOn »,
 * relative to the mutation's input: a leading « input. » is dropped), so that a
 * form shows each message under its field. Errors without a field are left to
 * the alert above the form.
 */
export function fieldErrors(error: unknown, codes: readonly string[] = ["INVALID_INPUT"]): FieldError[] {
  if (!(error instanceof GraphQLRequestError)) return [];
  return error.errors.flatMap((e) => {
    const field = e.extensions?.field;
    if (!codes.includes(String(e.extensions?.code)) || typeof field !== "string" || field === "") return [];
    return [{ field: field.replace(/^input\./, ""), message: e.message }];
  });
}

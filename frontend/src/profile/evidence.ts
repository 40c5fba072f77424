// The rules of a skill declaration and its evidence, once for the front end, as
// zod schemas over what the form holds (strings, as typed). They mirror the
// domain's rules (passerelles.Evidence.Validate, ValidateText, ValidateLink,
// ValidateDate): testdata/evidence_rules.json is run against both, by
// evidence_rules_test.go and evidence.test.ts, which expect the same verdicts.
// The server checks again; these give the message on the field at once.
import { z } from "zod";
import { isoDate, isValidIsoDate, textProblem } from "./forms";

/** EVIDENCE_KINDS are the kinds of evidence, as the API spells them. */
export const EVIDENCE_KINDS = ["TRAINING", "EXPERIENCE", "CERTIFICATION"] as const;

/** Limits of the domain (passerelles.MaxEvidenceText, MaxPixScore, the title's 200). */
export const MAX_EVIDENCE_TITLE = 200;
export const MAX_EVIDENCE_TEXT = 500;
export const MAX_EVIDENCE_LINK = 500;
export const MAX_PIX_SCORE = 1024;
export const MAX_EVIDENCE = 10;

/**
 * EARLIEST_DATE is the earliest date the server accepts for evidence
 * (passerelles.EarliestDate): nothing of a serving agent's career is older.
 */
export const EARLIEST_DATE = "1950-01-01";

// Go's unicode.IsSpace: ASCII white space, U+0085 and the Z categories. JavaScript's \s
// differs (it has U+FEFF, which Go keeps), and the counts must match at the limits.
const GO_SPACE = "[\\t\\n\\v\\f\\r \\u0085\\p{Z}]";
const SURROUNDING_SPACE = new RegExp(`^${GO_SPACE}+|${GO_SPACE}+$`, "gu");
const ANY_SPACE = new RegExp(GO_SPACE, "u");

/** storedText is the text as the server stores it: NFC, without surrounding spaces (Go's TrimSpace). */
export function storedText(s: string, multiLine = false): string {
  const lines = multiLine ? s.replace(/\r\n?|[\u2028\u2029]/g, "\n") : s;
  return lines.normalize("NFC").replace(SURROUNDING_SPACE, "");
}

/** characters counts as the server does: code points, not UTF-16 units (an emoji is one). */
export function characters(s: string): number {
  return [...s].length;
}

/**
 * linkProblem mirrors passerelles.ValidateLink on a non-empty, already checked link:
 * an http(s) address with a site (as Go's url.Parse reads it), no user part, no
 * backslash, no space.
 */
export function linkProblem(url: string): string | undefined {
  const complete = "Indiquez une adresse complète, commençant par https://.";
  const match = /^https?:\/\/([^/?#]*)([^?#]*)(?:\?[^#]*)?(#.*)?$/isu.exec(url);
  if (!match) return complete;
  const [, authority = "", path = "", fragment = ""] = match;
  if (authority.includes("@")) {
    // « https://service-public.gouv.fr@evil.example/ » leads to evil.example.
    return "Donnez l’adresse du site sans partie « nom@ » ni barre oblique inversée avant lui.";
  }
  let host = authority;
  let port = "";
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    if (end < 0) return complete;
    port = host.slice(end + 1);
    host = host.slice(1, end);
    if (port !== "" && !/^:\d*$/.test(port)) return complete;
  } else {
    const colon = host.lastIndexOf(":");
    if (colon >= 0) {
      port = host.slice(colon + 1);
      host = host.slice(0, colon);
      if (!/^\d*$/.test(port)) return complete;
    }
    // Go refuses, in a host name, the ASCII characters that would need escaping, and
    // escapes other than %25.
    if (/[^A-Za-z0-9!$&'()*+,;=:[\]<>"\-_.~%\u0080-\u{10FFFF}]/u.test(host)) return complete;
    if (/%(?!25)/.test(host)) return complete;
  }
  if (host === "") return complete;
  if (/%(?![0-9A-Fa-f]{2})/.test(path) || /%(?![0-9A-Fa-f]{2})/.test(fragment)) return complete;
  if (url.includes("\\") || ANY_SPACE.test(url)) return "L’adresse ne doit contenir ni espace ni barre oblique inversée.";
  return undefined;
}

/** refineWith turns a function that returns a French message (or undefined) into a zod check. */
function refineWith(problem: (s: string) => string | undefined) {
  return z.string().superRefine((s, ctx) => {
    const message = problem(s);
    if (message !== undefined) ctx.addIssue({ code: "custom", message });
  });
}

/** evidenceSchema checks a piece of evidence as the form holds it; now is today. */
export function evidenceSchema(now: Date = new Date()) {
  const today = isoDate(now);
  return z.object({
    kind: z.enum(EVIDENCE_KINDS, { error: "Choisissez le type de justificatif." }),
    title: refineWith((s) => {
      if (s.replace(SURROUNDING_SPACE, "") === "") return "Indiquez un titre.";
      const problem = textProblem("Le titre", s, { required: true });
      if (problem) return problem;
      if (characters(storedText(s)) > MAX_EVIDENCE_TITLE) return `Le titre compte ${MAX_EVIDENCE_TITLE} caractères au plus.`;
      return undefined;
    }),
    description: refineWith((s) => {
      const problem = textProblem("La description", s, { multiLine: true });
      if (problem) return problem;
      if (characters(storedText(s, true)) > MAX_EVIDENCE_TEXT) return `La description compte ${MAX_EVIDENCE_TEXT} caractères au plus.`;
      return undefined;
    }),
    // The form shows the score for certifications only and empties it for the other
    // kinds; a score given is checked whatever the kind, as the server does.
    score: refineWith((s) => {
      if (s.trim() === "") return undefined;
      const n = Number(s);
      return /^\s*-?\d+\s*$/.test(s) && n >= 0 && n <= MAX_PIX_SCORE
        ? undefined
        : "Le score Pix est un nombre entier de 0 à 1 024.";
    }),
    obtainedOn: refineWith((s) => {
      if (s === "") return undefined;
      if (!isValidIsoDate(s)) return "Indiquez une date valide, au format jj/mm/aaaa.";
      if (s > today) return "La date d’obtention ne peut pas être dans le futur.";
      if (s < EARLIEST_DATE) return "La date d’obtention ne peut pas précéder le 1er janvier 1950.";
      return undefined;
    }),
    url: refineWith((s) => {
      const problem = textProblem("Le lien", s);
      if (problem) return problem;
      const url = storedText(s);
      if (characters(url) > MAX_EVIDENCE_LINK) return `Le lien compte ${MAX_EVIDENCE_LINK} caractères au plus.`;
      return url === "" ? undefined : linkProblem(url);
    }),
  });
}

/** EvidenceDraft is a piece of evidence as the form holds it (strings, as typed). */
export type EvidenceDraft = z.input<ReturnType<typeof evidenceSchema>>;

/** emptyEvidence is a new piece of evidence. */
export function emptyEvidence(): EvidenceDraft {
  return { kind: "TRAINING", title: "", description: "", score: "", obtainedOn: "", url: "" };
}

/**
 * declarationSchema checks the whole declaration form: a level chosen (the
 * radio buttons hold its value as a string), the use, the wish, 10 pieces of
 * evidence at most.
 */
export function declarationSchema(now: Date = new Date()) {
  return z.object({
    level: z.string().refine((v) => v !== "", { message: "Choisissez un niveau." }),
    use: z.enum(["current", "past"]),
    wantsToDevelop: z.boolean(),
    evidence: z.array(evidenceSchema(now)).max(MAX_EVIDENCE, { message: `Une compétence a ${MAX_EVIDENCE} justificatifs au plus.` }),
  });
}

/** DeclarationDraft is the declaration form's values. */
export type DeclarationDraft = z.input<ReturnType<typeof declarationSchema>>;

/** evidenceInput turns a checked draft into the API's EvidenceInput. */
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

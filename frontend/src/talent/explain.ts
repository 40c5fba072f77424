// The words of the talent search's results: why a result matches (one
// sentence per skill of the filter), its score, and the count announced to
// screen readers. Pure functions, unit-tested in explain.test.ts.
import type { OrganisationType, Recency, TalentResultFieldsFragment } from "../gql/graphql";
import { formatDate } from "../dates";
import { plural } from "../format";

/** SkillMatch is one line of a result's explanation. */
export type SkillMatch = TalentResultFieldsFragment["explanation"][number];

/** ORGANISATION_TYPE_LABELS name the types of organisation. */
export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  CENTRAL: "Administration centrale",
  DREETS: "DREETS et DEETS",
  DDETS: "DDETS et DDETS-PP",
  ARS: "Agences régionales de santé",
  OPERATOR: "Opérateurs",
};

/** RECENCY_LABELS say how the date of a declaration weighs on its points. */
export const RECENCY_LABELS: Record<Recency, string> = {
  RECENT: "moins d’un an, compte en entier",
  WITHIN_3_YEARS: "entre un et trois ans, compte à 85\u00a0%",
  OLDER: "plus de trois ans, compte à 70\u00a0%",
};

/**
 * points writes « 0 point », « 1 point », « 62 points », the number and its
 * unit joined by a no-break space so that a line never ends on the number.
 */
export function points(count: number): string {
  return plural(count, "point", "points").replace(" ", NBSP);
}

/** NBSP joins what a line must not split: a number and its unit, a word and the colon after it. */
const NBSP = "\u00a0";

/** skillLabel names the skill of a line: « Pix 1.1 Mener une recherche… ». */
export function skillLabel(m: Pick<SkillMatch, "skill">): string {
  return `${m.skill.framework.name} ${m.skill.code} ${m.skill.name}`;
}

/**
 * matchSentence says why one skill of the filter counts as it does, for a
 * person: the level that counted, whether a manager validated it, when the
 * declaration last changed and how that weighs, and the points. validatedOnly
 * tells that only validated levels counted for that skill (then a missing
 * level means « no validated level »).
 */
export function matchSentence(m: SkillMatch, validatedOnly = false): string {
  if (m.level === null) {
    const none = validatedOnly ? "Aucun niveau validé" : "Compétence non déclarée";
    return `${none}${NBSP}: ${points(m.points)}.`;
  }
  const level = `Niveau ${m.level.code} (${m.level.label})`;
  const validated = m.validated ? "validé par un manager" : "déclaré, non validé";
  const date = m.changedOn ? `mis à jour le ${formatDate(m.changedOn)}` : "date inconnue";
  const recency = m.recency ? ` (${RECENCY_LABELS[m.recency]})` : "";
  return `${level}, ${validated}, ${date}${recency}${NBSP}: ${points(m.points)}.`;
}

/** matchKind says whether the skill was required or only ranks. */
export function matchKind(m: Pick<SkillMatch, "required">): string {
  return m.required ? "Requise" : "Souhaitée";
}

/**
 * scoreSentence sums a result up: « Score : 187 points, dont 2 compétences
 * requises sur 2 et 1 compétence souhaitée sur 2 présente ». Without skills
 * in the filter there is no score to explain.
 */
export function scoreSentence(score: number, explanation: readonly SkillMatch[]): string {
  if (explanation.length === 0) return "Correspond à tous les critères (aucune compétence demandée, pas de score).";
  const required = explanation.filter((m) => m.required);
  const optional = explanation.filter((m) => !m.required);
  const parts: string[] = [];
  if (required.length > 0) {
    parts.push(`${plural(required.length, "compétence requise", "compétences requises")} au niveau demandé`);
  }
  if (optional.length > 0) {
    const present = optional.filter((m) => m.level !== null).length;
    parts.push(`${plural(present, "compétence souhaitée", "compétences souhaitées")} sur ${optional.length.toLocaleString("fr-FR")}`);
  }
  return `Score${NBSP}: ${points(score)} (${parts.join(", ")}).`;
}

/**
 * resultsStatus is the sentence announced when results arrive: how many
 * profiles match and how many are shown.
 */
export function resultsStatus(totalCount: number, shown: number): string {
  if (totalCount === 0) return "Aucun profil ne correspond à ces critères.";
  const found = plural(totalCount, "profil correspond", "profils correspondent");
  return shown < totalCount ? `${found} à ces critères, ${plural(shown, "affiché", "affichés")}.` : `${found} à ces critères.`;
}

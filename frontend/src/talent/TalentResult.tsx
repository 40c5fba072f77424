import type { ReactNode } from "react";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { TalentResultFieldsFragment } from "../gql/graphql";
import { Link } from "../router";
import { paths } from "../paths";
import { matchKind, matchSentence, scoreSentence, skillLabel } from "./explain";
import type { SkillCriterion } from "./filter";

/**
 * TalentResult is one result: the person (a link to their profile), where
 * they work, the score and, per skill of the filter, why it counts as it
 * does. actions is the place of what one does with a result (« Ajouter à une
 * liste », from the shortlists), under the explanation.
 */
export function TalentResult({
  result,
  criteria,
  validatedOnly,
  actions,
}: {
  result: TalentResultFieldsFragment;
  /** criteria are the skills of the filter, to tell « no validated level » from « not declared ». */
  criteria: readonly SkillCriterion[];
  validatedOnly: boolean;
  actions?: ReactNode;
}) {
  const p = result.node;
  const name = `${p.givenName} ${p.usualName}`;
  const post = [p.currentRole?.title, p.organisation?.name, p.region?.name, p.grade?.label]
    .filter((s): s is string => s !== undefined && s !== "")
    .join(" · ");
  const validatedFor = (skillId: string) => validatedOnly || criteria.some((c) => c.skillId === skillId && c.validatedOnly);
  return (
    <article className="pl-talent-result" aria-labelledby={`resultat-${p.id}`}>
      <h3 className="fr-h5 fr-mb-1v" id={`resultat-${p.id}`}>
        <Link href={paths.profile(p.id)}>{name}</Link>
      </h3>
      <p className="fr-text--sm fr-mb-1w">{post === "" ? "Poste non renseigné" : post}</p>
      {(p.openToMobility || p.willingToMentor) && (
        <ul className="fr-badges-group fr-mb-1w">
          {p.openToMobility && (
            <li>
              <Badge small severity="info" noIcon>
                Ouvert à la mobilité
              </Badge>
            </li>
          )}
          {p.willingToMentor && (
            <li>
              <Badge small severity="new" noIcon>
                Mentor
              </Badge>
            </li>
          )}
        </ul>
      )}
      <p className="fr-text--sm fr-mb-1w">
        <strong>{scoreSentence(result.score, result.explanation)}</strong>
      </p>
      {result.explanation.length > 0 && (
        <ul className="pl-why fr-text--sm" aria-label={`Pourquoi ${name} correspond`}>
          {result.explanation.map((m) => (
            <li key={m.skill.id}>
              <span className="pl-why__skill">
                {matchKind(m)} — {skillLabel(m)}
              </span>
              <span className="pl-why__text">{matchSentence(m, validatedFor(m.skill.id))}</span>
            </li>
          ))}
        </ul>
      )}
      {/* The shortlists put « Ajouter à une liste » here (src/components/AddToShortlist.tsx). */}
      {actions !== undefined && <div className="pl-talent-result__actions">{actions}</div>}
    </article>
  );
}

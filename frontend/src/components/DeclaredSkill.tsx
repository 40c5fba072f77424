import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { graphql } from "../gql";
import type { DeclaredSkillFieldsFragment } from "../gql/graphql";
import { plural } from "../format";
import { EVIDENCE_KIND_LABELS } from "../profile/labels";
import { formatDate } from "../dates";
import { fullName } from "../session/session";
import { ValidationBadge } from "./ValidationBadge";

/**
 * DECLARED_SKILL_FRAGMENT is what DeclaredSkillSummary shows of a declared
 * skill; the queries of « Mes compétences » and of the profile page spread it.
 */
export const DECLARED_SKILL_FRAGMENT = graphql(`
  fragment DeclaredSkillFields on DeclaredSkill {
    topRank
    currentUse
    wantsToDevelop
    endorsementCount
    validationStatus
    validatedAt
    validationComment
    validatedByName
    validatedBy {
      id
      givenName
      usualName
    }
    validatedLevel {
      value
      code
      label
    }
    level {
      value
      code
      label
    }
    evidence {
      id
      kind
      title
      description
      score
      obtainedOn
      url
    }
    skill {
      id
      code
      name
      framework {
        code
        name
      }
      domain {
        code
        name
      }
    }
  }
`);

/**
 * DeclaredSkillSummary shows a declared skill the same way on « Mes
 * compétences » and on a profile: level, validation, top rank, endorsements,
 * evidence. mine is true when the reader is the agent: they learn who
 * validated their level even when that manager's account was erased.
 */
export function DeclaredSkillSummary({ declared: d, mine }: { declared: DeclaredSkillFieldsFragment; mine: boolean }) {
  const validator = d.validatedByName ?? (d.validatedBy ? fullName(d.validatedBy) : null);
  return (
    <>
      <p className="pl-declared">
        <strong>
          Niveau {d.level.code} — {d.level.label}
        </strong>{" "}
        <ValidationBadge status={d.validationStatus} />
        {d.topRank !== null && (
          <Badge severity="new" small noIcon>
            {`Compétence phare n° ${d.topRank}`}
          </Badge>
        )}{" "}
        <span className="pl-mention">
          {plural(d.endorsementCount, "recommandation", "recommandations")}
          {d.wantsToDevelop ? " · à développer" : ""}
          {d.currentUse ? "" : " · utilisée par le passé"}
        </span>
      </p>
      {d.evidence.length > 0 && (
        <ul className="pl-evidence-summary fr-text--sm" aria-label={`Justificatifs de « ${d.skill.name} »`}>
          {d.evidence.map((e) => (
            <li key={e.id}>
              {EVIDENCE_KIND_LABELS[e.kind]} : {e.title}
              {e.score !== null && ` — score Pix ${e.score}`}
              {e.obtainedOn && ` — obtention : ${formatDate(e.obtainedOn)}`}
            </li>
          ))}
        </ul>
      )}
      {d.validationStatus !== "NOT_VALIDATED" && d.validatedAt && d.validatedLevel && (
        <p className="fr-text--sm">
          {`Niveau ${d.validatedLevel.code} validé le ${formatDate(d.validatedAt)}`}
          {validator ? ` par ${validator}.` : mine ? " par un manager dont le compte a été supprimé." : "."}
        </p>
      )}
      {d.validationStatus === "VALIDATED_LOWER" && d.validatedLevel && (
        <p className="fr-text--sm">
          Niveau validé : {d.validatedLevel.code}. Commentaire du manager : « {d.validationComment} »
        </p>
      )}
    </>
  );
}

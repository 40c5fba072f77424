import { graphql } from "../gql";
import type { SkillVersionFieldsFragment } from "../gql/graphql";
import { CHANGE_LABELS } from "../profile/labels";
import { formatDate } from "../dates";
import { Disclosure } from "./Disclosure";

/** SKILL_VERSION_FRAGMENT is what SkillHistory shows of one version of a declaration. */
export const SKILL_VERSION_FRAGMENT = graphql(`
  fragment SkillVersionFields on SkillVersion {
    version
    change
    topRank
    comment
    validFrom
    level {
      value
      code
      label
    }
    validatedLevel {
      value
      code
    }
  }
`);

/** SKILL_HISTORY_FRAGMENT is what SkillHistory shows of a declared skill's versions. */
export const SKILL_HISTORY_FRAGMENT = graphql(`
  fragment SkillHistoryFields on DeclaredSkill {
    history {
      ...SkillVersionFields
    }
  }
`);

type Version = SkillVersionFieldsFragment;

/** SkillHistory lists the versions of a declaration behind a « Historique » button. */
export function SkillHistory({ skillName, history }: { skillName: string; history: readonly Version[] }) {
  return (
    <Disclosure label={<>Historique<span className="fr-sr-only"> de « {skillName} »</span></>} className="pl-history">
      <div className="fr-table fr-table--sm fr-mb-0">
        <table>
          <caption className="fr-sr-only">Historique de la compétence « {skillName} »</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Changement</th>
              <th scope="col">Niveau</th>
              <th scope="col">Compétence phare</th>
              <th scope="col">Date</th>
              <th scope="col">Commentaire</th>
            </tr>
          </thead>
          <tbody>
            {[...history].reverse().map((v) => (
              <tr key={v.version}>
                <td>{v.version}</td>
                <td>{CHANGE_LABELS[v.change]}</td>
                <td>
                  {v.change === "VALIDATED" && v.validatedLevel
                    ? `${v.validatedLevel.code} (validé)`
                    : v.level
                      ? `${v.level.code} — ${v.level.label}`
                      : "—"}
                </td>
                <td>{v.topRank ? `n° ${v.topRank}` : "—"}</td>
                <td>{formatDate(v.validFrom)}</td>
                <td>{v.comment || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Disclosure>
  );
}

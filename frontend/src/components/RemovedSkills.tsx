import { graphql } from "../gql";
import type { RemovedSkillFieldsFragment } from "../gql/graphql";
import { useGraphQLQuery } from "../graphql/query";
import { formatDate } from "../dates";
import { SkillHistory } from "./SkillHistory";

/** REMOVED_SKILL_FRAGMENT is what RemovedSkills shows of a skill the agent removed. */
export const REMOVED_SKILL_FRAGMENT = graphql(`
  fragment RemovedSkillFields on RemovedSkill {
    removedAt
    skill {
      id
      code
      name
      framework {
        code
        name
      }
    }
    history {
      ...SkillVersionFields
    }
  }
`);

/**
 * REMOVED_SKILLS_QUERY loads the skills an agent removed. Apart from the
 * profile's query, which only « Mes compétences » needs it beside: declaring and
 * removing a skill invalidate it (REMOVED_SKILLS_QUERY_NAME).
 */
export const REMOVED_SKILLS_QUERY = graphql(`
  query RemovedSkills($id: ID!) {
    profile(id: $id) {
      id
      removedSkills {
        ...RemovedSkillFields
      }
    }
  }
`);

/** REMOVED_SKILLS_QUERY_NAME is the operation name that mutations invalidate. */
export const REMOVED_SKILLS_QUERY_NAME = "RemovedSkills";

/**
 * RemovedSkills lists the skills the agent removed, latest removal first,
 * each with its timeline behind « Historique » (the history keeps them).
 */
export function RemovedSkills({ profileId }: { profileId: string }) {
  const query = useGraphQLQuery(REMOVED_SKILLS_QUERY, { id: profileId });
  const removed: readonly RemovedSkillFieldsFragment[] = query.data?.profile?.removedSkills ?? [];
  if (removed.length === 0) return null;
  return (
    <section aria-labelledby="competences-retirees" className="fr-mt-6w">
      <h2 id="competences-retirees" className="fr-h3">
        Compétences retirées
      </h2>
      <p>Vous les avez retirées de votre profil ; leur historique est conservé.</p>
      <ul className="pl-skill-list">
        {removed.map((r) => (
          <li key={r.skill.id}>
            <h3 className="fr-h6">
              <span className="pl-code">{r.skill.code}</span> {r.skill.name}{" "}
              <span className="pl-mention fr-text--sm">({r.skill.framework.name})</span>
            </h3>
            <p className="fr-text--sm">Retirée le {formatDate(r.removedAt)}.</p>
            <SkillHistory skillName={r.skill.name} history={r.history} />
          </li>
        ))}
      </ul>
    </section>
  );
}

import type { CommunitySummaryFragment } from "../gql/graphql";

/** SkillTags lists the skills a community develops, with their referential. */
export function SkillTags({ skills, label }: { skills: CommunitySummaryFragment["skills"]; label: string }) {
  if (skills.length === 0) return null;
  return (
    <ul className="fr-tags-group pl-skill-tags" aria-label={label}>
      {skills.map((s) => (
        <li key={s.id}>
          <p className="fr-tag fr-tag--sm">
            {s.framework.name} {s.code}
            {"\u00a0: "}
            {s.name}
          </p>
        </li>
      ))}
    </ul>
  );
}

// A referential with its competences and their levels, shared by « Mes
// compétences » (the lists to declare from, the wheel) and the profile page
// (the wheel): one cache entry per framework.
import { graphql } from "../gql";
import type { DeclaredSkillFieldsFragment, SkillsFrameworkQuery } from "../gql/graphql";
import type { DeclaredInput } from "./wheel";

/** SKILLS_FRAMEWORK_QUERY loads a referential with, for each competence, the levels it defines. */
export const SKILLS_FRAMEWORK_QUERY = graphql(`
  query SkillsFramework($code: String!) {
    framework(code: $code) {
      code
      name
      levels {
        value
        code
        label
        description
      }
      domains {
        code
        name
        skills(first: 100) {
          edges {
            node {
              id
              code
              name
              description
              levels {
                value
                code
                label
                description
              }
            }
          }
        }
      }
    }
  }
`);

/** Framework is a referential as SKILLS_FRAMEWORK_QUERY loads it. */
export type Framework = NonNullable<SkillsFrameworkQuery["framework"]>;

/** FRAMEWORK_CODES are the referentials an agent declares skills on, in the order shown. */
export const FRAMEWORK_CODES = ["pix", "ecf"] as const;

/** wheelDomains gives the wheel the domains of a framework with their competences. */
export function wheelDomains(framework: Framework) {
  return framework.domains.map((d) => ({ code: d.code, name: d.name, skills: d.skills.edges.map((e) => e.node) }));
}

/** wheelDeclared gives the wheel the declared skills of one framework. */
export function wheelDeclared(
  declared: readonly Pick<DeclaredSkillFieldsFragment, "skill" | "level">[],
  frameworkCode: string,
): DeclaredInput[] {
  return declared
    .filter((d) => d.skill.framework.code === frameworkCode)
    .map((d) => ({ skillId: d.skill.id, level: d.level.value, levelCode: d.level.code }));
}

import type { DeclaredSkillFieldsFragment } from "../gql/graphql";
import { useGraphQLQuery } from "../graphql/query";
import { FRAMEWORK_CODES, SKILLS_FRAMEWORK_QUERY, wheelDeclared, wheelDomains } from "../profile/frameworkQuery";
import { ErrorAlert } from "./ErrorAlert";
import { Loading } from "./Loading";
import { SkillWheel } from "./SkillWheel";

type Declared = Pick<DeclaredSkillFieldsFragment, "skill" | "level">;

/**
 * ProfileWheels draws a profile's wheel for each referential in which it
 * declares a skill (Pix, then e-CF), each competence at its own level.
 */
export function ProfileWheels({ declared }: { declared: readonly Declared[] }) {
  return (
    <>
      {FRAMEWORK_CODES.filter((code) => declared.some((d) => d.skill.framework.code === code)).map((code) => (
        <FrameworkWheel key={code} code={code} declared={declared} />
      ))}
    </>
  );
}

function FrameworkWheel({ code, declared }: { code: string; declared: readonly Declared[] }) {
  const result = useGraphQLQuery(SKILLS_FRAMEWORK_QUERY, { code });
  if (result.status === "pending") return <Loading label="Chargement de la roue des compétences…" />;
  if (result.status === "error") return <ErrorAlert error={result.error} />;
  const framework = result.data.framework;
  if (!framework) return null;
  return (
    <section className="fr-mb-4w" aria-labelledby={`roue-${code}`}>
      <h3 id={`roue-${code}`} className="fr-h5">
        Roue des compétences {framework.name}
      </h3>
      <SkillWheel
        frameworkName={framework.name}
        domains={wheelDomains(framework)}
        declared={wheelDeclared(declared, code)}
        maxLevel={framework.levels.length}
      />
    </section>
  );
}

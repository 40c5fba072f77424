import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Link, PageHeading, useDocumentTitle } from "../router";
import { paths } from "../paths";
import type { PageProps } from "../routes";
import { isNotFound, useGraphQLQuery } from "../graphql/query";
import type { FrameworkQuery } from "../gql/graphql";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import { SkillSearch, skillAnchor } from "../components/SkillSearch";
import { plural } from "../format";
import { graphql } from "../gql";

/** FRAMEWORK_QUERY loads one referential: its level scale, domains and competences. */
export const FRAMEWORK_QUERY = graphql(`
  query Framework($code: String!) {
    framework(code: $code) {
      code
      name
      description
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
          totalCount
          edges {
            node {
              id
              code
              name
              nameEn
              description
            }
          }
        }
      }
    }
  }
`);

type Framework = NonNullable<FrameworkQuery["framework"]>;

/** FrameworkPage shows one referential: its level scale, then its competences by domain. */
export function FrameworkPage({ params }: PageProps) {
  const code = params.code ?? "";
  const result = useGraphQLQuery(FRAMEWORK_QUERY, { code });
  const framework = result.status === "success" ? result.data.framework : null;
  const notFound =
    (result.status === "success" && framework === null) ||
    (result.status === "error" && isNotFound(result.error));

  useDocumentTitle(
    framework ? framework.name : notFound ? "Référentiel introuvable" : "Référentiel",
    "Référentiels",
  );

  const breadcrumb = (label: string) => (
    <Breadcrumb
      currentPageLabel={label}
      homeLinkProps={{ href: paths.home }}
      segments={[{ label: "Référentiels", linkProps: { href: paths.frameworks } }]}
    />
  );

  if (result.status === "pending") {
    return (
      <>
        {breadcrumb("Référentiel")}
        <Loading label="Chargement du référentiel…" />
      </>
    );
  }
  if (notFound) {
    return (
      <>
        {breadcrumb("Référentiel introuvable")}
        <PageHeading>Référentiel introuvable</PageHeading>
        <p>
          Aucun référentiel ne porte le code « {code} ». Consultez la{" "}
          <Link href={paths.frameworks} className="fr-link">
            liste des référentiels
          </Link>
          .
        </p>
      </>
    );
  }
  if (framework === null) {
    return (
      <>
        {breadcrumb("Référentiel")}
        <PageHeading>Référentiel</PageHeading>
        {result.status === "error" && <ErrorAlert error={result.error} />}
      </>
    );
  }
  return (
    <>
      {breadcrumb(framework.name)}
      <FrameworkDetails framework={framework} />
    </>
  );
}

function FrameworkDetails({ framework }: { framework: Framework }) {
  const skillCount = framework.domains.reduce((n, d) => n + d.skills.totalCount, 0);
  const showLevelCode = framework.levels.some((l) => l.code !== String(l.value));

  return (
    <>
      <PageHeading>{framework.name}</PageHeading>
      <p className="fr-text--lead">{framework.description}</p>
      <p>
        {plural(framework.domains.length, "domaine", "domaines")}, {plural(skillCount, "compétence", "compétences")},{" "}
        {plural(framework.levels.length, "niveau", "niveaux")}.
      </p>

      <SkillSearch framework={framework} headingLevel="h2" />

      <h2 className="fr-h3 fr-mt-6w">Échelle des niveaux</h2>
      <Table
        caption={`Niveaux du référentiel ${framework.name}`}
        noCaption
        bordered
        headers={["Niveau", "Libellé", "Description"]}
        data={framework.levels.map((level) => [
          showLevelCode ? `${level.value} (${level.code})` : String(level.value),
          level.label,
          level.description,
        ])}
      />

      <h2 className="fr-h3 fr-mt-6w">Compétences par domaine</h2>
      {framework.domains.map((domain) => (
        <section key={domain.code} aria-labelledby={`domaine-${skillAnchor(domain.code)}`}>
          <h3 id={`domaine-${skillAnchor(domain.code)}`} className="fr-h4 fr-mt-4w">
            <span className="pl-code">{domain.code}</span>{" "}
            {domain.name}
          </h3>
          <ul className="pl-skill-list">
            {domain.skills.edges.map(({ node }) => (
              <li key={node.id} id={skillAnchor(node.code)}>
                <h4 className="fr-h6">
                  <span className="pl-code">{node.code}</span>{" "}
                  {node.name}
                </h4>
                {node.nameEn && node.nameEn !== node.name && (
                  <p className="pl-en fr-text--sm" lang="en">
                    {node.nameEn}
                  </p>
                )}
                <p className="fr-text--sm">{node.description}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

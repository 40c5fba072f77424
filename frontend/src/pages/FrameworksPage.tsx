import { Card } from "@codegouvfr/react-dsfr/Card";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { PageHeading, useDocumentTitle } from "../router";
import { paths } from "../paths";
import { useGraphQLQuery } from "../graphql/query";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import { SkillSearch } from "../components/SkillSearch";
import { plural } from "../format";
import { graphql } from "../gql";

/** FRAMEWORKS_QUERY lists the referentials with their sizes. */
export const FRAMEWORKS_QUERY = graphql(`
  query Frameworks {
    frameworks(first: 100) {
      totalCount
      edges {
        node {
          code
          name
          description
          levels {
            value
          }
          domains {
            code
          }
          skills(first: 1) {
            totalCount
          }
        }
      }
    }
  }
`);

/** FrameworksPage lists the skill referentials. */
export function FrameworksPage() {
  useDocumentTitle("Référentiels");
  const result = useGraphQLQuery(FRAMEWORKS_QUERY, {});

  return (
    <>
      <Breadcrumb currentPageLabel="Référentiels" homeLinkProps={{ href: paths.home }} segments={[]} />
      <PageHeading>Référentiels de compétences</PageHeading>
      <p className="fr-text--lead">
        Les compétences se déclarent sur des référentiels reconnus. Chacun définit ses domaines, ses compétences et son
        échelle de niveaux.
      </p>
      {result.status === "pending" && <Loading label="Chargement des référentiels…" />}
      {result.status === "error" && <ErrorAlert error={result.error} />}
      {result.status === "success" && (
        <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list fr-mb-6w">
          {result.data.frameworks.edges.map(({ node }) => (
            <li key={node.code} className="fr-col-12 fr-col-md-6">
              <Card
                title={node.name}
                titleAs="h2"
                desc={node.description}
                enlargeLink
                linkProps={{ href: paths.framework(node.code) }}
                endDetail={[
                  plural(node.domains.length, "domaine", "domaines"),
                  plural(node.skills.totalCount, "compétence", "compétences"),
                  plural(node.levels.length, "niveau", "niveaux"),
                ].join(" · ")}
              />
            </li>
          ))}
        </ul>
      )}
      <SkillSearch headingLevel="h2" />
    </>
  );
}

import "../communities/communities.css";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Link, PageHeading, useDocumentTitle } from "../router";
import { paths } from "../paths";
import { useSession } from "../session/SessionProvider";
import { useGraphQLQuery } from "../graphql/query";
import { plural } from "../format";
import { COMMUNITIES_QUERY } from "../communities/queries";
import { Membership } from "../communities/Membership";
import { SkillTags } from "../communities/SkillTags";
import { roleLabel } from "../communities/rules";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";

/**
 * CommunitiesPage lists the communities of practice: name, description,
 * skills, member count, the viewer's place and « Rejoindre » / « Quitter ».
 */
export function CommunitiesPage() {
  useDocumentTitle("Communautés");
  const { me } = useSession();
  const query = useGraphQLQuery(COMMUNITIES_QUERY, { includeArchived: false });
  if (me === null) return null; // the route requires sign-in
  const communities = query.data?.communities.edges.map((e) => e.node) ?? [];
  return (
    <>
      <Breadcrumb currentPageLabel="Communautés" homeLinkProps={{ href: paths.home }} segments={[]} />
      <PageHeading>Communautés</PageHeading>
      <p className="fr-text--lead">
        Les communautés de pratique font vivre la filière : rencontres, webinaires, ateliers, la Journée et le Salon de
        la data. Rejoignez celles qui vous intéressent pour suivre leurs événements.
      </p>
      {me.accessRoles.includes("ADMIN") && (
        <p>
          <Link href={paths.communityAdministration}>Administrer les communautés</Link>
        </p>
      )}
      {query.isPending && <Loading label="Chargement des communautés…" />}
      {query.error !== null && <ErrorAlert error={query.error} />}
      {query.data && (
        <>
          <p>{plural(query.data.communities.totalCount, "communauté", "communautés")}</p>
          {communities.length === 0 ? (
            <p>Aucune communauté pour le moment.</p>
          ) : (
            <ul className="pl-communities">
              {communities.map((c) => (
                <li key={c.id} className="pl-community-card">
                  <h2 className="fr-h5 fr-mb-1w">
                    <Link href={paths.community(c.code)}>{c.name}</Link>
                  </h2>
                  {c.description !== "" && <p className="pl-community-card__description">{c.description}</p>}
                  <SkillTags skills={c.skills} label={`Compétences développées par ${c.name}`} />
                  <p className="fr-text--sm fr-mb-1w">
                    {plural(c.memberCount, "membre", "membres")}
                    {" · "}
                    {roleLabel(c.viewerRole)}
                  </p>
                  <Membership community={c} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}

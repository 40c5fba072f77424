import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Link, PageHeading, useDocumentTitle, type LinkProps } from "../router";
import type { PageProps } from "../routes";
import { paths } from "../paths";
import { useSession } from "../session/SessionProvider";
import { isNotFound, useGraphQLQuery, usePagedQuery } from "../graphql/query";
import { plural } from "../format";
import { COMMUNITY_MEMBERS_QUERY, COMMUNITY_QUERY } from "../communities/queries";
import { Membership } from "../communities/Membership";
import { SkillTags } from "../communities/SkillTags";
import { EventSummaryList } from "../events/EventSummary";
import { canCreateEvent, eventPaths, roleLabel } from "../communities/rules";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";

const MEMBERS_PAGE = 20;

/**
 * CommunityPage shows one community: description, animators, skills,
 * upcoming and past events (links to their pages), members as each one's
 * visibility allows (page by page), join or leave, and « Créer un événement »
 * for its animators and administrators.
 */
export function CommunityPage({ params }: PageProps) {
  const code = params.code ?? "";
  const { me } = useSession();
  const query = useGraphQLQuery(COMMUNITY_QUERY, { code });
  const community = query.data?.community ?? null;
  useDocumentTitle(community?.name ?? (isNotFound(query.error) ? "Communauté introuvable" : ""), "Communautés");
  if (me === null) return null; // the route requires sign-in
  const breadcrumb = (
    <Breadcrumb
      currentPageLabel={community?.name ?? code}
      homeLinkProps={{ href: paths.home }}
      segments={[{ label: "Communautés", linkProps: { href: paths.communities } }]}
    />
  );
  if (query.isPending) return <Loading label="Chargement de la communauté…" />;
  if (isNotFound(query.error) || (query.data && community === null)) {
    return (
      <>
        {breadcrumb}
        <PageHeading>Communauté introuvable</PageHeading>
        <p>
          Aucune communauté n’a le code « {code} ». <Link href={paths.communities}>Voir toutes les communautés</Link>
        </p>
      </>
    );
  }
  if (community === null) return <ErrorAlert error={query.error} />;
  const upcoming = community.upcoming.edges.map((e) => e.node);
  const past = community.past.edges.map((e) => e.node);
  const manages = canCreateEvent(me.accessRoles, community.viewerRole);
  const newEvent: LinkProps = { href: eventPaths.newEvent(community.code) };
  return (
    <>
      {breadcrumb}
      <PageHeading>{community.name}</PageHeading>
      {community.archivedAt != null && (
        <p className="fr-badge fr-badge--warning fr-mb-2w">Communauté archivée</p>
      )}
      {community.description !== "" && <p className="pl-multiline fr-text--lead">{community.description}</p>}
      <p>
        {plural(community.memberCount, "membre", "membres")}
        {" · "}
        {roleLabel(community.viewerRole)}
      </p>
      <Membership community={community} />
      {manages && community.archivedAt == null && (
        <p className="fr-mt-2w">
          <Button linkProps={newEvent} iconId="fr-icon-add-line">
            Créer un événement
          </Button>
        </p>
      )}

      <h2 className="fr-h4 fr-mt-4w">Animation</h2>
      {community.animators.length === 0 ? (
        <p>Personne n’anime encore cette communauté.</p>
      ) : (
        <ul>
          {community.animators.map((a) => (
            <li key={a.agentId}>
              {a.profile ? (
                <Link href={paths.profile(a.profile.id)}>
                  {a.givenName} {a.usualName}
                </Link>
              ) : (
                `${a.givenName} ${a.usualName}`
              )}
            </li>
          ))}
        </ul>
      )}

      <h2 className="fr-h4 fr-mt-4w">Compétences développées</h2>
      {community.skills.length === 0 ? (
        <p>Aucune compétence précisée.</p>
      ) : (
        <SkillTags skills={community.skills} label="Compétences développées" />
      )}

      <h2 className="fr-h4 fr-mt-4w">Événements à venir</h2>
      {upcoming.length === 0 ? (
        <p>Aucun événement à venir.</p>
      ) : (
        <>
          <EventSummaryList events={upcoming} />
          {community.upcoming.totalCount > upcoming.length && (
            <p>
              <Link href={`${eventPaths.events}?communaute=${encodeURIComponent(community.code)}`}>
                Voir les {community.upcoming.totalCount} événements à venir
              </Link>
            </p>
          )}
        </>
      )}

      <h2 className="fr-h4 fr-mt-4w">Événements passés</h2>
      {past.length === 0 ? <p>Aucun événement passé.</p> : <EventSummaryList events={past} />}

      <Members code={community.code} memberCount={community.memberCount} />
    </>
  );
}

/**
 * Members lists the members whose profile the viewer may see, animators
 * first, 20 at a time; it says how many others chose not to be seen.
 */
function Members({ code, memberCount }: { code: string; memberCount: number }) {
  const query = usePagedQuery(
    COMMUNITY_MEMBERS_QUERY,
    { code, first: MEMBERS_PAGE, after: null },
    (data) => data.community?.members.pageInfo ?? { hasNextPage: false, endCursor: null },
  );
  const pages = query.data?.pages ?? [];
  const members = pages.flatMap((p) => p.community?.members.edges.map((e) => e.node) ?? []);
  const visible = pages[0]?.community?.members.totalCount ?? null;
  return (
    <section aria-labelledby="pl-community-members">
      <h2 id="pl-community-members" className="fr-h4 fr-mt-4w">
        Membres
      </h2>
      {visible === null && query.isFetching && <Loading label="Chargement des membres…" />}
      {query.error !== null && <ErrorAlert error={query.error} />}
      {visible !== null && (
        <>
          <p>
            {visible === memberCount
              ? plural(visible, "membre visible", "membres visibles")
              : `${plural(visible, "membre visible", "membres visibles")} sur ${memberCount.toLocaleString("fr-FR")} : les autres ne montrent pas leur profil.`}
          </p>
          {members.length > 0 && (
            <ul className="pl-members">
              {members.map((m) => (
                <li key={m.id}>
                  <Link href={paths.profile(m.id)}>
                    {m.givenName} {m.usualName}
                  </Link>
                  {[m.currentRole?.title, m.organisation?.name].filter(Boolean).length > 0 && (
                    <span className="pl-mention">
                      {" — "}
                      {[m.currentRole?.title, m.organisation?.name].filter(Boolean).join(" · ")}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {query.hasNextPage && (
            <Button priority="secondary" disabled={query.isFetching} onClick={() => void query.fetchNextPage()}>
              Afficher les membres suivants
            </Button>
          )}
        </>
      )}
    </section>
  );
}

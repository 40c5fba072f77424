import { useRef, useState } from "react";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Link, PageHeading, useDocumentTitle, useHashTarget } from "../router";
import { paths } from "../paths";
import { useSession } from "../session/SessionProvider";
import { useGraphQLMutation, useGraphQLQuery, usePageSettled } from "../graphql/query";
import { plural } from "../format";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import { CREATE_SHORTLIST_MUTATION } from "../components/AddToShortlist";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";
import { canKeepShortlists } from "../shortlists/rules";
import { MAX_LISTS, MY_SAVED_SEARCHES_QUERY, MY_SHORTLISTS, MY_SHORTLISTS_QUERY } from "../shortlists/queries";
import { NameForm } from "../shortlists/NameForm";
import { ShortlistItem } from "../shortlists/ShortlistItem";
import { SavedSearchItem } from "../shortlists/SavedSearchItem";

/**
 * MyListsPage (« Mes listes ») holds a manager's or administrator's shortlists
 * (create, rename, delete; their profiles with the private notes; the profiles
 * that left them) and saved searches (run again with the new results marked,
 * delete). Others read that these are for managers and administrators.
 */
export function MyListsPage() {
  useDocumentTitle("Mes listes");
  const { me } = useSession();
  const [status, setStatus] = useState("");
  if (me === null) return null; // the route requires sign-in: App shows SignInRequiredPage instead

  const breadcrumb = (
    <Breadcrumb
      currentPageLabel="Mes listes"
      homeLinkProps={{ href: paths.home }}
      segments={[{ label: "Mon espace", linkProps: { href: paths.mySpace } }]}
    />
  );
  if (!canKeepShortlists(me.accessRoles)) {
    return (
      <>
        {breadcrumb}
        <PageHeading>Mes listes</PageHeading>
        <p>
          Les listes de profils et les recherches enregistrées sont réservées aux managers et aux administrateurs : elles
          servent à suivre des talents pour un recrutement ou une mobilité. Retourner à{" "}
          <Link href={paths.mySpace} className="fr-link">
            mon espace
          </Link>
          .
        </p>
      </>
    );
  }
  return (
    <>
      {breadcrumb}
      <PageHeading>Mes listes</PageHeading>
      <p className="fr-text--lead">
        Vos listes de profils et vos recherches enregistrées. Elles ne sont visibles que par vous, et vos notes restent privées.
      </p>
      <p role="status" className="pl-status">
        {status}
      </p>
      <Shortlists onStatus={setStatus} />
      <SavedSearches onStatus={setStatus} />
    </>
  );
}

function Shortlists({ onStatus }: { onStatus: (message: string) => void }) {
  const query = useGraphQLQuery(MY_SHORTLISTS_QUERY, {});
  const createShortlist = useGraphQLMutation(CREATE_SHORTLIST_MUTATION, [MY_SHORTLISTS]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const lists = query.data?.myShortlists.edges.map((e) => e.node) ?? [];
  useHashTarget(headingRef, usePageSettled());
  const total = query.data?.myShortlists.totalCount ?? 0;

  return (
    <section aria-labelledby="listes" className="fr-mb-6w">
      <h2 id="listes" ref={headingRef} tabIndex={-1} className="fr-h3 pl-focus-target">
        Listes de profils
      </h2>
      {query.isPending ? (
        <Loading label="Chargement de vos listes…" />
      ) : query.isError ? (
        <ErrorAlert error={query.error} />
      ) : (
        <>
          {total === 0 ? (
            <p>
              Vous n’avez pas encore de liste. Créez-en une ci-dessous, ou depuis le profil d’un agent avec « Ajouter à une
              liste ».
            </p>
          ) : (
            <p>
              {plural(total, "liste", "listes")}, par nom{total >= MAX_LISTS && " (le maximum : supprimez-en une pour en créer une autre)"}.
            </p>
          )}
          {lists.length > 0 && (
            <ul className="pl-lists">
              {lists.map((list) => (
                <ShortlistItem
                  key={list.id}
                  list={list}
                  onStatus={onStatus}
                  onDeleted={() => focusAfterRender(() => headingRef.current)}
                />
              ))}
            </ul>
          )}
          {total < MAX_LISTS && (
            <>
              <h3 className="fr-h6 fr-mt-4w fr-mb-1w">Créer une liste</h3>
              <NameForm
                label="Nom de la nouvelle liste"
                submitLabel="Créer la liste"
                ariaLabel="Créer une liste"
                save={async (name) => {
                  await createShortlist.mutateAsync({ input: { name } });
                  onStatus(`Liste créée : « ${name.trim()} ».`);
                }}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}

function SavedSearches({ onStatus }: { onStatus: (message: string) => void }) {
  const query = useGraphQLQuery(MY_SAVED_SEARCHES_QUERY, {});
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const edges = query.data?.mySavedSearches.edges ?? [];
  useHashTarget(headingRef, usePageSettled());

  return (
    <section aria-labelledby="recherches">
      <h2 id="recherches" ref={headingRef} tabIndex={-1} className="fr-h3 pl-focus-target">
        Recherches enregistrées
      </h2>
      {query.isPending ? (
        <Loading label="Chargement de vos recherches…" />
      ) : query.isError ? (
        <ErrorAlert error={query.error} />
      ) : edges.length === 0 ? (
        <p>
          Aucune recherche enregistrée. Dans la recherche de talents, « Sauvegarder cette recherche » la garde ici : vous
          pourrez la relancer et voir les nouveaux profils.
        </p>
      ) : (
        <ul className="pl-lists">
          {edges.map((edge, i) => (
            <SavedSearchItem
              key={edge.node.id}
              search={edge.node}
              previousCursor={i === 0 ? null : (edges[i - 1]?.cursor ?? null)}
              onStatus={onStatus}
              onDeleted={() => focusAfterRender(() => headingRef.current)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

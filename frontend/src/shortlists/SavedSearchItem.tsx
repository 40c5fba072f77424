import { useRef, useState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useQueryClient } from "@tanstack/react-query";
import { graphql } from "../gql";
import type { MySavedSearchesQuery, RunSavedSearchQuery } from "../gql/graphql";
import { request } from "../graphql/client";
import { useGraphQLMutation } from "../graphql/query";
import { Link } from "../router";
import { paths } from "../paths";
import { fullName } from "../session/session";
import { formatDateTime } from "../dates";
import { formError, type FormError } from "../profile/forms";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";
import { Confirm } from "./Confirm";
import { MY_SAVED_SEARCHES } from "./queries";
import { runSummary } from "./rules";

/** RUN_PAGE is how many results of a run one page shows. */
const RUN_PAGE = 20;

/**
 * RUN_SAVED_SEARCH_QUERY runs one saved search: the API reaches a saved search
 * through mySavedSearches only, so the one after `after` (the cursor of the
 * search before it in the list) is asked, alone (a run is costly: one a
 * document). The caller checks that it is the one it meant.
 */
export const RUN_SAVED_SEARCH_QUERY = graphql(`
  query RunSavedSearch($after: String, $first: Int!, $runAfter: String) {
    mySavedSearches(first: 1, after: $after) {
      edges {
        node {
          id
          run(first: $first, after: $runAfter) {
            totalCount
            newCount
            pageInfo {
              hasNextPage
              endCursor
            }
            edges {
              score
              isNew
              node {
                id
                givenName
                usualName
                organisation {
                  id
                  name
                }
                currentRole {
                  id
                  title
                }
                region {
                  id
                  name
                }
              }
            }
          }
        }
      }
    }
  }
`);

/** DELETE_SAVED_SEARCH_MUTATION deletes a saved search. */
export const DELETE_SAVED_SEARCH_MUTATION = graphql(`
  mutation DeleteSavedSearch($input: DeleteSavedSearchInput!) {
    deleteSavedSearch(input: $input) {
      savedSearchId
    }
  }
`);

type SavedSearch = MySavedSearchesQuery["mySavedSearches"]["edges"][number]["node"];
type Run = NonNullable<RunSavedSearchQuery["mySavedSearches"]["edges"][number]>["node"]["run"];
type Result = Run["edges"][number];

/**
 * SavedSearchItem is one saved search of « Mes listes »: « Relancer » runs it
 * (the results, each new one marked « Nouveau », and how many are new since the
 * run before), « Supprimer » deletes it after confirmation. previousCursor is
 * the cursor of the search before it in mySavedSearches (null for the first);
 * onDeleted lets the page give the focus away once the search is gone.
 */
export function SavedSearchItem({
  search,
  previousCursor,
  onStatus,
  onDeleted,
}: {
  search: SavedSearch;
  previousCursor: string | null;
  onStatus: (message: string) => void;
  onDeleted: () => void;
}) {
  const client = useQueryClient();
  const [run, setRun] = useState<{ total: number; fresh: number; results: Result[]; next: string | null } | null>(null);
  const [running, setRunning] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const resultsRef = useRef<HTMLHeadingElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const runRef = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const remove = useGraphQLMutation(DELETE_SAVED_SEARCH_MUTATION, [MY_SAVED_SEARCHES]);

  /** go runs the search from its first page (runAfter null) or shows its next page. */
  const go = async (runAfter: string | null) => {
    setRunning(true);
    setError(null);
    try {
      const data = await request(RUN_SAVED_SEARCH_QUERY, { after: previousCursor, first: RUN_PAGE, runAfter });
      const node = data.mySavedSearches.edges[0]?.node;
      if (!node || node.id !== search.id) {
        // The list changed meanwhile (a search saved or deleted elsewhere): read it again.
        await client.invalidateQueries({ queryKey: [MY_SAVED_SEARCHES] });
        setError({
          title: "Vos recherches ont changé",
          description: "La liste de vos recherches enregistrées a changé entre-temps : relancez la recherche.",
          invalid: false,
        });
        focusAfterRender(() => runRef.current);
        return;
      }
      const page = node.run;
      if (runAfter === null) {
        setRun({ total: page.totalCount, fresh: page.newCount ?? 0, results: page.edges, next: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null });
        onStatus(`« ${search.name} » relancée : ${runSummary(page.totalCount, page.newCount ?? 0)}`);
        // The first page makes it the last run: its date changed.
        void client.invalidateQueries({ queryKey: [MY_SAVED_SEARCHES] });
        focusAfterRender(() => resultsRef.current);
      } else {
        setRun((r) => r && { ...r, results: [...r.results, ...page.edges], next: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null });
      }
    } catch (e) {
      setError(formError(e));
      focusAfterRender(() => runRef.current);
    } finally {
      setRunning(false);
    }
  };

  const deleteSearch = async () => {
    setError(null);
    try {
      await remove.mutateAsync({ input: { savedSearchId: search.id } });
      onStatus(`Recherche supprimée : « ${search.name} ».`);
      onDeleted();
    } catch (e) {
      setError(formError(e));
      setConfirmDelete(false);
      focusAfterRender(() => deleteRef.current);
    }
  };

  return (
    <li className="pl-list-item">
      <h3 className="fr-h5 fr-mb-1w">{search.name}</h3>
      <p className="fr-text--sm pl-mention fr-mb-1w">
        Enregistrée le {formatDateTime(search.createdAt)} ·{" "}
        {search.lastRunAt === search.createdAt
          ? "pas encore relancée"
          : `dernière exécution le ${formatDateTime(search.lastRunAt)}`}
      </p>
      {error && <Alert severity="error" small title={error.title} description={error.description} as="h4" className="fr-mb-2w" />}
      <ul className="pl-actions pl-actions--tight">
        <li>
          <Button
            type="button"
            priority="secondary"
            size="small"
            iconId="fr-icon-refresh-line"
            ref={runRef}
            disabled={running}
            onClick={() => void go(null)}
          >
            Relancer<span className="fr-sr-only"> « {search.name} »</span>
          </Button>
        </li>
        {!confirmDelete && (
          <li>
            <Button
              type="button"
              priority="tertiary"
              size="small"
              iconId="fr-icon-delete-line"
              ref={deleteRef}
              onClick={() => setConfirmDelete(true)}
            >
              Supprimer<span className="fr-sr-only"> « {search.name} »</span>
            </Button>
          </li>
        )}
      </ul>
      {confirmDelete && (
        <Confirm
          question={`Supprimer la recherche « ${search.name} » ? Cette action est définitive.`}
          confirmLabel="Supprimer la recherche"
          cancelLabel="Garder la recherche"
          busy={remove.isPending}
          onConfirm={() => void deleteSearch()}
          onCancel={() => {
            setConfirmDelete(false);
            focusAfterRender(() => deleteRef.current);
          }}
        />
      )}
      {running && run === null && (
        <p role="status" className="fr-mt-2w">
          Recherche en cours…
        </p>
      )}
      {run && (
        <section className="pl-run" aria-labelledby={`run-${search.id}`}>
          <h4 id={`run-${search.id}`} ref={resultsRef} tabIndex={-1} className="fr-text--md fr-text--bold fr-mt-2w fr-mb-1w pl-focus-target">
            {runSummary(run.total, run.fresh)}
          </h4>
          {run.results.length > 0 && (
            <ol className="pl-entries">
              {run.results.map((r) => (
                <li key={r.node.id}>
                  <p className="fr-text--bold fr-mb-0">
                    <Link href={paths.profile(r.node.id)}>{fullName(r.node)}</Link>
                    {r.isNew && (
                      <Badge severity="new" small noIcon className="fr-ml-1w">
                        Nouveau
                      </Badge>
                    )}
                  </p>
                  <p className="fr-text--sm fr-mb-0">
                    {[r.node.currentRole?.title, r.node.organisation?.name, r.node.region?.name].filter(Boolean).join(" · ") ||
                      "Poste non renseigné"}
                    <span className="pl-mention"> · score {r.score.toLocaleString("fr-FR")}</span>
                  </p>
                </li>
              ))}
            </ol>
          )}
          {run.next !== null && (
            <Button priority="secondary" size="small" disabled={running} onClick={() => void go(run.next)}>
              Afficher les résultats suivants
            </Button>
          )}
        </section>
      )}
    </li>
  );
}

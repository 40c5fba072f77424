import { useEffect, useRef, type ReactNode } from "react";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { TalentResultFieldsFragment } from "../gql/graphql";
import { request } from "../graphql/client";
import { queryKey } from "../graphql/query";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";
import { ErrorAlert } from "../components/ErrorAlert";
import { SEARCH_TALENT_QUERY } from "./talentQuery";
import { resultsStatus } from "./explain";
import { toTalentFilter, type ListKey, type TalentSearch } from "./filter";
import { facetGroups, TalentFacets } from "./TalentFacets";
import { TalentResult } from "./TalentResult";
import type { Referentials } from "./TalentSearchForm";

/** PAGE_SIZE is how many results a page shows (« Afficher plus » adds as many). */
export const PAGE_SIZE = 20;

/**
 * useTalentSearch runs the search page by page with the connection's cursors;
 * the first page also asks for the facets. While a new filter loads, the
 * previous results stay on screen (the facet that was pressed keeps the focus).
 */
function useTalentSearch(search: TalentSearch) {
  const filter = toTalentFilter(search);
  const variables = { filter, first: PAGE_SIZE, after: null as string | null, facets: true };
  return useInfiniteQuery({
    queryKey: queryKey(SEARCH_TALENT_QUERY, variables),
    queryFn: ({ signal, pageParam }) =>
      request(SEARCH_TALENT_QUERY, { ...variables, after: pageParam, facets: pageParam === null }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.searchTalent.pageInfo.hasNextPage ? last.searchTalent.pageInfo.endCursor : undefined),
    placeholderData: keepPreviousData,
  });
}

/**
 * TalentResults shows the results of a search: their number (announced in a
 * live region), the ranked results with their explanation, « Afficher plus »,
 * and the facets. focusRequest changes when the person asked for a search:
 * once its results are shown, the results heading takes the focus.
 * actions gives each result its actions (the shortlists' « Ajouter à une liste »).
 */
export function TalentResults({
  search,
  refs,
  focusRequest,
  onToggle,
  actions,
}: {
  search: TalentSearch;
  refs: Referentials;
  focusRequest: number;
  onToggle: (key: ListKey, value: string) => void;
  actions?: (result: TalentResultFieldsFragment) => ReactNode;
}) {
  const query = useTalentSearch(search);
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const focused = useRef(0);
  const pages = query.data?.pages ?? [];
  const first = pages[0]?.searchTalent;
  const results = pages.flatMap((p) => p.searchTalent.edges);
  const ready = query.isSuccess && !query.isPlaceholderData;
  const groups = first?.facets ? facetGroups(first.facets, search, refs) : [];

  useEffect(() => {
    if (ready && focusRequest > focused.current) {
      focused.current = focusRequest;
      heading.current?.focus();
    }
  }, [ready, focusRequest]);

  let status = "";
  if (query.isPending || query.isPlaceholderData) status = "Recherche en cours…";
  else if (query.isError) status = "La recherche a échoué.";
  else if (first) status = resultsStatus(first.totalCount, results.length);

  const more = async () => {
    const shown = results.length;
    await query.fetchNextPage();
    // The first new result takes the focus: the reader goes on where they were.
    focusAfterRender(() => list.current?.querySelectorAll<HTMLElement>(":scope > li h3 a")[shown]);
  };

  return (
    <section aria-labelledby="resultats" className="fr-mt-6w">
      <h2 id="resultats" ref={heading} tabIndex={-1} className="fr-h3 fr-mb-1w pl-focus-target">
        Résultats
      </h2>
      <p role="status" aria-live="polite" aria-atomic="true" className="fr-mb-3w">
        {status}
      </p>
      {query.isError && <ErrorAlert error={query.error} className="fr-mb-3w" />}
      {first && (
        // While another search loads, the previous results stay, dimmed and marked busy.
        <div className="fr-grid-row fr-grid-row--gutters pl-talent-area" aria-busy={query.isPlaceholderData}>
          <div className="fr-col-12 fr-col-lg-8">
            {results.length === 0 ? (
              <div className="pl-empty">
                <p>Personne ne correspond à tous ces critères parmi les profils que vous pouvez voir.</p>
                <p className="fr-mb-0">
                  Essayez un niveau minimum plus bas, une compétence souhaitée plutôt que requise, ou moins de critères.
                </p>
              </div>
            ) : (
              <ol ref={list} className="pl-talent-results" aria-label="Profils trouvés, du plus pertinent au moins pertinent">
                {results.map((r) => (
                  <li key={r.node.id}>
                    <TalentResult result={r} criteria={search.skills} validatedOnly={search.validatedOnly} actions={actions?.(r)} />
                  </li>
                ))}
              </ol>
            )}
            {query.hasNextPage && (
              <Button
                type="button"
                priority="secondary"
                className="fr-mt-3w"
                disabled={query.isFetchingNextPage}
                onClick={() => void more()}
              >
                {query.isFetchingNextPage ? "Chargement…" : `Afficher ${PAGE_SIZE} résultats de plus`}
              </Button>
            )}
          </div>
          {groups.length > 0 && (
            <div className="fr-col-12 fr-col-lg-4">
              <section aria-labelledby="affiner" className="pl-facets">
                <h2 id="affiner" className="fr-h5">
                  Affiner les résultats
                </h2>
                <TalentFacets groups={groups} search={search} onToggle={onToggle} />
              </section>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

import { useMemo, useState } from "react";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Notice } from "@codegouvfr/react-dsfr/Notice";
import { navigate, PageHeading, useDocumentTitle, useLocation } from "../router";
import { paths } from "../paths";
import { useSession } from "../session/SessionProvider";
import { useGraphQLQuery } from "../graphql/query";
import type { TalentSkillFieldsFragment } from "../gql/graphql";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import { TALENT_REFERENTIALS_QUERY } from "../talent/talentQuery";
import { formatTalentSearch, isEmptySearch, parseTalentSearch, toggleValue, toTalentFilter, type TalentSearch } from "../talent/filter";
import { TalentSearchForm } from "../talent/TalentSearchForm";
import { TalentResults } from "../talent/TalentResults";
import { AddToShortlist } from "../components/AddToShortlist";
import { SaveSearch } from "../components/SaveSearch";
import { canKeepShortlists } from "../shortlists/rules";
import { canSearchAllVisible, talentPageTitle } from "../talent/scope";
import "../talent/talent.css";

/**
 * TalentSearchPage finds people by their skills and levels, where they work
 * and what they wish. The filter lives in the address (?competence=…), so a
 * search can be shared and the back button returns to the previous one;
 * « Rechercher » and the facets change the address, the page reads it.
 * Managers and administrators find the profiles shown to managers or to all
 * agents; other agents, their colleagues who show themselves to all: the
 * server scopes the search, the page says so.
 */
export function TalentSearchPage() {
  const { me } = useSession();
  const broad = me !== null && canSearchAllVisible(me.accessRoles);
  const title = talentPageTitle(broad);
  useDocumentTitle(title);
  const { search: address } = useLocation();
  const search = useMemo(() => parseTalentSearch(address), [address]);
  const refs = useGraphQLQuery(TALENT_REFERENTIALS_QUERY, {});
  const [focusRequest, setFocusRequest] = useState(0);
  const catalogue = useMemo(
    () => new Map<string, TalentSkillFieldsFragment>((refs.data?.skills.edges ?? []).map((e) => [e.node.id, e.node])),
    [refs.data],
  );
  if (me === null) return null; // the route requires sign-in: App shows SignInRequiredPage instead

  const go = (next: TalentSearch) => navigate(paths.talents + formatTalentSearch(next));

  return (
    <>
      <Breadcrumb currentPageLabel={title} homeLinkProps={{ href: paths.home }} segments={[]} />
      <PageHeading>{title}</PageHeading>
      <p className="fr-text--lead">
        {broad
          ? "Trouvez les agents qui ont les compétences d’un poste ou d’un projet, même quand leur métier ne le dit pas."
          : "Trouvez un collègue qui a une compétence, pour un conseil, un projet ou un mentorat."}
      </p>
      <Notice
        className="fr-mb-4w"
        title={
          broad
            ? "Vous trouvez les agents qui montrent leur profil aux managers ou à tous les agents, sauf ceux qui le masquent à votre entité. Chaque recherche est enregistrée (vous, la date, les critères, le nombre de résultats) ; ouvrir un profil est signalé à l’agent."
            : "Vous trouvez les collègues qui montrent leur profil à tous les agents connectés, sauf ceux qui le masquent à votre entité. Ceux qui ne le montrent qu’aux managers n’apparaissent pas."
        }
      />
      {refs.isPending && <Loading label="Chargement des critères…" />}
      {refs.isError && <ErrorAlert error={refs.error} />}
      {refs.data && (
        <>
          <TalentSearchForm
            // A new address (back button, facet) starts the form again from it.
            key={address}
            initial={search}
            refs={refs.data}
            catalogue={catalogue}
            onSearch={(next) => {
              setFocusRequest((n) => n + 1);
              go(next);
            }}
          />
          {isEmptySearch(search) ? (
            <p className="fr-mt-4w pl-mention">
              Choisissez des compétences et leur niveau minimum, ou d’autres critères, puis lancez la recherche. Les
              résultats sont classés par score{"\u00a0"}: chacun dit ce qui a compté.
            </p>
          ) : (
            <>
              {/* Managers and administrators keep this search, and shortlist each result. Keyed by the
                  address: a search changed by a facet or « Rechercher » can be saved in its turn. */}
              {canKeepShortlists(me.accessRoles) && <SaveSearch key={address} filter={toTalentFilter(search)} />}
              <TalentResults
                search={search}
                refs={refs.data}
                focusRequest={focusRequest}
                onToggle={(key, value) => go(toggleValue(search, key, value as never))}
                actions={
                  canKeepShortlists(me.accessRoles)
                    ? (r) => <AddToShortlist agentId={r.node.id} agentName={`${r.node.givenName} ${r.node.usualName}`} />
                    : undefined
                }
              />
            </>
          )}
        </>
      )}
    </>
  );
}

import { graphql } from "../gql";
import { Link } from "../router";
import { paths } from "../paths";
import { useGraphQLQuery } from "../graphql/query";
import { plural } from "../format";
import { ErrorAlert } from "../components/ErrorAlert";
import { EventSummaryList } from "../events/EventSummary";
import { eventPaths } from "./rules";

/** RECOMMENDED_EVENTS_QUERY asks the upcoming events that develop the skills the agent wants to develop. */
export const RECOMMENDED_EVENTS_QUERY = graphql(`
  query RecommendedEvents {
    me {
      id
      recommendedEvents(first: 5) {
        totalCount
        edges {
          node {
            ...EventSummaryFields
          }
        }
      }
    }
  }
`);

/**
 * RecommendedEvents is « Des événements pour vous » on Mon espace: the five
 * best upcoming events for the skills the agent wants to develop, or what to
 * do to get some.
 */
export function RecommendedEvents() {
  const query = useGraphQLQuery(RECOMMENDED_EVENTS_QUERY, {});
  const connection = query.data?.me?.recommendedEvents;
  const events = connection?.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="pl-recommended">
      <h2 id="pl-recommended" className="fr-h4 fr-mt-4w">
        Des événements pour vous
      </h2>
      {query.isPending && <p role="status">Chargement des événements…</p>}
      {query.error !== null && <ErrorAlert error={query.error} />}
      {connection && events.length === 0 && (
        <p>
          Aucun événement à venir ne développe les compétences que vous souhaitez développer. Indiquez-les dans{" "}
          <Link href={paths.mySkills}>Mes compétences</Link> (« Je souhaite développer cette compétence »), ou parcourez les{" "}
          <Link href={paths.communities}>communautés</Link> et leurs événements.
        </p>
      )}
      {events.length > 0 && (
        <>
          <p>
            {plural(connection?.totalCount ?? 0, "événement à venir développe", "événements à venir développent")} des
            compétences que vous souhaitez développer : d’abord ceux où il reste des places, puis ceux qui en développent le plus, puis
            les plus proches.
          </p>
          <EventSummaryList events={events} />
          <p>
            <Link href={eventPaths.events}>Tous les événements</Link>
          </p>
        </>
      )}
    </section>
  );
}

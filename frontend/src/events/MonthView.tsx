import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { SegmentedControl } from "@codegouvfr/react-dsfr/SegmentedControl";
import { Link } from "../router";
import { request } from "../graphql/client";
import { plural } from "../format";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import type { EventFilter, EventsQuery, EventSummaryFieldsFragment } from "../gql/graphql";
import { EVENTS_QUERY } from "./queries";
import { addMonths, formatEventSearch, monthName, monthOf, monthWeeks, toEventFilter, type EventSearch } from "./filter";
import { dayKey, formatDay, formatTime, localInput } from "../dates";
import { EventSummaryList, eventPath } from "./EventSummary";

const WEEKDAYS = [
  ["lun.", "lundi"],
  ["mar.", "mardi"],
  ["mer.", "mercredi"],
  ["jeu.", "jeudi"],
  ["ven.", "vendredi"],
  ["sam.", "samedi"],
  ["dim.", "dimanche"],
] as const;

// The month is read by its period of Paris time (`startsFrom`, `startsBefore`:
// an index range on the server), page by page in the rare month of more than
// a hundred events.
const PAGE = 100;
const MAX_PAGES = 10;

async function eventsOf(month: string, filter: EventFilter, signal: AbortSignal): Promise<EventSummaryFieldsFragment[]> {
  const period = { startsFrom: `${month}-01T00:00`, startsBefore: `${addMonths(month, 1)}-01T00:00` };
  const found: EventSummaryFieldsFragment[] = [];
  let after: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const data: EventsQuery = await request(EVENTS_QUERY, { filter: { ...filter, ...period }, first: PAGE, after }, { signal });
    found.push(...data.events.edges.map(({ node }) => node));
    if (!data.events.pageInfo.hasNextPage) break;
    after = data.events.pageInfo.endCursor;
  }
  return found;
}

/** MonthLayout is how the month is shown: the grid of weeks, or the list by day. */
type MonthLayout = "grid" | "list";

/**
 * MonthView is the calendar of a month, shown one way at a time (so that no
 * event is read twice): a grid of weeks (Monday first) whose days link to
 * their events, or the same events as a list by day. « Présentation » switches
 * between them; narrow screens (under 48 em, where seven columns cannot hold
 * a title) always show the list. « Mois précédent » and « Mois suivant »
 * change the address.
 */
export function MonthView({ search }: { search: EventSearch }) {
  const thisMonth = monthOf(localInput(new Date().toISOString()));
  const month = search.month || thisMonth;
  const filter = toEventFilter(search, null);
  const query = useQuery({
    queryKey: ["MonthEvents", { month, filter }],
    queryFn: async ({ signal }) => {
      const events = await eventsOf(month, filter, signal);
      return events.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    },
  });
  const [layout, setLayout] = useState<MonthLayout>("grid");
  const events = query.data ?? [];
  const byDay = new Map<string, EventSummaryFieldsFragment[]>();
  for (const e of events) {
    const day = dayKey(e.startsAt, e.timeZone);
    byDay.set(day, [...(byDay.get(day) ?? []), e]);
  }
  const name = monthName(month);
  const to = (m: string) => `/evenements${formatEventSearch({ ...search, view: "month", month: m === thisMonth ? "" : m })}`;

  return (
    <section aria-labelledby="pl-month-title" className="fr-mt-2w">
      <h2 id="pl-month-title" className="pl-month__title">
        {name.charAt(0).toUpperCase() + name.slice(1)}
      </h2>
      <ul className="pl-actions">
        <li>
          <Link className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-arrow-left-line fr-btn--icon-left" href={to(addMonths(month, -1))}>
            Mois précédent
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-arrow-right-line fr-btn--icon-right" href={to(addMonths(month, 1))}>
            Mois suivant
          </Link>
        </li>
      </ul>
      <p role="status" className="pl-status">
        {query.isSuccess && (events.length === 0 ? `Aucun événement en ${name}.` : `${plural(events.length, "événement", "événements")} en ${name}.`)}
      </p>
      {query.isPending && <Loading label="Chargement du mois…" />}
      {query.isError && <ErrorAlert error={query.error} />}
      {query.isSuccess && events.length > 0 && (
        <SegmentedControl
          className="pl-month__layout"
          small
          inlineLegend
          legend="Présentation"
          name="pl-month-layout"
          segments={[
            { label: "Grille du mois", nativeInputProps: { value: "grid", checked: layout === "grid", onChange: () => setLayout("grid") } },
            { label: "Liste par jour", nativeInputProps: { value: "list", checked: layout === "list", onChange: () => setLayout("list") } },
          ]}
        />
      )}
      {query.isSuccess && (
        <div className={`pl-month pl-month--${layout}`}>
          <table className="pl-month__grid">
            <caption className="fr-sr-only">Calendrier de {name}, une ligne par semaine</caption>
            <thead>
              <tr>
                {WEEKDAYS.map(([short, long]) => (
                  <th key={long} scope="col">
                    <abbr title={long}>{short}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {monthWeeks(month).map((week, i) => (
                <tr key={i}>
                  {week.map((day, j) =>
                    day === null ? (
                      <td key={j} className="pl-month__out" />
                    ) : (
                      <td key={day} className={byDay.has(day) ? "pl-month__busy" : undefined}>
                        <span className="pl-month__day">{Number(day.slice(8))}</span>
                        {byDay.get(day)?.map((e) => (
                          <Link key={e.id} href={eventPath(e.id)} className="pl-month__event">
                            {formatTime(e.startsAt, e.timeZone)} {e.title}
                            {e.status === "CANCELLED" ? " (annulé)" : ""}
                          </Link>
                        ))}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {events.length > 0 && (
            <section aria-labelledby="pl-month-list" className="fr-mt-3w pl-month__list">
              <h3 id="pl-month-list">Les événements de {name}, jour par jour</h3>
              {[...byDay.entries()].map(([day, list]) => (
                <div key={day} className="pl-month__list-day">
                  <h4 className="fr-h6">{formatDay(list[0]?.startsAt ?? day, list[0]?.timeZone)}</h4>
                  <EventSummaryList events={list} headingLevel={5} />
                </div>
              ))}
            </section>
          )}
        </div>
      )}
    </section>
  );
}

import { useEffect, useRef } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Link, navigate, PageHeading, useDocumentTitle, useLocation } from "../router";
import { paths } from "../paths";
import { plural } from "../format";
import { useGraphQLQuery, usePagedQuery } from "../graphql/query";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";
import {
  eventSearchSchema,
  formatEventSearch,
  parseEventSearch,
  toEventFilter,
  type EventSearch,
  type EventSearchDraft,
  MAX_TEXT,
} from "./filter";
import { EVENT_FILTER_OPTIONS_QUERY, EVENTS_QUERY } from "./queries";
import { EVENT_FORMATS, EVENT_KINDS, FORMAT_LABELS, KIND_LABELS } from "./labels";
import { EventSummary } from "./EventSummary";
import { MonthView } from "./MonthView";
import "./events.css";

const PAGE_SIZE = 20;

/**
 * EventsPage (« Événements », /evenements) lists the events of every
 * community: upcoming or past, filtered by community, kind, format, region,
 * skill and text, page by page; or the month's calendar. Its state lives in
 * the address, so a list can be shared and the back button restores it.
 */
export function EventsPage() {
  useDocumentTitle("Événements");
  const { pathname, search } = useLocation();
  const current = parseEventSearch(search);
  const go = (next: EventSearch) => navigate(pathname + formatEventSearch(next));

  const views: { label: string; target: EventSearch; current: boolean }[] = [
    { label: "À venir", target: { ...current, view: "list", when: "UPCOMING" }, current: current.view === "list" && current.when === "UPCOMING" },
    { label: "Passés", target: { ...current, view: "list", when: "PAST" }, current: current.view === "list" && current.when === "PAST" },
    { label: "Calendrier du mois", target: { ...current, view: "month" }, current: current.view === "month" },
  ];

  return (
    <>
      <Breadcrumb currentPageLabel="Événements" homeLinkProps={{ href: paths.home }} segments={[]} />
      <PageHeading>Événements</PageHeading>
      <p className="fr-text--lead">
        Rencontres, webinaires, ateliers et salons des communautés de la filière numérique. Inscrivez-vous et ajoutez-les à
        votre agenda.
      </p>
      <EventFilters current={current} onSearch={go} />
      <nav aria-label="Affichage des événements" className="fr-mt-3w">
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
          {views.map((v) => (
            <li key={v.label}>
              <Link
                href={pathname + formatEventSearch(v.target)}
                className={v.current ? "fr-btn" : "fr-btn fr-btn--secondary"}
                aria-current={v.current ? "page" : undefined}
              >
                {v.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {current.view === "month" ? <MonthView search={current} /> : <EventList search={current} />}
    </>
  );
}

/**
 * EventFilters is the filter form. « Filtrer » writes the filters in the
 * address (the list follows); « Effacer les filtres » keeps the view only.
 */
function EventFilters({ current, onSearch }: { current: EventSearch; onSearch: (s: EventSearch) => void }) {
  const options = useGraphQLQuery(EVENT_FILTER_OPTIONS_QUERY, {});
  const values: EventSearchDraft = {
    community: current.community,
    kind: current.kind,
    format: current.format,
    region: current.region,
    skill: current.skill,
    text: current.text,
  };
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<EventSearchDraft>({ resolver: zodResolver(eventSearchSchema), defaultValues: values });
  // The back button changes the address: the form shows what the list shows.
  const key = formatEventSearch({ ...current, view: "list", when: "UPCOMING", month: "" });
  useEffect(() => {
    reset(values);
    // values is derived from key
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, reset]);

  const communities = options.data?.communities.edges.map((e) => e.node) ?? [];
  const regions = options.data?.regions.edges.map((e) => e.node) ?? [];
  const skills = options.data?.skills.edges.map((e) => e.node) ?? [];
  const frameworks = [...new Map(skills.map((s) => [s.framework.code, s.framework.name])).entries()];
  // Options not loaded yet still show the chosen value, so a shared address reads right.
  const kept = (list: { id: string }[], id: string) => id === "" || list.some((x) => x.id === id);

  const submit = (d: EventSearchDraft) =>
    onSearch({
      ...current,
      community: d.community,
      kind: d.kind as EventSearch["kind"],
      format: d.format as EventSearch["format"],
      region: d.region,
      skill: d.skill,
      text: d.text.trim(),
    });

  return (
    <form
      className="pl-event-filters"
      role="search"
      aria-label="Filtrer les événements"
      noValidate
      onSubmit={(event) => void handleSubmit(submit)(event)}
    >
      <div className="pl-event-filters__grid">
        <Input
          label="Mots-clés"
          hintText={`Dans le titre et la description, ${MAX_TEXT} caractères au plus.`}
          state={errors.text ? "error" : "default"}
          stateRelatedMessage={errors.text?.message}
          nativeInputProps={{ type: "search", autoComplete: "off", ...register("text") }}
        />
        <Select label="Communauté" nativeSelectProps={register("community")}>
          <option value="">Toutes</option>
          {communities.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
          {!communities.some((c) => c.code === current.community) && current.community !== "" && (
            <option value={current.community}>{current.community}</option>
          )}
        </Select>
        <Select label="Type" nativeSelectProps={register("kind")}>
          <option value="">Tous</option>
          {EVENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </Select>
        <Select label="Format" nativeSelectProps={register("format")}>
          <option value="">Tous</option>
          {EVENT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABELS[f]}
            </option>
          ))}
        </Select>
        <Select label="Région" nativeSelectProps={register("region")}>
          <option value="">Toutes</option>
          {regions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
          {!kept(regions, current.region) && <option value={current.region}>Région {current.region}</option>}
        </Select>
        <Select label="Compétence développée" nativeSelectProps={register("skill")}>
          <option value="">Toutes</option>
          {frameworks.map(([code, name]) => (
            <optgroup key={code} label={name}>
              {skills
                .filter((s) => s.framework.code === code)
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.code} {s.name}
                  </option>
                ))}
            </optgroup>
          ))}
          {!kept(skills, current.skill) && <option value={current.skill}>Compétence {current.skill}</option>}
        </Select>
      </div>
      <ul className="pl-actions">
        <li>
          <Button type="submit" iconId="fr-icon-search-line">
            Filtrer
          </Button>
        </li>
        <li>
          <Link
            className="fr-btn fr-btn--tertiary"
            href={formatEventSearch({
              ...current,
              community: "",
              kind: "",
              format: "",
              region: "",
              skill: "",
              text: "",
            }) || "/evenements"}
          >
            Effacer les filtres
          </Link>
        </li>
      </ul>
    </form>
  );
}

/** EventList is the upcoming or past events, page by page, with their count announced. */
function EventList({ search }: { search: EventSearch }) {
  const filter = toEventFilter(search);
  const query = usePagedQuery(EVENTS_QUERY, { filter, first: PAGE_SIZE }, (d) => d.events.pageInfo);
  const focusAfterRender = useFocusAfterRender();
  const listRef = useRef<HTMLUListElement>(null);
  const pages = query.data?.pages ?? [];
  const events = pages.flatMap((p) => p.events.edges.map((e) => e.node));
  const total = pages[0]?.events.totalCount ?? 0;
  const title = search.when === "PAST" ? "Événements passés" : "Événements à venir";

  const more = async () => {
    const before = events.length;
    await query.fetchNextPage();
    focusAfterRender(() => listRef.current?.querySelectorAll<HTMLAnchorElement>("h3 a")[before]);
  };

  return (
    <section aria-labelledby="pl-events-results" className="fr-mt-2w">
      <h2 id="pl-events-results">{title}</h2>
      <p role="status" className="pl-status">
        {query.isSuccess &&
          (total === 0
            ? "Aucun événement ne correspond à ces critères."
            : `${plural(total, "événement correspond", "événements correspondent")} à ces critères, ${events.length.toLocaleString("fr-FR")} ${events.length <= 1 ? "affiché" : "affichés"}.`)}
      </p>
      {query.isPending && <Loading label="Chargement des événements…" />}
      {query.isError && <ErrorAlert error={query.error} />}
      {events.length > 0 && (
        <ul ref={listRef} className="pl-event-list">
          {events.map((e) => (
            <li key={e.id}>
              <EventSummary event={e} />
            </li>
          ))}
        </ul>
      )}
      {query.hasNextPage && (
        <Button type="button" priority="secondary" disabled={query.isFetchingNextPage} onClick={() => void more()}>
          Afficher les événements suivants
        </Button>
      )}
    </section>
  );
}

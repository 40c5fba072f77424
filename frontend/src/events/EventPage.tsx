import { useEffect, useRef, useState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Link, PageHeading, useDocumentTitle } from "../router";
import type { PageProps } from "../routes";
import type { EventPageQuery } from "../gql/graphql";
import { paths } from "../paths";
import { errorMessage } from "../graphql/client";
import { isNotFound, useGraphQLMutation, useGraphQLQuery } from "../graphql/query";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";
import { EVENT_QUERY, EVENT_VIEWS, REGISTER_MUTATION, UNREGISTER_MUTATION } from "./queries";
import { formatDayTime, formatSpan, zoneNote } from "../dates";
import { FORMAT_LABELS, KIND_LABELS } from "./labels";
import { SeatsSummary } from "./SeatsSummary";
import { afterUnregistering, registrationState } from "./registration";
import { EventManagement } from "./EventManagement";
import { clearEventFlash, peekEventFlash } from "./flash";
import "./events.css";

/** calendarPath is the event's iCalendar file (« Ajouter à mon agenda »). */
export function calendarPath(id: string): string {
  return `/calendar/events/${encodeURIComponent(id)}.ics`;
}

/**
 * EventPage (/evenements/:id) shows an event: when (in its time zone), where
 * or its link (only when the API gives it), seats, deadline, skills, its
 * description (HTML sanitised by the server); « S’inscrire » / « Se
 * désinscrire » with the waitlist position; « Ajouter à mon agenda »; and,
 * for its community's animators and administrators, its management.
 */
export function EventPage({ params }: PageProps) {
  const id = params.id ?? "";
  const query = useGraphQLQuery(EVENT_QUERY, { id });
  const event = query.data?.event ?? null;
  // What the form that saved this event left to say: shown once, with the focus
  // (after the page heading took it on arrival), until the viewer does something
  // else here — « Le brouillon est créé… publiez-le » stayed above « L’événement
  // est publié », and « Vos modifications sont enregistrées » above the cancellation.
  const [flash, setFlash] = useState(() => peekEventFlash(id));
  const forgetFlash = () => setFlash(null);
  const flashRef = useRef<HTMLDivElement>(null);
  const shown = event !== null;
  useEffect(() => {
    if (flash === null || !shown) return;
    clearEventFlash();
    flashRef.current?.focus();
  }, [flash, shown]);
  useDocumentTitle(event?.title ?? (query.isError ? "Événement introuvable" : "Événement"), "Événements");

  const breadcrumb = (
    <Breadcrumb
      currentPageLabel={event?.title ?? "Événement"}
      homeLinkProps={{ href: paths.home }}
      segments={[{ label: "Événements", linkProps: { href: paths.events } }]}
    />
  );
  if (query.isPending) return <Loading label="Chargement de l’événement…" />;
  if (query.isError || event === null) {
    return (
      <>
        {breadcrumb}
        <PageHeading>{isNotFound(query.error) ? "Événement introuvable" : "Événement"}</PageHeading>
        {isNotFound(query.error) ? (
          <p>Cet événement n’existe pas, ou c’est un brouillon que seuls les animateurs de sa communauté voient.</p>
        ) : (
          <ErrorAlert error={query.error} />
        )}
      </>
    );
  }

  const hasPlace = event.format !== "ONLINE";
  const hasLink = event.format !== "ONSITE";
  return (
    <>
      {breadcrumb}
      <PageHeading>{event.title}</PageHeading>
      {flash !== null && (
        <div ref={flashRef} tabIndex={-1} className="pl-focus-target fr-mb-2w">
          <Alert severity="success" small description={flash} />
        </div>
      )}
      <ul className="pl-badges fr-mb-2w">
        {event.status === "CANCELLED" && (
          <li>
            <Badge severity="error">Annulé</Badge>
          </li>
        )}
        {event.status === "DRAFT" && (
          <li>
            <Badge severity="new">Brouillon</Badge>
          </li>
        )}
        <li>
          <Badge>{KIND_LABELS[event.kind]}</Badge>
        </li>
        <li>
          <Badge>{FORMAT_LABELS[event.format]}</Badge>
        </li>
      </ul>
      {event.status === "CANCELLED" && (
        <Alert
          severity="warning"
          title="Cet événement est annulé"
          description={`Il a été annulé${event.cancelledAt ? ` le ${formatDayTime(event.cancelledAt, event.timeZone)}` : ""}. Toutes les inscriptions et la liste d’attente ont été libérées, et chaque personne inscrite a été prévenue.`}
          as="h2"
          className="fr-mb-3w"
        />
      )}
      <dl className="pl-event-facts">
        <div>
          <dt>Quand</dt>
          <dd>
            {formatSpan(event.startsAt, event.endsAt, event.timeZone)} ({zoneNote(event.timeZone)})
          </dd>
        </div>
        {hasPlace && (
          <div>
            <dt>Lieu</dt>
            <dd className="pl-multiline">
              {event.address ?? "Adresse à venir"}
              {event.region ? ` (${event.region.name})` : ""}
            </dd>
          </div>
        )}
        {hasLink && (
          <div>
            <dt>En ligne</dt>
            <dd>
              {event.onlineUrl ? (
                <a href={event.onlineUrl} target="_blank" rel="noopener noreferrer" className="fr-link">
                  Lien de connexion<span className="fr-sr-only"> (nouvelle fenêtre)</span>
                </a>
              ) : event.onlineUrlHidden ? (
                "Le lien de connexion est donné aux personnes inscrites qui ont une place."
              ) : (
                "Lien de connexion à venir."
              )}
            </dd>
          </div>
        )}
        <div>
          <dt>Communauté</dt>
          <dd>
            <Link href={paths.community(event.community.code)}>{event.community.name}</Link>
          </dd>
        </div>
        {/* A cancelled event has no seats nor deadline left to tell. */}
        {event.status !== "CANCELLED" && (
          <>
            <div>
              <dt>Places</dt>
              <dd>
                <SeatsSummary event={event} />
              </dd>
            </div>
            <div>
              <dt>Inscriptions</dt>
              <dd>Jusqu’au {formatDayTime(event.registrationDeadline, event.timeZone)}</dd>
            </div>
          </>
        )}
        {event.skills.length > 0 && (
          <div>
            <dt>Compétences développées</dt>
            <dd>
              <ul className="pl-badges">
                {event.skills.map((s) => (
                  <li key={s.id}>
                    <span className="fr-tag fr-tag--sm">
                      {s.code} {s.name}
                    </span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
      {event.descriptionHtml !== "" && (
        <section aria-labelledby="pl-event-description" className="fr-mt-3w">
          <h2 id="pl-event-description">Présentation</h2>
          {/* Rendered and sanitised on the server (goldmark + bluemonday): prose and safe links only. */}
          <div className="pl-event-description" dangerouslySetInnerHTML={{ __html: event.descriptionHtml }} />
        </section>
      )}
      <Registration event={event} onAction={forgetFlash} />
      {event.viewerCanManage && <EventManagement event={event} onAction={forgetFlash} />}
    </>
  );
}

type EventData = NonNullable<EventPageQuery["event"]>;

/**
 * Registration is the « Inscription » section: where the viewer stands and
 * the one button that changes it. After a change, the sentence takes the
 * focus once the page shows it; onAction is told when the viewer acts.
 */
function Registration({ event, onAction }: { event: EventData; onAction: () => void }) {
  const register = useGraphQLMutation(REGISTER_MUTATION, [...EVENT_VIEWS]);
  const unregister = useGraphQLMutation(UNREGISTER_MUTATION, [...EVENT_VIEWS]);
  // After a registration the section's own sentence is the confirmation (shown
  // once, as an alert); after leaving or a refusal, an alert says what happened
  // above the sentence, which then says what the viewer may do.
  const [announce, setAnnounce] = useState<{ text: string; severity: "success" | "info" | "error" } | "state" | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const state = registrationState(event);
  // When the page was opened: an event that ended by then gets no calendar entry.
  const [openedAt] = useState(() => Date.now());
  const busy = register.isPending || unregister.isPending;

  const act = async () => {
    onAction();
    setAnnounce(null);
    try {
      if (state.action === "register") {
        // mutateAsync resolves once the page's data is fetched again: the state below is the new one.
        await register.mutateAsync({ input: { eventId: event.id } });
        setAnnounce("state");
      } else {
        // Where the viewer stood before: the page is fetched again once it resolves.
        const done = afterUnregistering(event.myRegistration?.status === "WAITLISTED", event.waitlistCount);
        await unregister.mutateAsync({ input: { eventId: event.id } });
        setAnnounce({ text: done, severity: "success" });
      }
    } catch (e) {
      const { title, description } = errorMessage(e);
      setAnnounce({ text: description ? `${title} : ${description}` : title, severity: "error" });
    }
    focusAfterRender(() => statusRef.current);
  };

  return (
    <section aria-labelledby="pl-event-registration" className="fr-mt-4w pl-event-registration">
      <h2 id="pl-event-registration">Inscription</h2>
      <div ref={statusRef} tabIndex={-1} className="pl-focus-target">
        {announce === "state" ? (
          <Alert severity={state.tone === "info" ? "info" : "success"} small description={state.message} className="fr-mb-2w" />
        ) : (
          <>
            {announce && <Alert severity={announce.severity} small description={announce.text} className="fr-mb-2w" />}
            <p className={`pl-registration pl-registration--${state.tone}`}>{state.message}</p>
          </>
        )}
      </div>
      <ul className="pl-actions">
        {state.action === "register" && (
          <li>
            <Button type="button" disabled={busy} onClick={() => void act()}>
              S’inscrire
            </Button>
          </li>
        )}
        {state.action === "unregister" && (
          <li>
            <Button type="button" priority="secondary" disabled={busy} onClick={() => void act()}>
              Se désinscrire
            </Button>
          </li>
        )}
        {/* A calendar entry is for an event to come: not a draft, a cancelled or a past one. */}
        {event.status === "PUBLISHED" && openedAt < new Date(event.endsAt).getTime() && (
          <li>
            <a className="fr-btn fr-btn--tertiary fr-btn--icon-left fr-icon-calendar-line" href={calendarPath(event.id)} download>
              Ajouter à mon agenda
            </a>
          </li>
        )}
      </ul>
      <p className="fr-text--sm">
        Pour que toutes vos inscriptions arrivent d’elles-mêmes dans votre agenda, abonnez-le depuis{" "}
        <Link href={paths.myCalendar}>Mon agenda</Link>.
      </p>
    </section>
  );
}

import "./summary.css";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Link } from "../router";
import { paths } from "../paths";
import type { EventSummaryFieldsFragment } from "../gql/graphql";
import { formatSpan } from "../dates";
import { FORMAT_LABELS, KIND_LABELS, rank } from "./labels";
import { SeatsSummary } from "./SeatsSummary";

/** eventPath is the event page's address (the calendars and emails link there too). */
export const eventPath = paths.event;

/** RegistrationBadge says where the viewer stands: registered, or waiting at rank N. */
export function RegistrationBadge({ registration }: { registration: EventSummaryFieldsFragment["myRegistration"] }) {
  if (registration?.status === "REGISTERED") return <Badge severity="success" small>Place réservée</Badge>;
  if (registration?.status === "WAITLISTED" && registration.waitlistPosition !== null) {
    return (
      <Badge severity="info" small>
        Liste d’attente : {rank(registration.waitlistPosition)} position
      </Badge>
    );
  }
  return null;
}

/**
 * EventSummary is one event of a list, the same on the events pages, the
 * month view, a community's page and Mon espace: its title (a link to its
 * page, as a heading of the given level), when, community, kind and format,
 * region, seats, and the viewer's registration.
 */
export function EventSummary({ event, headingLevel = 3 }: { event: EventSummaryFieldsFragment; headingLevel?: 2 | 3 | 4 | 5 }) {
  const Heading = `h${headingLevel}` as const;
  return (
    <article className="pl-event-summary">
      <Heading className="fr-h6 fr-mb-1w">
        <Link href={eventPath(event.id)}>{event.title}</Link>
      </Heading>
      <p className="fr-mb-1w">{formatSpan(event.startsAt, event.endsAt, event.timeZone)}</p>
      <p className="fr-text--sm fr-mb-1w">
        {event.community.name} · {KIND_LABELS[event.kind]} · {FORMAT_LABELS[event.format]}
        {event.region ? ` · ${event.region.name}` : ""}
      </p>
      <ul className="pl-badges">
        {event.status === "CANCELLED" && (
          <li>
            <Badge severity="error" small>
              Annulé
            </Badge>
          </li>
        )}
        {event.status === "DRAFT" && (
          <li>
            <Badge severity="new" small>
              Brouillon
            </Badge>
          </li>
        )}
        {event.status !== "CANCELLED" && (
          <li>
            <SeatsSummary event={event} className="fr-text--sm" />
          </li>
        )}
        {event.status !== "CANCELLED" && event.myRegistration && (
          <li>
            <RegistrationBadge registration={event.myRegistration} />
          </li>
        )}
      </ul>
    </article>
  );
}

/** EventSummaryList lists events, each as an EventSummary. */
export function EventSummaryList({ events, headingLevel = 3 }: { events: readonly EventSummaryFieldsFragment[]; headingLevel?: 2 | 3 | 4 | 5 }) {
  return (
    <ul className="pl-event-list">
      {events.map((e) => (
        <li key={e.id}>
          <EventSummary event={e} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}

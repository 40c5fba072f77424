import "./communities.css";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Link } from "../router";
import type { CommunityEventFragment } from "../gql/graphql";
import { eventPaths, eventWhen, FORMAT_LABELS, KIND_LABELS, registrationLabel, seatsLabel } from "./rules";

/**
 * EventList lists events of a community: title linking to the event's page,
 * kind and format, start in Paris time, seats and the viewer's registration.
 */
export function EventList({ events, past = false }: { events: readonly CommunityEventFragment[]; past?: boolean }) {
  return (
    <ul className="pl-event-list">
      {events.map((e) => {
        const mine = registrationLabel(e.myRegistration);
        return (
          <li key={e.id} className="pl-event-item">
            <h3 className="fr-h6 fr-mb-1v">
              <Link href={eventPaths.event(e.id)}>{e.title}</Link>
            </h3>
            <p className="fr-mb-1v">
              {eventWhen(e.startsAt)}
              {" · "}
              {KIND_LABELS[e.kind]}
              {" · "}
              {FORMAT_LABELS[e.format]}
            </p>
            <ul className="fr-badges-group">
              {e.status === "CANCELLED" && (
                <li>
                  <Badge severity="error" small>
                    Annulé
                  </Badge>
                </li>
              )}
              {e.status === "DRAFT" && (
                <li>
                  <Badge small>Brouillon</Badge>
                </li>
              )}
              {!past && e.status === "PUBLISHED" && (
                <li>
                  <Badge severity={e.seatsLeft === 0 ? "warning" : "info"} small noIcon>
                    {seatsLabel(e.seatsLeft)}
                  </Badge>
                </li>
              )}
              {mine !== "" && (
                <li>
                  <Badge severity="success" small>
                    {mine}
                  </Badge>
                </li>
              )}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}

import { useRef, useState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Link } from "../router";
import { errorMessage } from "../graphql/client";
import { useGraphQLMutation, useGraphQLQuery } from "../graphql/query";
import type { EventPageQuery, EventRegistrationFieldsFragment } from "../gql/graphql";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import { Confirm } from "../shortlists/Confirm";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";
import { formatDayTime } from "../dates";
import { attendanceDone, attendanceState, cancelDone, cancelQuestion, ofName, rank } from "./labels";
import { CANCEL_EVENT_MUTATION, EVENT_PEOPLE_QUERY, EVENT_VIEWS, MARK_ATTENDANCE_MUTATION, PUBLISH_EVENT_MUTATION } from "./queries";

type ManagedEvent = NonNullable<EventPageQuery["event"]>;

/** participantsCsvPath is the CSV export of an event's participants and waitlist. */
export function participantsCsvPath(id: string): string {
  return `/exports/events/${encodeURIComponent(id)}/participants.csv`;
}

/** editEventPath is the event's edit form. */
export function editEventPath(id: string): string {
  return `/evenements/${encodeURIComponent(id)}/modifier`;
}

// The API gives 100 registrations a page at most; an event larger than that
// shows its first 100 here and all of them in the CSV.
const PEOPLE = 100;

/**
 * EventManagement is what the event's animators and administrators do on its
 * page: edit, publish a draft, cancel (after a confirmation), download the
 * participants as CSV, read the participants and the waitlist, and mark
 * attendance once the event has started. onAction is told when the viewer
 * publishes or cancels.
 */
export function EventManagement({ event, onAction }: { event: ManagedEvent; onAction: () => void }) {
  const publish = useGraphQLMutation(PUBLISH_EVENT_MUTATION, [...EVENT_VIEWS]);
  const cancel = useGraphQLMutation(CANCEL_EVENT_MUTATION, [...EVENT_VIEWS]);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useFocusAfterRender();

  const run = async (what: "publish" | "cancel") => {
    onAction();
    setStatus(null);
    try {
      if (what === "publish") {
        await publish.mutateAsync({ input: { eventId: event.id } });
        setStatus({ text: "L’événement est publié : chaque agent le voit et peut s’y inscrire.", error: false });
      } else {
        // The counts before the cancellation: it frees every seat.
        const done = cancelDone(event.registeredCount, event.waitlistCount);
        await cancel.mutateAsync({ input: { eventId: event.id } });
        setStatus({ text: done, error: false });
      }
    } catch (e) {
      const { title, description } = errorMessage(e);
      setStatus({ text: description ? `${title} : ${description}` : title, error: true });
    }
    setConfirming(false);
    focusAfterRender(() => statusRef.current);
  };

  return (
    <section aria-labelledby="pl-event-management" className="fr-mt-6w pl-event-management">
      <h2 id="pl-event-management">Gestion de l’événement</h2>
      <p>Vous animez cette communauté ou administrez Passerelles : vous gérez cet événement et voyez ses participants.</p>
      {event.status === "PUBLISHED" && !event.viewerCanChange && (
        // The participants' list below says to note attendance: said once.
        <p>L’événement a commencé : il ne se modifie ni ne s’annule plus.</p>
      )}
      <div ref={statusRef} tabIndex={-1} className="pl-focus-target">
        {status && <Alert severity={status.error ? "error" : "success"} small description={status.text} className="fr-mb-2w" />}
      </div>
      <ul className="pl-actions">
        {event.viewerCanChange && (
          <li>
            <Link className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-edit-line" href={editEventPath(event.id)}>
              Modifier l’événement
            </Link>
          </li>
        )}
        {event.status === "DRAFT" && event.viewerCanChange && (
          <li>
            <Button type="button" disabled={publish.isPending} onClick={() => void run("publish")}>
              Publier
            </Button>
          </li>
        )}
        {event.status !== "DRAFT" && (
          <li>
            <a className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-download-line" href={participantsCsvPath(event.id)} download>
              Télécharger la liste (CSV)
            </a>
          </li>
        )}
        {/* Only a published event is cancelled: a draft was never shown (the server refuses it). */}
        {event.status === "PUBLISHED" && event.viewerCanChange && !confirming && (
          <li>
            <Button ref={cancelRef} type="button" priority="tertiary" onClick={() => setConfirming(true)}>
              Annuler l’événement
            </Button>
          </li>
        )}
      </ul>
      {confirming && (
        <Confirm
          question={cancelQuestion(event.title, event.registeredCount, event.waitlistCount)}
          confirmLabel="Annuler l’événement"
          cancelLabel="Garder l’événement"
          busy={cancel.isPending}
          onConfirm={() => void run("cancel")}
          onCancel={() => {
            setConfirming(false);
            focusAfterRender(() => cancelRef.current);
          }}
        />
      )}
      {event.status !== "DRAFT" && <People event={event} />}
    </section>
  );
}

function personName(r: EventRegistrationFieldsFragment): string {
  return r.participant ? `${r.participant.givenName} ${r.participant.usualName}` : "Agent";
}

/** People lists the participants (with attendance once started) and the waitlist, in order. */
function People({ event }: { event: ManagedEvent }) {
  const query = useGraphQLQuery(EVENT_PEOPLE_QUERY, { id: event.id, first: PEOPLE });
  const mark = useGraphQLMutation(MARK_ATTENDANCE_MUTATION, ["EventPeople"]);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<unknown>(null);
  // When the page was opened: a page left open across the start is reloaded to mark attendance.
  const [openedAt] = useState(() => Date.now());
  const started = openedAt >= new Date(event.startsAt).getTime();
  const participants = query.data?.event?.participants.edges.map((e) => e.node) ?? [];
  const waitlist = query.data?.event?.waitlist.edges.map((e) => e.node) ?? [];

  const setAttended = async (r: EventRegistrationFieldsFragment, attended: boolean) => {
    if (!r.participant) return;
    setError(null);
    try {
      await mark.mutateAsync({ input: { eventId: event.id, agentId: r.participant.agentId, attended } });
      setStatus(attendanceDone(personName(r), attended));
    } catch (e) {
      setError(e);
    }
  };

  if (query.isPending) return <Loading label="Chargement des participants…" />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const total = query.data.event?.participants.totalCount ?? 0;
  const waiting = query.data.event?.waitlist.totalCount ?? 0;
  return (
    <>
      <h3 id="pl-event-participants" className="fr-mt-4w">
        Participants ({total.toLocaleString("fr-FR")})
      </h3>
      {/* Says what was just done; the row then shows the state. */}
      <p role="status" className="fr-sr-only">
        {status}
      </p>
      {error !== null && <ErrorAlert error={error} />}
      {event.status === "CANCELLED" ? (
        <p>L’événement est annulé : il n’a plus de participants.</p>
      ) : total === 0 ? (
        <p>Aucune inscription pour l’instant.</p>
      ) : (
        <>
          <p className="fr-text--sm">
            {started
              ? "L’événement a commencé : notez la présence ou l’absence de chaque personne."
              : "La présence se note une fois l’événement commencé."}
            {total > PEOPLE && ` Les ${PEOPLE} premiers sont affichés ; la liste CSV les contient tous.`}
          </p>
          {/* Should a long address widen it, the table scrolls inside its frame, not the page. */}
          <div className="pl-table-scroll">
            <table className="pl-participants" aria-labelledby="pl-event-participants">
              <thead>
                <tr>
                  <th scope="col">Participant</th>
                  <th scope="col">Présence</th>
                </tr>
              </thead>
              <tbody>
                {participants.map((r) => (
                  <tr key={r.participant?.agentId ?? r.registeredAt}>
                    {/* Two columns, so that the attendance buttons stay on screen at 390 px. */}
                    <th scope="row">
                      <span className="pl-participant__name">{personName(r)}</span>
                      <span className="pl-participant__more">
                        {r.participant?.organisationLabel} · {r.participant?.email}
                        <br />
                        Inscription le {formatDayTime(r.registeredAt, event.timeZone)}
                      </span>
                    </th>
                    <td>
                      {started ? (
                        <div role="group" aria-label={`Présence ${ofName(personName(r))}`} className="pl-attendance">
                          <Button
                            type="button"
                            size="small"
                            priority={r.attended === true ? "primary" : "secondary"}
                            nativeButtonProps={{ "aria-pressed": r.attended === true }}
                            disabled={mark.isPending}
                            onClick={() => void setAttended(r, true)}
                          >
                            Présence
                          </Button>
                          <Button
                            type="button"
                            size="small"
                            priority={r.attended === false ? "primary" : "secondary"}
                            nativeButtonProps={{ "aria-pressed": r.attended === false }}
                            disabled={mark.isPending}
                            onClick={() => void setAttended(r, false)}
                          >
                            Absence
                          </Button>
                          <span className="pl-attendance__state">{attendanceState(r.attended)}</span>
                        </div>
                      ) : (
                        "À noter après le début"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h3 id="pl-event-waitlist" className="fr-mt-4w">
        Liste d’attente ({waiting.toLocaleString("fr-FR")})
      </h3>
      {waitlist.length === 0 ? (
        <p>Personne n’attend de place.</p>
      ) : (
        <ol aria-labelledby="pl-event-waitlist" className="pl-waitlist">
          {waitlist.map((r) => (
            <li key={r.participant?.agentId ?? r.registeredAt}>
              {r.waitlistPosition !== null && <span className="fr-sr-only">{rank(r.waitlistPosition)} position : </span>}
              {personName(r)} ({r.participant?.organisationLabel}), en attente depuis le {formatDayTime(r.registeredAt, event.timeZone)}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

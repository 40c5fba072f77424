import "../communities/communities.css";
import { useRef, useState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Link, PageHeading, useDocumentTitle, useHashTarget } from "../router";
import { paths } from "../paths";
import { useSession } from "../session/SessionProvider";
import { useGraphQLMutation, useGraphQLQuery, usePagedQuery, usePageSettled } from "../graphql/query";
import { formError, type FormError } from "../profile/forms";
import { formatDateTime, formatDayTime } from "../dates";
import { plural } from "../format";
import {
  MARK_NOTIFICATIONS_READ_MUTATION,
  NOTIFICATION_PREFERENCES_QUERY,
  NOTIFICATIONS_QUERY,
  READ_INVALIDATES,
} from "../notifications/queries";
import { KIND_ICONS } from "../notifications/preferences";
import { PreferencesForm } from "../notifications/PreferencesForm";
import { eventPaths } from "../communities/rules";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";

const PAGE_SIZE = 20;

/**
 * NotificationsPage lists the agent's notifications, newest first, unread
 * ones marked, with « Marquer comme lue » and « Tout marquer comme lu »; then
 * the preferences (#preferences, the address the emails' footer links to).
 */
export function NotificationsPage() {
  useDocumentTitle("Notifications");
  const { me } = useSession();
  if (me === null) return null; // the route requires sign-in
  return (
    <>
      <Breadcrumb currentPageLabel="Notifications" homeLinkProps={{ href: paths.home }} segments={[]} />
      <PageHeading>Notifications</PageHeading>
      <p>
        Passerelles vous prévient de ce qui arrive à vos inscriptions aux événements, places ou liste d’attente :
        inscription confirmée, place libérée, changement d’horaire, de lieu ou de lien, annulation.{" "}
        <a href="#preferences">Choisir comment les recevoir</a>
      </p>
      <NotificationList />
      <Preferences />
    </>
  );
}

function NotificationList() {
  const query = usePagedQuery(NOTIFICATIONS_QUERY, { first: PAGE_SIZE, after: null }, (data) =>
    data.me?.notifications?.pageInfo ?? { hasNextPage: false, endCursor: null },
  );
  const markRead = useGraphQLMutation(MARK_NOTIFICATIONS_READ_MUTATION, READ_INVALIDATES);
  const [done, setDone] = useState("");
  const [error, setError] = useState<FormError | null>(null);
  const busy = useRef(false);
  const pages = query.data?.pages ?? [];
  const first = pages[0]?.me?.notifications;
  const notifications = pages.flatMap((p) => p.me?.notifications?.edges.map((e) => e.node) ?? []);

  const mark = async (input: { all: true } | { ids: string[] }, message: string) => {
    if (busy.current) return;
    busy.current = true;
    setDone("");
    setError(null);
    try {
      await markRead.mutateAsync({ input });
      setDone(message);
    } catch (e) {
      setError(formError(e));
    } finally {
      busy.current = false;
    }
  };

  if (query.isPending) return <Loading label="Chargement des notifications…" />;
  if (query.error !== null && first === undefined) return <ErrorAlert error={query.error} />;
  const unread = first?.unreadCount ?? 0;
  return (
    <section aria-labelledby="pl-notifications-list">
      <h2 id="pl-notifications-list" className="fr-h4 fr-mt-4w">
        Mes notifications
      </h2>
      <p>
        {first === undefined || first === null || first.totalCount === 0
          ? "Aucune notification pour le moment."
          : unread === 0
            ? `${plural(first.totalCount, "notification", "notifications")}, ${first.totalCount === 1 ? "lue" : "toutes lues"}.`
            : `${plural(first.totalCount, "notification", "notifications")}, dont ${plural(unread, "non lue", "non lues")}.`}
      </p>
      {unread > 0 && (
        <p>
          <Button
            priority="secondary"
            iconId="fr-icon-check-line"
            onClick={() => void mark({ all: true }, "Toutes vos notifications sont marquées comme lues.")}
          >
            Tout marquer comme lu
          </Button>
        </p>
      )}
      <div role="status">{done !== "" && <p className="fr-text--sm">{done}</p>}</div>
      <div role="alert">
        {error && <Alert severity="error" small title={error.title} description={error.description} as="h3" className="fr-mb-2w" />}
      </div>
      {notifications.length > 0 && (
        <ul className="pl-notifications">
          {notifications.map((n) => {
            const isUnread = n.readAt == null;
            return (
              <li key={n.id} className={isUnread ? "pl-notification pl-notification--unread" : "pl-notification"}>
                <span className={`${KIND_ICONS[n.kind]} pl-notification__icon`} aria-hidden="true" />
                <div className="pl-notification__body">
                  <h3 className="fr-text--md fr-mb-1v pl-notification__label">
                    {isUnread && (
                      <>
                        <Badge severity="new" small noIcon>
                          Non lue
                        </Badge>{" "}
                      </>
                    )}
                    {n.label}
                  </h3>
                  {n.event && (
                    <p className="fr-mb-1v">
                      <Link href={eventPaths.event(n.event.id)}>{n.event.title}</Link>
                      {", "}
                      {formatDayTime(n.event.startsAt)}
                      {n.event.cancelled && " (annulé)"}
                    </p>
                  )}
                  <p className="fr-text--sm fr-mb-0 pl-mention">Reçue le {formatDateTime(n.createdAt)}</p>
                  {isUnread && (
                    <Button
                      size="small"
                      priority="tertiary no outline"
                      onClick={() => void mark({ ids: [n.id] }, "Notification marquée comme lue.")}
                    >
                      Marquer comme lue<span className="fr-sr-only"> : {n.label}</span>
                    </Button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {query.hasNextPage && (
        <Button priority="secondary" disabled={query.isFetching} onClick={() => void query.fetchNextPage()}>
          Afficher les notifications suivantes
        </Button>
      )}
    </section>
  );
}

/**
 * Preferences is the #preferences section; the emails link to it, so when the
 * address names it, its heading takes the focus (and the view) once loaded.
 */
function Preferences() {
  const query = useGraphQLQuery(NOTIFICATION_PREFERENCES_QUERY, {});
  const headingRef = useRef<HTMLHeadingElement>(null);
  useHashTarget(headingRef, usePageSettled());
  const preferences = query.data?.me?.notificationPreferences ?? null;
  return (
    <section aria-labelledby="preferences" className="fr-mt-6w">
      <h2 id="preferences" ref={headingRef} tabIndex={-1} className="fr-h4">
        Mes préférences
      </h2>
      {query.isPending && <Loading label="Chargement de vos préférences…" />}
      {query.error !== null && <ErrorAlert error={query.error} />}
      {preferences && <PreferencesForm preferences={preferences} email={query.data?.me?.email ?? ""} />}
    </section>
  );
}

import { useGraphQLQuery } from "../graphql/query";
import { UNREAD_NOTIFICATIONS_QUERY } from "./queries";

/**
 * unreadLabel is the header link's text: « Notifications » alone, or with the
 * count of unread ones (« Notifications (3 non lues) »).
 */
export function unreadLabel(count: number): string {
  if (count <= 0) return "Notifications";
  return `Notifications (${count.toLocaleString("fr-FR")} non ${count === 1 ? "lue" : "lues"})`;
}

/**
 * UnreadCount is the text of the header's link to the notifications: one
 * small query (the count only), refetched when notifications are marked read
 * and when a page mounts it again.
 */
export function UnreadCount() {
  const query = useGraphQLQuery(UNREAD_NOTIFICATIONS_QUERY, {});
  return <>{unreadLabel(query.data?.me?.notifications?.unreadCount ?? 0)}</>;
}

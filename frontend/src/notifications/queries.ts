// The GraphQL documents of notifications, preferences and the personal
// calendar feed, with the operation names each change invalidates.
import { graphql } from "../gql";

/** UNREAD_NOTIFICATIONS_QUERY is the header's count: one small query, no notification read. */
export const UNREAD_NOTIFICATIONS_QUERY = graphql(`
  query UnreadNotifications {
    me {
      id
      notifications(first: 0) {
        unreadCount
      }
    }
  }
`);

/** NOTIFICATIONS_QUERY pages through the signed-in agent's notifications, newest first. */
export const NOTIFICATIONS_QUERY = graphql(`
  query Notifications($first: Int!, $after: String) {
    me {
      id
      notifications(first: $first, after: $after) {
        totalCount
        unreadCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            kind
            label
            createdAt
            readAt
            event {
              id
              title
              startsAt
              cancelled
            }
          }
        }
      }
    }
  }
`);

/** MARK_NOTIFICATIONS_READ_MUTATION marks some notifications, or all, as read. */
export const MARK_NOTIFICATIONS_READ_MUTATION = graphql(`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input) {
      markedCount
      unreadCount
    }
  }
`);

/** READ_INVALIDATES: marking changes the list and the header's count. */
export const READ_INVALIDATES = ["Notifications", "UnreadNotifications"] as const;

/** NOTIFICATION_PREFERENCES_QUERY reads how notifications reach the agent. */
export const NOTIFICATION_PREFERENCES_QUERY = graphql(`
  query NotificationPreferences {
    me {
      id
      email
      notificationPreferences {
        delivery
        byEmail
        emailAvailable
        quietHoursStart
        quietHoursEnd
        digestDay
        digestTime
        updatedAt
      }
    }
  }
`);

/** UPDATE_NOTIFICATION_PREFERENCES_MUTATION saves them (every field). */
export const UPDATE_NOTIFICATION_PREFERENCES_MUTATION = graphql(`
  mutation UpdateNotificationPreferences($input: UpdateNotificationPreferencesInput!) {
    updateNotificationPreferences(input: $input) {
      preferences {
        delivery
        byEmail
        emailAvailable
        quietHoursStart
        quietHoursEnd
        digestDay
        digestTime
        updatedAt
      }
    }
  }
`);

/** CALENDAR_FEED_QUERY tells whether the agent has a personal feed, and since when. */
export const CALENDAR_FEED_QUERY = graphql(`
  query MyCalendarFeed {
    me {
      id
      calendarFeed {
        createdAt
      }
    }
  }
`);

/** CREATE_CALENDAR_FEED_MUTATION makes the feed; its address comes this once. */
export const CREATE_CALENDAR_FEED_MUTATION = graphql(`
  mutation CreateCalendarFeed {
    createCalendarFeed {
      calendarFeed {
        url
        createdAt
      }
    }
  }
`);

/** RENEW_CALENDAR_FEED_MUTATION gives a new address; the former one stops at once. */
export const RENEW_CALENDAR_FEED_MUTATION = graphql(`
  mutation RenewCalendarFeed {
    renewCalendarFeed {
      calendarFeed {
        url
        createdAt
      }
    }
  }
`);

/** REVOKE_CALENDAR_FEED_MUTATION removes the feed: its address answers 404. */
export const REVOKE_CALENDAR_FEED_MUTATION = graphql(`
  mutation RevokeCalendarFeed {
    revokeCalendarFeed {
      revoked
    }
  }
`);

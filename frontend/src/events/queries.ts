// The events pages' documents. Each mutation names the operations it changes,
// which are refetched before the page announces the change.
import { graphql } from "../gql";

/**
 * EVENT_SUMMARY_FRAGMENT is what a list item (EventSummary) and a calendar
 * cell show of an event: on the events pages, a community's page and Mon
 * espace alike.
 */
export const EVENT_SUMMARY_FRAGMENT = graphql(`
  fragment EventSummaryFields on Event {
    id
    title
    kind
    format
    status
    startsAt
    endsAt
    timeZone
    capacity
    seatsLeft
    registeredCount
    waitlistCount
    registrationDeadline
    region {
      id
      name
    }
    community {
      id
      code
      name
    }
    myRegistration {
      status
      waitlistPosition
    }
  }
`);

/** EVENTS_QUERY is one page of the events list. */
export const EVENTS_QUERY = graphql(`
  query Events($filter: EventFilter, $first: Int!, $after: String) {
    events(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...EventSummaryFields
        }
      }
    }
  }
`);

/** EVENT_FILTER_OPTIONS_QUERY lists what the filters offer: communities, regions and skills. */
export const EVENT_FILTER_OPTIONS_QUERY = graphql(`
  query EventFilterOptions {
    communities(first: 100) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
    regions(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
    skills(first: 100) {
      edges {
        node {
          id
          code
          name
          framework {
            code
            name
          }
        }
      }
    }
  }
`);

/** REGISTRATION_FRAGMENT is a registration as the management lists show it. */
export const REGISTRATION_FRAGMENT = graphql(`
  fragment EventRegistrationFields on Registration {
    status
    waitlistPosition
    registeredAt
    attended
    participant {
      agentId
      givenName
      usualName
      email
      organisationLabel
    }
  }
`);

/** EVENT_QUERY is the event page. */
export const EVENT_QUERY = graphql(`
  query EventPage($id: ID!) {
    event(id: $id) {
      ...EventSummaryFields
      description
      descriptionHtml
      address
      onlineUrl
      onlineUrlHidden
      publishedAt
      cancelledAt
      viewerCanManage
      viewerCanChange
      skills {
        id
        code
        name
        framework {
          code
        }
      }
      myRegistration {
        status
        waitlistPosition
        attended
        registeredAt
        updatedAt
      }
    }
  }
`);

/** EVENT_PEOPLE_QUERY is the participants and the waitlist, for those who manage the event. */
export const EVENT_PEOPLE_QUERY = graphql(`
  query EventPeople($id: ID!, $first: Int!) {
    event(id: $id) {
      id
      participants(first: $first) {
        totalCount
        edges {
          node {
            ...EventRegistrationFields
          }
        }
      }
      waitlist(first: $first) {
        totalCount
        edges {
          node {
            ...EventRegistrationFields
          }
        }
      }
    }
  }
`);

/** EVENT_FORM_QUERY is what the edit form starts from. */
export const EVENT_FORM_QUERY = graphql(`
  query EventForm($id: ID!) {
    event(id: $id) {
      id
      title
      description
      kind
      format
      status
      address
      onlineUrl
      startsAt
      endsAt
      timeZone
      capacity
      registeredCount
      registrationDeadline
      viewerCanManage
      viewerCanChange
      region {
        id
      }
      skills {
        id
        code
        name
      }
      community {
        id
        code
        name
      }
    }
  }
`);

/** EVENT_COMMUNITIES_QUERY lists the communities to create an event in. */
export const EVENT_COMMUNITIES_QUERY = graphql(`
  query EventCommunities {
    communities(first: 100) {
      edges {
        node {
          id
          code
          name
          viewerRole
        }
      }
    }
  }
`);

/** EVENT_COMMUNITY_QUERY is the community an event is created in, with its skills and the viewer's role. */
export const EVENT_COMMUNITY_QUERY = graphql(`
  query EventCommunity($code: String!) {
    community(code: $code) {
      id
      code
      name
      archivedAt
      viewerRole
      skills {
        id
        code
        name
      }
    }
    regions(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

/**
 * Operations that show an event: every change of one refetches them. The
 * header's unread count is one of them: registering, being waitlisted, a
 * change or a cancellation each leave a notification, and the header stays
 * mounted (it read « Notifications » with no count after a registration).
 */
export const EVENT_VIEWS = ["Events", "EventPage", "EventPeople", "EventForm", "MonthEvents", "UnreadNotifications"] as const;

export const CREATE_EVENT_MUTATION = graphql(`
  mutation CreateEvent($input: CreateEventInput!) {
    createEvent(input: $input) {
      event {
        id
      }
    }
  }
`);

export const UPDATE_EVENT_MUTATION = graphql(`
  mutation UpdateEvent($input: UpdateEventInput!) {
    updateEvent(input: $input) {
      event {
        id
      }
    }
  }
`);

export const PUBLISH_EVENT_MUTATION = graphql(`
  mutation PublishEvent($input: PublishEventInput!) {
    publishEvent(input: $input) {
      event {
        id
        status
      }
    }
  }
`);

export const CANCEL_EVENT_MUTATION = graphql(`
  mutation CancelEvent($input: CancelEventInput!) {
    cancelEvent(input: $input) {
      event {
        id
        status
      }
    }
  }
`);

export const REGISTER_MUTATION = graphql(`
  mutation RegisterForEvent($input: RegisterForEventInput!) {
    registerForEvent(input: $input) {
      registration {
        status
        waitlistPosition
      }
    }
  }
`);

export const UNREGISTER_MUTATION = graphql(`
  mutation UnregisterFromEvent($input: UnregisterFromEventInput!) {
    unregisterFromEvent(input: $input) {
      registration {
        status
      }
    }
  }
`);

export const MARK_ATTENDANCE_MUTATION = graphql(`
  mutation MarkAttendance($input: MarkAttendanceInput!) {
    markAttendance(input: $input) {
      registration {
        attended
      }
    }
  }
`);

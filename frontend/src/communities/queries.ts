// The GraphQL documents of the community pages, shared by the list, the
// community page and the administration, with the operation names that each
// change invalidates.
import { graphql } from "../gql";

/** COMMUNITY_SUMMARY_FRAGMENT is what a list shows of a community. */
export const COMMUNITY_SUMMARY_FRAGMENT = graphql(`
  fragment CommunitySummary on Community {
    id
    code
    name
    description
    memberCount
    viewerRole
    archivedAt
    skills {
      id
      code
      name
      framework {
        code
        name
      }
    }
  }
`);

/** COMMUNITIES_QUERY lists the communities (100 at most: the domain's MaxCommunities). */
export const COMMUNITIES_QUERY = graphql(`
  query Communities($includeArchived: Boolean!) {
    communities(first: 100, includeArchived: $includeArchived) {
      totalCount
      edges {
        node {
          ...CommunitySummary
        }
      }
    }
  }
`);

/** COMMUNITY_QUERY loads a community's page: description, animators, skills, events (as every list shows them: EventSummaryFields). */
export const COMMUNITY_QUERY = graphql(`
  query Community($code: String!) {
    community(code: $code) {
      ...CommunitySummary
      animators {
        agentId
        givenName
        usualName
        profile {
          id
        }
      }
      upcoming: events(when: UPCOMING, first: 20) {
        totalCount
        edges {
          node {
            ...EventSummaryFields
          }
        }
      }
      past: events(when: PAST, first: 10) {
        totalCount
        edges {
          node {
            ...EventSummaryFields
          }
        }
      }
    }
  }
`);

/** COMMUNITY_MEMBERS_QUERY pages through the members whose profile the viewer may see. */
export const COMMUNITY_MEMBERS_QUERY = graphql(`
  query CommunityMembers($code: String!, $first: Int!, $after: String) {
    community(code: $code) {
      id
      memberCount
      members(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            givenName
            usualName
            currentRole {
              title
            }
            organisation {
              name
            }
          }
        }
      }
    }
  }
`);

/** JOIN_COMMUNITY_MUTATION makes the signed-in agent a member. */
export const JOIN_COMMUNITY_MUTATION = graphql(`
  mutation JoinCommunity($input: JoinCommunityInput!) {
    joinCommunity(input: $input) {
      community {
        id
        memberCount
        viewerRole
      }
    }
  }
`);

/** LEAVE_COMMUNITY_MUTATION ends the signed-in agent's membership. */
export const LEAVE_COMMUNITY_MUTATION = graphql(`
  mutation LeaveCommunity($input: LeaveCommunityInput!) {
    leaveCommunity(input: $input) {
      community {
        id
        memberCount
        viewerRole
      }
    }
  }
`);

/** CREATE_COMMUNITY_MUTATION creates a community (administrators). */
export const CREATE_COMMUNITY_MUTATION = graphql(`
  mutation CreateCommunity($input: CreateCommunityInput!) {
    createCommunity(input: $input) {
      community {
        id
        code
        name
      }
    }
  }
`);

/** UPDATE_COMMUNITY_MUTATION changes a community's name, description and skills. */
export const UPDATE_COMMUNITY_MUTATION = graphql(`
  mutation UpdateCommunity($input: UpdateCommunityInput!) {
    updateCommunity(input: $input) {
      community {
        id
        name
      }
    }
  }
`);

/** ARCHIVE_COMMUNITY_MUTATION archives a community, or brings it back. */
export const ARCHIVE_COMMUNITY_MUTATION = graphql(`
  mutation ArchiveCommunity($input: ArchiveCommunityInput!) {
    archiveCommunity(input: $input) {
      community {
        id
        archivedAt
      }
    }
  }
`);

/** SET_COMMUNITY_ANIMATOR_MUTATION names an animator, or takes the role back. */
export const SET_COMMUNITY_ANIMATOR_MUTATION = graphql(`
  mutation SetCommunityAnimator($input: SetCommunityAnimatorInput!) {
    setCommunityAnimator(input: $input) {
      community {
        id
        animators {
          agentId
        }
      }
    }
  }
`);

/**
 * MEMBERSHIP_INVALIDATES: joining or leaving changes the lists, the page, its
 * members, the session (animatedCommunities) and the recommendations.
 */
export const MEMBERSHIP_INVALIDATES = ["Communities", "Community", "CommunityMembers", "AdminCommunities", "Me"] as const;

/** ADMINISTRATION_INVALIDATES: what an administrator's change of a community changes. */
export const ADMINISTRATION_INVALIDATES = ["Communities", "Community", "CommunityMembers", "AdminCommunities", "Me"] as const;

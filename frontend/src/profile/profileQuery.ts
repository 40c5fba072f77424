// The profile of an agent, shared by « Mes compétences », the profile page and
// the onboarding: one cache entry per profile, which the mutations that change
// a profile invalidate (PROFILE_QUERY_NAME).
import { graphql } from "../gql";

/** PROFILE_QUERY loads an agent's profile as far as the viewer may see it. */
export const PROFILE_QUERY = graphql(`
  query Profile($id: ID!) {
    profile(id: $id) {
      id
      isMe
      givenName
      usualName
      email
      bio
      visibility
      visibilityChosen
      openToMobility
      willingToMentor
      organisation {
        id
        name
      }
      region {
        id
        name
      }
      grade {
        code
        label
      }
      currentRole {
        id
        title
      }
      targetRoles {
        id
        title
      }
      mobilityFamilies
      mobilityRegions {
        id
        name
      }
      skills {
        ...DeclaredSkillFields
        ...SkillHistoryFields
        ...ReviewedEvidence
        declaredAt
        updatedAt
        endorsedByMe
        endorsers {
          id
          givenName
          usualName
        }
        skill {
          id
          levels {
            value
            code
            label
            description
          }
        }
      }
    }
  }
`);

/** PROFILE_QUERY_NAME is the operation name that mutations changing a profile invalidate. */
export const PROFILE_QUERY_NAME = "Profile";

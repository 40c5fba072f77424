// The documents of the talent search: the referentials its filters choose
// from, the search itself, and the fragment of one result.
import { graphql } from "../gql";

/**
 * TALENT_REFERENTIALS_QUERY loads what the filters choose from: ministries,
 * organisations (fewer than 100), regions, grades, roles, and every skill
 * with the levels its referential defines (to name the skills of a shared
 * address before any search, and to offer their minimum levels).
 */
export const TALENT_REFERENTIALS_QUERY = graphql(`
  query TalentReferentials {
    ministries(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
    organisations(first: 100) {
      edges {
        node {
          id
          name
          type
          ministry {
            id
          }
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
    grades(first: 100) {
      edges {
        node {
          code
          label
        }
      }
    }
    roles(first: 100) {
      edges {
        node {
          id
          title
          family
        }
      }
    }
    skills(first: 100) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...TalentSkillFields
        }
      }
    }
  }
`);

/** TALENT_SKILL_FRAGMENT is what a skill criterion shows and chooses from. */
export const TALENT_SKILL_FRAGMENT = graphql(`
  fragment TalentSkillFields on Skill {
    id
    code
    name
    framework {
      code
      name
    }
    levels {
      value
      code
      label
    }
  }
`);

/** FIND_TALENT_SKILLS_QUERY finds skills by text for the skill filter box (Pix and e-CF alike). */
export const FIND_TALENT_SKILLS_QUERY = graphql(`
  query FindTalentSkills($search: String!, $first: Int!) {
    skills(search: $search, first: $first) {
      totalCount
      edges {
        node {
          ...TalentSkillFields
        }
      }
    }
  }
`);

/** TALENT_RESULT_FRAGMENT is one result: the profile card, the score and why. */
export const TALENT_RESULT_FRAGMENT = graphql(`
  fragment TalentResultFields on TalentEdge {
    cursor
    score
    explanation {
      required
      points
      validated
      changedOn
      recency
      level {
        code
        label
      }
      skill {
        id
        code
        name
        framework {
          name
        }
      }
    }
    node {
      id
      givenName
      usualName
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
    }
  }
`);

/**
 * SEARCH_TALENT_QUERY runs a search: a page of ranked results, and (first
 * page only, $facets) the count and the facets of the whole match.
 */
export const SEARCH_TALENT_QUERY = graphql(`
  query SearchTalent($filter: TalentFilter!, $first: Int!, $after: String, $facets: Boolean!) {
    searchTalent(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        ...TalentResultFields
      }
      facets @include(if: $facets) {
        ministries {
          count
          ministry {
            id
            name
          }
        }
        regions {
          count
          region {
            id
            name
          }
        }
        grades {
          count
          grade {
            code
            label
          }
        }
        organisationTypes {
          count
          type
        }
        currentRoleFamilies {
          count
          family
        }
      }
    }
  }
`);

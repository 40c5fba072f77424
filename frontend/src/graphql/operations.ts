// The GraphQL operations of the SPA. `npm run codegen` reads the documents
// marked /* GraphQL */ and writes their result types to src/gql/graphql.ts.
import type { Operation } from "./client";
import type {
  FrameworkQuery,
  FrameworkQueryVariables,
  FrameworksQuery,
  FrameworksQueryVariables,
  MeQuery,
  MeQueryVariables,
  SearchSkillsQuery,
  SearchSkillsQueryVariables,
} from "../gql/graphql";

/** FRAMEWORKS_QUERY lists the referentials with their sizes. */
export const FRAMEWORKS_QUERY: Operation<FrameworksQuery, FrameworksQueryVariables> = /* GraphQL */ `
  query Frameworks {
    frameworks(first: 100) {
      totalCount
      edges {
        node {
          code
          name
          description
          levels {
            value
          }
          domains {
            code
          }
          skills(first: 1) {
            totalCount
          }
        }
      }
    }
  }
`;

/** FRAMEWORK_QUERY loads one referential: its level scale, domains and competences. */
export const FRAMEWORK_QUERY: Operation<FrameworkQuery, FrameworkQueryVariables> = /* GraphQL */ `
  query Framework($code: String!) {
    framework(code: $code) {
      code
      name
      description
      levels {
        value
        code
        label
        description
      }
      domains {
        code
        name
        skills(first: 100) {
          totalCount
          edges {
            node {
              id
              code
              name
              nameEn
              description
            }
          }
        }
      }
    }
  }
`;

/** SEARCH_SKILLS_QUERY finds competences by text, optionally in one referential. */
export const SEARCH_SKILLS_QUERY: Operation<SearchSkillsQuery, SearchSkillsQueryVariables> = /* GraphQL */ `
  query SearchSkills($search: String!, $framework: String, $first: Int!) {
    skills(search: $search, framework: $framework, first: $first) {
      totalCount
      edges {
        node {
          id
          code
          name
          nameEn
          framework {
            code
            name
          }
          domain {
            code
            name
          }
        }
      }
    }
  }
`;

/** ME_QUERY loads the signed-in person, or null when nobody is signed in. */
export const ME_QUERY: Operation<MeQuery, MeQueryVariables> = /* GraphQL */ `
  query Me {
    me {
      id
      givenName
      usualName
      email
      organisationLabel
      roles
    }
  }
`;

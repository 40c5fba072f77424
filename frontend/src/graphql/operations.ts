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
  ProfileQuery,
  ProfileQueryVariables,
  SkillsFrameworkQuery,
  SkillsFrameworkQueryVariables,
  OnboardingQuery,
  OnboardingQueryVariables,
  OrganisationsQuery,
  OrganisationsQueryVariables,
  UpdateMyProfileMutation,
  UpdateMyProfileMutationVariables,
  DeclareSkillMutation,
  DeclareSkillMutationVariables,
  RemoveSkillMutation,
  RemoveSkillMutationVariables,
  RankTopSkillsMutation,
  RankTopSkillsMutationVariables,
  ValidateSkillMutation,
  ValidateSkillMutationVariables,
  EndorseSkillMutation,
  EndorseSkillMutationVariables,
  MyProfileViewsQuery,
  MyProfileViewsQueryVariables,
  DeleteMyAccountMutation,
  DeleteMyAccountMutationVariables,
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
      animatedCommunities {
        code
        name
      }
      profile {
        id
        visibilityChosen
      }
    }
  }
`;

// ---------------------------------------------------------------------------
// Profiles: the signed-in agent's own profile, other agents' profiles, skills
// declarations, validations, endorsements and data rights.

/** PROFILE_QUERY loads an agent's profile as far as the viewer may see it. */
export const PROFILE_QUERY: Operation<ProfileQuery, ProfileQueryVariables> = /* GraphQL */ `
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
        topRank
        currentUse
        wantsToDevelop
        declaredAt
        updatedAt
        endorsementCount
        endorsedByMe
        endorsers {
          id
          givenName
          usualName
        }
        validationStatus
        validatedAt
        validationComment
        validatedBy {
          id
          givenName
          usualName
        }
        validatedByName
        validatedLevel {
          value
          code
          label
        }
        level {
          value
          code
          label
        }
        evidence {
          id
          kind
          title
          description
          score
          obtainedOn
          url
        }
        history {
          version
          change
          topRank
          comment
          validFrom
          level {
            value
            code
            label
          }
          validatedLevel {
            value
            code
          }
        }
        skill {
          id
          code
          name
          framework {
            code
            name
          }
          domain {
            code
            name
          }
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
`;

/** SKILLS_FRAMEWORK_QUERY loads a referential with, for each competence, the levels it defines. */
export const SKILLS_FRAMEWORK_QUERY: Operation<SkillsFrameworkQuery, SkillsFrameworkQueryVariables> = /* GraphQL */ `
  query SkillsFramework($code: String!) {
    framework(code: $code) {
      code
      name
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
          edges {
            node {
              id
              code
              name
              description
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
    }
  }
`;

/** ONBOARDING_QUERY loads the referentials the onboarding steps choose from. */
export const ONBOARDING_QUERY: Operation<OnboardingQuery, OnboardingQueryVariables> = /* GraphQL */ `
  query Onboarding {
    ministries(first: 100) {
      edges {
        node {
          code
          name
        }
      }
    }
    regions(first: 100) {
      edges {
        node {
          id
          code
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
          code
          title
          family
        }
      }
    }
  }
`;

/** ORGANISATIONS_QUERY lists the entities of one ministry. */
export const ORGANISATIONS_QUERY: Operation<OrganisationsQuery, OrganisationsQueryVariables> = /* GraphQL */ `
  query Organisations($ministry: String, $first: Int!) {
    organisations(ministry: $ministry, first: $first) {
      totalCount
      edges {
        node {
          id
          name
          code
          ministry {
            code
          }
        }
      }
    }
  }
`;

/** UPDATE_MY_PROFILE_MUTATION completes or changes the signed-in agent's profile. */
export const UPDATE_MY_PROFILE_MUTATION: Operation<UpdateMyProfileMutation, UpdateMyProfileMutationVariables> =
  /* GraphQL */ `
    mutation UpdateMyProfile($input: UpdateMyProfileInput!) {
      updateMyProfile(input: $input) {
        profile {
          id
          visibility
          visibilityChosen
        }
      }
    }
  `;

/** DECLARE_SKILL_MUTATION declares or changes a skill of the signed-in agent. */
export const DECLARE_SKILL_MUTATION: Operation<DeclareSkillMutation, DeclareSkillMutationVariables> = /* GraphQL */ `
  mutation DeclareSkill($input: DeclareSkillInput!) {
    declareSkill(input: $input) {
      skill {
        level {
          value
        }
      }
    }
  }
`;

/** REMOVE_SKILL_MUTATION removes a skill of the signed-in agent. */
export const REMOVE_SKILL_MUTATION: Operation<RemoveSkillMutation, RemoveSkillMutationVariables> = /* GraphQL */ `
  mutation RemoveSkill($input: RemoveSkillInput!) {
    removeSkill(input: $input) {
      skillId
    }
  }
`;

/** RANK_TOP_SKILLS_MUTATION sets the signed-in agent's top skills, in order. */
export const RANK_TOP_SKILLS_MUTATION: Operation<RankTopSkillsMutation, RankTopSkillsMutationVariables> =
  /* GraphQL */ `
    mutation RankTopSkills($input: RankTopSkillsInput!) {
      rankTopSkills(input: $input) {
        profile {
          id
        }
      }
    }
  `;

/** VALIDATE_SKILL_MUTATION lets a manager validate the level of an agent's skill. */
export const VALIDATE_SKILL_MUTATION: Operation<ValidateSkillMutation, ValidateSkillMutationVariables> =
  /* GraphQL */ `
    mutation ValidateSkill($input: ValidateSkillInput!) {
      validateSkill(input: $input) {
        skill {
          validationStatus
        }
      }
    }
  `;

/** ENDORSE_SKILL_MUTATION endorses another agent's declared skill. */
export const ENDORSE_SKILL_MUTATION: Operation<EndorseSkillMutation, EndorseSkillMutationVariables> = /* GraphQL */ `
  mutation EndorseSkill($input: EndorseSkillInput!) {
    endorseSkill(input: $input) {
      skill {
        endorsementCount
        endorsedByMe
      }
    }
  }
`;

/** MY_PROFILE_VIEWS_QUERY lists who viewed the signed-in agent's profile, newest first. */
export const MY_PROFILE_VIEWS_QUERY: Operation<MyProfileViewsQuery, MyProfileViewsQueryVariables> = /* GraphQL */ `
  query MyProfileViews($first: Int!, $after: String) {
    myProfileViews(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          at
          viewerName
          viewerOrganisation
        }
      }
    }
  }
`;

/** DELETE_MY_ACCOUNT_MUTATION erases the signed-in agent's account and data. */
export const DELETE_MY_ACCOUNT_MUTATION: Operation<DeleteMyAccountMutation, DeleteMyAccountMutationVariables> =
  /* GraphQL */ `
    mutation DeleteMyAccount($input: DeleteMyAccountInput!) {
      deleteMyAccount(input: $input) {
        deleted
      }
    }
  `;

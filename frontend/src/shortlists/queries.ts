// The queries of the shortlists and saved searches that several components
// share: « Mes listes », AddToShortlist and SaveSearch read and invalidate them
// by operation name.
import { graphql } from "../gql";

/** MAX_LISTS is passerelles.MaxShortlistsPerOwner: one page holds every list of an owner. */
export const MAX_LISTS = 50;

/** MY_SHORTLISTS_QUERY loads the signed-in manager's lists, by name, without their entries. */
export const MY_SHORTLISTS_QUERY = graphql(`
  query MyShortlists {
    myShortlists(first: 50) {
      totalCount
      edges {
        node {
          id
          name
          entryCount
          departedCount
          updatedAt
        }
      }
    }
  }
`);

/** MY_SAVED_SEARCHES_QUERY loads the signed-in manager's saved searches, by name (50 at most). */
export const MY_SAVED_SEARCHES_QUERY = graphql(`
  query MySavedSearches {
    mySavedSearches(first: 50) {
      totalCount
      edges {
        cursor
        node {
          id
          name
          createdAt
          lastRunAt
          newCount
        }
      }
    }
  }
`);

/** The operation names that the shortlist mutations invalidate. */
export const MY_SHORTLISTS = "MyShortlists";
export const SHORTLIST_ENTRIES = "ShortlistEntries";
export const MY_SAVED_SEARCHES = "MySavedSearches";

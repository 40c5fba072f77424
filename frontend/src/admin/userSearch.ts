// The administrators' search of people by name, as a zod schema over what the
// search form holds: it mirrors the server's rule (passerelles.UserFilter.Validate:
// one visible character at least, MAX_USER_SEARCH characters at most, no
// invisible control characters). The server checks again.
import { z } from "zod";
import { textProblem } from "../profile/forms";

/** MAX_USER_SEARCH is passerelles.MaxUserSearch. */
export const MAX_USER_SEARCH = 100;

/** userSearchSchema checks the search form of the administration page. */
export const userSearchSchema = z.object({ search: z.string() }).superRefine((v, ctx) => {
  const problem =
    textProblem("La recherche", v.search, { required: true }) ??
    ([...v.search.trim()].length > MAX_USER_SEARCH
      ? `La recherche compte ${MAX_USER_SEARCH} caractères au plus.`
      : undefined);
  if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["search"] });
});

/** UserSearchDraft is the search form's values. */
export type UserSearchDraft = z.input<typeof userSearchSchema>;

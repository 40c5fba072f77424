// Who finds whom, as the page words it. The server scopes every search
// (passerelles.TalentScopeFor); the page only chooses its words from the roles.
import type { AccessRole } from "../gql/graphql";

/**
 * canSearchAllVisible tells whether the person finds the profiles shown to
 * managers as well as those shown to all agents: managers and administrators.
 */
export function canSearchAllVisible(roles: readonly AccessRole[]): boolean {
  return roles.includes("MANAGER") || roles.includes("ADMIN");
}

/** talentPageTitle names the page and its links: managers find talents, agents a colleague. */
export function talentPageTitle(broad: boolean): string {
  return broad ? "Trouver des talents" : "Trouver un collègue";
}

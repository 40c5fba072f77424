import type { AccessRole } from "../gql/graphql";
import { sortedRoles } from "../session/session";
import { RoleName } from "./RoleName";

const BADGE_CLASSES: Record<AccessRole, string> = {
  AGENT: "fr-badge fr-badge--sm fr-badge--no-icon",
  MANAGER: "fr-badge fr-badge--sm fr-badge--no-icon fr-badge--blue-ecume",
  ADMIN: "fr-badge fr-badge--sm fr-badge--no-icon fr-badge--purple-glycine",
};

/**
 * RoleBadges lists a person's access roles as DSFR badges. The list is
 * named "Rôles" for screen readers (the badges alone would read as loose words).
 */
export function RoleBadges({ roles, className }: { roles: readonly AccessRole[]; className?: string }) {
  return (
    <ul aria-label="Rôles" className={["fr-badges-group", "pl-role-badges", className].filter(Boolean).join(" ")}>
      {sortedRoles(roles).map((role) => (
        <li key={role}>
          <p className={BADGE_CLASSES[role]}>
            <RoleName role={role} />
          </p>
        </li>
      ))}
    </ul>
  );
}

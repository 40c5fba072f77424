import type { AccessRole } from "../gql/graphql";
import { sortedAccessRoles } from "../session/session";
import { AccessRoleName } from "./AccessRoleName";

const BADGE_CLASSES: Record<AccessRole, string> = {
  AGENT: "fr-badge fr-badge--sm fr-badge--no-icon",
  MANAGER: "fr-badge fr-badge--sm fr-badge--no-icon fr-badge--blue-ecume",
  ADMIN: "fr-badge fr-badge--sm fr-badge--no-icon fr-badge--purple-glycine",
};

/**
 * AccessRoleBadges lists a person's access roles as DSFR badges. The list is
 * named "Rôles" for screen readers (the badges alone would read as loose words).
 */
export function AccessRoleBadges({ roles, className }: { roles: readonly AccessRole[]; className?: string }) {
  return (
    <ul aria-label="Rôles" className={["fr-badges-group", "pl-role-badges", className].filter(Boolean).join(" ")}>
      {sortedAccessRoles(roles).map((role) => (
        <li key={role}>
          <p className={BADGE_CLASSES[role]}>
            <AccessRoleName role={role} />
          </p>
        </li>
      ))}
    </ul>
  );
}

import type { AccessRole } from "../gql/graphql";
import { ROLE_LABELS, ROLE_SPOKEN_LABELS } from "../session/session";

/** RoleName shows a role's French name, and its unabridged form to screen readers. */
export function RoleName({ role }: { role: AccessRole }) {
  const label = ROLE_LABELS[role];
  const spoken = ROLE_SPOKEN_LABELS[role];
  if (label === spoken) return <>{label}</>;
  return (
    <>
      <span aria-hidden="true">{label}</span>
      <span className="fr-sr-only">{spoken}</span>
    </>
  );
}

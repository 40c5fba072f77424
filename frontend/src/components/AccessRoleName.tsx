import type { AccessRole } from "../gql/graphql";
import { ACCESS_ROLE_LABELS } from "../session/session";

/** AccessRoleName shows a role's French name. */
export function AccessRoleName({ role }: { role: AccessRole }) {
  return <>{ACCESS_ROLE_LABELS[role]}</>;
}

import type { AccessRole } from "../gql/graphql";
import { ROLE_LABELS } from "../session/session";

/** RoleName shows a role's French name. */
export function RoleName({ role }: { role: AccessRole }) {
  return <>{ROLE_LABELS[role]}</>;
}

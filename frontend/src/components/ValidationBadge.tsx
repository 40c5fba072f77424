import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { ValidationStatus } from "../gql/graphql";
import { VALIDATION_LABELS, VALIDATION_SEVERITY } from "../profile/labels";

/** ValidationBadge says where the declared level stands against a manager's validation. */
export function ValidationBadge({ status }: { status: ValidationStatus }) {
  return (
    <Badge severity={VALIDATION_SEVERITY[status]} small noIcon>
      {VALIDATION_LABELS[status]}
    </Badge>
  );
}

import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { errorMessage } from "../graphql/client";

/** ErrorAlert shows a failed request as a DSFR alert, in French. */
export function ErrorAlert({ error, className }: { error: unknown; className?: string }) {
  const { title, description } = errorMessage(error);
  return <Alert severity="error" title={title} description={description} as="h2" className={className} />;
}

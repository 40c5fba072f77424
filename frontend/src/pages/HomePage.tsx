import { useState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Link, PageHeading, useDocumentTitle } from "../router";
import { paths } from "../paths";

/** HomePage says what Passerelles is and where to start. */
export function HomePage() {
  useDocumentTitle("Accueil");
  // After deleteMyAccount, « Mes données » sends the browser to /?compte-supprime=1.
  const [accountDeleted] = useState(() => new URLSearchParams(window.location.search).get("compte-supprime") === "1");
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
        {accountDeleted && (
          <Alert
            severity="success"
            title="Compte supprimé"
            description="Votre compte et vos données ont été supprimés."
            as="h2"
            className="fr-mb-4w"
          />
        )}
        <PageHeading>Passerelles</PageHeading>
        <p className="fr-text--lead">
          Passerelles est l’outil de la filière numérique des ministères sociaux : Travail, Santé et Solidarités.
        </p>
        <p>
          Chaque agent peut y déclarer ses compétences sur des référentiels reconnus, Pix pour la culture numérique
          de tous et le cadre européen e-CF pour les métiers du numérique, et dire celles qu’il souhaite développer.
        </p>
        <p>
          Passerelles montre les parcours possibles entre métiers, dans les deux sens : d’un métier administratif
          vers un métier du numérique, et inversement. Pour chaque métier visé, il indique l’écart à combler et les
          formations, communautés et mentors qui peuvent aider.
        </p>
        <p>
          Les managers y trouvent les talents dont leurs équipes ont besoin, et les animateurs de communautés y
          organisent leurs événements.
        </p>
        <p>
          <Link href={paths.frameworks} className="fr-link fr-icon-arrow-right-line fr-link--icon-right">
            Consulter les référentiels de compétences
          </Link>
        </p>
      </div>
    </div>
  );
}

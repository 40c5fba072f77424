import { Link, PageHeading, useDocumentTitle } from "../router";
import { paths } from "../paths";

/** NotFoundPage is shown for any path that no route matches. */
export function NotFoundPage() {
  useDocumentTitle("Page introuvable");
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
        <PageHeading>Page introuvable</PageHeading>
        <p className="fr-text--sm fr-mb-3w">Erreur 404</p>
        <p className="fr-text--lead">La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.</p>
        <p>
          Si vous avez saisi l’adresse dans le navigateur, vérifiez qu’elle est correcte. La page n’est peut-être plus
          disponible : pour continuer, vous pouvez revenir à la page d’accueil ou consulter les référentiels.
        </p>
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <Link href={paths.home} className="fr-btn">
              Page d’accueil
            </Link>
          </li>
          <li>
            <Link href={paths.frameworks} className="fr-btn fr-btn--secondary">
              Référentiels
            </Link>
          </li>
        </ul>
      </div>
    </div>
  );
}

import { Link, PageHeading, useDocumentTitle, useLocation } from "../router";
import { paths } from "../paths";
import { loginHref } from "../session/session";
import { SESSION_EXPIRED_MESSAGE } from "../components/SessionExpiredNotice";

/**
 * SignInRequiredPage is shown instead of a page for signed-in people only:
 * it says why, and its button signs in and comes back to the same page.
 */
export function SignInRequiredPage({ expired }: { expired: boolean }) {
  useDocumentTitle("Connexion requise");
  const { pathname, search } = useLocation();
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
        <PageHeading>Connexion requise</PageHeading>
        <p className="fr-text--lead">
          {expired ? SESSION_EXPIRED_MESSAGE : "Connectez-vous pour accéder à cette page."}
        </p>
        <p>
          {expired
            ? "Après la connexion, vous reviendrez directement sur cette page."
            : "Utilisez votre compte professionnel : vous reviendrez ensuite directement sur cette page."}
        </p>
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          <li>
            <a href={loginHref(pathname + search)} className="fr-btn fr-icon-account-circle-line fr-btn--icon-left">
              {expired ? "Se reconnecter" : "Se connecter"}
            </a>
          </li>
          <li>
            <Link href={paths.home} className="fr-btn fr-btn--secondary">
              Page d’accueil
            </Link>
          </li>
        </ul>
      </div>
    </div>
  );
}

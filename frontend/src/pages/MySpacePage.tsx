import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { PageHeading, useDocumentTitle } from "../router";
import { paths } from "../paths";
import { useSession } from "../session/SessionProvider";
import { fullName, ROLE_DESCRIPTIONS, sortedRoles } from "../session/session";
import { RoleName } from "../components/RoleName";

/** MySpacePage is the signed-in person's own page (its route requires sign-in). */
export function MySpacePage() {
  useDocumentTitle("Mon espace");
  const { me } = useSession();
  if (me === null) return null; // the route requires sign-in: App shows SignInRequiredPage instead

  return (
    <>
      <Breadcrumb currentPageLabel="Mon espace" homeLinkProps={{ href: paths.home }} segments={[]} />
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
          <PageHeading>Bonjour {me.givenName}</PageHeading>
          <p className="fr-text--lead">
            Bienvenue dans votre espace Passerelles. Vous y retrouverez bientôt vos compétences déclarées et vos
            parcours.
          </p>

          <h2 className="fr-h4">Votre profil</h2>
          <dl className="pl-profile">
            <div>
              <dt>Nom</dt>
              <dd>{fullName(me)}</dd>
            </div>
            <div>
              <dt>Adresse électronique</dt>
              <dd>{me.email}</dd>
            </div>
            <div>
              <dt>Organisation</dt>
              <dd>{me.organisationLabel || "Non renseignée"}</dd>
            </div>
          </dl>
          <p className="fr-text--sm pl-mention">
            Ces informations viennent de votre compte professionnel et sont mises à jour à chaque connexion.
          </p>

          <h2 className="fr-h4">Vos rôles</h2>
          <ul className="pl-roles">
            {sortedRoles(me.roles).map((role) => (
              <li key={role}>
                <strong>
                  <RoleName role={role} />
                </strong>
                {"\u00a0: "}
                {ROLE_DESCRIPTIONS[role]}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </>
  );
}

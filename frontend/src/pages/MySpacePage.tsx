import { useEffect } from "react";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Link, navigate, PageHeading, useDocumentTitle } from "../router";
import { paths } from "../paths";
import { useSession } from "../session/SessionProvider";
import { fullName, ONBOARDING_OFFERED, ACCESS_ROLE_DESCRIPTIONS, sortedAccessRoles } from "../session/session";
import { AccessRoleName } from "../components/AccessRoleName";
import { canSearchAllVisible, talentPageTitle } from "../talent/scope";
import { canKeepShortlists } from "../shortlists/rules";
import { RecommendedEvents } from "../communities/RecommendedEvents";
import { eventPaths } from "../communities/rules";
import { MyCalendarFeed } from "../notifications/MyCalendarFeed";

/** MySpacePage is the signed-in person's own page (its route requires sign-in). */
export function MySpacePage() {
  useDocumentTitle("Mon espace");
  const { me } = useSession();
  const mustOnboard = me !== null && !me.profile.visibilityChosen;
  useEffect(() => {
    // Once per tab: someone who has not completed their profile is taken to the
    // onboarding; afterwards « Compléter mon profil » stays in the header.
    if (mustOnboard && window.sessionStorage.getItem(ONBOARDING_OFFERED) === null) {
      window.sessionStorage.setItem(ONBOARDING_OFFERED, "1");
      navigate(paths.onboarding, { replace: true });
    }
  }, [mustOnboard]);
  if (me === null) return null; // the route requires sign-in: App shows SignInRequiredPage instead

  return (
    <>
      <Breadcrumb currentPageLabel="Mon espace" homeLinkProps={{ href: paths.home }} segments={[]} />
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
          <PageHeading>Bonjour {me.givenName}</PageHeading>
          <p className="fr-text--lead">Bienvenue dans votre espace Passerelles.</p>
          <ul>
            {mustOnboard && (
              <li>
                <Link href={paths.onboarding}>Compléter mon profil</Link>
              </li>
            )}
            <li>
              <Link href={paths.myProfile}>Mon profil</Link>
              {"\u00a0: votre poste, vos envies, qui peut voir votre profil"}
            </li>
            <li>
              <Link href={paths.mySkills}>Mes compétences</Link>
            </li>
            <li>
              <Link href={paths.talents}>{talentPageTitle(canSearchAllVisible(me.accessRoles))}</Link>
              {canSearchAllVisible(me.accessRoles)
                ? "\u00a0: les agents qui ont les compétences que vous cherchez"
                : "\u00a0: un collègue qui a une compétence, pour un conseil ou un mentorat"}
            </li>
            <li>
              <Link href={paths.communities}>Communautés</Link>
              {"\u00a0: rejoignez-les pour suivre leurs rencontres, webinaires et ateliers"}
            </li>
            <li>
              <Link href={paths.events}>Événements</Link>
              {"\u00a0: les rencontres, webinaires, ateliers et salons de toutes les communautés, et "}
              <Link href={paths.myCalendar}>mon agenda</Link>
            </li>
            <li>
              <Link href={paths.notifications}>Notifications</Link>
              {"\u00a0: ce qui arrive à vos inscriptions, et comment le recevoir"}
            </li>
            <li>
              <Link href={paths.myData}>Mes données</Link>
              {"\u00a0: l’export de vos données, qui a consulté votre profil, la suppression de votre compte"}
            </li>
            {canKeepShortlists(me.accessRoles) && (
              <li>
                <Link href={paths.myLists}>Mes listes</Link>
                {"\u00a0: vos listes de profils, avec vos notes, et vos recherches enregistrées"}
              </li>
            )}
            {me.accessRoles.includes("ADMIN") && (
              <>
                <li>
                  <Link href={paths.administration}>Administration : rôles d’accès</Link>
                </li>
                <li>
                  <Link href={paths.communityAdministration}>Administration : communautés et animateurs</Link>
                </li>
              </>
            )}
          </ul>

          {/* Not « Votre profil »: that is what « Mon profil » edits; this is what the account asserts. */}
          <h2 className="fr-h4 fr-mt-4w">Votre compte professionnel</h2>
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

          <RecommendedEvents />
          <MyCalendarFeed />

          <h2 className="fr-h4 fr-mt-4w">Vos rôles</h2>
          <ul className="pl-roles">
            {sortedAccessRoles(me.accessRoles).map((role) => (
              <li key={role}>
                <strong>
                  <AccessRoleName role={role} />
                </strong>
                {"\u00a0: "}
                {ACCESS_ROLE_DESCRIPTIONS[role]}
              </li>
            ))}
            {(me.animatedCommunities ?? []).map((c) => (
              <li key={c.code}>
                <strong>Animation de communauté</strong>
                {"\u00a0: "}
                vous animez la <Link href={paths.community(c.code)}>{c.name.charAt(0).toLowerCase() + c.name.slice(1)}</Link>
                {" et publiez ses événements ("}
                <Link href={eventPaths.newEvent(c.code)}>
                  créer un événement<span className="fr-sr-only"> de {c.name}</span>
                </Link>
                ).
              </li>
            ))}
          </ul>
        </div>
      </div>
    </>
  );
}

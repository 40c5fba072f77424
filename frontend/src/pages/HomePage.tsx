import { useState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Link, PageHeading, useDocumentTitle } from "../router";
import { paths } from "../paths";
import { graphql } from "../gql";
import { useGraphQLQuery } from "../graphql/query";
import { useSession } from "../session/SessionProvider";
import { loginHref, type Me } from "../session/session";
import { nextStep } from "./nextStep";

/** HOME_SKILLS_QUERY counts the signed-in person's declared skills, for their next step. */
export const HOME_SKILLS_QUERY = graphql(`
  query HomeSkills($id: ID!) {
    profile(id: $id) {
      id
      skills {
        declaredAt
      }
    }
  }
`);

/**
 * HomePage says what Passerelles does today, and shows a signed-in person
 * their next step (complete the profile, declare skills, then use them).
 */
export function HomePage() {
  useDocumentTitle("Accueil");
  const { me, loading } = useSession();
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
          Passerelles est l’outil de la filière numérique des ministères sociaux (Travail, Santé et Solidarités) pour
          faire connaître et reconnaître les compétences numériques des agents.
        </p>
        {me !== null ? <NextStepCallOut me={me} /> : !loading && <SignInCallOut />}
        <h2 className="fr-h4">Ce que vous pouvez y faire</h2>
        <ul>
          <li>
            consulter les référentiels de compétences : Pix pour la culture numérique de chacun et le cadre européen
            e-CF pour les métiers du numérique ;
          </li>
          <li>
            déclarer vos compétences, leur niveau et ce qui en témoigne, et dire celles que vous souhaitez développer ;
          </li>
          <li>
            choisir qui voit votre profil : vous uniquement, les managers et administrateurs, ou tous les agents
            connectés, et le masquer si vous le souhaitez à certaines organisations ;
          </li>
          <li>faire valider vos niveaux par un manager et recevoir les recommandations de vos collègues ;</li>
          <li>savoir qui a consulté votre profil, télécharger vos données ou supprimer votre compte.</li>
        </ul>
        <p>
          <Link href={paths.frameworks} className="fr-link fr-icon-arrow-right-line fr-link--icon-right">
            Consulter les référentiels de compétences
          </Link>
        </p>
      </div>
    </div>
  );
}

/** SignInCallOut invites a visitor to sign in, and brings them back here. */
function SignInCallOut() {
  return (
    <div className="fr-callout fr-mb-4w">
      <h2 className="fr-callout__title fr-h5">Commencer</h2>
      <p className="fr-callout__text">
        Connectez-vous avec votre compte professionnel pour déclarer vos compétences.
      </p>
      <a href={loginHref(paths.home)} className="fr-btn fr-mt-2w">
        Se connecter
      </a>
    </div>
  );
}

/** NextStepCallOut shows the signed-in person the step they are at. */
function NextStepCallOut({ me }: { me: Me }) {
  const onboarded = me.profile.visibilityChosen;
  const skills = useGraphQLQuery(HOME_SKILLS_QUERY, { id: me.profile.id }, { enabled: onboarded });
  const step = nextStep(onboarded, skills.data ? (skills.data.profile?.skills.length ?? 0) : null);
  if (step === null) return null;
  return (
    <div className="fr-callout fr-mb-4w">
      <h2 className="fr-callout__title fr-h5">{step.title}</h2>
      <p className="fr-callout__text">{step.text}</p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
        {step.links.map((link, i) => (
          <li key={link.href}>
            <Link href={link.href} className={i === 0 ? "fr-btn" : "fr-btn fr-btn--secondary"}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

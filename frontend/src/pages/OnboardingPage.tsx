import { useRef, useState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Link, PageHeading, useDocumentTitle } from "../router";
import { paths } from "../paths";
import { useSession } from "../session/SessionProvider";
import { useGraphQLQuery } from "../graphql/query";
import type { ProfileFormFieldsFragment } from "../gql/graphql";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import { PROFILE_FORM_QUERY, ProfileForm } from "../components/ProfileForm";
import { ProfileSummary } from "../components/ProfileSummary";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";

/**
 * OnboardingPage completes the profile in three steps, prefilled with the
 * entity the identity provider asserts, and ends with the explicit choice of
 * visibility; then it confirms what was saved and points to the next step.
 */
export function OnboardingPage() {
  useDocumentTitle("Compléter mon profil");
  const session = useSession();
  const form = useGraphQLQuery(PROFILE_FORM_QUERY, {}, { enabled: session.me !== null });
  const [saved, setSaved] = useState<ProfileFormFieldsFragment | null>(null);
  const focusAfterRender = useFocusAfterRender();
  const confirmationRef = useRef<HTMLDivElement>(null);

  if (session.me === null) return null;
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
        <PageHeading>Bienvenue {session.me.givenName}</PageHeading>
        {saved === null && (
          <p className="fr-text--lead">Quelques questions pour compléter votre profil. Vous pourrez tout modifier plus tard.</p>
        )}
        {form.status === "pending" && <Loading label="Chargement…" />}
        {form.status === "error" && <ErrorAlert error={form.error} />}
        {form.status === "success" && saved === null && (
          <ProfileForm
            refs={form.data}
            profile={form.data.me?.profile ?? null}
            asserted={form.data.me?.assertedOrganisation ?? null}
            stepped
            onSaved={(profile) => {
              session.visibilityChosen();
              setSaved(profile);
              // The form is gone with the focus it had: the confirmation takes it, and is read.
              focusAfterRender(() => confirmationRef.current);
            }}
          />
        )}
        <div ref={confirmationRef} tabIndex={-1} className="pl-focus-target">
          {saved !== null && (
            <>
              <Alert
                severity="success"
                as="h2"
                title="Votre profil est enregistré"
                description="Vous pourrez le modifier à tout moment depuis « Mon profil »."
                className="fr-mb-4w"
              />
              <h2 className="fr-h4">Ce que vous avez enregistré</h2>
              <ProfileSummary profile={saved} />
              <ul className="pl-actions">
                <li>
                  <Link href={paths.mySkills} className="fr-btn">
                    Déclarer mes compétences
                  </Link>
                </li>
                <li>
                  <Link href={paths.myProfile} className="fr-btn fr-btn--secondary">
                    Modifier mon profil
                  </Link>
                </li>
              </ul>
            </>
          )}
        </div>
      </div>
    </div>
  );
}

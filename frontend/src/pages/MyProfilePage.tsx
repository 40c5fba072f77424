import { useRef, useState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { PageHeading, useDocumentTitle } from "../router";
import { paths } from "../paths";
import { useSession } from "../session/SessionProvider";
import { useGraphQLQuery } from "../graphql/query";
import type { ProfileFormFieldsFragment } from "../gql/graphql";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import { PROFILE_FORM_QUERY, ProfileForm } from "../components/ProfileForm";
import { VISIBILITY_LABELS } from "../profile/labels";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";

/** savedMessage says, in one sentence, who may now see the profile. */
function savedMessage(p: ProfileFormFieldsFragment): string {
  const who = p.visibility ? `Qui peut voir votre profil : ${VISIBILITY_LABELS[p.visibility].toLowerCase()}` : "";
  const hidden = p.hiddenFromOrganisations ?? [];
  const from =
    hidden.length === 0
      ? ", sans entité exclue."
      : `, sauf ${hidden.length === 1 ? "l’entité" : `${hidden.length} entités`} : ${new Intl.ListFormat("fr-FR").format(hidden.map((o) => o.name))}.`;
  return who === "" ? "" : who + from;
}

/**
 * MyProfilePage lets an agent change, at any time, everything the onboarding
 * asked: post, wishes, who may see the profile and the entities it is hidden
 * from. A save is confirmed by an alert that takes the focus.
 */
export function MyProfilePage() {
  useDocumentTitle("Mon profil");
  const session = useSession();
  const form = useGraphQLQuery(PROFILE_FORM_QUERY, {}, { enabled: session.me !== null });
  const [saved, setSaved] = useState<ProfileFormFieldsFragment | null>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();

  if (session.me === null) return null; // the route requires sign-in: App shows SignInRequiredPage instead
  const profile = form.data?.me?.profile ?? null;
  return (
    <>
      <Breadcrumb
        currentPageLabel="Mon profil"
        homeLinkProps={{ href: paths.home }}
        segments={[{ label: "Mon espace", linkProps: { href: paths.mySpace } }]}
      />
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
          <PageHeading>Mon profil</PageHeading>
          <p className="fr-text--lead">
            Votre poste, vos envies et qui peut voir votre profil. Vos compétences se déclarent dans « Mes compétences ».
          </p>
          <div ref={savedRef} tabIndex={-1} className="pl-focus-target">
            {saved && (
              <Alert
                severity="success"
                as="h2"
                title="Vos modifications sont enregistrées"
                description={savedMessage(saved)}
                closable
                onClose={() => setSaved(null)}
                className="fr-mb-3w"
              />
            )}
          </div>
          {form.status === "pending" && <Loading label="Chargement…" />}
          {form.status === "error" && <ErrorAlert error={form.error} />}
          {form.status === "success" && (
            <ProfileForm
              refs={form.data}
              profile={profile}
              asserted={form.data.me?.assertedOrganisation ?? null}
              stepped={false}
              onSaved={(p) => {
                if (!session.me?.profile.visibilityChosen && p.visibilityChosen) session.visibilityChosen();
                setSaved(p);
                focusAfterRender(() => savedRef.current);
              }}
            />
          )}
        </div>
      </div>
    </>
  );
}

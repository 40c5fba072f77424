import { useEffect, useRef, useState, type FormEvent } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Stepper } from "@codegouvfr/react-dsfr/Stepper";
import { navigate, PageHeading, useDocumentTitle } from "../router";
import { paths } from "../paths";
import { useSession } from "../session/SessionProvider";
import { useGraphQLMutation, useGraphQLQuery } from "../graphql/query";
import { PROFILE_QUERY, PROFILE_QUERY_NAME } from "../profile/profileQuery";
import type { OnboardingQuery, ProfileQuery, RoleFamily, Visibility } from "../gql/graphql";
import { formError, textProblem, type FormError } from "../profile/forms";
import { FAMILY_LABELS, VISIBILITY_HINTS, VISIBILITY_LABELS } from "../profile/labels";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import { Picker } from "../components/Picker";
import { graphql } from "../gql";

/** ONBOARDING_QUERY loads the referentials the onboarding steps choose from. */
export const ONBOARDING_QUERY = graphql(`
  query Onboarding {
    ministries(first: 100) {
      edges {
        node {
          code
          name
        }
      }
    }
    regions(first: 100) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
    grades(first: 100) {
      edges {
        node {
          code
          label
        }
      }
    }
    roles(first: 100) {
      edges {
        node {
          id
          code
          title
          family
        }
      }
    }
  }
`);

/** ORGANISATIONS_QUERY lists the entities of one ministry. */
export const ORGANISATIONS_QUERY = graphql(`
  query Organisations($ministry: String, $first: Int!) {
    organisations(ministry: $ministry, first: $first) {
      totalCount
      edges {
        node {
          id
          name
          code
          ministry {
            code
          }
        }
      }
    }
  }
`);

/** UPDATE_MY_PROFILE_MUTATION completes or changes the signed-in agent's profile. */
export const UPDATE_MY_PROFILE_MUTATION = graphql(`
  mutation UpdateMyProfile($input: UpdateMyProfileInput!) {
    updateMyProfile(input: $input) {
      profile {
        id
        visibility
        visibilityChosen
      }
    }
  }
`);

const STEPS = ["Mon poste", "Mes envies", "Qui peut voir mon profil"] as const;
const BIO_MAX = 1000;
const VISIBILITIES: Visibility[] = ["PRIVATE", "MANAGERS", "ALL_AGENTS"];

type Profile = NonNullable<ProfileQuery["profile"]>;

type Draft = {
  ministry: string;
  organisationId: string;
  regionId: string;
  gradeCode: string;
  currentRoleId: string;
  openToMobility: boolean;
  mobilityFamilies: RoleFamily[];
  mobilityRegionIds: string[];
  targetRoleIds: string[];
  willingToMentor: boolean;
  bio: string;
  visibility: Visibility | null;
  hiddenFromOrganisationIds: string[];
};

function draftFrom(p: Profile | null): Draft {
  return {
    ministry: "",
    organisationId: p?.organisation?.id ?? "",
    regionId: p?.region?.id ?? "",
    gradeCode: p?.grade?.code ?? "",
    currentRoleId: p?.currentRole?.id ?? "",
    openToMobility: p?.openToMobility ?? false,
    mobilityFamilies: [...(p?.mobilityFamilies ?? [])],
    mobilityRegionIds: (p?.mobilityRegions ?? []).map((r) => r.id),
    targetRoleIds: (p?.targetRoles ?? []).map((r) => r.id),
    willingToMentor: p?.willingToMentor ?? false,
    bio: p?.bio ?? "",
    visibility: p?.visibilityChosen ? (p.visibility ?? null) : null,
    hiddenFromOrganisationIds: [],
  };
}

/** OnboardingPage completes the profile in three steps and ends with the explicit choice of visibility. */
export function OnboardingPage() {
  useDocumentTitle("Compléter mon profil");
  const { me } = useSession();
  const refs = useGraphQLQuery(ONBOARDING_QUERY, {});
  const profile = useGraphQLQuery(PROFILE_QUERY, { id: me?.profile.id ?? "" }, { enabled: me !== null });

  if (me === null) return null;
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
        <PageHeading>Bienvenue {me.givenName}</PageHeading>
        <p className="fr-text--lead">
          Quelques questions pour compléter votre profil. Vous pourrez tout modifier plus tard.
        </p>
        {(refs.status === "pending" || profile.status === "pending") && <Loading label="Chargement…" />}
        {refs.status === "error" && <ErrorAlert error={refs.error} />}
        {profile.status === "error" && <ErrorAlert error={profile.error} />}
        {refs.status === "success" && profile.status === "success" && (
          <OnboardingForm refs={refs.data} profile={profile.data.profile ?? null} />
        )}
      </div>
    </div>
  );
}

function OnboardingForm({ refs, profile }: { refs: OnboardingQuery; profile: Profile | null }) {
  const session = useSession();
  const [step, setStep] = useState(1);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(profile));
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const stepRef = useRef<HTMLDivElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const bioRef = useRef<HTMLTextAreaElement>(null);
  const moved = useRef(false);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const organisations = useGraphQLQuery(
    ORGANISATIONS_QUERY,
    { ministry: draft.ministry === "" ? null : draft.ministry, first: 100 },
    { enabled: !(step === 1 && draft.ministry === "" && draft.organisationId === "") },
  );
  const orgs = organisations.status === "success" ? organisations.data.organisations.edges.map((e) => e.node) : [];
  const allOrgs = useGraphQLQuery(ORGANISATIONS_QUERY, { ministry: null, first: 100 }, { enabled: step === 3 });

  useEffect(() => {
    if (moved.current) stepRef.current?.focus();
  }, [step]);

  const go = (next: number) => {
    moved.current = true;
    setError(null);
    // Back to « Mon poste » with an entity but no ministry (the entity of the
    // saved profile): the ministry select is refilled from the entity, found
    // in the list of organisations already loaded.
    if (next === 1 && draft.ministry === "" && draft.organisationId !== "") {
      const ministry = orgs.find((o) => o.id === draft.organisationId)?.ministry.code;
      if (ministry) set({ ministry });
    }
    setStep(next);
  };

  const visibilityError = submitted && draft.visibility === null ? "Choisissez qui peut voir votre profil." : undefined;
  // A pasted control or bidirectional character is pointed out on the field, as it is
  // typed: the server would refuse it only at the last step, two steps away from it.
  const bioError =
    draft.bio.length > BIO_MAX ? "Votre présentation est trop longue." : textProblem("Votre présentation", draft.bio, { multiLine: true });

  const updateMyProfile = useGraphQLMutation(UPDATE_MY_PROFILE_MUTATION, [PROFILE_QUERY_NAME]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (step === 2 && bioError) {
      bioRef.current?.focus();
      return;
    }
    if (step < STEPS.length) {
      go(step + 1);
      return;
    }
    setSubmitted(true);
    if (draft.visibility === null) {
      setError({ title: "Un choix est nécessaire", description: "Choisissez qui peut voir votre profil.", invalid: true });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await updateMyProfile.mutateAsync({
        input: {
          organisationId: draft.organisationId,
          regionId: draft.regionId,
          gradeCode: draft.gradeCode,
          currentRoleId: draft.currentRoleId,
          openToMobility: draft.openToMobility,
          mobilityFamilies: draft.openToMobility ? draft.mobilityFamilies : [],
          mobilityRegionIds: draft.openToMobility ? draft.mobilityRegionIds : [],
          targetRoleIds: draft.targetRoleIds,
          willingToMentor: draft.willingToMentor,
          bio: draft.bio,
          visibility: draft.visibility,
          hiddenFromOrganisationIds: draft.hiddenFromOrganisationIds,
        },
      });
      session.visibilityChosen();
      navigate(paths.mySkills);
    } catch (e) {
      setError(formError(e));
      setBusy(false);
      // « Enregistrer mon profil » was disabled while sending and lost the focus: give it
      // to the message, so that it is read and the keyboard stays in the form.
      requestAnimationFrame(() => alertRef.current?.focus());
    }
  };

  const roles = refs.roles.edges.map((e) => e.node);
  const regions = refs.regions.edges.map((e) => e.node);

  return (
    <form onSubmit={submit} noValidate>
      <div ref={stepRef} tabIndex={-1} className="pl-focus-target">
        <Stepper currentStep={step} stepCount={STEPS.length} title={STEPS[step - 1]} nextTitle={STEPS[step]} />
      </div>
      <div ref={alertRef} tabIndex={-1} className="pl-focus-target">
        {error && <Alert severity="error" title={error.title} description={error.description} as="h2" className="fr-mb-3w" />}
      </div>

      {step === 1 && (
        <>
          <Select
            label="Ministère"
            nativeSelectProps={{
              value: draft.ministry,
              onChange: (e) => set({ ministry: e.target.value, organisationId: "" }),
            }}
          >
            <option value="">Choisir un ministère</option>
            {refs.ministries.edges.map(({ node }) => (
              <option key={node.code} value={node.code}>
                {node.name}
              </option>
            ))}
          </Select>
          <Select
            label="Entité"
            hint={draft.ministry === "" ? "Choisissez d’abord un ministère." : undefined}
            disabled={draft.ministry === "" && draft.organisationId === ""}
            nativeSelectProps={{ value: draft.organisationId, onChange: (e) => set({ organisationId: e.target.value }) }}
          >
            <option value="">Choisir une entité</option>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
            {draft.organisationId !== "" && profile?.organisation && !orgs.some((o) => o.id === draft.organisationId) && (
              <option value={profile.organisation.id}>{profile.organisation.name}</option>
            )}
          </Select>
          <Select label="Région" nativeSelectProps={{ value: draft.regionId, onChange: (e) => set({ regionId: e.target.value }) }}>
            <option value="">Choisir une région</option>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </Select>
          <Select label="Catégorie" nativeSelectProps={{ value: draft.gradeCode, onChange: (e) => set({ gradeCode: e.target.value }) }}>
            <option value="">Choisir une catégorie</option>
            {refs.grades.edges.map(({ node }) => (
              <option key={node.code} value={node.code}>
                {node.label}
              </option>
            ))}
          </Select>
          <Select
            label="Métier actuel"
            nativeSelectProps={{ value: draft.currentRoleId, onChange: (e) => set({ currentRoleId: e.target.value }) }}
          >
            <option value="">Choisir un métier</option>
            {roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </Select>
        </>
      )}

      {step === 2 && (
        <>
          <Checkbox
            options={[
              {
                label: "Je souhaite une mobilité",
                nativeInputProps: { checked: draft.openToMobility, onChange: (e) => set({ openToMobility: e.target.checked }) },
              },
            ]}
          />
          {draft.openToMobility && (
            <>
              <Checkbox
                legend="Vers quels métiers ?"
                orientation="horizontal"
                options={(["BUSINESS", "DIGITAL"] as RoleFamily[]).map((f) => ({
                  label: FAMILY_LABELS[f],
                  nativeInputProps: {
                    checked: draft.mobilityFamilies.includes(f),
                    onChange: (e) =>
                      set({
                        mobilityFamilies: e.target.checked
                          ? [...draft.mobilityFamilies, f]
                          : draft.mobilityFamilies.filter((x) => x !== f),
                      }),
                  },
                }))}
              />
              <Picker
                label="Régions où je pourrais travailler"
                placeholder="Choisir une région"
                options={regions.map((r) => ({ id: r.id, label: r.name }))}
                value={draft.mobilityRegionIds}
                onChange={(v) => set({ mobilityRegionIds: v })}
              />
            </>
          )}
          <Picker
            label="Métiers visés"
            placeholder="Choisir un métier"
            options={roles.map((r) => ({ id: r.id, label: r.title }))}
            value={draft.targetRoleIds}
            onChange={(v) => set({ targetRoleIds: v })}
          />
          <Checkbox
            options={[
              {
                label: "J’accepte d’accompagner d’autres agents (mentorat)",
                nativeInputProps: { checked: draft.willingToMentor, onChange: (e) => set({ willingToMentor: e.target.checked }) },
              },
            ]}
          />
          <Input
            label="Présentation courte (facultatif)"
            hintText={`${BIO_MAX.toLocaleString("fr-FR")} caractères au plus.`}
            textArea
            state={bioError ? "error" : "default"}
            stateRelatedMessage={bioError}
            nativeTextAreaProps={{
              ref: bioRef,
              value: draft.bio,
              rows: 4,
              "aria-describedby": "bio-count",
              onChange: (e) => set({ bio: e.target.value }),
            }}
          />
          <p id="bio-count" className="fr-hint-text" aria-live="polite">
            {`${draft.bio.length.toLocaleString("fr-FR")} / ${BIO_MAX.toLocaleString("fr-FR")} caractères`}
          </p>
        </>
      )}

      {step === 3 && (
        <>
          <RadioButtons
            legend="Qui peut voir mon profil ?"
            hintText="Ce choix est obligatoire. Vous pourrez le changer à tout moment."
            name="visibility"
            state={visibilityError ? "error" : "default"}
            stateRelatedMessage={visibilityError}
            options={VISIBILITIES.map((v) => ({
              label: VISIBILITY_LABELS[v],
              hintText: VISIBILITY_HINTS[v],
              nativeInputProps: { value: v, checked: draft.visibility === v, onChange: () => set({ visibility: v }) },
            }))}
          />
          <Picker
            label="Masquer mon profil à certaines entités (facultatif)"
            hint="Leurs agents et managers ne verront pas votre profil."
            placeholder="Choisir une entité"
            options={
              allOrgs.status === "success" ? allOrgs.data.organisations.edges.map((e) => ({ id: e.node.id, label: e.node.name })) : []
            }
            value={draft.hiddenFromOrganisationIds}
            onChange={(v) => set({ hiddenFromOrganisationIds: v })}
          />
        </>
      )}

      <ul className="pl-actions">
        {step > 1 && (
          <li>
            <Button type="button" priority="secondary" iconId="fr-icon-arrow-left-line" onClick={() => go(step - 1)}>
              Étape précédente
            </Button>
          </li>
        )}
        <li>
          <Button type="submit" disabled={busy} iconId={step < STEPS.length ? "fr-icon-arrow-right-line" : "fr-icon-check-line"} iconPosition="right">
            {step < STEPS.length ? "Étape suivante" : "Enregistrer mon profil"}
          </Button>
        </li>
      </ul>
    </form>
  );
}

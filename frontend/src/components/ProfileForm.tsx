import { useEffect, useId, useRef, useState } from "react";
import { Controller, useForm, useWatch, type FieldErrors } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Stepper } from "@codegouvfr/react-dsfr/Stepper";
import { graphql } from "../gql";
import type { ProfileFormFieldsFragment, ProfileFormQuery, RoleFamily } from "../gql/graphql";
import { useGraphQLMutation, useGraphQLQuery, usePagedQuery } from "../graphql/query";
import { PROFILE_QUERY_NAME } from "../profile/profileQuery";
import { fieldErrors, formError, type FormError } from "../profile/forms";
import { FAMILY_LABELS, VISIBILITY_HINTS, VISIBILITY_LABELS } from "../profile/labels";
import {
  BIO_MAX,
  draftFrom,
  profileField,
  profileInput,
  profileSchema,
  VISIBILITIES,
  type ProfileDraft,
  type ProfileFieldName,
} from "../profile/profileForm";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";
import { Picker } from "./Picker";

/** PROFILE_FORM_FRAGMENT is what the profile form reads of the agent's own profile, and what it shows once saved. */
export const PROFILE_FORM_FRAGMENT = graphql(`
  fragment ProfileFormFields on Profile {
    id
    bio
    visibility
    visibilityChosen
    openToMobility
    willingToMentor
    organisation {
      id
      name
      ministry {
        code
      }
    }
    region {
      id
      name
    }
    grade {
      code
      label
    }
    currentRole {
      id
      title
    }
    targetRoles {
      id
      title
    }
    mobilityFamilies
    mobilityRegions {
      id
      name
    }
    hiddenFromOrganisations {
      id
      name
    }
  }
`);

/**
 * PROFILE_FORM_QUERY loads the signed-in agent's profile, the organisation their
 * identity provider asserts, and the referentials the form chooses from.
 */
export const PROFILE_FORM_QUERY = graphql(`
  query ProfileForm {
    me {
      id
      assertedOrganisation {
        id
        name
        ministry {
          code
        }
      }
      profile {
        ...ProfileFormFields
      }
    }
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
          title
        }
      }
    }
  }
`);

/** PROFILE_FORM_QUERY_NAME is the operation name that a saved profile invalidates. */
export const PROFILE_FORM_QUERY_NAME = "ProfileForm";

/** ORGANISATIONS_QUERY lists the entities of one ministry. */
export const ORGANISATIONS_QUERY = graphql(`
  query Organisations($ministry: String, $first: Int!) {
    organisations(ministry: $ministry, first: $first) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

/** ALL_ORGANISATIONS_QUERY lists every entity, page by page (there are more than 100). */
export const ALL_ORGANISATIONS_QUERY = graphql(`
  query AllOrganisations($first: Int!, $after: String) {
    organisations(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
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
        ...ProfileFormFields
      }
    }
  }
`);

/** SECTIONS are the parts of the form: the onboarding's steps, the headings of « Mon profil ». */
const SECTIONS: readonly { title: string; fields: readonly ProfileFieldName[] }[] = [
  { title: "Mon poste", fields: ["ministry", "organisationId", "regionId", "gradeCode", "currentRoleId"] },
  {
    title: "Mes envies",
    fields: ["openToMobility", "mobilityFamilies", "mobilityRegionIds", "targetRoleIds", "willingToMentor", "bio"],
  },
  { title: "Qui peut voir mon profil", fields: ["visibility", "hiddenFromOrganisationIds"] },
];

/** sectionOf is the index of the section that holds a field. */
function sectionOf(field: ProfileFieldName): number {
  return Math.max(
    0,
    SECTIONS.findIndex((s) => s.fields.includes(field)),
  );
}

/** firstInError is the first field in error, in the order of the form. */
function firstInError(errors: FieldErrors<ProfileDraft>): ProfileFieldName | null {
  for (const s of SECTIONS) for (const f of s.fields) if (errors[f]) return f;
  return null;
}

/** useAllOrganisations loads every entity (more than one page of 100), for the hidden-from picker. */
function useAllOrganisations(enabled: boolean) {
  const pages = usePagedQuery(ALL_ORGANISATIONS_QUERY, { first: 100 }, (d) => d.organisations.pageInfo);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  useEffect(() => {
    if (enabled && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [enabled, hasNextPage, isFetchingNextPage, fetchNextPage]);
  return (pages.data?.pages ?? []).flatMap((p) => p.organisations.edges.map((e) => ({ id: e.node.id, label: e.node.name })));
}

type Referentials = Omit<ProfileFormQuery, "me">;

/**
 * ProfileForm edits everything an agent says of themselves: post, wishes, who
 * may see the profile. The onboarding shows it in three steps (stepped), « Mon
 * profil » all at once. The rules are the zod schema of src/profile/profileForm.ts;
 * a refused field, whether the form or the server refuses it, shows its message
 * under it and the first one takes the focus (in the onboarding, on its step).
 * The saved profile goes to onSaved, which confirms it.
 */
export function ProfileForm({
  refs,
  profile,
  asserted,
  stepped,
  onSaved,
}: {
  refs: Referentials;
  profile: ProfileFormFieldsFragment | null;
  asserted: NonNullable<ProfileFormQuery["me"]>["assertedOrganisation"];
  stepped: boolean;
  onSaved: (saved: ProfileFormFieldsFragment) => void;
}) {
  const id = useId();
  const {
    register,
    control,
    handleSubmit,
    trigger,
    reset,
    setValue,
    setError: setFieldError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<ProfileDraft>({
    resolver: zodResolver(profileSchema),
    defaultValues: draftFrom(profile, asserted),
    shouldFocusError: false, // focus goes to the first field in error once its step is shown
  });
  const [step, setStep] = useState(0);
  const [error, setError] = useState<FormError | null>(null);
  const stepRef = useRef<HTMLDivElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const updateMyProfile = useGraphQLMutation(UPDATE_MY_PROFILE_MUTATION, [PROFILE_QUERY_NAME, PROFILE_FORM_QUERY_NAME]);

  const ministry = useWatch({ control, name: "ministry" });
  const openToMobility = useWatch({ control, name: "openToMobility" });
  const bio = useWatch({ control, name: "bio" });
  const shown = (section: number) => !stepped || step === section;

  const organisations = useGraphQLQuery(
    ORGANISATIONS_QUERY,
    { ministry: ministry === "" ? null : ministry, first: 100 },
    { enabled: ministry !== "" && shown(0) },
  );
  const orgs = organisations.status === "success" ? organisations.data.organisations.edges.map((e) => e.node) : [];
  const allOrgs = useAllOrganisations(shown(2));

  /** focusField shows the section of the field and, once it is rendered, gives it the focus. */
  const focusField = (field: ProfileFieldName) => {
    if (stepped) setStep(sectionOf(field));
    focusAfterRender(() => {
      setFocus(field); // react-hook-form knows each field's element, the pickers' select included
      return null;
    });
  };

  const go = async (next: number) => {
    setError(null);
    if (next > step) {
      // A step is checked before the next one: a message two steps away from its field would be lost.
      const fields = SECTIONS[step]?.fields ?? [];
      if (!(await trigger([...fields]))) {
        const inError = fields.find((f) => control.getFieldState(f).invalid);
        if (inError) focusField(inError);
        return;
      }
    }
    setStep(next);
    focusAfterRender(() => stepRef.current);
  };

  const save = async (draft: ProfileDraft) => {
    setError(null);
    try {
      const data = await updateMyProfile.mutateAsync({ input: profileInput(draft) });
      const saved = data.updateMyProfile?.profile;
      if (!saved) throw new Error("updateMyProfile answered no profile");
      reset(draftFrom(saved, asserted));
      onSaved(saved);
    } catch (e) {
      setError(formError(e));
      // The server named the fields it refused: each message goes under its field
      // and the first one takes the focus; otherwise the alert does.
      const onFields = fieldErrors(e).flatMap((f) => {
        const name = profileField(f.field);
        return name ? [{ name, message: f.message }] : [];
      });
      onFields.forEach((f) => setFieldError(f.name, { type: "server", message: f.message }));
      const first = onFields.map((f) => f.name).sort((a, b) => sectionOf(a) - sectionOf(b))[0];
      if (first) focusField(first);
      else focusAfterRender(() => alertRef.current);
    }
  };

  const invalid = (errs: FieldErrors<ProfileDraft>) => {
    setError({ title: "Votre saisie contient des erreurs", description: "Corrigez les champs signalés ci-dessous.", invalid: true });
    const first = firstInError(errs);
    if (first) focusField(first);
  };

  const roles = refs.roles.edges.map((e) => e.node);
  const regions = refs.regions.edges.map((e) => ({ id: e.node.id, label: e.node.name }));
  const last = !stepped || step === SECTIONS.length - 1;
  const heading = (section: number) =>
    stepped ? null : (
      <h2 className="fr-h4 fr-mt-4w" id={`${id}-s${section}`}>
        {SECTIONS[section]?.title}
      </h2>
    );

  return (
    <form
      noValidate
      onSubmit={(event) => {
        if (last) return void handleSubmit(save, invalid)(event);
        event.preventDefault();
        void go(step + 1);
      }}
    >
      {stepped && (
        <div ref={stepRef} tabIndex={-1} className="pl-focus-target">
          <Stepper
            currentStep={step + 1}
            stepCount={SECTIONS.length}
            title={SECTIONS[step]?.title ?? ""}
            nextTitle={SECTIONS[step + 1]?.title}
          />
        </div>
      )}
      <p className="fr-hint-text">Seul le choix de la visibilité de votre profil est obligatoire.</p>
      <div ref={alertRef} tabIndex={-1} className="pl-focus-target">
        {error && <Alert severity="error" title={error.title} description={error.description} as="h2" className="fr-mb-3w" />}
      </div>

      {shown(0) && (
        <>
          {heading(0)}
          <Select
            label="Ministère (facultatif)"
            hint="Pour trouver votre entité."
            nativeSelectProps={register("ministry", { onChange: () => setValue("organisationId", "") })}
          >
            <option value="">Choisir un ministère</option>
            {refs.ministries.edges.map(({ node }) => (
              <option key={node.code} value={node.code}>
                {node.name}
              </option>
            ))}
          </Select>
          <Controller
            control={control}
            name="organisationId"
            render={({ field, fieldState }) => {
              // The saved or asserted entity stays shown while its ministry's list loads.
              const known = [profile?.organisation, asserted].find((o) => o && o.id === field.value);
              return (
                <Select
                  label="Entité (facultatif)"
                  hint={
                    ministry === ""
                      ? "Choisissez d’abord un ministère."
                      : asserted
                        ? `Votre compte professionnel indique : ${asserted.name}.`
                        : undefined
                  }
                  disabled={ministry === "" && field.value === ""}
                  state={fieldState.error ? "error" : "default"}
                  stateRelatedMessage={fieldState.error?.message}
                  nativeSelectProps={{
                    ref: field.ref,
                    name: field.name,
                    value: field.value,
                    onBlur: field.onBlur,
                    onChange: (e) => field.onChange(e.target.value),
                  }}
                >
                  <option value="">Choisir une entité</option>
                  {orgs.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                  {known && !orgs.some((o) => o.id === known.id) && <option value={known.id}>{known.name}</option>}
                </Select>
              );
            }}
          />
          <Select
            label="Région (facultatif)"
            state={errors.regionId ? "error" : "default"}
            stateRelatedMessage={errors.regionId?.message}
            nativeSelectProps={register("regionId")}
          >
            <option value="">Choisir une région</option>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </Select>
          <Select
            label="Catégorie (facultatif)"
            state={errors.gradeCode ? "error" : "default"}
            stateRelatedMessage={errors.gradeCode?.message}
            nativeSelectProps={register("gradeCode")}
          >
            <option value="">Choisir une catégorie</option>
            {refs.grades.edges.map(({ node }) => (
              <option key={node.code} value={node.code}>
                {node.label}
              </option>
            ))}
          </Select>
          <Select
            label="Métier actuel (facultatif)"
            state={errors.currentRoleId ? "error" : "default"}
            stateRelatedMessage={errors.currentRoleId?.message}
            nativeSelectProps={register("currentRoleId")}
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

      {shown(1) && (
        <>
          {heading(1)}
          <Checkbox
            className="fr-mb-2w"
            options={[{ label: "Je souhaite une mobilité", nativeInputProps: register("openToMobility") }]}
          />
          {openToMobility && (
            <>
              <Checkbox
                legend="Vers quels métiers ? (facultatif)"
                orientation="horizontal"
                state={errors.mobilityFamilies ? "error" : "default"}
                stateRelatedMessage={errors.mobilityFamilies?.message}
                options={(["BUSINESS", "DIGITAL"] as RoleFamily[]).map((f) => ({
                  label: FAMILY_LABELS[f],
                  nativeInputProps: { value: f, ...register("mobilityFamilies") },
                }))}
              />
              <Controller
                control={control}
                name="mobilityRegionIds"
                render={({ field, fieldState }) => (
                  <Picker
                    label="Régions où je pourrais travailler (facultatif)"
                    placeholder="Choisir une région"
                    options={regions}
                    value={field.value}
                    onChange={field.onChange}
                    error={fieldState.error?.message}
                    selectRef={field.ref}
                  />
                )}
              />
            </>
          )}
          <Controller
            control={control}
            name="targetRoleIds"
            render={({ field, fieldState }) => (
              <Picker
                label="Métiers visés (facultatif)"
                placeholder="Choisir un métier"
                options={roles.map((r) => ({ id: r.id, label: r.title }))}
                value={field.value}
                onChange={field.onChange}
                error={fieldState.error?.message}
                selectRef={field.ref}
              />
            )}
          />
          <Checkbox
            className="fr-mb-3w"
            options={[
              { label: "J’accepte d’accompagner d’autres agents (mentorat)", nativeInputProps: register("willingToMentor") },
            ]}
          />
          <Input
            label="Présentation courte (facultatif)"
            hintText={`${BIO_MAX.toLocaleString("fr-FR")} caractères au plus.`}
            textArea
            state={errors.bio ? "error" : "default"}
            stateRelatedMessage={errors.bio?.message}
            nativeTextAreaProps={{
              rows: 4,
              "aria-describedby": `${id}-bio-count`,
              // The message is shown as the text is typed or pasted, not two steps later.
              ...register("bio", { onChange: () => void trigger("bio") }),
            }}
          />
          <p id={`${id}-bio-count`} className="fr-hint-text" aria-live="polite">
            {`${[...bio].length.toLocaleString("fr-FR")} / ${BIO_MAX.toLocaleString("fr-FR")} caractères`}
          </p>
        </>
      )}

      {shown(2) && (
        <>
          {heading(2)}
          <RadioButtons
            legend="Visibilité de mon profil"
            hintText={
              stepped ? "Ce choix est obligatoire. Vous pourrez le changer à tout moment." : "Vous pouvez changer ce choix à tout moment."
            }
            name={`${id}-visibility`}
            state={errors.visibility ? "error" : "default"}
            stateRelatedMessage={errors.visibility?.message}
            options={VISIBILITIES.map((v) => ({
              label: VISIBILITY_LABELS[v],
              hintText: VISIBILITY_HINTS[v],
              nativeInputProps: { value: v, ...register("visibility") },
            }))}
          />
          <Controller
            control={control}
            name="hiddenFromOrganisationIds"
            render={({ field, fieldState }) => {
              // The hidden entities stay named while the list of all entities loads.
              const options = [...allOrgs];
              for (const o of profile?.hiddenFromOrganisations ?? []) {
                if (!options.some((x) => x.id === o.id)) options.push({ id: o.id, label: o.name });
              }
              return (
                <Picker
                  label="Masquer mon profil à certaines entités (facultatif)"
                  hint="Leurs agents et managers ne verront pas votre profil."
                  placeholder="Choisir une entité"
                  options={options}
                  value={field.value}
                  onChange={field.onChange}
                  error={fieldState.error?.message}
                  selectRef={field.ref}
                />
              );
            }}
          />
        </>
      )}

      <ul className="pl-actions">
        {stepped && step > 0 && (
          <li>
            <Button type="button" priority="secondary" iconId="fr-icon-arrow-left-line" onClick={() => void go(step - 1)}>
              Étape précédente
            </Button>
          </li>
        )}
        <li>
          <Button
            type="submit"
            disabled={isSubmitting}
            iconId={last ? "fr-icon-check-line" : "fr-icon-arrow-right-line"}
            iconPosition="right"
          >
            {last ? (stepped ? "Enregistrer mon profil" : "Enregistrer les modifications") : "Étape suivante"}
          </Button>
        </li>
      </ul>
    </form>
  );
}

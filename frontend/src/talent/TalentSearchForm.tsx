import { useRef } from "react";
import { Controller, useForm, useWatch, type FieldErrors } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { TalentReferentialsQuery, TalentSkillFieldsFragment } from "../gql/graphql";
import { FAMILY_LABELS } from "../profile/labels";
import { Picker } from "../components/Picker";
import { Link } from "../router";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";
import { paths } from "../paths";
import { ORGANISATION_TYPE_LABELS } from "./explain";
import { MAX_TEXT, ORGANISATION_TYPES, ROLE_FAMILIES, talentSearchSchema, type TalentSearch } from "./filter";
import { SkillCriteria, skillName } from "./SkillCriteria";

/** Referentials are what the filters choose from. */
export type Referentials = TalentReferentialsQuery;

/**
 * TalentSearchForm edits the search; « Rechercher » hands it to onSearch,
 * which puts it in the address. It starts from initial (the address), so the
 * page mounts a new form when the address changes (back button, facets).
 * Criteria other than skills and words sit in two accordions, open when one
 * of their criteria is in use.
 */
export function TalentSearchForm({
  initial,
  refs,
  catalogue,
  onSearch,
}: {
  initial: TalentSearch;
  refs: Referentials;
  catalogue: ReadonlyMap<string, TalentSkillFieldsFragment>;
  onSearch: (search: TalentSearch) => void;
}) {
  const { register, control, handleSubmit, formState, setFocus } = useForm<TalentSearch>({
    resolver: zodResolver(talentSearchSchema),
    defaultValues: initial,
    shouldFocusError: false,
  });
  const errors = formState.errors;
  const errorRef = useRef<HTMLParagraphElement>(null);
  const focusAfterRender = useFocusAfterRender();
  // The field in error takes the focus; a search without criterion, the message under the form.
  const invalid = (errs: FieldErrors<TalentSearch>) => {
    const field = (["text", "organisationIds", "regionIds", "currentRoleIds", "mobilityRegionIds"] as const).find((f) => errs[f]);
    focusAfterRender(() => {
      if (field) setFocus(field);
      return field ? null : errorRef.current;
    });
  };
  const ministryIds = useWatch({ control, name: "ministryIds" });
  const openToMobility = useWatch({ control, name: "openToMobility" });

  const ministries = refs.ministries.edges.map((e) => e.node);
  const regions = refs.regions.edges.map((e) => ({ id: e.node.id, label: e.node.name }));
  const roles = refs.roles.edges.map((e) => ({ id: e.node.id, label: `${e.node.title} (${FAMILY_LABELS[e.node.family].toLowerCase()})` }));
  // The entities of the chosen ministries (all when none is chosen).
  const organisations = refs.organisations.edges
    .map((e) => e.node)
    .filter((o) => ministryIds.length === 0 || ministryIds.includes(o.ministry.id))
    .map((o) => ({ id: o.id, label: o.name }));
  const allOrganisations = refs.organisations.edges.map((e) => ({ id: e.node.id, label: e.node.name }));
  const skills = [...catalogue.values()];
  const frameworks = [...new Set(skills.map((s) => s.framework.name))];

  const postOpen =
    initial.ministryIds.length + initial.organisationTypes.length + initial.organisationIds.length + initial.regionIds.length +
      initial.gradeCodes.length + initial.currentRoleIds.length + initial.currentRoleFamilies.length > 0;
  const wishesOpen =
    initial.openToMobility || initial.willingToMentor || initial.wantsToDevelopSkillId !== "" ||
    initial.mobilityFamilies.length + initial.mobilityRegionIds.length > 0;

  const listError = (name: keyof TalentSearch) => errors[name]?.message;
  /** listPicker is a Picker bound to one list of ids of the form. */
  const listPicker = (
    name: "regionIds" | "currentRoleIds" | "mobilityRegionIds",
    label: string,
    placeholder: string,
    options: readonly { id: string; label: string }[],
  ) => (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Picker
          label={label}
          placeholder={placeholder}
          options={options}
          value={field.value}
          onChange={field.onChange}
          error={listError(name)}
          selectRef={field.ref}
        />
      )}
    />
  );
  const criterionError = errors.skills?.message ?? errors.skills?.root?.message;

  return (
    <form
      role="search"
      aria-label="Critères de recherche"
      noValidate
      onSubmit={(event) => void handleSubmit(onSearch, invalid)(event)}
      className="pl-talent-form"
    >
      <Controller
        control={control}
        name="skills"
        render={({ field }) => <SkillCriteria value={field.value} onChange={field.onChange} catalogue={catalogue} />}
      />
      <Checkbox
        small
        className="fr-mb-3w"
        options={[
          {
            label: "Ne compter que les niveaux validés par un manager",
            hintText: "Pour toutes les compétences choisies.",
            nativeInputProps: register("validatedOnly"),
          },
        ]}
      />
      <Input
        label="Mots-clés"
        hintText="Dans les noms, les présentations et les titres des preuves (formations, certifications, expériences)."
        state={errors.text ? "error" : "default"}
        stateRelatedMessage={errors.text?.message}
        nativeInputProps={{ ...register("text"), type: "search", maxLength: MAX_TEXT * 2, autoComplete: "off" }}
      />

      <div className="fr-accordions-group fr-mb-3w">
        <Accordion label="Poste et organisation" titleAs="h2" defaultExpanded={postOpen}>
          <Checkbox
            legend="Ministère"
            orientation="horizontal"
            small
            options={ministries.map((m) => ({ label: m.name, nativeInputProps: { value: m.id, ...register("ministryIds") } }))}
          />
          <Checkbox
            legend="Type d’entité"
            orientation="horizontal"
            small
            options={ORGANISATION_TYPES.map((t) => ({
              label: ORGANISATION_TYPE_LABELS[t],
              nativeInputProps: { value: t, ...register("organisationTypes") },
            }))}
          />
          <Controller
            control={control}
            name="organisationIds"
            render={({ field }) => (
              <Picker
                label="Entité"
                hint={ministryIds.length > 0 ? "Les entités des ministères cochés." : undefined}
                placeholder="Choisir une entité"
                // Chosen entities keep their names even when their ministry is unchecked.
                options={[...organisations, ...allOrganisations.filter((o) => field.value.includes(o.id) && !organisations.some((x) => x.id === o.id))]}
                value={field.value}
                onChange={field.onChange}
                error={listError("organisationIds")}
                selectRef={field.ref}
              />
            )}
          />
          {listPicker("regionIds", "Région de travail", "Choisir une région", regions)}
          <Checkbox
            legend="Catégorie"
            orientation="horizontal"
            small
            options={refs.grades.edges.map((e) => ({
              label: e.node.label,
              nativeInputProps: { value: e.node.code, ...register("gradeCodes") },
            }))}
          />
          {listPicker("currentRoleIds", "Métier actuel", "Choisir un métier", roles)}
          <Checkbox
            legend="Famille du métier actuel"
            orientation="horizontal"
            small
            options={ROLE_FAMILIES.map((f) => ({
              label: FAMILY_LABELS[f],
              nativeInputProps: { value: f, ...register("currentRoleFamilies") },
            }))}
          />
        </Accordion>
        <Accordion label="Mobilité et envies" titleAs="h2" defaultExpanded={wishesOpen}>
          <Checkbox
            small
            options={[{ label: "Ouvert ou ouverte à une mobilité", nativeInputProps: register("openToMobility") }]}
          />
          {openToMobility && (
            <>
              <Checkbox
                legend="Vers les métiers"
                orientation="horizontal"
                small
                options={ROLE_FAMILIES.map((f) => ({
                  label: FAMILY_LABELS[f],
                  nativeInputProps: { value: f, ...register("mobilityFamilies") },
                }))}
              />
              {listPicker("mobilityRegionIds", "Vers la région", "Choisir une région", regions)}
            </>
          )}
          <Checkbox
            small
            options={[{ label: "Volontaire pour accompagner d’autres agents (mentorat)", nativeInputProps: register("willingToMentor") }]}
          />
          <Select label="Souhaite développer la compétence" nativeSelectProps={register("wantsToDevelopSkillId")}>
            <option value="">Toutes</option>
            {frameworks.map((f) => (
              <optgroup key={f} label={f}>
                {skills
                  .filter((s) => s.framework.name === f)
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {skillName(s)}
                    </option>
                  ))}
              </optgroup>
            ))}
          </Select>
        </Accordion>
      </div>

      {criterionError && (
        <p ref={errorRef} tabIndex={-1} className="fr-error-text fr-mb-2w pl-focus-target">
          {criterionError}
        </p>
      )}
      <ul className="pl-actions">
        <li>
          <Button type="submit" iconId="fr-icon-search-line">
            Rechercher
          </Button>
        </li>
        <li>
          <Link href={paths.talents} className="fr-btn fr-btn--secondary">
            Effacer les critères
          </Link>
        </li>
      </ul>
    </form>
  );
}

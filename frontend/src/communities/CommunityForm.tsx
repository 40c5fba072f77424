import "./communities.css";
import { useRef, useState } from "react";
import { useForm, type FieldErrors } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useGraphQLQuery } from "../graphql/query";
import { fieldErrors, formError, type FormError } from "../profile/forms";
import { MIN_SEARCH_LENGTH, SEARCH_DELAY_MS, SEARCH_SKILLS_QUERY, searchStatus, useDebounced } from "../components/SkillSearch";
import { ErrorAlert } from "../components/ErrorAlert";
import { communitySchema, MAX_COMMUNITY_SKILLS, type CommunityDraft } from "./rules";

/** ChosenSkill is a skill the form holds, with what it shows of it. */
export type ChosenSkill = { id: string; code: string; name: string; framework: { name: string } };

type Props = {
  /** title names the form (its accessible name). */
  title: string;
  /** initial is the community edited; absent when creating one. */
  initial?: { code: string; name: string; description: string; skills: readonly ChosenSkill[] };
  submitLabel: string;
  onSubmit: (draft: CommunityDraft) => Promise<void>;
  onCancel: () => void;
};

const FIELDS = ["code", "name", "description", "skillIds"] as const;

/**
 * CommunityForm creates or edits a community: code (creation only: it never
 * changes), name, description and up to 12 skills found by text. The rules
 * are communitySchema's (the domain's); a server refusal that names its
 * field goes under it, which takes the focus; others go in the alert above.
 */
export function CommunityForm({ title, initial, submitLabel, onSubmit, onCancel }: Props) {
  const creating = initial === undefined;
  const [skills, setSkills] = useState<ChosenSkill[]>([...(initial?.skills ?? [])]);
  const [error, setError] = useState<FormError | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const {
    register,
    handleSubmit,
    setValue,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<CommunityDraft>({
    resolver: zodResolver(communitySchema),
    defaultValues: {
      code: initial?.code ?? "",
      name: initial?.name ?? "",
      description: initial?.description ?? "",
      skillIds: (initial?.skills ?? []).map((s) => s.id),
      creating,
    },
  });

  const choose = (next: ChosenSkill[]) => {
    setSkills(next);
    setValue(
      "skillIds",
      next.map((s) => s.id),
      { shouldValidate: errors.skillIds !== undefined },
    );
  };

  const onValid = async (draft: CommunityDraft) => {
    setError(null);
    try {
      await onSubmit({ ...draft, code: draft.code.trim(), name: draft.name.trim(), description: draft.description.trim() });
    } catch (e) {
      const onFields = fieldErrors(e, ["INVALID_INPUT", "CONFLICT"]).flatMap((f) => {
        const name = FIELDS.find((n) => f.field === n || f.field.startsWith(`${n}.`));
        return name ? [{ name, message: f.message }] : [];
      });
      if (onFields.length > 0) {
        onFields.forEach((f, i) => setFieldError(f.name, { type: "server", message: f.message }, { shouldFocus: i === 0 }));
        setError({ title: "Votre saisie n’a pas été enregistrée", description: "Corrigez le champ signalé.", invalid: true });
        if (onFields[0]?.name === "skillIds") searchRef.current?.focus();
      } else {
        setError(formError(e));
        requestAnimationFrame(() => alertRef.current?.focus());
      }
    }
  };
  const onInvalid = (invalid: FieldErrors<CommunityDraft>) => {
    setError({ title: "Votre saisie contient des erreurs", description: "Corrigez les champs signalés.", invalid: true });
    if (invalid.skillIds && !invalid.code && !invalid.name && !invalid.description) searchRef.current?.focus();
  };

  return (
    <form aria-label={title} noValidate className="pl-community-form" onSubmit={(e) => void handleSubmit(onValid, onInvalid)(e)}>
      <div ref={alertRef} tabIndex={-1} role="alert">
        {error && <Alert severity="error" small title={error.title} description={error.description} as="h4" className="fr-mb-2w" />}
      </div>
      {creating && (
        <Input
          label="Code"
          hintText="Lettres sans accent, chiffres, points, tirets ou soulignés, 40 au plus (par exemple « data »). Il figure dans l’adresse de la page et ne change plus."
          state={errors.code ? "error" : "default"}
          stateRelatedMessage={errors.code?.message}
          nativeInputProps={{ autoComplete: "off", spellCheck: false, ...register("code") }}
        />
      )}
      <Input
        label="Nom"
        hintText="200 caractères au plus, par exemple « Communauté Data »."
        state={errors.name ? "error" : "default"}
        stateRelatedMessage={errors.name?.message}
        nativeInputProps={{ autoComplete: "off", ...register("name") }}
      />
      <Input
        label="Description (facultatif)"
        hintText="Ce que fait la communauté, 4 000 caractères au plus."
        textArea
        state={errors.description ? "error" : "default"}
        stateRelatedMessage={errors.description?.message}
        nativeTextAreaProps={{ rows: 4, ...register("description") }}
      />
      <fieldset className="fr-fieldset" aria-describedby={errors.skillIds ? "pl-community-skills-error" : undefined}>
        <legend className="fr-fieldset__legend fr-text--regular">
          Compétences développées (facultatif, {MAX_COMMUNITY_SKILLS} au plus)
        </legend>
        {skills.length === 0 ? (
          <div className="fr-fieldset__element">
            <p className="fr-text--sm">Aucune compétence choisie.</p>
          </div>
        ) : (
          <div className="fr-fieldset__element">
          <ul className="pl-chosen-skills">
            {skills.map((s) => (
              <li key={s.id}>
                {s.framework.name} {s.code}
                {"\u00a0: "}
                {s.name}{" "}
                <Button
                  type="button"
                  size="small"
                  priority="tertiary no outline"
                  onClick={() => {
                    choose(skills.filter((x) => x.id !== s.id));
                    searchRef.current?.focus();
                  }}
                >
                  Retirer<span className="fr-sr-only"> {s.name}</span>
                </Button>
              </li>
            ))}
          </ul>
          </div>
        )}
        {errors.skillIds && (
          <p id="pl-community-skills-error" className="fr-fieldset__element fr-error-text">
            {errors.skillIds.message}
          </p>
        )}
        <div className="fr-fieldset__element">
          <SkillFinder searchRef={searchRef} chosen={skills} onChoose={(s) => choose([...skills, s])} />
        </div>
      </fieldset>
      <ul className="pl-actions">
        <li>
          <Button type="submit" disabled={isSubmitting}>
            {submitLabel}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}

/** SkillFinder finds skills of every referential by text, each with « Ajouter ». */
function SkillFinder({
  searchRef,
  chosen,
  onChoose,
}: {
  searchRef: React.RefObject<HTMLInputElement | null>;
  chosen: readonly ChosenSkill[];
  onChoose: (skill: ChosenSkill) => void;
}) {
  const [text, setText] = useState("");
  const search = useDebounced(text.trim(), SEARCH_DELAY_MS);
  const skip = search.length < MIN_SEARCH_LENGTH;
  const result = useGraphQLQuery(SEARCH_SKILLS_QUERY, { search, framework: null, first: 10 }, { enabled: !skip });
  let status = "";
  if (!skip && result.status === "pending") status = "Recherche en cours…";
  if (!skip && result.status === "success") {
    status = searchStatus(result.data.skills.totalCount, result.data.skills.edges.length, search);
  }
  return (
    <>
      <Input
        label="Ajouter une compétence"
        hintText={`Au moins ${MIN_SEARCH_LENGTH} caractères, dans Pix et e-CF.`}
        nativeInputProps={{
          ref: searchRef,
          type: "search",
          value: text,
          onChange: (event) => setText(event.target.value),
          onKeyDown: (event) => {
            if (event.key === "Enter") event.preventDefault(); // not a submission of the whole form
          },
          autoComplete: "off",
          spellCheck: false,
        }}
      />
      <p role="status" aria-live="polite" aria-atomic="true" className="fr-text--sm fr-mb-1w">
        {status}
      </p>
      {!skip && result.status === "error" && <ErrorAlert error={result.error} />}
      {!skip && result.status === "success" && result.data.skills.edges.length > 0 && (
        <ul className="pl-skill-choices">
          {result.data.skills.edges.map(({ node }) => {
            const taken = chosen.some((s) => s.id === node.id);
            return (
              <li key={node.id}>
                <span>
                  {node.framework.name} {node.code}
                  {"\u00a0: "}
                  {node.name}
                </span>{" "}
                <Button
                  type="button"
                  size="small"
                  priority="secondary"
                  disabled={taken || chosen.length >= MAX_COMMUNITY_SKILLS}
                  onClick={() => {
                    onChoose({ id: node.id, code: node.code, name: node.name, framework: node.framework });
                    searchRef.current?.focus(); // the button is now disabled
                  }}
                >
                  {taken ? "Choisie" : "Ajouter"}
                  <span className="fr-sr-only"> {node.name}</span>
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

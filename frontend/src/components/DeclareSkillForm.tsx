import { useEffect, useId, useRef, useState } from "react";
import { useFieldArray, useForm, useWatch, type FieldPath } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { DeclaredSkillFieldsFragment, EvidenceKind } from "../gql/graphql";
import { useGraphQLMutation } from "../graphql/query";
import { PROFILE_QUERY_NAME } from "../profile/profileQuery";
import { fieldErrors, formError, isoDate, type FormError } from "../profile/forms";
import {
  declarationSchema,
  emptyEvidence,
  evidenceInput,
  MAX_EVIDENCE,
  type DeclarationDraft,
  type EvidenceDraft,
} from "../profile/evidence";
import { EVIDENCE_KIND_LABELS } from "../profile/labels";
import { REMOVED_SKILLS_QUERY_NAME } from "./RemovedSkills";
import { graphql } from "../gql";

/** DECLARE_SKILL_MUTATION declares or changes a skill of the signed-in agent. */
export const DECLARE_SKILL_MUTATION = graphql(`
  mutation DeclareSkill($input: DeclareSkillInput!) {
    declareSkill(input: $input) {
      skill {
        level {
          value
        }
      }
    }
  }
`);

/** REMOVE_SKILL_MUTATION removes a skill of the signed-in agent. */
export const REMOVE_SKILL_MUTATION = graphql(`
  mutation RemoveSkill($input: RemoveSkillInput!) {
    removeSkill(input: $input) {
      skillId
    }
  }
`);

type Declared = Pick<DeclaredSkillFieldsFragment, "level" | "currentUse" | "wantsToDevelop" | "evidence">;

/** SkillToDeclare is a competence of a referential with the levels it defines. */
export type SkillToDeclare = {
  id: string;
  code: string;
  name: string;
  levels: readonly { value: number; code: string; label: string; description: string }[];
};

const EVIDENCE_FIELDS = ["kind", "title", "description", "score", "obtainedOn", "url"] as const;

function draftFrom(declared: Declared | null): DeclarationDraft {
  return {
    level: declared ? String(declared.level.value) : "",
    use: (declared?.currentUse ?? true) ? "current" : "past",
    wantsToDevelop: declared?.wantsToDevelop ?? false,
    evidence: (declared?.evidence ?? []).map(
      (e): EvidenceDraft => ({
        kind: e.kind,
        title: e.title,
        description: e.description,
        score: e.score === null ? "" : String(e.score),
        obtainedOn: e.obtainedOn ?? "",
        url: e.url ?? "",
      }),
    ),
  };
}

/**
 * formField maps an input field the server names (« evidence.0.obtainedOn »,
 * « currentUse ») onto the form's field, or null when the form has none.
 */
function formField(field: string, evidenceCount: number): FieldPath<DeclarationDraft> | null {
  if (field === "level" || field === "wantsToDevelop") return field;
  if (field === "currentUse") return "use";
  const m = /^evidence\.(\d+)\.(\w+)$/.exec(field);
  if (m && Number(m[1]) < evidenceCount && (EVIDENCE_FIELDS as readonly string[]).includes(m[2] ?? "")) {
    return `evidence.${Number(m[1])}.${m[2] as (typeof EVIDENCE_FIELDS)[number]}`;
  }
  return null;
}

/**
 * DeclareSkillForm declares a competence or changes its declaration: level
 * (among those the referential defines for it), current or past use, wish
 * to develop it, evidence. It also removes it, after confirmation. The rules
 * are the zod schema of src/profile/evidence.ts; a refused field, whether the
 * form or the server refuses it, shows its message under it and the first one
 * takes the focus. What the person typed stays when the server refuses it.
 */
export function DeclareSkillForm({
  skill,
  declared,
  onDone,
  onCancel,
}: {
  skill: SkillToDeclare;
  declared: Declared | null;
  /** onDone receives what happened, in French, for the page's status message. */
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [today] = useState(() => new Date());
  const [schema] = useState(() => declarationSchema(today));
  const {
    register,
    control,
    handleSubmit,
    setError: setFieldError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<DeclarationDraft>({
    resolver: zodResolver(schema),
    defaultValues: draftFrom(declared),
    shouldFocusError: true,
  });
  const evidence = useFieldArray({ control, name: "evidence" });
  const kinds = useWatch({ control, name: "evidence" }).map((e) => e.kind);
  const [error, setError] = useState<FormError | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [removing, setRemoving] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const addEvidenceRef = useRef<HTMLButtonElement>(null);
  const evidenceListRef = useRef<HTMLFieldSetElement>(null);
  // A skill declared again, or removed, leaves or joins « Compétences retirées ».
  const declareSkill = useGraphQLMutation(DECLARE_SKILL_MUTATION, [PROFILE_QUERY_NAME, REMOVED_SKILLS_QUERY_NAME]);
  const removeSkill = useGraphQLMutation(REMOVE_SKILL_MUTATION, [PROFILE_QUERY_NAME, REMOVED_SKILLS_QUERY_NAME]);
  const busy = isSubmitting || removing;
  const formRef = useRef<HTMLFormElement>(null);

  // The form opens where « Déclarer » or « Modifier » was: its first field takes the focus
  // (the level chosen, when there is one, as the Tab key would reach it in its group).
  useEffect(() => {
    const form = formRef.current;
    const first = form?.querySelector<HTMLInputElement>("input, select, textarea");
    const radios = first?.type === "radio" ? [...(form?.querySelectorAll<HTMLInputElement>("input[type=radio]") ?? [])] : [];
    (radios.find((r) => r.name === first?.name && r.checked) ?? first)?.focus();
  }, []);

  const fail = (e: unknown, evidenceCount: number) => {
    setError(formError(e));
    // The server named the fields it refused: show each message under its field and
    // give the focus to the first one; otherwise the alert takes the focus.
    const onFields = fieldErrors(e).flatMap((f) => {
      const name = formField(f.field, evidenceCount);
      return name ? [{ name, message: f.message }] : [];
    });
    onFields.forEach((f, i) => setFieldError(f.name, { type: "server", message: f.message }, { shouldFocus: i === 0 }));
    if (onFields.length === 0) requestAnimationFrame(() => alertRef.current?.focus());
  };

  const save = async (draft: DeclarationDraft) => {
    setError(null);
    const level = Number(draft.level);
    try {
      await declareSkill.mutateAsync({
        input: {
          skillId: skill.id,
          level,
          currentUse: draft.use === "current",
          wantsToDevelop: draft.wantsToDevelop,
          evidence: draft.evidence.map(evidenceInput),
        },
      });
      const chosen = skill.levels.find((l) => l.value === level);
      onDone(
        `${declared ? "Déclaration modifiée" : "Compétence déclarée"} : « ${skill.name} », niveau ${chosen?.code ?? level}.`,
      );
    } catch (e) {
      fail(e, draft.evidence.length);
    }
  };

  // react-hook-form gives the focus to the first field in error; the alert sums up.
  const incomplete = () =>
    setError({
      title: "Votre saisie contient des erreurs",
      description: "Corrigez les champs signalés ci-dessous.",
      invalid: true,
    });

  const remove = async () => {
    setRemoving(true);
    setError(null);
    try {
      await removeSkill.mutateAsync({ input: { skillId: skill.id } });
      onDone(`Compétence retirée de votre profil : « ${skill.name} ».`);
    } catch (e) {
      setRemoving(false);
      fail(e, 0);
    }
  };

  const levelError = errors.level?.message;
  return (
    <form ref={formRef} className="pl-skill-form" onSubmit={(event) => void handleSubmit(save, incomplete)(event)} noValidate aria-labelledby={`${id}-title`}>
      <h5 id={`${id}-title`} className="fr-h6 fr-mb-2w">
        {declared ? "Modifier" : "Déclarer"} « {skill.name} »
      </h5>
      <div ref={alertRef} tabIndex={-1} className="pl-focus-target">
        {error && (
          <Alert severity="error" small title={error.title} description={error.description} as="h6" className="fr-mb-3w" />
        )}
      </div>
      <RadioButtons
        legend="Votre niveau"
        hintText={
          skill.levels.length < 8 && skill.levels[0]?.code.startsWith("e-")
            ? "Le référentiel e-CF ne définit cette compétence qu’à ces niveaux."
            : undefined
        }
        name={`${id}-level`}
        state={levelError ? "error" : "default"}
        stateRelatedMessage={levelError}
        options={skill.levels.map((l) => ({
          label: `Niveau ${l.code} — ${l.label}`,
          hintText: l.description,
          nativeInputProps: { value: String(l.value), ...register("level") },
        }))}
      />
      <RadioButtons
        legend="Usage"
        name={`${id}-use`}
        orientation="horizontal"
        options={[
          { label: "Je l’utilise actuellement", nativeInputProps: { value: "current", ...register("use") } },
          { label: "Je l’ai utilisée par le passé", nativeInputProps: { value: "past", ...register("use") } },
        ]}
      />
      <Checkbox
        options={[
          {
            label: "Je souhaite développer cette compétence",
            nativeInputProps: register("wantsToDevelop"),
          },
        ]}
      />

      <fieldset ref={evidenceListRef} tabIndex={-1} className="fr-fieldset pl-evidence-list pl-focus-target">
        <legend className="fr-fieldset__legend">
          Justificatifs <span className="fr-hint-text">Facultatif : formation, expérience ou certification.</span>
        </legend>
        {evidence.fields.map((field, i) => {
          const errs = errors.evidence?.[i] ?? {};
          const state = (name: (typeof EVIDENCE_FIELDS)[number]) => (errs[name] ? ("error" as const) : ("default" as const));
          return (
            <fieldset key={field.id} className="fr-fieldset pl-evidence" aria-label={`Justificatif ${i + 1}`}>
              <legend className="fr-fieldset__legend fr-text--md fr-mb-1w">Justificatif {i + 1}</legend>
              <div className="fr-fieldset__element">
                <Select
                  label="Type"
                  state={state("kind")}
                  stateRelatedMessage={errs.kind?.message}
                  nativeSelectProps={{
                    // React selects the option; react-hook-form reads the select from then on.
                    defaultValue: field.kind,
                    ...register(`evidence.${i}.kind`, {
                      // The score belongs to certifications: it goes with the kind.
                      onChange: (event: { target: { value: string } }) => {
                        if (event.target.value !== "CERTIFICATION") setValue(`evidence.${i}.score`, "");
                      },
                    }),
                  }}
                >
                  {(Object.keys(EVIDENCE_KIND_LABELS) as EvidenceKind[]).map((k) => (
                    <option key={k} value={k}>
                      {EVIDENCE_KIND_LABELS[k]}
                    </option>
                  ))}
                </Select>
                <Input
                  label="Titre"
                  hintText="Nom de la formation, de la certification ou du poste occupé."
                  state={state("title")}
                  stateRelatedMessage={errs.title?.message}
                  nativeInputProps={register(`evidence.${i}.title`)}
                />
                <Input
                  label="Description (facultatif)"
                  textArea
                  state={state("description")}
                  stateRelatedMessage={errs.description?.message}
                  nativeTextAreaProps={{ rows: 2, ...register(`evidence.${i}.description`) }}
                />
                {kinds[i] === "CERTIFICATION" && (
                  <Input
                    label="Score Pix (facultatif)"
                    hintText="Nombre entier de 0 à 1 024."
                    state={state("score")}
                    stateRelatedMessage={errs.score?.message}
                    nativeInputProps={{
                      type: "number",
                      inputMode: "numeric",
                      min: 0,
                      max: 1024,
                      ...register(`evidence.${i}.score`),
                    }}
                  />
                )}
                <Input
                  label="Date d’obtention (facultatif)"
                  hintText="Aujourd’hui au plus tard."
                  state={state("obtainedOn")}
                  stateRelatedMessage={errs.obtainedOn?.message}
                  nativeInputProps={{ type: "date", max: isoDate(today), ...register(`evidence.${i}.obtainedOn`) }}
                />
                <Input
                  label="Lien (facultatif)"
                  hintText="Adresse complète, par exemple https://pix.fr/…"
                  state={state("url")}
                  stateRelatedMessage={errs.url?.message}
                  nativeInputProps={{ type: "url", ...register(`evidence.${i}.url`) }}
                />
                <Button
                  type="button"
                  priority="tertiary"
                  size="small"
                  iconId="fr-icon-delete-line"
                  onClick={() => {
                    evidence.remove(i);
                    // The removed fieldset held the focus: give it to « Ajouter un justificatif ».
                    requestAnimationFrame(() => (addEvidenceRef.current ?? evidenceListRef.current)?.focus());
                  }}
                >
                  Retirer le justificatif {i + 1}
                </Button>
              </div>
            </fieldset>
          );
        })}
        {evidence.fields.length < MAX_EVIDENCE && (
          <div className="fr-fieldset__element">
            <Button
              type="button"
              priority="secondary"
              size="small"
              iconId="fr-icon-add-line"
              ref={addEvidenceRef}
              // append gives the focus to the new evidence's first field (its type).
              onClick={() => evidence.append(emptyEvidence())}
            >
              Ajouter un justificatif
            </Button>
          </div>
        )}
      </fieldset>

      <ul className="pl-actions">
        <li>
          <Button type="submit" disabled={busy}>
            Enregistrer
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            Annuler
          </Button>
        </li>
        {declared && !confirmRemove && (
          <li>
            <Button
              type="button"
              priority="tertiary"
              iconId="fr-icon-delete-line"
              ref={removeRef}
              onClick={() => {
                setConfirmRemove(true);
                // « Retirer » disappears: the question takes the focus (no destructive default).
                requestAnimationFrame(() => confirmRef.current?.focus());
              }}
            >
              Retirer
            </Button>
          </li>
        )}
      </ul>
      {declared && confirmRemove && (
        <div ref={confirmRef} tabIndex={-1} className="pl-confirm pl-focus-target" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`} className="fr-mb-1w">
            Retirer « {skill.name} » de votre profil ? Son historique est conservé.
          </p>
          <ul className="pl-actions">
            <li>
              <Button type="button" disabled={busy} onClick={remove}>
                Confirmer le retrait
              </Button>
            </li>
            <li>
              <Button
                type="button"
                priority="secondary"
                onClick={() => {
                  setConfirmRemove(false);
                  requestAnimationFrame(() => removeRef.current?.focus());
                }}
              >
                Garder la compétence
              </Button>
            </li>
          </ul>
        </div>
      )}
    </form>
  );
}

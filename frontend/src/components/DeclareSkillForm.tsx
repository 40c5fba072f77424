import { useId, useRef, useState, type FormEvent } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { DeclaredSkillFieldsFragment, EvidenceKind } from "../gql/graphql";
import { useGraphQLMutation } from "../graphql/query";
import { PROFILE_QUERY_NAME } from "../profile/profileQuery";
import { checkEvidence, evidenceInput, formError, isoDate, type EvidenceDraft, type FormError } from "../profile/forms";
import { EVIDENCE_KIND_LABELS } from "../profile/labels";
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

let draftKeys = 0;
function newDraft(): EvidenceDraft {
  draftKeys += 1;
  return { key: `e${draftKeys}`, kind: "TRAINING", title: "", description: "", score: "", obtainedOn: "", url: "" };
}

function draftsFrom(declared: Declared | null): EvidenceDraft[] {
  return (declared?.evidence ?? []).map((e) => ({
    key: e.id,
    kind: e.kind,
    title: e.title,
    description: e.description,
    score: e.score === null ? "" : String(e.score),
    obtainedOn: e.obtainedOn ?? "",
    url: e.url ?? "",
  }));
}

/**
 * DeclareSkillForm declares a competence or changes its declaration: level
 * (among those the referential defines for it), current or past use, wish
 * to develop it, evidence. It also removes it, after confirmation. What the
 * person typed stays when the server refuses it.
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
  const [level, setLevel] = useState<number | null>(declared?.level.value ?? null);
  const [currentUse, setCurrentUse] = useState(declared?.currentUse ?? true);
  const [wantsToDevelop, setWantsToDevelop] = useState(declared?.wantsToDevelop ?? false);
  const [evidence, setEvidence] = useState<EvidenceDraft[]>(() => draftsFrom(declared));
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const addEvidenceRef = useRef<HTMLButtonElement>(null);
  const evidenceListRef = useRef<HTMLFieldSetElement>(null);
  const today = isoDate(new Date());
  const declareSkill = useGraphQLMutation(DECLARE_SKILL_MUTATION, [PROFILE_QUERY_NAME]);
  const removeSkill = useGraphQLMutation(REMOVE_SKILL_MUTATION, [PROFILE_QUERY_NAME]);

  const evidenceErrors = evidence.map((e) => checkEvidence(e));
  const levelError = submitted && level === null ? "Choisissez un niveau." : undefined;
  const hasErrors = level === null || evidenceErrors.some((e) => Object.keys(e).length > 0);

  const update = (key: string, patch: Partial<EvidenceDraft>) =>
    setEvidence((list) => list.map((e) => (e.key === key ? { ...e, ...patch } : e)));

  const fail = (e: unknown) => {
    setError(formError(e));
    setBusy(false);
    requestAnimationFrame(() => alertRef.current?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    if (hasErrors || level === null) {
      setError({
        title: "Votre saisie est incomplète",
        description: "Corrigez les champs signalés ci-dessous.",
        invalid: true,
      });
      requestAnimationFrame(() => alertRef.current?.focus());
      return;
    }
    setBusy(true);
    try {
      await declareSkill.mutateAsync({
        input: { skillId: skill.id, level, currentUse, wantsToDevelop, evidence: evidence.map(evidenceInput) },
      });
      const chosen = skill.levels.find((l) => l.value === level);
      onDone(
        `${declared ? "Déclaration modifiée" : "Compétence déclarée"} : « ${skill.name} », niveau ${chosen?.code ?? level}.`,
      );
    } catch (e) {
      fail(e);
    }
  };

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await removeSkill.mutateAsync({ input: { skillId: skill.id } });
      onDone(`Compétence retirée de votre profil : « ${skill.name} ».`);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <form className="pl-skill-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
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
          nativeInputProps: { value: l.value, checked: level === l.value, onChange: () => setLevel(l.value) },
        }))}
      />
      <RadioButtons
        legend="Usage"
        name={`${id}-use`}
        orientation="horizontal"
        options={[
          {
            label: "Je l’utilise actuellement",
            nativeInputProps: { checked: currentUse, onChange: () => setCurrentUse(true) },
          },
          {
            label: "Je l’ai utilisée par le passé",
            nativeInputProps: { checked: !currentUse, onChange: () => setCurrentUse(false) },
          },
        ]}
      />
      <Checkbox
        options={[
          {
            label: "Je souhaite développer cette compétence",
            nativeInputProps: { checked: wantsToDevelop, onChange: (e) => setWantsToDevelop(e.target.checked) },
          },
        ]}
      />

      <fieldset ref={evidenceListRef} tabIndex={-1} className="fr-fieldset pl-evidence-list pl-focus-target">
        <legend className="fr-fieldset__legend">
          Justificatifs <span className="fr-hint-text">Facultatif : formation, expérience ou certification.</span>
        </legend>
        {evidence.map((e, i) => {
          const errs = submitted ? (evidenceErrors[i] ?? {}) : {};
          const state = (field: keyof typeof errs) => (errs[field] ? ("error" as const) : ("default" as const));
          return (
            <fieldset key={e.key} className="fr-fieldset pl-evidence" aria-label={`Justificatif ${i + 1}`}>
              <legend className="fr-fieldset__legend fr-text--md fr-mb-1w">Justificatif {i + 1}</legend>
              <div className="fr-fieldset__element">
                <Select
                  label="Type"
                  nativeSelectProps={{
                    value: e.kind,
                    onChange: (ev) => update(e.key, { kind: ev.target.value as EvidenceKind }),
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
                  stateRelatedMessage={errs.title}
                  nativeInputProps={{ value: e.title, maxLength: 200, onChange: (ev) => update(e.key, { title: ev.target.value }) }}
                />
                <Input
                  label="Description (facultatif)"
                  textArea
                  state={state("description")}
                  stateRelatedMessage={errs.description}
                  nativeTextAreaProps={{
                    value: e.description,
                    rows: 2,
                    onChange: (ev) => update(e.key, { description: ev.target.value }),
                  }}
                />
                {e.kind === "CERTIFICATION" && (
                  <Input
                    label="Score Pix (facultatif)"
                    hintText="Nombre entier de 0 à 1 024."
                    state={state("score")}
                    stateRelatedMessage={errs.score}
                    nativeInputProps={{
                      type: "number",
                      inputMode: "numeric",
                      min: 0,
                      max: 1024,
                      value: e.score,
                      onChange: (ev) => update(e.key, { score: ev.target.value }),
                    }}
                  />
                )}
                <Input
                  label="Date d’obtention (facultatif)"
                  hintText="Aujourd’hui au plus tard."
                  state={state("obtainedOn")}
                  stateRelatedMessage={errs.obtainedOn}
                  nativeInputProps={{
                    type: "date",
                    max: today,
                    value: e.obtainedOn,
                    onChange: (ev) => update(e.key, { obtainedOn: ev.target.value }),
                  }}
                />
                <Input
                  label="Lien (facultatif)"
                  hintText="Adresse complète, par exemple https://pix.fr/…"
                  state={state("url")}
                  stateRelatedMessage={errs.url}
                  nativeInputProps={{
                    type: "url",
                    value: e.url,
                    onChange: (ev) => update(e.key, { url: ev.target.value }),
                  }}
                />
                <Button
                  type="button"
                  priority="tertiary"
                  size="small"
                  iconId="fr-icon-delete-line"
                  onClick={() => {
                    setEvidence((list) => list.filter((x) => x.key !== e.key));
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
        {evidence.length < 10 && (
          <div className="fr-fieldset__element">
          <Button
            type="button"
            priority="secondary"
            size="small"
            iconId="fr-icon-add-line"
            ref={addEvidenceRef}
            onClick={() => setEvidence((list) => [...list, newDraft()])}
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

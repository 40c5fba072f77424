import { useEffect, useRef, useState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useGraphQLMutation } from "../graphql/query";
import { PROFILE_QUERY_NAME } from "../profile/profileQuery";
import { addTop, MAX_TOP_SKILLS, moveItem, removeTop, sameOrder } from "../profile/topSkills";
import { formError, type FormError } from "../profile/forms";
import { graphql } from "../gql";

/** RANK_TOP_SKILLS_MUTATION sets the signed-in agent's top skills, in order. */
export const RANK_TOP_SKILLS_MUTATION = graphql(`
  mutation RankTopSkills($input: RankTopSkillsInput!) {
    rankTopSkills(input: $input) {
      profile {
        id
      }
    }
  }
`);

/** RankableSkill is a declared skill that may be ranked. */
export type RankableSkill = { id: string; label: string };

/**
 * TopSkills ranks up to five declared skills with buttons (« Monter »,
 * « Descendre », « Retirer du classement »): no drag and drop, every action
 * works with the keyboard and focus follows the moved skill.
 */
export function TopSkills({
  skills,
  initial,
  onSaved,
}: {
  skills: readonly RankableSkill[];
  initial: readonly string[];
  onSaved: (message: string) => Promise<void> | void;
}) {
  const [ranking, setRanking] = useState<string[]>([...initial]);
  const [toAdd, setToAdd] = useState("");
  const [busy, setBusy] = useState(false);
  const rank = useGraphQLMutation(RANK_TOP_SKILLS_MUTATION, [PROFILE_QUERY_NAME]);
  const [error, setError] = useState<FormError | null>(null);
  const [focus, setFocus] = useState<{ id: string; action: "up" | "down" | "list" } | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement | null>());
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (focus === null) return;
    const target =
      focus.action === "list"
        ? listRef.current
        : (buttons.current.get(`${focus.id}-${focus.action}`) ?? null);
    const usable = (el: HTMLElement | null | undefined): el is HTMLElement =>
      !!el && !(el instanceof HTMLButtonElement && el.disabled);
    const other = buttons.current.get(`${focus.id}-${focus.action === "up" ? "down" : "up"}`);
    if (usable(target)) target.focus();
    else if (usable(other)) other.focus();
    else listRef.current?.focus();
  }, [focus, ranking]);

  const label = (id: string) => skills.find((s) => s.id === id)?.label ?? id;
  const available = skills.filter((s) => !ranking.includes(s.id));
  const changed = !sameOrder(ranking, initial);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await rank.mutateAsync({ input: { skillIds: ranking } });
      await onSaved(
        ranking.length === 0 ? "Vous n’avez plus de compétence phare." : "Classement de vos compétences phares enregistré.",
      );
    } catch (e) {
      setError(formError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="pl-top-skills">
      {error && <Alert severity="error" small title={error.title} description={error.description} as="h3" className="fr-mb-2w" />}
      {ranking.length === 0 ? (
        <p>Vous n’avez pas encore choisi de compétence phare.</p>
      ) : (
        <ol ref={listRef} tabIndex={-1} className="pl-top-list" aria-label="Compétences phares, de la plus importante à la moins importante">
          {ranking.map((id, i) => (
            <li key={id}>
              <span className="pl-top-list__label">{label(id)}</span>
              <span className="pl-top-list__actions">
                <button
                  type="button"
                  ref={(el) => {
                    buttons.current.set(`${id}-up`, el);
                  }}
                  className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-arrow-up-line fr-btn--icon-left"
                  disabled={i === 0}
                  onClick={() => {
                    setRanking(moveItem(ranking, i, -1));
                    setFocus({ id, action: "up" });
                  }}
                >
                  Monter<span className="fr-sr-only"> « {label(id)} »</span>
                </button>
                <button
                  type="button"
                  ref={(el) => {
                    buttons.current.set(`${id}-down`, el);
                  }}
                  className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-arrow-down-line fr-btn--icon-left"
                  disabled={i === ranking.length - 1}
                  onClick={() => {
                    setRanking(moveItem(ranking, i, 1));
                    setFocus({ id, action: "down" });
                  }}
                >
                  Descendre<span className="fr-sr-only"> « {label(id)} »</span>
                </button>
                <button
                  type="button"
                  className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-close-line fr-btn--icon-left"
                  onClick={() => {
                    setRanking(removeTop(ranking, id));
                    setFocus({ id, action: "list" });
                  }}
                >
                  Retirer du classement<span className="fr-sr-only"> « {label(id)} »</span>
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      {ranking.length < MAX_TOP_SKILLS && available.length > 0 && (
        <div className="pl-top-add">
          <Select
            label="Ajouter une compétence phare"
            nativeSelectProps={{ value: toAdd, onChange: (e) => setToAdd(e.target.value) }}
          >
            <option value="">Choisir une compétence déclarée</option>
            {available.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </Select>
          <Button
            type="button"
            priority="secondary"
            size="small"
            disabled={toAdd === ""}
            onClick={() => {
              setRanking(addTop(ranking, toAdd));
              // The button turns disabled: focus follows the added skill.
              setFocus({ id: toAdd, action: "up" });
              setToAdd("");
            }}
          >
            Ajouter au classement
          </Button>
        </div>
      )}
      <p className="fr-hint-text fr-mt-1w">{`${MAX_TOP_SKILLS} compétences phares au plus, la plus importante en premier.`}</p>
      <Button type="button" disabled={!changed || busy} onClick={save}>
        Enregistrer le classement
      </Button>
    </div>
  );
}

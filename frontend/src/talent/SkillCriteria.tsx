import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { TalentSkillFieldsFragment } from "../gql/graphql";
import { useGraphQLQuery } from "../graphql/query";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";
import { ErrorAlert } from "../components/ErrorAlert";
import { MIN_SEARCH_LENGTH, SEARCH_DELAY_MS } from "../components/SkillSearch";
import { plural } from "../format";
import { FIND_TALENT_SKILLS_QUERY } from "./talentQuery";
import type { SkillCriterion } from "./filter";

/** MAX_SKILLS is how many required, and how many optional, skills a search takes (TalentFilter.Validate). */
export const MAX_SKILLS = 10;
const FOUND = 8;

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/** skillName names a skill with its referential: « Pix 1.1 Mener une recherche… ». */
export function skillName(s: Pick<TalentSkillFieldsFragment, "code" | "name" | "framework">): string {
  return `${s.framework.name} ${s.code} ${s.name}`;
}

/**
 * SkillCriteria chooses the skills of a talent search: a filter box finds
 * them in every referential (skills(search:), as the referential pages do:
 * accents and case ignored, each word a prefix), « Ajouter » takes one; each
 * chosen skill is required at a minimum level (from the levels its
 * referential defines) or only wished for, and may count validated levels
 * only. Adding a skill gives the focus to its level; removing one, to the box.
 */
export function SkillCriteria({
  value,
  onChange,
  catalogue,
}: {
  value: readonly SkillCriterion[];
  onChange: (value: SkillCriterion[]) => void;
  /** catalogue is every skill by id: the names and levels of the chosen ones. */
  catalogue: ReadonlyMap<string, TalentSkillFieldsFragment>;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [announce, setAnnounce] = useState("");
  const search = useDebounced(text.trim(), SEARCH_DELAY_MS);
  const skip = search.length < MIN_SEARCH_LENGTH;
  const found = useGraphQLQuery(FIND_TALENT_SKILLS_QUERY, { search, first: FOUND }, { enabled: !skip });
  const box = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const chosen = new Set(value.map((c) => c.skillId));
  const required = value.filter((c) => c.required).length;
  const optional = value.length - required;

  let status = "";
  if (!skip && found.status === "pending") status = "Recherche en cours…";
  if (!skip && found.status === "success") {
    const total = found.data.skills.totalCount;
    status =
      total === 0
        ? `Aucune compétence trouvée pour « ${search} ».`
        : `${plural(total, "compétence trouvée", "compétences trouvées")} pour « ${search} »${total > FOUND ? `, ${FOUND} premières affichées` : ""}.`;
  }

  const add = (skill: TalentSkillFieldsFragment) => {
    const asRequired = required < MAX_SKILLS;
    const lowest = skill.levels[0]?.value ?? 1;
    onChange([...value, { skillId: skill.id, required: asRequired, minLevel: asRequired ? lowest : null, validatedOnly: false }]);
    setAnnounce(`${skillName(skill)} ajoutée aux critères${asRequired ? ", requise" : ", souhaitée"}.`);
    focusAfterRender(() => list.current?.querySelector<HTMLElement>(`[data-skill="${CSS.escape(skill.id)}"] select`));
  };
  const update = (skillId: string, change: Partial<SkillCriterion>) =>
    onChange(value.map((c) => (c.skillId === skillId ? { ...c, ...change } : c)));
  const remove = (c: SkillCriterion) => {
    const skill = catalogue.get(c.skillId);
    onChange(value.filter((x) => x.skillId !== c.skillId));
    setAnnounce(`${skill ? skillName(skill) : "Compétence"} retirée des critères.`);
    focusAfterRender(() => box.current);
  };

  return (
    <fieldset className="fr-fieldset pl-skill-criteria" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`} className="fr-fieldset__legend fr-h5 fr-mb-1w">
        Compétences
      </legend>
      <div className="fr-fieldset__element">
        <Input
          label="Chercher une compétence à ajouter"
          hintText={"Dans Pix et e-CF, par exemple «\u00a0données\u00a0», «\u00a0sécurité\u00a0» ou «\u00a0B.1\u00a0». Les accents sont facultatifs."}
          iconId="fr-icon-search-line"
          nativeInputProps={{
            ref: box,
            type: "search",
            value: text,
            onChange: (event) => setText(event.target.value),
            // Enter here finds skills; it must not send the whole search.
            onKeyDown: (event) => {
              if (event.key === "Enter") event.preventDefault();
            },
            autoComplete: "off",
            spellCheck: false,
          }}
        />
        <p role="status" aria-live="polite" aria-atomic="true" className="fr-text--sm fr-mb-1w pl-status">
          {status}
        </p>
        {!skip && found.status === "error" && <ErrorAlert error={found.error} />}
        {!skip && found.status === "success" && found.data.skills.edges.length > 0 && (
          <ul className="pl-found-skills" aria-label="Compétences trouvées">
            {found.data.skills.edges.map(({ node }) => {
              const full = chosen.has(node.id) || value.length >= 2 * MAX_SKILLS;
              return (
                <li key={node.id}>
                  <span>
                    <span className="pl-code">{node.framework.name} {node.code}</span> {node.name}
                  </span>
                  <Button
                    type="button"
                    size="small"
                    priority="secondary"
                    iconId="fr-icon-add-line"
                    disabled={full}
                    onClick={() => add(node)}
                  >
                    {chosen.has(node.id) ? "Déjà choisie" : "Ajouter"}
                    <span className="fr-sr-only"> : {skillName(node)}</span>
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <p role="status" className="fr-sr-only">
        {announce}
      </p>
      {value.length === 0 ? (
        <p className="fr-fieldset__element fr-text--sm pl-mention">Aucune compétence choisie.</p>
      ) : (
        <ul ref={list} className="fr-fieldset__element pl-criteria" aria-label="Compétences choisies">
          {value.map((c) => {
            const skill = catalogue.get(c.skillId);
            const name = skill ? skillName(skill) : `Compétence ${c.skillId}`;
            const levels = skill?.levels ?? [];
            return (
              <li key={c.skillId} data-skill={c.skillId}>
                <p className="fr-mb-1w">
                  <strong>{name}</strong>
                </p>
                <div className="pl-criterion">
                  <Select
                    label={
                      <>
                        Exigence<span className="fr-sr-only"> pour {name}</span>
                      </>
                    }
                    nativeSelectProps={{
                      value: c.required ? "required" : "optional",
                      onChange: (e) => {
                        const req = e.target.value === "required";
                        update(c.skillId, { required: req, minLevel: req ? (c.minLevel ?? levels[0]?.value ?? 1) : null });
                      },
                    }}
                  >
                    <option value="required" disabled={!c.required && required >= MAX_SKILLS}>
                      Requise
                    </option>
                    <option value="optional" disabled={c.required && optional >= MAX_SKILLS}>
                      Souhaitée (classe les résultats)
                    </option>
                  </Select>
                  {c.required && (
                    <Select
                      label={
                        <>
                          Niveau minimum<span className="fr-sr-only"> pour {name}</span>
                        </>
                      }
                      nativeSelectProps={{
                        value: String(c.minLevel ?? 1),
                        onChange: (e) => update(c.skillId, { minLevel: Number(e.target.value) }),
                      }}
                    >
                      {levels.length === 0 && <option value={String(c.minLevel ?? 1)}>{c.minLevel ?? 1}</option>}
                      {/* A level off the scale (an address edited by hand) is shown as it is, so that the
                          server's refusal can be read against it and another level chosen. */}
                      {levels.length > 0 && c.minLevel !== null && !levels.some((l) => l.value === c.minLevel) && (
                        <option value={String(c.minLevel)}>{c.minLevel} — hors de l’échelle</option>
                      )}
                      {levels.map((l) => (
                        <option key={l.value} value={String(l.value)}>
                          {l.code} — {l.label}
                        </option>
                      ))}
                    </Select>
                  )}
                </div>
                <div className="pl-criterion__end">
                  <Checkbox
                    small
                    className="fr-mb-0"
                    options={[
                      {
                        label: (
                          <>
                            Niveau validé uniquement<span className="fr-sr-only"> pour {name}</span>
                          </>
                        ),
                        nativeInputProps: {
                          checked: c.validatedOnly,
                          onChange: (e) => update(c.skillId, { validatedOnly: e.target.checked }),
                        },
                      },
                    ]}
                  />
                  <Button
                    type="button"
                    size="small"
                    priority="tertiary no outline"
                    iconId="fr-icon-close-line"
                    onClick={() => remove(c)}
                  >
                    Retirer<span className="fr-sr-only"> {name}</span>
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}

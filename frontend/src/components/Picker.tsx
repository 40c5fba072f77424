import { useRef, useState, type Ref } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";

/**
 * Picker chooses several items from a long list without a long list of
 * checkboxes: a select, « Ajouter », and the chosen items with « Retirer ».
 * error is shown under the select, which selectRef reaches (a form gives it the
 * focus when the field is in error).
 */
export function Picker({
  label,
  hint,
  options,
  value,
  onChange,
  placeholder,
  error,
  selectRef,
}: {
  label: string;
  hint?: string;
  options: readonly { id: string; label: string }[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  placeholder: string;
  error?: string;
  selectRef?: Ref<HTMLSelectElement>;
}) {
  const [choice, setChoice] = useState("");
  const available = options.filter((o) => !value.includes(o.id));
  const name = (id: string) => options.find((o) => o.id === id)?.label ?? id;
  const root = useRef<HTMLDivElement>(null);
  // « Ajouter » turns disabled and « Retirer » disappears: the select takes the focus back.
  const focusSelect = () => requestAnimationFrame(() => root.current?.querySelector("select")?.focus());
  return (
    <div className="fr-mb-3w" ref={root}>
      <div className="pl-top-add">
        <Select
          label={label}
          hint={hint}
          state={error ? "error" : "default"}
          stateRelatedMessage={error}
          nativeSelectProps={{ ref: selectRef, value: choice, onChange: (e) => setChoice(e.target.value) }}
        >
          <option value="">{placeholder}</option>
          {available.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </Select>
        <Button
          type="button"
          priority="secondary"
          size="small"
          disabled={choice === ""}
          onClick={() => {
            onChange([...value, choice]);
            setChoice("");
            focusSelect();
          }}
        >
          Ajouter<span className="fr-sr-only"> : {label}</span>
        </Button>
      </div>
      {value.length > 0 && (
        <ul className="pl-picker-list" aria-label={label}>
          {value.map((id) => (
            <li key={id}>
              {name(id)}
              <Button
                type="button"
                priority="tertiary no outline"
                size="small"
                iconId="fr-icon-close-line"
                onClick={() => {
                  onChange(value.filter((x) => x !== id));
                  focusSelect();
                }}
              >
                Retirer<span className="fr-sr-only"> {name(id)}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

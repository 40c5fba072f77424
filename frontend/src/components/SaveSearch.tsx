import { useEffect, useId, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { graphql } from "../gql";
import type { TalentFilter } from "../gql/graphql";
import { useGraphQLMutation } from "../graphql/query";
import { Link } from "../router";
import { paths } from "../paths";
import { formError, type FormError } from "../profile/forms";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";
import { FIELD_REFUSED, MAX_NAME, savedSearchSchema, shortlistFieldErrors, type SavedSearchDraft } from "../shortlists/rules";
import { MY_SAVED_SEARCHES } from "../shortlists/queries";

/** SAVE_SEARCH_MUTATION saves a talent search under a name. */
export const SAVE_SEARCH_MUTATION = graphql(`
  mutation SaveSearch($input: SaveSearchInput!) {
    saveSearch(input: $input) {
      savedSearch {
        id
        name
      }
    }
  }
`);

/**
 * SaveSearch saves a talent search under a name, to run it again from « Mes
 * listes » and see who is new since. filter is the search as searchTalent takes
 * it (the TalentFilter input). A button opens the form; once saved, a
 * confirmation takes the focus. For managers and administrators: the caller
 * shows it to them only.
 */
export function SaveSearch({ filter, suggestedName = "" }: { filter: TalentFilter; suggestedName?: string }) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();

  if (saved !== null) {
    return (
      <div ref={doneRef} tabIndex={-1} className="pl-focus-target">
        <Alert
          severity="success"
          small
          description={
            <>
              Recherche enregistrée{"\u00a0"}: «{"\u00a0"}{saved}{"\u00a0"}». Relancez-la depuis{" "}
              <Link href={`${paths.myLists}#recherches`} className="fr-link">
                mes listes
              </Link>{" "}
              pour voir les nouveaux profils.
            </>
          }
        />
      </div>
    );
  }
  if (!open) {
    return (
      <Button
        type="button"
        priority="secondary"
        iconId="fr-icon-save-line"
        ref={openRef}
        nativeButtonProps={{ "aria-expanded": false }}
        onClick={() => setOpen(true)}
      >
        Sauvegarder cette recherche
      </Button>
    );
  }
  return (
    <SaveSearchForm
      filter={filter}
      suggestedName={suggestedName}
      onCancel={() => {
        setOpen(false);
        focusAfterRender(() => openRef.current);
      }}
      onDone={(name) => {
        setOpen(false);
        setSaved(name);
        focusAfterRender(() => doneRef.current);
      }}
    />
  );
}

function SaveSearchForm({
  filter,
  suggestedName,
  onCancel,
  onDone,
}: {
  filter: TalentFilter;
  suggestedName: string;
  onCancel: () => void;
  onDone: (name: string) => void;
}) {
  const id = useId();
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<SavedSearchDraft>({ resolver: zodResolver(savedSearchSchema), defaultValues: { name: suggestedName } });
  // The form opens on a click of « Sauvegarder cette recherche »: its only field takes the focus.
  useEffect(() => setFocus("name"), [setFocus]);
  const [error, setError] = useState<FormError | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const saveSearch = useGraphQLMutation(SAVE_SEARCH_MUTATION, [MY_SAVED_SEARCHES]);

  const save = async (draft: SavedSearchDraft) => {
    setError(null);
    try {
      const result = await saveSearch.mutateAsync({ input: { name: draft.name, filter } });
      onDone(result.saveSearch?.savedSearch.name ?? draft.name);
    } catch (e) {
      // A refused filter has no field here: it stays in the alert.
      const onName = shortlistFieldErrors(e).find((f) => f.field === "name");
      setError(onName ? FIELD_REFUSED : formError(e));
      if (onName) setFieldError("name", { type: "server", message: onName.message }, { shouldFocus: true });
      else requestAnimationFrame(() => alertRef.current?.focus());
    }
  };

  return (
    <form className="pl-skill-form" onSubmit={(event) => void handleSubmit(save)(event)} noValidate aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="fr-h6 fr-mb-2w">
        Sauvegarder cette recherche
      </p>
      <div ref={alertRef} tabIndex={-1} className="pl-focus-target">
        {error && <Alert severity="error" small title={error.title} description={error.description} as="h3" className="fr-mb-3w" />}
      </div>
      <Input
        label="Nom de la recherche"
        hintText={`${MAX_NAME} caractères au plus, par exemple «\u00a0Data en Bretagne\u00a0».`}
        state={errors.name ? "error" : "default"}
        stateRelatedMessage={errors.name?.message}
        nativeInputProps={{ autoComplete: "off", ...register("name") }}
      />
      <ul className="pl-actions">
        <li>
          <Button type="submit" disabled={isSubmitting}>
            Enregistrer la recherche
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

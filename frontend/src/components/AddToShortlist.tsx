import { useEffect, useId, useRef, useState } from "react";
import { useForm, useWatch, type FieldPath } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { graphql } from "../gql";
import { useGraphQLMutation, useGraphQLQuery } from "../graphql/query";
import { Link } from "../router";
import { paths } from "../paths";
import { formError, type FormError } from "../profile/forms";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";
import {
  addToShortlistSchema,
  MAX_NAME,
  MAX_NOTE,
  NEW_LIST,
  FIELD_REFUSED,
  shortlistFieldErrors,
  type AddToShortlistDraft,
} from "../shortlists/rules";
import { MY_SHORTLISTS, MY_SHORTLISTS_QUERY, SHORTLIST_ENTRIES } from "../shortlists/queries";

/** CREATE_SHORTLIST_MUTATION creates a list of the signed-in manager. */
export const CREATE_SHORTLIST_MUTATION = graphql(`
  mutation CreateShortlist($input: CreateShortlistInput!) {
    createShortlist(input: $input) {
      shortlist {
        id
        name
      }
    }
  }
`);

/** ADD_TO_SHORTLIST_MUTATION puts an agent on a list, with a private note. */
export const ADD_TO_SHORTLIST_MUTATION = graphql(`
  mutation AddToShortlist($input: AddToShortlistInput!) {
    addToShortlist(input: $input) {
      shortlist {
        id
        name
        entryCount
      }
    }
  }
`);

/**
 * formField maps the input field a shortlist mutation names onto the form's:
 * a name refused is the new list's, a list refused (full, or already holding
 * the profile) is the list chosen.
 */
function formField(field: string): FieldPath<AddToShortlistDraft> | null {
  if (field === "name") return "newName";
  if (field === "note") return "note";
  if (field === "shortlistId" || field === "agentId") return "list";
  return null;
}

/**
 * AddToShortlist puts an agent on one of the signed-in manager's lists, or on a
 * new one, with a private note. It is a button that opens the form (so that it
 * fits on each result of a search as on a profile); once done, a confirmation
 * takes the focus, with a link to « Mes listes ». For managers and
 * administrators: the caller shows it to them only.
 */
export function AddToShortlist({ agentId, agentName }: { agentId: string; agentName: string }) {
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();

  if (added !== null) {
    return (
      <div ref={doneRef} tabIndex={-1} className="pl-focus-target pl-add-to-list">
        <Alert
          severity="success"
          small
          description={
            <>
              {agentName} est sur la liste «{"\u00a0"}{added}{"\u00a0"}».{" "}
              <Link href={paths.myLists} className="fr-link">
                Voir mes listes
              </Link>
            </>
          }
        />
        <Button
          type="button"
          priority="tertiary"
          size="small"
          className="fr-mt-1w"
          onClick={() => {
            setAdded(null);
            setOpen(true);
          }}
        >
          Ajouter à une autre liste<span className="fr-sr-only"> : {agentName}</span>
        </Button>
      </div>
    );
  }
  if (!open) {
    return (
      <div className="pl-add-to-list">
        <Button
          type="button"
          priority="secondary"
          iconId="fr-icon-bookmark-line"
          ref={openRef}
          nativeButtonProps={{ "aria-expanded": false }}
          onClick={() => setOpen(true)}
        >
          Ajouter à une liste<span className="fr-sr-only"> : {agentName}</span>
        </Button>
      </div>
    );
  }
  return (
    <AddToShortlistForm
      agentId={agentId}
      agentName={agentName}
      onCancel={() => {
        setOpen(false);
        focusAfterRender(() => openRef.current);
      }}
      onDone={(listName) => {
        setOpen(false);
        setAdded(listName);
        focusAfterRender(() => doneRef.current);
      }}
    />
  );
}

function AddToShortlistForm({
  agentId,
  agentName,
  onCancel,
  onDone,
}: {
  agentId: string;
  agentName: string;
  onCancel: () => void;
  onDone: (listName: string) => void;
}) {
  const id = useId();
  const lists = useGraphQLQuery(MY_SHORTLISTS_QUERY, {});
  const edges = lists.data?.myShortlists.edges ?? [];
  const {
    register,
    control,
    handleSubmit,
    setError: setFieldError,
    setValue,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<AddToShortlistDraft>({
    resolver: zodResolver(addToShortlistSchema),
    defaultValues: { list: "", newName: "", note: "" },
    shouldFocusError: true,
  });
  const [error, setError] = useState<FormError | null>(null);
  // A list created by a submission whose addition then failed: the next one adds to it.
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const createShortlist = useGraphQLMutation(CREATE_SHORTLIST_MUTATION, [MY_SHORTLISTS]);
  const addToShortlist = useGraphQLMutation(ADD_TO_SHORTLIST_MUTATION, [MY_SHORTLISTS, SHORTLIST_ENTRIES]);
  const list = useWatch({ control, name: "list" });
  const noLists = lists.isSuccess && edges.length === 0 && created === null;
  const loaded = !lists.isPending;

  // Once the lists are known, the first field takes the focus: the list, or the
  // new list's name for a manager who has none yet. Only then: later changes of
  // the lists leave the focus where it is.
  const focused = useRef(false);
  useEffect(() => {
    if (!loaded || focused.current) return;
    focused.current = true;
    if (noLists) setValue("list", NEW_LIST);
    requestAnimationFrame(() => setFocus(noLists ? "newName" : "list"));
  }, [loaded, noLists, setValue, setFocus]);

  const fail = (e: unknown) => {
    const onFields = shortlistFieldErrors(e).flatMap((f) => {
      const name = formField(f.field);
      return name ? [{ name, message: f.message }] : [];
    });
    // A refusal of a field goes under it, and the alert only sums up; any other, the alert says it.
    setError(onFields.length > 0 ? FIELD_REFUSED : formError(e));
    onFields.forEach((f, i) => setFieldError(f.name, { type: "server", message: f.message }, { shouldFocus: i === 0 }));
    if (onFields.length === 0) requestAnimationFrame(() => alertRef.current?.focus());
  };

  const save = async (draft: AddToShortlistDraft) => {
    setError(null);
    let target: { id: string; name: string } | undefined;
    if (draft.list === NEW_LIST) {
      try {
        const result = await createShortlist.mutateAsync({ input: { name: draft.newName } });
        target = result.createShortlist?.shortlist;
      } catch (e) {
        fail(e);
        return;
      }
      if (target) {
        setCreated(target);
        setValue("list", target.id);
        setValue("newName", "");
      }
    } else {
      const node = edges.find((edge) => edge.node.id === draft.list)?.node;
      target = node ?? (created?.id === draft.list ? created : undefined);
    }
    if (!target) return;
    try {
      const note = draft.note.trim();
      await addToShortlist.mutateAsync({ input: { shortlistId: target.id, agentId, note: note === "" ? null : draft.note } });
      onDone(target.name);
    } catch (e) {
      fail(e);
    }
  };

  const incomplete = () =>
    setError({ title: "Votre saisie est incomplète", description: "Corrigez les champs signalés ci-dessous.", invalid: true });

  const options = [...edges.map((edge) => edge.node)];
  if (created && !options.some((o) => o.id === created.id)) options.push({ ...created, entryCount: 0, departedCount: 0, updatedAt: "" });

  return (
    <form
      className="pl-skill-form pl-add-to-list"
      onSubmit={(event) => void handleSubmit(save, incomplete)(event)}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <p id={`${id}-title`} className="fr-h6 fr-mb-2w">
        Ajouter {agentName} à une liste
      </p>
      <div ref={alertRef} tabIndex={-1} className="pl-focus-target">
        {error && <Alert severity="error" small title={error.title} description={error.description} as="h3" className="fr-mb-3w" />}
        {lists.isError && (
          <Alert
            severity="error"
            small
            title="Vos listes n’ont pas pu être chargées"
            description="Vous pouvez créer une nouvelle liste, ou réessayer plus tard."
            as="h3"
            className="fr-mb-3w"
          />
        )}
      </div>
      {lists.isPending ? (
        <p role="status">Chargement de vos listes…</p>
      ) : noLists ? (
        <p className="fr-text--sm">Vous n’avez pas encore de liste : nommez la première.</p>
      ) : (
        <Select
          label="Liste"
          state={errors.list ? "error" : "default"}
          stateRelatedMessage={errors.list?.message}
          nativeSelectProps={register("list")}
        >
          <option value="" disabled>
            Choisir une liste
          </option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
          <option value={NEW_LIST}>Nouvelle liste…</option>
        </Select>
      )}
      {list === NEW_LIST && (
        <Input
          label="Nom de la nouvelle liste"
          hintText={`${MAX_NAME} caractères au plus, par exemple «\u00a0Relève data\u00a0».`}
          state={errors.newName ? "error" : "default"}
          stateRelatedMessage={errors.newName?.message}
          nativeInputProps={{ autoComplete: "off", ...register("newName") }}
        />
      )}
      <Input
        label="Note privée (facultatif)"
        hintText={`Elle n’est lue que par vous\u00a0; la personne ne la voit pas, même dans l’export de ses données. ${MAX_NOTE.toLocaleString("fr-FR")} caractères au plus.`}
        textArea
        state={errors.note ? "error" : "default"}
        stateRelatedMessage={errors.note?.message}
        nativeTextAreaProps={{ rows: 3, ...register("note") }}
      />
      <ul className="pl-actions">
        <li>
          <Button type="submit" disabled={isSubmitting || lists.isPending}>
            Ajouter à la liste
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

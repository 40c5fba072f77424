import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { graphql } from "../gql";
import type { MyShortlistsQuery, ShortlistEntriesQuery } from "../gql/graphql";
import { useGraphQLMutation, usePagedQuery } from "../graphql/query";
import { Link } from "../router";
import { paths } from "../paths";
import { plural } from "../format";
import { fullName } from "../session/session";
import { formatDate } from "../dates";
import { formError, type FormError } from "../profile/forms";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import { Confirm } from "./Confirm";
import { NameForm } from "./NameForm";
import { departures, FIELD_REFUSED, MAX_NOTE, noteSchema, shortlistFieldErrors, type NoteDraft } from "./rules";
import { MY_SHORTLISTS, SHORTLIST_ENTRIES } from "./queries";

/** ENTRIES_PAGE is how many profiles of a list one page shows. */
const ENTRIES_PAGE = 50;

/** SHORTLIST_ENTRIES_QUERY loads the agents on a list, last added first, with the notes. */
export const SHORTLIST_ENTRIES_QUERY = graphql(`
  query ShortlistEntries($id: ID!, $first: Int!, $after: String) {
    shortlist(id: $id) {
      id
      entries(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            note
            addedAt
            updatedAt
            profile {
              id
              givenName
              usualName
              organisation {
                id
                name
              }
              currentRole {
                id
                title
              }
            }
          }
        }
      }
    }
  }
`);

/** RENAME_SHORTLIST_MUTATION renames a list. */
export const RENAME_SHORTLIST_MUTATION = graphql(`
  mutation RenameShortlist($input: RenameShortlistInput!) {
    renameShortlist(input: $input) {
      shortlist {
        id
        name
      }
    }
  }
`);

/** DELETE_SHORTLIST_MUTATION deletes a list and its notes. */
export const DELETE_SHORTLIST_MUTATION = graphql(`
  mutation DeleteShortlist($input: DeleteShortlistInput!) {
    deleteShortlist(input: $input) {
      shortlistId
    }
  }
`);

/** ACKNOWLEDGE_DEPARTURES_MUTATION tells that the owner read « N profils ne sont plus visibles ». */
export const ACKNOWLEDGE_DEPARTURES_MUTATION = graphql(`
  mutation AcknowledgeShortlistDepartures($input: AcknowledgeShortlistDeparturesInput!) {
    acknowledgeShortlistDepartures(input: $input) {
      shortlist {
        id
        departedCount
      }
    }
  }
`);

/** UPDATE_NOTE_MUTATION replaces the private note on an agent of a list. */
export const UPDATE_NOTE_MUTATION = graphql(`
  mutation UpdateShortlistNote($input: UpdateShortlistNoteInput!) {
    updateShortlistNote(input: $input) {
      entry {
        note
      }
    }
  }
`);

/** REMOVE_FROM_SHORTLIST_MUTATION takes an agent off a list, note included. */
export const REMOVE_FROM_SHORTLIST_MUTATION = graphql(`
  mutation RemoveFromShortlist($input: RemoveFromShortlistInput!) {
    removeFromShortlist(input: $input) {
      agentId
    }
  }
`);

type Shortlist = MyShortlistsQuery["myShortlists"]["edges"][number]["node"];
type Entry = NonNullable<ShortlistEntriesQuery["shortlist"]>["entries"]["edges"][number]["node"];

/**
 * ShortlistItem is one list of « Mes listes »: its name and size, the profiles
 * that left it since last read, its profiles with the notes (shown on demand),
 * « Renommer » and « Supprimer ». onStatus announces what changed; onDeleted
 * lets the page give the focus away once the list, and so this item, is gone.
 */
export function ShortlistItem({
  list,
  onStatus,
  onDeleted,
}: {
  list: Shortlist;
  onStatus: (message: string) => void;
  onDeleted: () => void;
}) {
  const [shown, setShown] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const renameRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const rename = useGraphQLMutation(RENAME_SHORTLIST_MUTATION, [MY_SHORTLISTS]);
  const remove = useGraphQLMutation(DELETE_SHORTLIST_MUTATION, [MY_SHORTLISTS]);
  const acknowledge = useGraphQLMutation(ACKNOWLEDGE_DEPARTURES_MUTATION, [MY_SHORTLISTS]);
  const entriesId = `liste-${list.id}-profils`;

  const deleteList = async () => {
    setError(null);
    try {
      await remove.mutateAsync({ input: { shortlistId: list.id } });
      onStatus(`Liste supprimée : « ${list.name} ».`);
      onDeleted();
    } catch (e) {
      setError(formError(e));
      setConfirmDelete(false);
      focusAfterRender(() => headingRef.current);
    }
  };

  const acknowledgeDepartures = async () => {
    setError(null);
    try {
      await acknowledge.mutateAsync({ input: { shortlistId: list.id } });
      onStatus(`C’est noté pour la liste « ${list.name} ».`);
    } catch (e) {
      setError(formError(e));
    }
    // « J'ai compris » is gone: the list's heading takes the focus.
    focusAfterRender(() => headingRef.current);
  };

  return (
    <li className="pl-list-item">
      <h3 ref={headingRef} tabIndex={-1} className="fr-h5 fr-mb-1w pl-focus-target">
        {list.name}
      </h3>
      <p className="fr-text--sm pl-mention fr-mb-1w">
        {plural(list.entryCount, "profil", "profils")} · modifiée le {formatDate(list.updatedAt)}
      </p>
      {list.departedCount > 0 && (
        <div className="pl-departures fr-mb-2w">
          <Alert
            severity="warning"
            small
            as="h4"
            title={departures(list.departedCount)}
            description={
              list.departedCount === 1
                ? "La personne a restreint la visibilité de son profil ou supprimé son compte : elle a quitté cette liste et votre note a été effacée."
                : "Ces personnes ont restreint la visibilité de leur profil ou supprimé leur compte : elles ont quitté cette liste et vos notes ont été effacées."
            }
          />
          <Button type="button" priority="tertiary" size="small" className="fr-mt-1w" disabled={acknowledge.isPending} onClick={acknowledgeDepartures}>
            J’ai compris<span className="fr-sr-only"> : {departures(list.departedCount)} sur « {list.name} »</span>
          </Button>
        </div>
      )}
      {error && <Alert severity="error" small title={error.title} description={error.description} as="h4" className="fr-mb-2w" />}
      {renaming ? (
        <NameForm
          label="Nouveau nom de la liste"
          submitLabel="Renommer"
          ariaLabel={`Renommer la liste « ${list.name} »`}
          defaultName={list.name}
          focusOnOpen
          save={async (name) => {
            await rename.mutateAsync({ input: { shortlistId: list.id, name } });
            onStatus(`Liste renommée : « ${name} ».`);
            setRenaming(false);
            focusAfterRender(() => renameRef.current);
          }}
          onCancel={() => {
            setRenaming(false);
            focusAfterRender(() => renameRef.current);
          }}
        />
      ) : (
        <ul className="pl-actions pl-actions--tight">
          <li>
            <Button
              type="button"
              priority="secondary"
              size="small"
              iconId={shown ? "fr-icon-arrow-up-s-line" : "fr-icon-arrow-down-s-line"}
              disabled={list.entryCount === 0 && !shown}
              nativeButtonProps={{ "aria-expanded": shown, "aria-controls": entriesId }}
              onClick={() => setShown(!shown)}
            >
              {shown ? "Masquer les profils" : "Afficher les profils"}
              <span className="fr-sr-only"> de « {list.name} »</span>
            </Button>
          </li>
          <li>
            <Button type="button" priority="tertiary" size="small" iconId="fr-icon-edit-line" ref={renameRef} onClick={() => setRenaming(true)}>
              Renommer<span className="fr-sr-only"> « {list.name} »</span>
            </Button>
          </li>
          {!confirmDelete && (
            <li>
              <Button
                type="button"
                priority="tertiary"
                size="small"
                iconId="fr-icon-delete-line"
                ref={deleteRef}
                onClick={() => setConfirmDelete(true)}
              >
                Supprimer<span className="fr-sr-only"> « {list.name} »</span>
              </Button>
            </li>
          )}
        </ul>
      )}
      {confirmDelete && (
        <Confirm
          question={
            <>
              Supprimer la liste « {list.name} »
              {list.entryCount === 1 && " et la note de son profil"}
              {list.entryCount > 1 && ` et les notes de ses ${plural(list.entryCount, "profil", "profils")}`} ? Cette action est
              définitive.
            </>
          }
          confirmLabel="Supprimer la liste"
          cancelLabel="Garder la liste"
          busy={remove.isPending}
          onConfirm={() => void deleteList()}
          onCancel={() => {
            setConfirmDelete(false);
            focusAfterRender(() => deleteRef.current);
          }}
        />
      )}
      <div id={entriesId} hidden={!shown}>
        {shown && (
          <Entries
            list={list}
            onStatus={onStatus}
            // The entry removed is gone with its buttons: the list's heading takes the focus.
            onRemoved={() => focusAfterRender(() => headingRef.current)}
          />
        )}
      </div>
    </li>
  );
}

function Entries({
  list,
  onStatus,
  onRemoved,
}: {
  list: Shortlist;
  onStatus: (message: string) => void;
  onRemoved: () => void;
}) {
  const query = usePagedQuery(
    SHORTLIST_ENTRIES_QUERY,
    { id: list.id, first: ENTRIES_PAGE, after: null },
    (data) => data.shortlist?.entries.pageInfo ?? { hasNextPage: false, endCursor: null },
  );
  const pages = query.data?.pages ?? [];
  const entries = pages.flatMap((p) => p.shortlist?.entries.edges.map((e) => e.node) ?? []);
  if (pages.length === 0 && query.isFetching) return <Loading label="Chargement des profils…" />;
  if (pages.length === 0 && query.isError) return <ErrorAlert error={query.error} className="fr-mt-2w" />;
  if (entries.length === 0) {
    return (
      <p className="fr-mt-2w">
        Aucun profil sur cette liste. Ajoutez-en depuis le profil d’un agent, avec « Ajouter à une liste ».
      </p>
    );
  }
  return (
    <>
      <ul className="pl-entries" aria-label={`Profils de « ${list.name} »`}>
        {entries.map((entry, i) => (
          <EntryItem
            key={entry.profile?.id ?? `gone-${i}`}
            list={list}
            entry={entry}
            onStatus={onStatus}
            onRemoved={onRemoved}
          />
        ))}
      </ul>
      {query.isError && <ErrorAlert error={query.error} />}
      {query.hasNextPage && (
        <Button priority="secondary" size="small" disabled={query.isFetching} onClick={() => void query.fetchNextPage()}>
          Afficher les profils suivants
        </Button>
      )}
    </>
  );
}

function EntryItem({
  list,
  entry,
  onStatus,
  onRemoved,
}: {
  list: Shortlist;
  entry: Entry;
  onStatus: (message: string) => void;
  onRemoved: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const removeEntry = useGraphQLMutation(REMOVE_FROM_SHORTLIST_MUTATION, [MY_SHORTLISTS, SHORTLIST_ENTRIES]);
  const profile = entry.profile;
  if (profile === null) {
    // The agent stopped being visible while the list was read: they are leaving it.
    return (
      <li>
        <p className="fr-mb-0">Profil qui n’est plus visible.</p>
      </li>
    );
  }
  const name = fullName(profile);

  const remove = async () => {
    setError(null);
    try {
      await removeEntry.mutateAsync({ input: { shortlistId: list.id, agentId: profile.id } });
      onStatus(`${name} ne figure plus sur la liste « ${list.name} ».`);
      onRemoved();
    } catch (e) {
      setError(formError(e));
      setConfirmRemove(false);
      focusAfterRender(() => removeRef.current);
    }
  };

  return (
    <li>
      <p className="fr-text--lg fr-text--bold fr-mb-0">
        <Link href={paths.profile(profile.id)}>{name}</Link>
      </p>
      <p className="fr-text--sm fr-mb-1w">
        {[profile.currentRole?.title, profile.organisation?.name].filter(Boolean).join(" · ") || "Poste non renseigné"}
        <span className="pl-mention"> · ajouté le {formatDate(entry.addedAt)}</span>
      </p>
      {error && <Alert severity="error" small title={error.title} description={error.description} as="h4" className="fr-mb-2w" />}
      {editing ? (
        <NoteForm
          list={list}
          agentId={profile.id}
          name={name}
          note={entry.note}
          onCancel={() => {
            setEditing(false);
            focusAfterRender(() => editRef.current);
          }}
          onDone={() => {
            onStatus(`Note enregistrée pour ${name}.`);
            setEditing(false);
            focusAfterRender(() => editRef.current);
          }}
        />
      ) : (
        <>
          {entry.note === "" ? (
            <p className="fr-text--sm pl-mention fr-mb-1w">Aucune note.</p>
          ) : (
            <div className="pl-note fr-mb-1w">
              <p className="fr-text--sm fr-text--bold fr-mb-0">Votre note</p>
              <p className="fr-text--sm fr-mb-0 pl-note__text">{entry.note}</p>
            </div>
          )}
          <ul className="pl-actions pl-actions--tight">
            <li>
              <Button type="button" priority="tertiary" size="small" iconId="fr-icon-edit-line" ref={editRef} onClick={() => setEditing(true)}>
                {entry.note === "" ? "Ajouter une note" : "Modifier la note"}
                <span className="fr-sr-only"> sur {name}</span>
              </Button>
            </li>
            {!confirmRemove && (
              <li>
                <Button
                  type="button"
                  priority="tertiary"
                  size="small"
                  iconId="fr-icon-close-line"
                  ref={removeRef}
                  onClick={() => setConfirmRemove(true)}
                >
                  Retirer de la liste<span className="fr-sr-only"> : {name}</span>
                </Button>
              </li>
            )}
          </ul>
        </>
      )}
      {confirmRemove && (
        <Confirm
          question={`Retirer ${name} de la liste « ${list.name} » ?${entry.note === "" ? "" : " Votre note sera effacée."}`}
          confirmLabel="Retirer"
          cancelLabel="Garder sur la liste"
          busy={removeEntry.isPending}
          onConfirm={() => void remove()}
          onCancel={() => {
            setConfirmRemove(false);
            focusAfterRender(() => removeRef.current);
          }}
        />
      )}
    </li>
  );
}

function NoteForm({
  list,
  agentId,
  name,
  note,
  onCancel,
  onDone,
}: {
  list: Shortlist;
  agentId: string;
  name: string;
  note: string;
  onCancel: () => void;
  onDone: () => void;
}) {
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<NoteDraft>({ resolver: zodResolver(noteSchema), defaultValues: { note } });
  const [error, setError] = useState<FormError | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const updateNote = useGraphQLMutation(UPDATE_NOTE_MUTATION, [SHORTLIST_ENTRIES]);
  // « Modifier la note » opened the form: the note takes the focus.
  useEffect(() => setFocus("note"), [setFocus]);

  const save = async (draft: NoteDraft) => {
    setError(null);
    try {
      await updateNote.mutateAsync({ input: { shortlistId: list.id, agentId, note: draft.note } });
      onDone();
    } catch (e) {
      const onNote = shortlistFieldErrors(e).find((f) => f.field === "note");
      setError(onNote ? FIELD_REFUSED : formError(e));
      if (onNote) setFieldError("note", { type: "server", message: onNote.message }, { shouldFocus: true });
      else requestAnimationFrame(() => alertRef.current?.focus());
    }
  };

  return (
    <form className="pl-skill-form" onSubmit={(event) => void handleSubmit(save)(event)} noValidate aria-label={`Note sur ${name}`}>
      <div ref={alertRef} tabIndex={-1} className="pl-focus-target">
        {error && <Alert severity="error" small title={error.title} description={error.description} as="h4" className="fr-mb-2w" />}
      </div>
      <Input
        label="Note privée"
        hintText={`Elle n’est lue que par vous. ${MAX_NOTE.toLocaleString("fr-FR")} caractères au plus ; vide, elle est effacée.`}
        textArea
        state={errors.note ? "error" : "default"}
        stateRelatedMessage={errors.note?.message}
        nativeTextAreaProps={{ rows: 4, ...register("note") }}
      />
      <ul className="pl-actions">
        <li>
          <Button type="submit" disabled={isSubmitting}>
            Enregistrer la note
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

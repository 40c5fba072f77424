import { useRef, useState, type MouseEvent } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import { PageHeading, useDocumentTitle } from "../router";
import { paths } from "../paths";
import { useSession } from "../session/SessionProvider";
import { ONBOARDING_OFFERED } from "../session/session";
import { GraphQLRequestError, httpError, request } from "../graphql/client";
import type { MyProfileViewsQuery } from "../gql/graphql";
import { usePagedQuery } from "../graphql/query";
import { fieldErrors, formError, type FormError } from "../profile/forms";
import { formatDateTime } from "../dates";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import { plural } from "../format";
import { graphql } from "../gql";

/** MY_PROFILE_VIEWS_QUERY lists who viewed the signed-in agent's profile, newest first. */
export const MY_PROFILE_VIEWS_QUERY = graphql(`
  query MyProfileViews($first: Int!, $after: String) {
    myProfileViews(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          at
          viewerName
          viewerOrganisation
        }
      }
    }
  }
`);

/** DELETE_MY_ACCOUNT_MUTATION erases the signed-in agent's account and data. */
export const DELETE_MY_ACCOUNT_MUTATION = graphql(`
  mutation DeleteMyAccount($input: DeleteMyAccountInput!) {
    deleteMyAccount(input: $input) {
      deleted
    }
  }
`);

/** EXPORT_PATH is the server's download of everything stored about the signed-in agent. */
export const EXPORT_PATH = "/me/export.json";
/** DELETION_WORD is what the person types to confirm the deletion of their account. */
export const DELETION_WORD = "SUPPRIMER";
/** ACCOUNT_DELETED_PATH is where the browser goes once the account is erased. */
export const ACCOUNT_DELETED_PATH = "/?compte-supprime=1";
const PAGE_SIZE = 10;

const deleteModal = createModal({ id: "pl-delete-account", isOpenedByDefault: false });

type View = MyProfileViewsQuery["myProfileViews"]["edges"][number]["node"];

/** MyDataPage gathers the person's data rights: download, who viewed the profile, deletion. */
export function MyDataPage() {
  useDocumentTitle("Mes données");
  const { me } = useSession();
  if (me === null) return null;
  return (
    <>
      <Breadcrumb currentPageLabel="Mes données" homeLinkProps={{ href: paths.home }} segments={[]} />
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-10 fr-col-lg-9">
          <PageHeading>Mes données</PageHeading>
          <p className="fr-text--lead">
            Retrouvez ce que Passerelles sait de vous, qui a consulté votre profil, et supprimez votre compte si vous le
            souhaitez.
          </p>

          <h2 className="fr-h4">Télécharger mes données</h2>
          <p>
            Un fichier au format JSON rassemble votre profil, vos compétences déclarées et leur historique, les
            validations et recommandations, les consultations de votre profil, le journal des actions qui vous
            concernent, vos sessions, les listes de profils des managers et des administrateurs sur lesquelles vous
            figurez (leur nom et celui de leur auteur, sans les notes privées) et, si vous en tenez, vos propres listes et
            recherches enregistrées.
          </p>
          <ExportLink />

          <h2 className="fr-h4 fr-mt-6w">Qui a consulté mon profil</h2>
          <ProfileViews />

          <h2 className="fr-h4 fr-mt-6w">Supprimer mon compte</h2>
          <p>
            La suppression efface votre profil, vos compétences et leur historique, vous retire des listes de profils des
            managers et efface vos propres listes et recherches enregistrées. Elle est définitive.
          </p>
          <Button priority="secondary" iconId="fr-icon-delete-line" nativeButtonProps={deleteModal.buttonProps}>
            Supprimer mon compte
          </Button>
          <DeleteAccountModal />
        </div>
      </div>
    </>
  );
}

/**
 * ExportLink downloads the export through fetch, so that a refusal (the download
 * limit, an expired session) is said in French on the page: a plain link would
 * only show the browser's « échec du téléchargement ». Without script, the link
 * still downloads.
 */
function ExportLink() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  const download = async (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      let response: Response;
      try {
        response = await fetch(EXPORT_PATH, { credentials: "same-origin", headers: { Accept: "application/json" } });
      } catch (cause) {
        throw new GraphQLRequestError("NETWORK", { cause });
      }
      if (!response.ok) throw httpError(response.status, await response.json().catch(() => null));
      const blob = await response.blob();
      const name =
        /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "passerelles-mes-donnees.json";
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e);
      requestAnimationFrame(() => alertRef.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p>
        <a
          className="fr-link fr-link--download"
          href={EXPORT_PATH}
          download="passerelles-mes-donnees.json"
          aria-disabled={busy || undefined}
          onClick={(event) => void download(event)}
        >
          Télécharger mes données (JSON)
        </a>
      </p>
      <div ref={alertRef} tabIndex={-1} className="pl-focus-target">
        {error !== null && <ErrorAlert error={error} className="fr-mb-3w" />}
      </div>
    </>
  );
}

function ProfileViews() {
  const query = usePagedQuery(MY_PROFILE_VIEWS_QUERY, { first: PAGE_SIZE, after: null }, (data) => data.myProfileViews.pageInfo);
  const pages = query.data?.pages ?? [];
  const views: View[] = pages.flatMap((p) => p.myProfileViews.edges.map((e) => e.node));
  const first = pages[0];
  const info = first ? { total: first.myProfileViews.totalCount } : null;
  const error = query.error;
  const loading = query.isFetching;

  if (info === null && loading) return <Loading label="Chargement des consultations…" />;
  if (error !== null && info === null) return <ErrorAlert error={error} />;
  if (info === null || info.total === 0) {
    return <p>Personne n’a encore consulté votre profil. Seules les consultations des managers et administrateurs sont enregistrées.</p>;
  }
  return (
    <>
      <p>
        {plural(info.total, "consultation", "consultations")} par des managers ou des administrateurs, de la plus récente
        à la plus ancienne.
      </p>
      <div className="fr-table fr-table--sm">
        <table>
          <caption className="fr-sr-only">Consultations de mon profil</caption>
          <thead>
            <tr>
              <th scope="col">Personne</th>
              <th scope="col">Organisation</th>
              <th scope="col">Date</th>
            </tr>
          </thead>
          <tbody>
            {views.map((v, i) => (
              <tr key={`${v.at}-${i}`}>
                <td>{v.viewerName ?? "Compte supprimé"}</td>
                <td>{v.viewerOrganisation || "—"}</td>
                <td>{formatDateTime(v.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error !== null && <ErrorAlert error={error} />}
      {query.hasNextPage && (
        <Button priority="secondary" size="small" disabled={loading} onClick={() => void query.fetchNextPage()}>
          Afficher les consultations suivantes
        </Button>
      )}
    </>
  );
}

/** deletionSchema checks the confirmation word, as the server does (spaces around it ignored). */
const deletionSchema = z.object({
  word: z.string().refine((w) => w.trim() === DELETION_WORD, {
    message: `Saisissez ${DELETION_WORD} en majuscules pour confirmer.`,
  }),
});

function DeleteAccountModal() {
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof deletionSchema>>({ resolver: zodResolver(deletionSchema), defaultValues: { word: "" } });
  const [error, setError] = useState<FormError | null>(null);
  const [leaving, setLeaving] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const wordError = errors.word?.message;
  const busy = isSubmitting || leaving;

  const erase = async ({ word }: { word: string }) => {
    setError(null);
    try {
      await request(DELETE_MY_ACCOUNT_MUTATION, { input: { confirmation: word.trim() } }); // nothing to invalidate: the page is left
      setLeaving(true);
      // The session is over: a full-page navigation starts the SPA again, signed out;
      // whoever signs in next in this tab is offered the onboarding again.
      window.sessionStorage.removeItem(ONBOARDING_OFFERED);
      window.location.assign(ACCOUNT_DELETED_PATH);
    } catch (e) {
      const onWord = fieldErrors(e).find((f) => f.field === "confirmation");
      if (onWord) {
        setFieldError("word", { type: "server", message: onWord.message }, { shouldFocus: true });
        return;
      }
      const conflict = e instanceof GraphQLRequestError && e.code === "CONFLICT";
      const shown = formError(e);
      setError(conflict ? { ...shown, title: "Suppression impossible" } : shown);
      // The submit button was disabled while sending and lost the focus (to the page's
      // body, outside the dialog): give it to the message, inside the dialog.
      requestAnimationFrame(() => alertRef.current?.focus());
    }
  };

  return (
    <deleteModal.Component title="Supprimer mon compte" iconId="fr-icon-warning-line">
      <form onSubmit={(event) => void handleSubmit(erase)(event)} noValidate>
        <p>Seront effacés définitivement :</p>
        <ul>
          <li>votre profil (poste, envies de mobilité, présentation, visibilité) ;</li>
          <li>vos compétences déclarées, leurs justificatifs, validations, recommandations et leur historique ;</li>
          <li>la liste des consultations de votre profil et vos recommandations données à d’autres agents.</li>
        </ul>
        <p>Votre session prendra fin. Vous pourrez revenir plus tard : un nouveau profil, vide, sera alors créé.</p>
        <div ref={alertRef} tabIndex={-1} className="pl-focus-target">
          {error && <Alert severity="error" small title={error.title} description={error.description} as="h2" className="fr-mb-2w" />}
        </div>
        <Input
          label={`Pour confirmer, saisissez ${DELETION_WORD}`}
          state={wordError ? "error" : "default"}
          stateRelatedMessage={wordError}
          nativeInputProps={{ autoComplete: "off", spellCheck: false, ...register("word") }}
        />
        <ul className="pl-actions">
          <li>
            <Button type="button" priority="secondary" nativeButtonProps={{ "aria-controls": deleteModal.id }} onClick={() => deleteModal.close()}>
              Annuler
            </Button>
          </li>
          <li>
            <Button type="submit" disabled={busy} iconId="fr-icon-delete-line">
              Supprimer définitivement mon compte
            </Button>
          </li>
        </ul>
      </form>
    </deleteModal.Component>
  );
}

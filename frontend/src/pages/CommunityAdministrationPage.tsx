import "../communities/communities.css";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Link, PageHeading, useDocumentTitle } from "../router";
import { paths } from "../paths";
import { useSession } from "../session/SessionProvider";
import { fullName } from "../session/session";
import { graphql } from "../gql";
import type { AdminCommunityFragment } from "../gql/graphql";
import { useGraphQLMutation, useGraphQLQuery, usePagedQuery } from "../graphql/query";
import { formError, type FormError } from "../profile/forms";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";
import { plural } from "../format";
import { userSearchSchema, type UserSearchDraft } from "../admin/userSearch";
import { USERS_QUERY } from "./AdministrationPage";
import {
  ADMINISTRATION_INVALIDATES,
  ARCHIVE_COMMUNITY_MUTATION,
  CREATE_COMMUNITY_MUTATION,
  SET_COMMUNITY_ANIMATOR_MUTATION,
  UPDATE_COMMUNITY_MUTATION,
} from "../communities/queries";
import { CommunityForm } from "../communities/CommunityForm";
import { MAX_ANIMATORS, quoted } from "../communities/rules";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";

/** ADMIN_COMMUNITY_FRAGMENT is what the administration shows and edits of a community. */
export const ADMIN_COMMUNITY_FRAGMENT = graphql(`
  fragment AdminCommunity on Community {
    id
    code
    name
    description
    memberCount
    archivedAt
    skills {
      id
      code
      name
      framework {
        name
      }
    }
    animators {
      agentId
      givenName
      usualName
    }
  }
`);

/** ADMIN_COMMUNITIES_QUERY lists every community, archived ones included. */
export const ADMIN_COMMUNITIES_QUERY = graphql(`
  query AdminCommunities {
    communities(first: 100, includeArchived: true) {
      totalCount
      edges {
        node {
          ...AdminCommunity
        }
      }
    }
  }
`);

/**
 * CommunityAdministrationPage lets administrators create, edit, archive and
 * restore communities, and name or remove their animators (each change is
 * audited by the server). Others read that the page is not for them.
 */
export function CommunityAdministrationPage() {
  useDocumentTitle("Communautés", "Administration");
  const { me } = useSession();
  const isAdmin = me?.accessRoles.includes("ADMIN") === true;
  const query = useGraphQLQuery(ADMIN_COMMUNITIES_QUERY, {}, { enabled: isAdmin });
  const create = useGraphQLMutation(CREATE_COMMUNITY_MUTATION, ADMINISTRATION_INVALIDATES);
  const [creating, setCreating] = useState(false);
  const [done, setDone] = useState("");
  const createRef = useRef<HTMLButtonElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const focusAfterRender = useFocusAfterRender();
  if (me === null) return null; // the route requires sign-in
  const breadcrumb = (
    <Breadcrumb
      currentPageLabel="Communautés"
      homeLinkProps={{ href: paths.home }}
      segments={[{ label: "Administration", linkProps: { href: paths.administration } }]}
    />
  );
  if (!isAdmin) {
    return (
      <>
        {breadcrumb}
        <PageHeading>Administration des communautés</PageHeading>
        <p>Cette page est réservée aux administrateurs de Passerelles.</p>
      </>
    );
  }
  const communities = query.data?.communities.edges.map((e) => e.node) ?? [];
  return (
    <>
      {breadcrumb}
      <PageHeading>Administration des communautés</PageHeading>
      <p>
        Créez les communautés de pratique, modifiez-les, archivez-les, et nommez leurs animateurs : ils publient leurs
        événements. Chaque modification est enregistrée dans le journal d’audit.
      </p>
      <div role="status">
        {done !== "" && (
          <p ref={doneRef} tabIndex={-1} className="fr-alert fr-alert--success fr-alert--sm fr-mb-2w">
            {done}
          </p>
        )}
      </div>
      {creating ? (
        <section aria-labelledby="pl-new-community" className="fr-mb-4w">
          <h2 id="pl-new-community" className="fr-h4">
            Nouvelle communauté
          </h2>
          <CommunityForm
            title="Nouvelle communauté"
            submitLabel="Créer la communauté"
            onSubmit={async (draft) => {
              const result = await create.mutateAsync({
                input: { code: draft.code, name: draft.name, description: draft.description, skillIds: draft.skillIds },
              });
              const created = result.createCommunity?.community;
              setCreating(false);
              setDone(`La communauté ${quoted(created?.name ?? draft.name)} est créée. Nommez maintenant ses animateurs.`);
              focusAfterRender(() => doneRef.current);
            }}
            onCancel={() => {
              setCreating(false);
              focusAfterRender(() => createRef.current);
            }}
          />
        </section>
      ) : (
        <p>
          <Button
            ref={createRef}
            iconId="fr-icon-add-line"
            onClick={() => {
              setDone("");
              setCreating(true);
              focusAfterRender(() => document.querySelector<HTMLInputElement>(".pl-community-form input"));
            }}
          >
            Créer une communauté
          </Button>
        </p>
      )}
      <h2 className="fr-h4 fr-mt-4w">Communautés existantes</h2>
      {query.isPending && <Loading label="Chargement des communautés…" />}
      {query.error !== null && <ErrorAlert error={query.error} />}
      {query.data && (
        <>
          <p>{plural(query.data.communities.totalCount, "communauté", "communautés")}, archivées comprises.</p>
          <ul className="pl-admin-communities">
            {communities.map((c) => (
              <AdminCommunityItem key={c.id} community={c} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/**
 * AdminCommunityItem is one community with « Modifier », « Archiver » or
 * « Restaurer » (after a question), its animators with « Retirer » (after a
 * question) and « Nommer un animateur ».
 */
function AdminCommunityItem({ community: c }: { community: AdminCommunityFragment }) {
  const update = useGraphQLMutation(UPDATE_COMMUNITY_MUTATION, ADMINISTRATION_INVALIDATES);
  const archive = useGraphQLMutation(ARCHIVE_COMMUNITY_MUTATION, ADMINISTRATION_INVALIDATES);
  const setAnimator = useGraphQLMutation(SET_COMMUNITY_ANIMATOR_MUTATION, ADMINISTRATION_INVALIDATES);
  const [editing, setEditing] = useState(false);
  const [asking, setAsking] = useState<null | "archive" | { removeId: string; name: string }>(null);
  const [naming, setNaming] = useState(false);
  const [done, setDone] = useState("");
  const [error, setError] = useState<FormError | null>(null);
  const busy = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const archiveRef = useRef<HTMLButtonElement>(null);
  const nameRef = useRef<HTMLButtonElement>(null);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const archived = c.archivedAt != null;
  const name = quoted(c.name);

  const run = async (action: () => Promise<string>, focus: () => HTMLElement | null) => {
    if (busy.current) return;
    busy.current = true;
    setDone("");
    setError(null);
    try {
      setDone(await action());
    } catch (e) {
      setError(formError(e));
    } finally {
      busy.current = false;
      setAsking(null);
      focusAfterRender(focus);
    }
  };

  const ask = (what: NonNullable<typeof asking>) => {
    setDone("");
    setError(null);
    setAsking(what);
    focusAfterRender(() => questionRef.current);
  };

  return (
    <li className="pl-admin-community" data-community-item={c.id}>
      <h3 ref={headingRef} tabIndex={-1} className="fr-h5 fr-mb-1v">
        {archived ? c.name : <Link href={paths.community(c.code)}>{c.name}</Link>}
      </h3>
      <p className="fr-text--sm fr-mb-1w pl-mention">
        Code « {c.code} » · {plural(c.memberCount, "membre", "membres")}
        {archived && (
          <>
            {" "}
            <Badge severity="warning" small>
              Archivée
            </Badge>
          </>
        )}
      </p>
      {editing ? (
        <CommunityForm
          title={`Modifier ${c.name}`}
          initial={{ code: c.code, name: c.name, description: c.description, skills: c.skills }}
          submitLabel="Enregistrer"
          onSubmit={async (draft) => {
            await update.mutateAsync({
              input: { communityId: c.id, name: draft.name, description: draft.description, skillIds: draft.skillIds },
            });
            setEditing(false);
            setDone(`Les modifications de ${quoted(draft.name)} sont enregistrées.`);
            focusAfterRender(() => editRef.current);
          }}
          onCancel={() => {
            setEditing(false);
            focusAfterRender(() => editRef.current);
          }}
        />
      ) : (
        <>
          <h4 className="fr-text--md fr-mb-1v">Animation</h4>
          {c.animators.length === 0 ? (
            <p className="fr-text--sm">Aucun animateur.</p>
          ) : (
            <ul className="pl-admin-animators">
              {c.animators.map((a) => {
                const who = `${a.givenName} ${a.usualName}`;
                return (
                  <li key={a.agentId}>
                    {who}{" "}
                    <Button
                      size="small"
                      priority="tertiary"
                      iconId="fr-icon-close-line"
                      onClick={() => ask({ removeId: a.agentId, name: who })}
                    >
                      Retirer<span className="fr-sr-only"> le rôle d’animation à {who}</span>
                    </Button>
                  </li>
                );
              })}
            </ul>
          )}
          {asking !== null && (
            <div className="pl-confirm fr-mb-2w">
              <p ref={questionRef} tabIndex={-1} className="fr-mb-1w">
                {asking === "archive"
                  ? `Archiver ${name} ? Elle garde ses membres et ses événements, mais n’accueille plus de membre, d’animateur ni d’événement et sort de la liste des communautés. Vous pourrez la restaurer.`
                  : `Retirer le rôle d’animation à ${asking.name} ? Cette personne reste membre de ${name} mais ne publie plus ses événements.`}
              </p>
              <ul className="pl-actions">
                <li>
                  <Button
                    size="small"
                    onClick={() => {
                      if (asking === "archive") {
                        void run(async () => {
                          await archive.mutateAsync({ input: { communityId: c.id, archived: true } });
                          return `${name} est archivée.`;
                        }, () => archiveRef.current);
                      } else {
                        const target = asking;
                        void run(async () => {
                          await setAnimator.mutateAsync({
                            input: { communityId: c.id, agentId: target.removeId, animator: false },
                          });
                          return `${target.name} n’anime plus ${name}.`;
                        }, () => nameRef.current ?? headingRef.current);
                      }
                    }}
                  >
                    {asking === "archive" ? "Archiver la communauté" : "Retirer le rôle"}
                  </Button>
                </li>
                <li>
                  <Button
                    size="small"
                    priority="secondary"
                    onClick={() => {
                      const back = asking === "archive" ? archiveRef : nameRef;
                      setAsking(null);
                      focusAfterRender(() => back.current ?? headingRef.current);
                    }}
                  >
                    Annuler
                  </Button>
                </li>
              </ul>
            </div>
          )}
          {naming ? (
            <AnimatorFinder
              communityId={c.id}
              communityName={c.name}
              onName={async (agentId, who) => {
                await setAnimator.mutateAsync({ input: { communityId: c.id, agentId, animator: true } });
                setNaming(false);
                setDone(`${who} anime maintenant ${name}. La modification est enregistrée dans le journal d’audit.`);
                focusAfterRender(() => nameRef.current);
              }}
              onCancel={() => {
                setNaming(false);
                focusAfterRender(() => nameRef.current);
              }}
            />
          ) : (
            <ul className="pl-actions">
              {!archived && (
                <li>
                  <Button
                    ref={nameRef}
                    size="small"
                    priority="secondary"
                    iconId="fr-icon-user-add-line"
                    disabled={c.animators.length >= MAX_ANIMATORS}
                    onClick={() => {
                      setDone("");
                      setError(null);
                      setNaming(true);
                      focusAfterRender(() => document.querySelector<HTMLInputElement>(`[data-animator-finder="${c.id}"] input`));
                    }}
                  >
                    Nommer un animateur<span className="fr-sr-only"> de {c.name}</span>
                  </Button>
                </li>
              )}
              <li>
                <Button
                  ref={editRef}
                  size="small"
                  priority="secondary"
                  iconId="fr-icon-edit-line"
                  onClick={() => {
                    setDone("");
                    setError(null);
                    setEditing(true);
                    focusAfterRender(() => document.querySelector<HTMLInputElement>(`[data-community-item="${c.id}"] form input`));
                  }}
                >
                  Modifier<span className="fr-sr-only"> {c.name}</span>
                </Button>
              </li>
              <li>
                <Button
                  ref={archiveRef}
                  size="small"
                  priority="tertiary"
                  iconId={archived ? "fr-icon-refresh-line" : "fr-icon-archive-line"}
                  onClick={() => {
                    if (archived) {
                      void run(async () => {
                        await archive.mutateAsync({ input: { communityId: c.id, archived: false } });
                        return `${name} est restaurée : elle accueille de nouveau membres et événements.`;
                      }, () => archiveRef.current);
                    } else ask("archive");
                  }}
                >
                  {archived ? "Restaurer" : "Archiver"}
                  <span className="fr-sr-only"> {c.name}</span>
                </Button>
              </li>
            </ul>
          )}
        </>
      )}
      <div role="status">{done !== "" && <Alert severity="success" small description={done} className="fr-mt-1w" />}</div>
      <div role="alert">
        {error && <Alert severity="error" small title={error.title} description={error.description} as="h4" className="fr-mt-1w" />}
      </div>
    </li>
  );
}

/**
 * AnimatorFinder finds a person by name (as the Administration page does) and
 * names them with « Nommer animateur »; the server's refusal (an archived
 * community, 20 animators already) is shown in its alert.
 */
function AnimatorFinder({
  communityId,
  communityName,
  onName,
  onCancel,
}: {
  communityId: string;
  communityName: string;
  onName: (agentId: string, who: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [search, setSearch] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<UserSearchDraft>({ resolver: zodResolver(userSearchSchema), defaultValues: { search: "" } });
  return (
    <div className="pl-animator-finder fr-mb-2w" data-animator-finder={communityId}>
      <form
        role="search"
        aria-label={`Trouver un animateur pour ${communityName}`}
        noValidate
        className="pl-admin-search"
        onSubmit={(event) => void handleSubmit(({ search }) => setSearch(search.trim()))(event)}
      >
        <Input
          label="Prénom ou nom de la personne à nommer"
          hintText="Majuscules et accents indifférents ; le début de chaque mot suffit."
          state={errors.search ? "error" : "default"}
          stateRelatedMessage={errors.search?.message}
          nativeInputProps={{ type: "search", autoComplete: "off", ...register("search") }}
        />
        <Button type="submit" iconId="fr-icon-search-line">
          Rechercher
        </Button>
      </form>
      {search !== null && <AnimatorResults key={search} search={search} onName={onName} />}
      <Button size="small" priority="secondary" onClick={onCancel}>
        Annuler
      </Button>
    </div>
  );
}

/** AnimatorResults lists the people found, each with « Nommer animateur ». */
function AnimatorResults({ search, onName }: { search: string; onName: (agentId: string, who: string) => Promise<void> }) {
  const [error, setError] = useState<FormError | null>(null);
  const busy = useRef(false);
  const query = usePagedQuery(USERS_QUERY, { search, first: 10, after: null }, (data) => data.users.pageInfo);
  const users = (query.data?.pages ?? []).flatMap((p) => p.users.edges.map((e) => e.node));
  const total = query.data?.pages[0]?.users.totalCount ?? null;
  return (
    <>
      {total === null && query.isFetching && <Loading label="Recherche en cours…" />}
      {query.error !== null && <ErrorAlert error={query.error} />}
      {total !== null && (
        <p role="status">
          {total === 0
            ? `Aucune personne ne correspond à « ${search} ».`
            : `${plural(total, "personne trouvée", "personnes trouvées")} pour « ${search} ».`}
        </p>
      )}
      {users.length > 0 && (
        <ul className="pl-admin-users">
          {users.map((u) => (
            <li key={u.id}>
              <strong>{fullName(u)}</strong>
              <span className="pl-mention"> — {[u.email, u.organisationLabel].filter(Boolean).join(" · ")}</span>{" "}
              <Button
                size="small"
                onClick={() => {
                  if (busy.current) return;
                  busy.current = true;
                  setError(null);
                  onName(u.id, fullName(u))
                    .catch((e: unknown) => setError(formError(e)))
                    .finally(() => {
                      busy.current = false;
                    });
                }}
              >
                Nommer animateur<span className="fr-sr-only"> : {fullName(u)}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      {query.hasNextPage && (
        <Button priority="secondary" size="small" disabled={query.isFetching} onClick={() => void query.fetchNextPage()}>
          Afficher les personnes suivantes
        </Button>
      )}
      <div role="alert">
        {error && <Alert severity="error" small title={error.title} description={error.description} as="h4" className="fr-mt-1w" />}
      </div>
    </>
  );
}

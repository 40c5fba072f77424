import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Link, PageHeading, useDocumentTitle } from "../router";
import { paths } from "../paths";
import { useSession } from "../session/SessionProvider";
import { ACCESS_ROLE_LABELS, fullName } from "../session/session";
import { graphql } from "../gql";
import type { AdministeredUserFragment, GrantableAccessRole } from "../gql/graphql";
import { useGraphQLMutation, usePagedQuery } from "../graphql/query";
import { GraphQLRequestError } from "../graphql/client";
import { fieldErrors, formError, type FormError } from "../profile/forms";
import { plural } from "../format";
import { userSearchSchema, type UserSearchDraft } from "../admin/userSearch";
import { AccessRoleBadges } from "../components/AccessRoleBadges";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";

/** ADMINISTERED_USER_FRAGMENT is what UserAccessRoles shows of a person. */
export const ADMINISTERED_USER_FRAGMENT = graphql(`
  fragment AdministeredUser on User {
    id
    givenName
    usualName
    email
    organisationLabel
    accessRoles
  }
`);

/** USERS_QUERY finds people by name, for administrators. */
export const USERS_QUERY = graphql(`
  query Users($search: String!, $first: Int!, $after: String) {
    users(search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...AdministeredUser
        }
      }
    }
  }
`);

/** GRANT_ACCESS_ROLE_MUTATION gives an access role to an agent. */
export const GRANT_ACCESS_ROLE_MUTATION = graphql(`
  mutation GrantAccessRole($input: GrantAccessRoleInput!) {
    grantAccessRole(input: $input) {
      agentId
      accessRoles
    }
  }
`);

/** REVOKE_ACCESS_ROLE_MUTATION takes an access role back. */
export const REVOKE_ACCESS_ROLE_MUTATION = graphql(`
  mutation RevokeAccessRole($input: RevokeAccessRoleInput!) {
    revokeAccessRole(input: $input) {
      agentId
      accessRoles
    }
  }
`);

const PAGE_SIZE = 20;

/** GRANTABLE are the access roles administrators grant and revoke, in the order shown. */
const GRANTABLE: readonly GrantableAccessRole[] = ["MANAGER", "ADMIN"];

/**
 * A role change invalidates the search (the person's badges) and the session
 * (an administrator may change their own roles).
 */
const ROLE_CHANGE_INVALIDATES = ["Users", "Me"] as const;

/**
 * AdministrationPage lets administrators find a person by name and grant or
 * revoke their access roles. Others read that the page is not for them (the
 * server refuses them anyway).
 */
export function AdministrationPage() {
  useDocumentTitle("Administration");
  const { me } = useSession();
  const [search, setSearch] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    formState: { errors },
  } = useForm<UserSearchDraft>({ resolver: zodResolver(userSearchSchema), defaultValues: { search: "" } });
  if (me === null) return null; // the route requires sign-in
  const breadcrumb = <Breadcrumb currentPageLabel="Administration" homeLinkProps={{ href: paths.home }} segments={[]} />;

  if (!me.accessRoles.includes("ADMIN")) {
    return (
      <>
        {breadcrumb}
        <PageHeading>Administration</PageHeading>
        <p>Cette page est réservée aux administrateurs de Passerelles.</p>
      </>
    );
  }
  const searchError = errors.search?.message;
  return (
    <>
      {breadcrumb}
      <PageHeading>Administration</PageHeading>
      <p>
        <Link href={paths.communityAdministration}>Communautés et animateurs</Link>
        {"\u00a0: créer, modifier, archiver les communautés, nommer leurs animateurs."}
      </p>
      <h2 className="fr-h4">Rôles d’accès</h2>
      <p>
        Trouvez une personne par son prénom ou son nom, puis donnez-lui ou retirez-lui le rôle de manager ou
        d’administrateur. Chaque modification est enregistrée dans le journal d’audit.
      </p>
      <form
        role="search"
        className="pl-admin-search"
        noValidate
        onSubmit={(event) => void handleSubmit(({ search }) => setSearch(search.trim()))(event)}
      >
        <Input
          label="Prénom ou nom"
          hintText="Majuscules et accents indifférents ; le début de chaque mot suffit."
          state={searchError ? "error" : "default"}
          stateRelatedMessage={searchError}
          nativeInputProps={{ type: "search", autoComplete: "off", ...register("search") }}
        />
        <Button type="submit" iconId="fr-icon-search-line">
          Rechercher
        </Button>
      </form>
      {search !== null && (
        <UserResults
          key={search}
          search={search}
          onFieldError={(message) => setFieldError("search", { type: "server", message }, { shouldFocus: true })}
        />
      )}
    </>
  );
}

function UserResults({ search, onFieldError }: { search: string; onFieldError: (message: string) => void }) {
  const query = usePagedQuery(USERS_QUERY, { search, first: PAGE_SIZE, after: null }, (data) => data.users.pageInfo);
  const pages = query.data?.pages ?? [];
  const users = pages.flatMap((p) => p.users.edges.map((e) => e.node));
  const total = pages[0]?.users.totalCount ?? null;
  const error = query.error;
  const onField = error ? fieldErrors(error).find((f) => f.field === "search") : undefined;
  const [reported, setReported] = useState(false);
  if (onField && !reported) {
    setReported(true);
    onFieldError(onField.message);
  }

  if (total === null && query.isFetching) return <Loading label="Recherche en cours…" />;
  if (onField) return null; // shown under the field
  if (error !== null && total === null) return <ErrorAlert error={error} />;
  return (
    <section aria-labelledby="pl-admin-results">
      <h2 id="pl-admin-results" className="fr-h4 fr-mt-4w">
        Résultats
      </h2>
      <p role="status">
        {total === 0
          ? `Aucune personne ne correspond à « ${search} ».`
          : `${plural(total ?? 0, "personne trouvée", "personnes trouvées")} pour « ${search} ».`}
      </p>
      {users.length > 0 && (
        <ul className="pl-admin-users">
          {users.map((u) => (
            <UserAccessRoles key={u.id} user={u} />
          ))}
        </ul>
      )}
      {error !== null && <ErrorAlert error={error} />}
      {query.hasNextPage && (
        <Button priority="secondary" disabled={query.isFetching} onClick={() => void query.fetchNextPage()}>
          Afficher les personnes suivantes
        </Button>
      )}
    </section>
  );
}

/**
 * UserAccessRoles shows one person's access roles with a button to grant or
 * revoke each grantable one, and says what happened: a confirmation once the
 * change is saved, or the server's reason when it is refused (the last
 * administrator keeps their role). The focus stays on the button pressed,
 * whose label then says the opposite action.
 */
function UserAccessRoles({ user: u }: { user: AdministeredUserFragment }) {
  const name = fullName(u);
  const grant = useGraphQLMutation(GRANT_ACCESS_ROLE_MUTATION, ROLE_CHANGE_INVALIDATES);
  const revoke = useGraphQLMutation(REVOKE_ACCESS_ROLE_MUTATION, ROLE_CHANGE_INVALIDATES);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState("");
  const [error, setError] = useState<FormError | null>(null);
  const busyRef = useRef(false);

  const change = async (role: GrantableAccessRole, held: boolean) => {
    if (busyRef.current) return; // the button stays enabled (and focused) while sending
    busyRef.current = true;
    setBusy(true);
    setDone("");
    setError(null);
    const label = ACCESS_ROLE_LABELS[role].toLowerCase();
    try {
      if (held) {
        await revoke.mutateAsync({ input: { agentId: u.id, role } });
        setDone(`Le rôle ${label} est retiré à ${name}. La modification est enregistrée dans le journal d’audit.`);
      } else {
        await grant.mutateAsync({ input: { agentId: u.id, role } });
        setDone(`${name} a maintenant le rôle ${label}. La modification est enregistrée dans le journal d’audit.`);
      }
    } catch (e) {
      const shown = formError(e);
      const conflict = e instanceof GraphQLRequestError && e.code === "CONFLICT";
      setError(conflict ? { ...shown, title: held ? "Retrait impossible" : "Modification impossible" } : shown);
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  return (
    <li className="pl-admin-user">
      <h3 className="fr-h6 fr-mb-1v">{name}</h3>
      <p className="fr-text--sm fr-mb-1w pl-mention">
        {[u.email, u.organisationLabel].filter((x) => x !== "").join(" · ") || "Aucune coordonnée transmise"}
      </p>
      <AccessRoleBadges roles={u.accessRoles} />
      <ul className="pl-actions">
        {GRANTABLE.map((role) => {
          const held = u.accessRoles.includes(role);
          const label = ACCESS_ROLE_LABELS[role].toLowerCase();
          return (
            <li key={role}>
              <Button
                priority={held ? "tertiary" : "secondary"}
                size="small"
                iconId={held ? "fr-icon-close-line" : "fr-icon-add-line"}
                nativeButtonProps={{ "aria-disabled": busy || undefined }}
                onClick={() => void change(role, held)}
              >
                {held ? `Retirer le rôle ${label}` : `Donner le rôle ${label}`}
                <span className="fr-sr-only"> à {name}</span>
              </Button>
            </li>
          );
        })}
      </ul>
      <div role="status">
        {done !== "" && <Alert severity="success" small description={done} className="fr-mt-1w" />}
      </div>
      <div role="alert">
        {error && <Alert severity="error" small title={error.title} description={error.description} as="h4" className="fr-mt-1w" />}
      </div>
    </li>
  );
}

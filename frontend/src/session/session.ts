// The session as the SPA knows it: who is signed in, whether that is still
// being checked, and whether a session ended without the person asking.
// Pure functions only, so that the rules are unit-tested without a DOM.
import type { AccessRole, MeQuery } from "../gql/graphql";
import type { SessionSignal } from "../graphql/client";

type MeAnswer = NonNullable<MeQuery["me"]>;

/** Me is the signed-in person, with their own profile (always there for `me`). */
export type Me = Omit<MeAnswer, "profile"> & { profile: NonNullable<MeAnswer["profile"]> };

/**
 * asMe reads the me query's answer. `User.profile` is null only for another
 * person the viewer may not see; the server always gives the signed-in person
 * their own, so an answer without it is treated as nobody signed in.
 */
export function asMe(me: MeQuery["me"] | undefined): Me | null {
  return me?.profile ? { ...me, profile: me.profile } : null;
}

/** SessionState is what the session context holds. */
export type SessionState = {
  /** me is the signed-in person, or null when nobody is (or no longer) signed in. */
  me: Me | null;
  /** loading is true until the first answer to the me query. */
  loading: boolean;
  /** expired is true once the server said that the session ended (until the next sign-in). */
  expired: boolean;
  /** noticeDismissed is true when the person closed the "session expired" notice. */
  noticeDismissed: boolean;
};

export const initialSessionState: SessionState = { me: null, loading: true, expired: false, noticeDismissed: false };

/** SessionEvent is what changes the session state. */
export type SessionEvent =
  /** The me query answered. */
  | { type: "loaded"; me: Me | null }
  /** The me query failed (network, server error): nobody is shown as signed in. */
  | { type: "failed" }
  /** A GraphQL response said something about the session (see onSessionSignal). */
  | ({ type: "signal" } & SessionSignal)
  /** The person closed the notice. */
  | { type: "notice-dismissed" }
  /** The person chose who may see their profile (onboarding done). */
  | { type: "visibility-chosen" };

/**
 * sessionReducer applies an event. A session counts as expired when the
 * server says so (X-Session-Expired: the request carried a session cookie
 * that is no longer valid), or when an operation is refused as
 * UNAUTHENTICATED while the SPA thought the person was signed in. In both
 * cases the person is shown as signed out. An UNAUTHENTICATED error while
 * nobody was signed in is not an expiry: the page that asked explains it.
 */
export function sessionReducer(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case "loaded":
      if (event.me === null) return { ...state, me: null, loading: false };
      return { me: event.me, loading: false, expired: false, noticeDismissed: false };
    case "failed":
      return state.loading ? { ...state, loading: false } : state;
    case "signal": {
      const expired = event.sessionExpired || (event.unauthenticated && state.me !== null);
      if (!expired || (state.expired && state.me === null)) return state;
      return { ...state, me: null, expired: true, noticeDismissed: false };
    }
    case "notice-dismissed":
      return state.noticeDismissed ? state : { ...state, noticeDismissed: true };
    case "visibility-chosen":
      if (state.me === null || state.me.profile.visibilityChosen) return state;
      return { ...state, me: { ...state.me, profile: { ...state.me.profile, visibilityChosen: true } } };
  }
}

/** ACCESS_ROLE_LABELS are the French names of the access roles. */
export const ACCESS_ROLE_LABELS: Record<AccessRole, string> = {
  AGENT: "Agent",
  MANAGER: "Manager",
  ADMIN: "Administrateur",
};

/** ACCESS_ROLE_DESCRIPTIONS say what each role allows, in French, as the end of "<role> : …". */
export const ACCESS_ROLE_DESCRIPTIONS: Record<AccessRole, string> = {
  AGENT:
    "déclarer vos compétences, choisir qui voit votre profil, trouver un collègue et recommander les compétences de vos collègues.",
  MANAGER:
    "rechercher des talents parmi les profils que les agents vous rendent visibles, les garder dans vos listes et valider les niveaux déclarés.",
  ADMIN: "attribuer et retirer les rôles d’accès\u00a0; rechercher des talents et tenir des listes comme un manager.",
};

const ACCESS_ROLE_ORDER: readonly AccessRole[] = ["AGENT", "MANAGER", "ADMIN"];

/** sortedAccessRoles returns the roles from the broadest (AGENT) to the most privileged, without duplicates. */
export function sortedAccessRoles(roles: readonly AccessRole[]): AccessRole[] {
  return ACCESS_ROLE_ORDER.filter((role) => roles.includes(role));
}

/** fullName is the given name then the usual name, as people sign. */
export function fullName(me: Pick<Me, "givenName" | "usualName">): string {
  return [me.givenName, me.usualName]
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .join(" ");
}

/** LOGIN_PATH and LOGOUT_PATH are the server's sign-in routes (not the SPA's). */
export const LOGIN_PATH = "/auth/login";
export const LOGOUT_PATH = "/auth/logout";

/**
 * loginHref is the address that starts sign-in and comes back to returnTo,
 * a path of this site (the server also refuses any other).
 */
export function loginHref(returnTo: string): string {
  const local = returnTo.startsWith("/") && !returnTo.startsWith("//") && !returnTo.startsWith("/\\") ? returnTo : "/";
  return `${LOGIN_PATH}?return_to=${encodeURIComponent(local)}`;
}

/**
 * addressAfterSignOut returns the address to show instead of href when it is
 * where the provider sends the browser back after sign-out: the home page
 * with only the echoed "state" of RP-initiated logout, which the SPA does
 * not use. It returns null when href is to be left as it is.
 */
export function addressAfterSignOut(href: string): string | null {
  const url = new URL(href);
  const keys = [...url.searchParams.keys()];
  if (url.pathname !== "/" || keys.length !== 1 || keys[0] !== "state") return null;
  return `${url.pathname}${url.hash}`;
}

/** ONBOARDING_OFFERED marks, in sessionStorage, that the onboarding was already shown in this tab. */
export const ONBOARDING_OFFERED = "passerelles.onboarding-offered";

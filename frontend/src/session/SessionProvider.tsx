import { createContext, useContext, useEffect, useMemo, useReducer, type ReactNode } from "react";
import { onSessionSignal, request } from "../graphql/client";
import { asMe, initialSessionState, sessionReducer, type Me } from "./session";
import { graphql } from "../gql";

/** ME_QUERY loads the signed-in person, or null when nobody is signed in. */
export const ME_QUERY = graphql(`
  query Me {
    me {
      id
      givenName
      usualName
      email
      organisationLabel
      accessRoles
      animatedCommunities {
        code
        name
      }
      profile {
        id
        visibilityChosen
      }
    }
  }
`);

/** Session is what components read from the session context. */
export type Session = {
  me: Me | null;
  loading: boolean;
  expired: boolean;
  /** showExpiredNotice is true while the "session expired" notice should be shown. */
  showExpiredNotice: boolean;
  dismissExpiredNotice: () => void;
  /** visibilityChosen records that the person completed the onboarding. */
  visibilityChosen: () => void;
};

const SessionContext = createContext<Session | null>(null);

/**
 * SessionProvider loads the signed-in person when the SPA starts (sign-in
 * and sign-out are full-page navigations, so the SPA starts again after
 * each), and again when the browser shows the page from its back-forward
 * cache. It listens to every GraphQL response to notice an expired session.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(sessionReducer, initialSessionState);

  useEffect(() => onSessionSignal((signal) => dispatch({ type: "signal", ...signal })), []);

  useEffect(() => {
    let controller: AbortController | null = null;
    const load = () => {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      request(ME_QUERY, {}, { signal: current.signal }).then(
        (data) => dispatch({ type: "loaded", me: asMe(data.me) }),
        () => {
          if (!current.signal.aborted) dispatch({ type: "failed" });
        },
      );
    };
    load();
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) load();
    };
    window.addEventListener("pageshow", onPageShow);
    return () => {
      window.removeEventListener("pageshow", onPageShow);
      controller?.abort();
    };
  }, []);

  const session = useMemo<Session>(
    () => ({
      me: state.me,
      loading: state.loading,
      expired: state.expired,
      showExpiredNotice: state.expired && !state.noticeDismissed,
      dismissExpiredNotice: () => dispatch({ type: "notice-dismissed" }),
      visibilityChosen: () => dispatch({ type: "visibility-chosen" }),
    }),
    [state],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** useSession returns the session; it must be called under SessionProvider. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error("useSession: no SessionProvider above this component");
  return session;
}

import { Notice } from "@codegouvfr/react-dsfr/Notice";
import { useLocation } from "../router";
import { useSession } from "../session/SessionProvider";
import { loginHref } from "../session/session";

/** SESSION_EXPIRED_MESSAGE is what the person reads when their session ended. */
export const SESSION_EXPIRED_MESSAGE = "Votre session a expiré. Reconnectez-vous pour continuer.";

/**
 * SessionExpiredNotice tells, under the header, that the session ended,
 * with a link that signs in again and comes back to the current page. Its
 * container is a live region that stays in the DOM, so that screen readers
 * announce the notice when it appears.
 */
export function SessionExpiredNotice({ hidden }: { hidden?: boolean }) {
  const { showExpiredNotice, dismissExpiredNotice } = useSession();
  const { pathname, search } = useLocation();
  return (
    <div role="status">
      {showExpiredNotice && !hidden && (
        <Notice
          severity="warning"
          title={SESSION_EXPIRED_MESSAGE}
          link={{
            text: "Se reconnecter",
            linkProps: { href: loginHref(pathname + search), target: "_self", rel: undefined },
          }}
          isClosable
          onClose={dismissExpiredNotice}
        />
      )}
    </div>
  );
}

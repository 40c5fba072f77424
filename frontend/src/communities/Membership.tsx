import "./communities.css";
import { useRef, useState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { MemberRole } from "../gql/graphql";
import { useGraphQLMutation } from "../graphql/query";
import { formError, type FormError } from "../profile/forms";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";
import { quoted } from "./rules";
import { JOIN_COMMUNITY_MUTATION, LEAVE_COMMUNITY_MUTATION, MEMBERSHIP_INVALIDATES } from "./queries";

/**
 * Membership is the « Rejoindre » / « Quitter » button of a community, with
 * what happened in a status line (or the server's refusal in an alert). The
 * focus stays on the button, whose label then offers the opposite. An
 * animator who leaves loses the role: they are asked first.
 */
export function Membership({
  community,
}: {
  community: { id: string; name: string; viewerRole?: MemberRole | null; archivedAt?: string | null };
}) {
  const join = useGraphQLMutation(JOIN_COMMUNITY_MUTATION, MEMBERSHIP_INVALIDATES);
  const leave = useGraphQLMutation(LEAVE_COMMUNITY_MUTATION, MEMBERSHIP_INVALIDATES);
  const [done, setDone] = useState("");
  const [error, setError] = useState<FormError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const busy = useRef(false);
  const focusAfterRender = useFocusAfterRender();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const member = community.viewerRole != null;
  const archived = community.archivedAt != null;

  const change = async (leaving: boolean) => {
    if (busy.current) return;
    busy.current = true;
    setDone("");
    setError(null);
    try {
      const input = { communityId: community.id };
      if (leaving) {
        await leave.mutateAsync({ input });
        setDone(`Vous avez quitté ${quoted(community.name)}.`);
      } else {
        await join.mutateAsync({ input });
        setDone(`Vous êtes membre de ${quoted(community.name)}.`);
      }
    } catch (e) {
      setError(formError(e));
    } finally {
      busy.current = false;
      setConfirming(false);
      focusAfterRender(() => buttonRef.current);
    }
  };

  if (archived && !member) return <p className="fr-text--sm pl-mention">Communauté archivée : elle n’accueille plus de membres.</p>;
  return (
    <div className="pl-membership">
      {!confirming && (
        <Button
          ref={buttonRef}
          priority={member ? "secondary" : "primary"}
          size="small"
          iconId={member ? "fr-icon-logout-box-r-line" : "fr-icon-team-line"}
          onClick={() => {
            if (member && community.viewerRole === "ANIMATOR") {
              setConfirming(true);
              focusAfterRender(() => confirmRef.current);
            } else void change(member);
          }}
        >
          {member ? "Quitter" : "Rejoindre"}
          <span className="fr-sr-only"> {quoted(community.name)}</span>
        </Button>
      )}
      {confirming && (
        <div className="pl-confirm">
          <p ref={confirmRef} tabIndex={-1} className="fr-mb-1w">
            Vous animez cette communauté : en la quittant, vous perdez le rôle d’animation. Un administrateur pourra
            vous le rendre.
          </p>
          <ul className="pl-actions">
            <li>
              <Button size="small" onClick={() => void change(true)}>
                Quitter la communauté
              </Button>
            </li>
            <li>
              <Button
                size="small"
                priority="secondary"
                onClick={() => {
                  setConfirming(false);
                  focusAfterRender(() => buttonRef.current);
                }}
              >
                Rester
              </Button>
            </li>
          </ul>
        </div>
      )}
      <div role="status">{done !== "" && <p className="fr-text--sm fr-mt-1w fr-mb-0">{done}</p>}</div>
      <div role="alert">
        {error && <Alert severity="error" small title={error.title} description={error.description} as="h4" className="fr-mt-1w" />}
      </div>
    </div>
  );
}

import "../communities/communities.css";
import { useRef, useState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useGraphQLMutation, useGraphQLQuery, usePageSettled } from "../graphql/query";
import { useHashTarget } from "../router";
import { formError, type FormError } from "../profile/forms";
import { formatDateTime } from "../dates";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";
import { ErrorAlert } from "../components/ErrorAlert";
import {
  CALENDAR_FEED_QUERY,
  CREATE_CALENDAR_FEED_MUTATION,
  RENEW_CALENDAR_FEED_MUTATION,
  REVOKE_CALENDAR_FEED_MUTATION,
} from "./queries";

const FEED_INVALIDATES = ["MyCalendarFeed"] as const;

/**
 * MyCalendarFeed is « Mon agenda »: the personal calendar feed of one's
 * registrations, created, renewed or revoked. Only its hash is kept, so the
 * address is shown once, when made, with « Copier le lien »; renewing stops
 * the former address, and so does revoking (after a question).
 */
export function MyCalendarFeed({ headingLevel: Heading = "h2" }: { headingLevel?: "h2" | "h3" }) {
  const query = useGraphQLQuery(CALENDAR_FEED_QUERY, {});
  const create = useGraphQLMutation(CREATE_CALENDAR_FEED_MUTATION, FEED_INVALIDATES);
  const renew = useGraphQLMutation(RENEW_CALENDAR_FEED_MUTATION, FEED_INVALIDATES);
  const revoke = useGraphQLMutation(REVOKE_CALENDAR_FEED_MUTATION, FEED_INVALIDATES);
  const [url, setUrl] = useState<string | null>(null);
  const [asking, setAsking] = useState<null | "renew" | "revoke">(null);
  const [done, setDone] = useState("");
  const [copied, setCopied] = useState("");
  const [error, setError] = useState<FormError | null>(null);
  const busy = useRef(false);
  const urlRef = useRef<HTMLInputElement>(null);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const renewRef = useRef<HTMLButtonElement>(null);
  const revokeRef = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const feed = query.data?.me?.calendarFeed ?? null;
  // « /mon-espace#agenda »: the heading takes the focus once the page has loaded.
  useHashTarget(headingRef, usePageSettled());

  const run = async (action: () => Promise<void>, focus: () => HTMLElement | null) => {
    if (busy.current) return;
    busy.current = true;
    setError(null);
    setDone("");
    setCopied("");
    try {
      await action();
    } catch (e) {
      setError(formError(e));
    } finally {
      busy.current = false;
      setAsking(null);
      focusAfterRender(focus);
    }
  };

  const copy = async () => {
    if (url === null) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied("Lien copié dans le presse-papiers.");
    } catch {
      urlRef.current?.select();
      setCopied("La copie automatique n’est pas possible ici : le lien est sélectionné, copiez-le avec Ctrl+C.");
    }
  };

  return (
    <section aria-labelledby="agenda" className="pl-calendar-feed">
      <Heading id="agenda" ref={headingRef} tabIndex={-1} className="fr-h4 fr-mt-4w">
        Mon agenda
      </Heading>
      <p>
        Abonnez votre agenda (Outlook, Thunderbird, votre téléphone) à vos inscriptions : les événements où vous avez une
        place, ceux où vous êtes en liste d’attente, et leurs changements ou annulations, s’y ajoutent d’eux-mêmes. Le
        lien suffit pour lire ces inscriptions, sans connexion : ne le partagez pas.
      </p>
      {query.isPending && <p role="status">Chargement…</p>}
      {query.error !== null && <ErrorAlert error={query.error} />}
      {url !== null && (
        <div className="pl-feed-url fr-mb-2w">
          <Input
            label="Adresse de votre agenda"
            hintText="Copiez ce lien maintenant : il ne sera plus affiché. Passerelles n’en garde qu’une empreinte, qui ne permet pas de le retrouver. Vous pourrez en créer un nouveau, l’ancien cessera alors de fonctionner."
            nativeInputProps={{ ref: urlRef, value: url, readOnly: true, onFocus: (e) => e.currentTarget.select() }}
          />
          <Button iconId="fr-icon-clipboard-line" priority="secondary" onClick={() => void copy()}>
            Copier le lien
          </Button>
          <p role="status" className="fr-text--sm fr-mt-1w">
            {copied}
          </p>
        </div>
      )}
      {query.data && feed === null && url === null && (
        <>
          <p>Vous n’avez pas encore de lien d’agenda.</p>
          <Button
            iconId="fr-icon-calendar-line"
            onClick={() =>
              void run(async () => {
                const result = await create.mutateAsync({});
                setUrl(result.createCalendarFeed?.calendarFeed.url ?? null);
              }, () => urlRef.current)
            }
          >
            Créer mon lien d’agenda
          </Button>
        </>
      )}
      {feed !== null && (
        <>
          <p>
            Votre lien d’agenda fonctionne depuis le {formatDateTime(feed.createdAt)}.
            {url === null && " Pour le retrouver, créez-en un nouveau : l’ancien cessera de fonctionner."}
          </p>
          {asking !== null ? (
            <div className="pl-confirm fr-mb-2w">
              <p ref={questionRef} tabIndex={-1} className="fr-mb-1w">
                {asking === "renew"
                  ? "Créer un nouveau lien ? L’adresse actuelle cessera aussitôt de fonctionner : les agendas abonnés avec elle ne recevront plus vos inscriptions."
                  : "Supprimer votre lien d’agenda ? Son adresse cessera aussitôt de fonctionner et les agendas abonnés ne recevront plus vos inscriptions."}
              </p>
              <ul className="pl-actions">
                <li>
                  <Button
                    size="small"
                    onClick={() =>
                      asking === "renew"
                        ? void run(async () => {
                            const result = await renew.mutateAsync({});
                            setUrl(result.renewCalendarFeed?.calendarFeed.url ?? null);
                          }, () => urlRef.current)
                        : void run(async () => {
                            await revoke.mutateAsync({});
                            setUrl(null);
                            setDone("Votre lien d’agenda est supprimé : son adresse ne fonctionne plus.");
                          }, () => headingRef.current)
                    }
                  >
                    {asking === "renew" ? "Créer un nouveau lien" : "Supprimer le lien"}
                  </Button>
                </li>
                <li>
                  <Button
                    size="small"
                    priority="secondary"
                    onClick={() => {
                      const back = asking === "renew" ? renewRef : revokeRef;
                      setAsking(null);
                      focusAfterRender(() => back.current);
                    }}
                  >
                    Annuler
                  </Button>
                </li>
              </ul>
            </div>
          ) : (
            <ul className="pl-actions">
              <li>
                <Button
                  ref={renewRef}
                  size="small"
                  priority="secondary"
                  iconId="fr-icon-refresh-line"
                  onClick={() => {
                    setAsking("renew");
                    focusAfterRender(() => questionRef.current);
                  }}
                >
                  Renouveler le lien
                </Button>
              </li>
              <li>
                <Button
                  ref={revokeRef}
                  size="small"
                  priority="tertiary"
                  iconId="fr-icon-delete-line"
                  onClick={() => {
                    setAsking("revoke");
                    focusAfterRender(() => questionRef.current);
                  }}
                >
                  Supprimer le lien
                </Button>
              </li>
            </ul>
          )}
        </>
      )}
      <div role="status">{done !== "" && <Alert severity="success" small description={done} className="fr-mt-1w" />}</div>
      <div role="alert">
        {error && <Alert severity="error" small title={error.title} description={error.description} as="h3" className="fr-mt-1w" />}
      </div>
    </section>
  );
}

import { useEffect, useId, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Link, navigate, PageHeading, useDocumentTitle, useLocation } from "../router";
import type { PageProps } from "../routes";
import { paths } from "../paths";
import { useSession } from "../session/SessionProvider";
import { isNotFound, useGraphQLMutation, useGraphQLQuery } from "../graphql/query";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import { fieldErrors, formError, type FormError } from "../profile/forms";
import {
  CREATE_EVENT_MUTATION,
  EVENT_COMMUNITIES_QUERY,
  EVENT_COMMUNITY_QUERY,
  EVENT_FORM_QUERY,
  EVENT_VIEWS,
  UPDATE_EVENT_MUTATION,
} from "./queries";
import {
  draftFrom,
  EMPTY_EVENT,
  eventField,
  eventInput,
  eventSchema,
  MAX_DESCRIPTION,
  MAX_SKILLS,
  MAX_TITLE,
  type EventDraft,
} from "./eventForm";
import { PARIS } from "../dates";
import { EVENT_FORMATS, EVENT_KINDS, FORMAT_LABELS, KIND_LABELS } from "./labels";
import { plural } from "../format";
import { eventPath } from "./EventSummary";
import { flashOnEventPage, SAVED_DRAFT, savedChanges } from "./flash";
import "./events.css";

const NOT_MANAGER = "Seuls les animateurs de la communauté et les administrateurs créent et modifient ses événements.";

/**
 * NewEventPage (/evenements/nouveau?communaute=code) creates a draft event in
 * a community; without a community it first asks which one.
 */
export function NewEventPage() {
  useDocumentTitle("Créer un événement", "Événements");
  const { search } = useLocation();
  const code = new URLSearchParams(search).get("communaute")?.trim() ?? "";
  const breadcrumb = (
    <Breadcrumb
      currentPageLabel="Créer un événement"
      homeLinkProps={{ href: paths.home }}
      segments={[{ label: "Événements", linkProps: { href: paths.events } }]}
    />
  );
  return (
    <>
      {breadcrumb}
      <PageHeading>Créer un événement</PageHeading>
      {code === "" ? <ChooseCommunity /> : <NewEventInCommunity code={code} />}
    </>
  );
}

/** ChooseCommunity asks in which community the event is created (those the viewer may manage). */
function ChooseCommunity() {
  const { me } = useSession();
  const query = useGraphQLQuery(EVENT_COMMUNITIES_QUERY, {});
  const [code, setCode] = useState("");
  const admin = me?.accessRoles.includes("ADMIN") ?? false;
  if (query.isPending) return <Loading label="Chargement des communautés…" />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const mine = query.data.communities.edges.map((e) => e.node).filter((c) => admin || c.viewerRole === "ANIMATOR");
  if (mine.length === 0) return <p>{NOT_MANAGER}</p>;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (code !== "") navigate(paths.newEvent(code));
      }}
    >
      <Select label="Communauté qui organise l’événement" nativeSelectProps={{ value: code, onChange: (e) => setCode(e.target.value), required: true }}>
        <option value="" disabled>
          Choisir une communauté
        </option>
        {mine.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </Select>
      <Button type="submit">Continuer</Button>
    </form>
  );
}

function NewEventInCommunity({ code }: { code: string }) {
  const { me } = useSession();
  const query = useGraphQLQuery(EVENT_COMMUNITY_QUERY, { code });
  const create = useGraphQLMutation(CREATE_EVENT_MUTATION, [...EVENT_VIEWS]);
  if (query.isPending) return <Loading label="Chargement de la communauté…" />;
  if (query.isError || !query.data.community) {
    return isNotFound(query.error) ? <p>La communauté « {code} » n’existe pas.</p> : <ErrorAlert error={query.error} />;
  }
  const community = query.data.community;
  if (!(me?.accessRoles.includes("ADMIN") || community.viewerRole === "ANIMATOR")) return <p>{NOT_MANAGER}</p>;
  if (community.archivedAt) return <p>La communauté {community.name} est archivée : elle ne prend plus de nouvel événement.</p>;
  return (
    <>
      <p className="fr-text--lead">
        Organisé par : {community.name}. L’événement est d’abord un brouillon que seuls ses animateurs et les administrateurs voient ;
        publiez-le depuis sa page pour ouvrir les inscriptions.
      </p>
      <EventForm
        initial={EMPTY_EVENT}
        skills={community.skills}
        regions={query.data.regions.edges.map((e) => e.node)}
        submitLabel="Créer le brouillon"
        save={async (input) => {
          const r = await create.mutateAsync({ input: { ...input, communityId: community.id } });
          const id = r.createEvent?.event.id;
          if (id) {
            flashOnEventPage(id, SAVED_DRAFT);
            navigate(eventPath(id));
          }
        }}
        cancelHref={paths.events}
      />
    </>
  );
}

/** EditEventPage (/evenements/:id/modifier) changes an event; participants are told of a new time, place or link. */
export function EditEventPage({ params }: PageProps) {
  const id = params.id ?? "";
  const query = useGraphQLQuery(EVENT_FORM_QUERY, { id });
  const event = query.data?.event ?? null;
  const community = useGraphQLQuery(EVENT_COMMUNITY_QUERY, { code: event?.community.code ?? "" }, { enabled: event !== null });
  const update = useGraphQLMutation(UPDATE_EVENT_MUTATION, [...EVENT_VIEWS]);
  useDocumentTitle(event ? `Modifier «\u00a0${event.title}\u00a0»` : "Modifier l’événement", "Événements");
  const breadcrumb = (
    <Breadcrumb
      currentPageLabel="Modifier"
      homeLinkProps={{ href: paths.home }}
      segments={[
        { label: "Événements", linkProps: { href: paths.events } },
        ...(event ? [{ label: event.title, linkProps: { href: eventPath(event.id) } }] : []),
      ]}
    />
  );
  let body;
  if (query.isPending || (event !== null && community.isPending)) body = <Loading label="Chargement de l’événement…" />;
  else if (query.isError || event === null) {
    body = isNotFound(query.error) ? <p>Cet événement n’existe pas.</p> : <ErrorAlert error={query.error} />;
  } else if (community.isError) body = <ErrorAlert error={community.error} />;
  else if (!event.viewerCanManage) body = <p>{NOT_MANAGER}</p>;
  else if (event.status === "CANCELLED") body = <p>Cet événement est annulé : il ne se modifie plus.</p>;
  else if (!event.viewerCanChange) body = <p>Cet événement a déjà commencé : il ne se modifie plus.</p>;
  else {
    const own = community.data?.community?.skills ?? [];
    const skills = [...own, ...event.skills.filter((s) => !own.some((o) => o.id === s.id))];
    body = (
      <>
        {event.status === "PUBLISHED" && event.registeredCount > 0 && (
          <p>
            Les personnes inscrites et en attente seront prévenues si la date, l’heure, le lieu ou le lien change. La capacité
            ne descend pas sous {plural(event.registeredCount, "place déjà prise", "places déjà prises")}.
          </p>
        )}
        <EventForm
          initial={draftFrom(event)}
          timeZone={event.timeZone}
          skills={skills}
          regions={community.data?.regions.edges.map((e) => e.node) ?? []}
          submitLabel="Enregistrer les modifications"
          save={async (input) => {
            await update.mutateAsync({ input: { ...input, eventId: event.id } });
            flashOnEventPage(event.id, savedChanges(event.status === "PUBLISHED", event.registeredCount));
            navigate(eventPath(event.id));
          }}
          cancelHref={eventPath(event.id)}
        />
      </>
    );
  }
  return (
    <>
      {breadcrumb}
      <PageHeading>{event ? `Modifier «\u00a0${event.title}\u00a0»` : "Modifier l’événement"}</PageHeading>
      {body}
    </>
  );
}

/**
 * EventForm is the event's form (react-hook-form + zod, the mirror of the
 * domain's rules). A field refused here or by the server shows its message
 * under it and takes the focus; any other refusal goes in the alert above,
 * which takes the focus. What was typed stays.
 */
/** FIELD_ORDER is the order of the form's fields on the page (what the focus follows). */
const FIELD_ORDER: (keyof EventDraft)[] = [
  "title",
  "kind",
  "format",
  "startsAt",
  "endsAt",
  "address",
  "regionId",
  "onlineUrl",
  "capacity",
  "registrationDeadline",
  "skillIds",
  "description",
];

function EventForm({
  initial,
  timeZone = PARIS,
  skills,
  regions,
  submitLabel,
  save,
  cancelHref,
}: {
  initial: EventDraft;
  timeZone?: string;
  skills: readonly { id: string; code: string; name: string }[];
  regions: readonly { id: string; name: string }[];
  submitLabel: string;
  save: (input: ReturnType<typeof eventInput>) => Promise<void>;
  cancelHref: string;
}) {
  const id = useId();
  const {
    register,
    handleSubmit,
    control,
    setError: setFieldError,
    setFocus,
    formState: { errors, isSubmitting },
    // The focus goes to the first refused field in the page's order (onInvalid), not in
    // the order fields were registered: the address and the link appear with their format.
  } = useForm<EventDraft>({ resolver: zodResolver(eventSchema), defaultValues: initial, shouldFocusError: false });
  const [error, setError] = useState<FormError | null>(null);
  // The summary of the fields refused here: the first of them has the focus, not the summary.
  const [incomplete, setIncomplete] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const format = useWatch({ control, name: "format" });
  const hasPlace = format === "ONSITE" || format === "HYBRID";
  const hasLink = format === "ONLINE" || format === "HYBRID";
  useEffect(() => {
    if (error) alertRef.current?.focus();
  }, [error]);

  const submit = async (d: EventDraft) => {
    setError(null);
    setIncomplete(false);
    try {
      await save(eventInput(d, timeZone));
    } catch (e) {
      const onFields = fieldErrors(e).flatMap((f) => {
        const name = eventField(f.field);
        return name ? [{ name, message: f.message }] : [];
      });
      if (onFields.length > 0) {
        setIncomplete(true);
        onFields.forEach((f) => setFieldError(f.name, { type: "server", message: f.message }));
        const first = FIELD_ORDER.find((name) => onFields.some((f) => f.name === name));
        if (first) setFocus(first);
      } else {
        setError(formError(e));
      }
    }
  };
  const onInvalid = (refused: Partial<Record<keyof EventDraft, unknown>>) => {
    setError(null);
    setIncomplete(true);
    const first = FIELD_ORDER.find((name) => refused[name] !== undefined);
    if (first) setFocus(first);
  };

  const stateOf = (name: keyof EventDraft) => ({
    state: errors[name] ? ("error" as const) : ("default" as const),
    stateRelatedMessage: errors[name]?.message,
  });

  return (
    <form noValidate onSubmit={(event) => void handleSubmit(submit, onInvalid)(event)} className="pl-event-form">
      <div ref={alertRef} tabIndex={-1} className="pl-focus-target">
        {error && <Alert severity="error" title={error.title} description={error.description} as="h2" className="fr-mb-3w" />}
      </div>
      {incomplete && !error && Object.keys(errors).length > 0 && (
        <Alert
          severity="error"
          title="Votre saisie contient des erreurs"
          description="Chaque champ à corriger le dit sous lui."
          as="h2"
          small
          className="fr-mb-3w"
        />
      )}
      <Input label="Titre" hintText={`${MAX_TITLE} caractères au plus.`} {...stateOf("title")} nativeInputProps={{ autoComplete: "off", ...register("title") }} />
      <Select label="Type" {...stateOf("kind")} nativeSelectProps={register("kind")}>
        {EVENT_KINDS.map((k) => (
          <option key={k} value={k}>
            {KIND_LABELS[k]}
          </option>
        ))}
      </Select>
      <RadioButtons
        legend="Format"
        {...stateOf("format")}
        options={EVENT_FORMATS.map((f) => ({ label: FORMAT_LABELS[f], nativeInputProps: { value: f, ...register("format") } }))}
      />
      <div className="pl-event-form__times">
        <Input
          label="Début"
          hintText="Date et heure de Paris."
          {...stateOf("startsAt")}
          nativeInputProps={{ type: "datetime-local", ...register("startsAt") }}
        />
        <Input
          label="Fin"
          hintText="Après le début."
          {...stateOf("endsAt")}
          nativeInputProps={{ type: "datetime-local", ...register("endsAt") }}
        />
      </div>
      {hasPlace && (
        <>
          <Input
            label="Adresse du lieu"
            hintText="Bâtiment, rue, ville ; salle si besoin."
            textArea
            {...stateOf("address")}
            nativeTextAreaProps={{ rows: 2, ...register("address") }}
          />
          <Select label="Région (facultatif)" hint="Pour que les agents trouvent l’événement par région." {...stateOf("regionId")} nativeSelectProps={register("regionId")}>
            <option value="">Non précisée</option>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </Select>
        </>
      )}
      {hasLink && (
        <Input
          label="Lien de connexion"
          hintText="Adresse https://. Seules les personnes inscrites qui ont une place le voient."
          {...stateOf("onlineUrl")}
          nativeInputProps={{ type: "url", autoComplete: "off", ...register("onlineUrl") }}
        />
      )}
      <Input
        label="Nombre de places (facultatif)"
        hintText="Laissez vide pour ne pas limiter. Une fois complet, les inscriptions vont sur une liste d’attente."
        {...stateOf("capacity")}
        nativeInputProps={{ type: "number", min: 1, step: 1, inputMode: "numeric", ...register("capacity") }}
      />
      <Input
        label="Date limite d’inscription (facultatif)"
        hintText="Avant le début ; sans date, les inscriptions ferment au début de l’événement."
        {...stateOf("registrationDeadline")}
        nativeInputProps={{ type: "datetime-local", ...register("registrationDeadline") }}
      />
      {skills.length > 0 && (
        <Checkbox
          legend={`Compétences développées (facultatif, ${MAX_SKILLS} au plus)`}
          {...stateOf("skillIds")}
          options={skills.map((s) => ({ label: `${s.code} ${s.name}`, nativeInputProps: { value: s.id, ...register("skillIds") } }))}
        />
      )}
      <Input
        label="Description (facultatif)"
        hintText={`En Markdown : **gras**, listes, liens. ${MAX_DESCRIPTION.toLocaleString("fr-FR")} caractères au plus.`}
        textArea
        {...stateOf("description")}
        nativeTextAreaProps={{ rows: 8, "aria-describedby": `${id}-md`, ...register("description") }}
      />
      <p id={`${id}-md`} className="fr-sr-only">
        Le code HTML n’est pas interprété.
      </p>
      <ul className="pl-actions">
        <li>
          <Button type="submit" disabled={isSubmitting}>
            {submitLabel}
          </Button>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" href={cancelHref}>
            Annuler
          </Link>
        </li>
      </ul>
    </form>
  );
}

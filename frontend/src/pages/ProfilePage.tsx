import { useEffect, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Link, PageHeading, useDocumentTitle } from "../router";
import { paths } from "../paths";
import type { PageProps } from "../routes";
import { useSession } from "../session/SessionProvider";
import { fullName } from "../session/session";
import { isNotFound, useGraphQLMutation, useGraphQLQuery } from "../graphql/query";
import { PROFILE_QUERY, PROFILE_QUERY_NAME } from "../profile/profileQuery";
import type { ProfileQuery } from "../gql/graphql";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";
import { fieldErrors, formError, type FormError } from "../profile/forms";
import { validationSchema, type ValidationDraft } from "../profile/validation";
import { FAMILY_LABELS, VISIBILITY_LABELS } from "../profile/labels";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import { DeclaredSkillSummary } from "../components/DeclaredSkill";
import { ReviewedEvidence } from "../components/ReviewedEvidence";
import { ProfileWheels } from "../components/ProfileWheels";
import { AddToShortlist } from "../components/AddToShortlist";
import { canKeepShortlists } from "../shortlists/rules";
import { graphql } from "../gql";

/** ENDORSE_SKILL_MUTATION endorses another agent's declared skill. */
export const ENDORSE_SKILL_MUTATION = graphql(`
  mutation EndorseSkill($input: EndorseSkillInput!) {
    endorseSkill(input: $input) {
      skill {
        endorsementCount
        endorsedByMe
      }
    }
  }
`);

/** VALIDATE_SKILL_MUTATION lets a manager validate the level of an agent's skill. */
export const VALIDATE_SKILL_MUTATION = graphql(`
  mutation ValidateSkill($input: ValidateSkillInput!) {
    validateSkill(input: $input) {
      skill {
        validationStatus
      }
    }
  }
`);

type Profile = NonNullable<ProfileQuery["profile"]>;
type Declared = Profile["skills"][number];

/** ProfilePage shows an agent's profile as far as the viewer may see it. */
export function ProfilePage({ params }: PageProps) {
  const id = params.id ?? "";
  const { me } = useSession();
  const query = useGraphQLQuery(PROFILE_QUERY, { id });
  const [status, setStatus] = useState("");
  const profile = query.data?.profile ?? null;
  const notFound = (query.isSuccess && profile === null) || (query.isError && isNotFound(query.error));
  const name = profile ? fullName(profile) : "";
  useDocumentTitle(profile ? name : notFound ? "Profil introuvable ou non visible" : "Profil", "Profils");

  if (me === null) return null;
  const breadcrumb = (label: string) => (
    <Breadcrumb currentPageLabel={label} homeLinkProps={{ href: paths.home }} segments={[]} />
  );
  if (query.isPending) {
    return (
      <>
        {breadcrumb("Profil")}
        <Loading label="Chargement du profil…" />
      </>
    );
  }
  if (notFound) {
    return (
      <>
        {breadcrumb("Profil introuvable")}
        <PageHeading>Profil introuvable ou non visible</PageHeading>
        <p>
          Ce profil n’existe pas, ou la personne a choisi de ne pas le montrer. Retourner à{" "}
          <Link href={paths.mySpace} className="fr-link">
            mon espace
          </Link>
          .
        </p>
      </>
    );
  }
  if (profile === null) {
    return (
      <>
        {breadcrumb("Profil")}
        <PageHeading>Profil</PageHeading>
        {query.isError && <ErrorAlert error={query.error} />}
      </>
    );
  }
  const isManager = me.accessRoles.includes("MANAGER");
  // The mutations refetched the profile before calling back: announce what changed.
  const done = (message: string) => setStatus(message);

  return (
    <>
      {breadcrumb(name)}
      <PageHeading>{name}</PageHeading>
      {profile.isMe && (
        <Alert
          severity="info"
          small
          className="fr-mb-3w"
          description={`Voici votre profil tel que les autres le voient. Visibilité : ${profile.visibility ? VISIBILITY_LABELS[profile.visibility].toLowerCase() : "non choisie (vous uniquement)"}.`}
        />
      )}
      <dl className="pl-profile">
        {profile.currentRole && <Item term="Métier actuel">{profile.currentRole.title}</Item>}
        {profile.organisation && <Item term="Entité">{profile.organisation.name}</Item>}
        {profile.region && <Item term="Région">{profile.region.name}</Item>}
        {profile.grade && <Item term="Catégorie">{profile.grade.label}</Item>}
        {profile.email && <Item term="Adresse électronique">{profile.email}</Item>}
        {profile.openToMobility && (
          <Item term="Mobilité">
            Mobilité souhaitée
            {profile.mobilityFamilies.length > 0 && ` : ${profile.mobilityFamilies.map((f) => FAMILY_LABELS[f].toLowerCase()).join(", ")}`}
            {profile.mobilityRegions.length > 0 && ` (${profile.mobilityRegions.map((r) => r.name).join(", ")})`}
          </Item>
        )}
        {profile.targetRoles.length > 0 && <Item term="Métiers visés">{profile.targetRoles.map((r) => r.title).join(", ")}</Item>}
        {profile.willingToMentor && <Item term="Mentorat">Accepte d’accompagner d’autres agents</Item>}
      </dl>
      {profile.bio && <p className="fr-mt-2w">{profile.bio}</p>}
      {!profile.isMe && canKeepShortlists(me.accessRoles) && <AddToShortlist agentId={profile.id} agentName={name} />}

      <h2 className="fr-h3 fr-mt-4w">Compétences</h2>
      <p role="status" className="pl-status">
        {status}
      </p>
      <ProfileWheels declared={profile.skills} />
      {profile.skills.length === 0 ? (
        <p>Aucune compétence déclarée.</p>
      ) : (
        <ul className="pl-skill-list">
          {profile.skills.map((d) => (
            <SkillItem key={d.skill.id} profile={profile} declared={d} isManager={isManager} onDone={done} />
          ))}
        </ul>
      )}
    </>
  );
}

function Item({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function SkillItem({
  profile,
  declared: d,
  isManager,
  onDone,
}: {
  profile: Profile;
  declared: Declared;
  isManager: boolean;
  onDone: (message: string) => void;
}) {
  const [validating, setValidating] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const endorseRef = useRef<HTMLButtonElement>(null);
  const validateRef = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const endorseSkill = useGraphQLMutation(ENDORSE_SKILL_MUTATION, [PROFILE_QUERY_NAME]);

  /**
   * refocus gives the focus back to the button that opened an action, or,
   * when that button is gone (« Recommander » once done), to the skill's heading.
   */
  const refocus = (button: React.RefObject<HTMLButtonElement | null>) =>
    focusAfterRender(() => {
      const target = button.current;
      return target && target.isConnected && !target.disabled ? target : headingRef.current;
    });

  const endorse = async () => {
    setBusy(true);
    setError(null);
    try {
      await endorseSkill.mutateAsync({ input: { agentId: profile.id, skillId: d.skill.id } });
      onDone(`Vous avez recommandé « ${d.skill.name} ».`);
    } catch (e) {
      setError(formError(e));
    } finally {
      setBusy(false);
      refocus(endorseRef);
    }
  };

  const endorsers = d.endorsers.map((p) => fullName(p));
  return (
    <li>
      <h3 ref={headingRef} tabIndex={-1} className="fr-h6 pl-focus-target">
        <span className="pl-code">{d.skill.code}</span> {d.skill.name}{" "}
        <span className="pl-mention fr-text--sm">({d.skill.framework.name})</span>
      </h3>
      <DeclaredSkillSummary declared={d} mine={profile.isMe} />
      {endorsers.length > 0 && (
        <p className="fr-text--sm">
          Recommandée par {endorsers.join(", ")}
          {d.endorsedByMe && " (dont vous)"}.
        </p>
      )}
      {error && <Alert severity="error" small title={error.title} description={error.description} as="h4" className="fr-mb-2w" />}
      <ul className="pl-actions">
        {!profile.isMe && !d.endorsedByMe && (
          <li>
            <Button priority="secondary" iconId="fr-icon-thumb-up-line" disabled={busy} onClick={endorse} ref={endorseRef}>
              Recommander<span className="fr-sr-only"> « {d.skill.name} »</span>
            </Button>
          </li>
        )}
        {isManager && !profile.isMe && !validating && (
          <li>
            <Button
              priority="secondary"
              iconId="fr-icon-success-line"
              ref={validateRef}
              onClick={() => setValidating(true)}
              nativeButtonProps={{ "aria-expanded": false }}
            >
              Valider le niveau<span className="fr-sr-only"> de « {d.skill.name} »</span>
            </Button>
          </li>
        )}
      </ul>
      {validating && (
        <ValidateForm
          profile={profile}
          declared={d}
          onCancel={() => {
            setValidating(false);
            refocus(validateRef);
          }}
          onDone={(message) => {
            onDone(message);
            setValidating(false);
            refocus(validateRef);
          }}
        />
      )}
    </li>
  );
}

function ValidateForm({
  profile,
  declared: d,
  onCancel,
  onDone,
}: {
  profile: Profile;
  declared: Declared;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const [schema] = useState(() => validationSchema(d.level.value));
  const {
    register,
    control,
    handleSubmit,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<ValidationDraft>({
    resolver: zodResolver(schema),
    defaultValues: { level: String(d.level.value), comment: "" },
  });
  const [error, setError] = useState<FormError | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const validateSkill = useGraphQLMutation(VALIDATE_SKILL_MUTATION, [PROFILE_QUERY_NAME]);
  const different = Number(useWatch({ control, name: "level" })) !== d.level.value;
  const commentError = errors.comment?.message;
  const formRef = useRef<HTMLFormElement>(null);

  // As the declaration's form does: when the form opens, its first field takes the focus
  // (the level checked, the declared one, as the Tab key would reach it in its group);
  // otherwise « Valider le niveau » disappears under the focus and leaves it to the page.
  useEffect(() => {
    const form = formRef.current;
    (form?.querySelector<HTMLInputElement>("input[type=radio]:checked") ?? form?.querySelector<HTMLInputElement>("input[type=radio]"))?.focus();
  }, []);

  const save = async (draft: ValidationDraft) => {
    setError(null);
    const level = Number(draft.level);
    const comment = draft.comment.trim();
    try {
      await validateSkill.mutateAsync({
        input: { agentId: profile.id, skillId: d.skill.id, level, comment: comment === "" ? null : comment },
      });
      const chosen = d.skill.levels.find((l) => l.value === level);
      onDone(`Niveau ${chosen?.code ?? level} validé pour « ${d.skill.name} ».`);
    } catch (e) {
      setError(formError(e));
      // A refusal of a field goes under it, and the field takes the focus; any other, the alert.
      const onField = fieldErrors(e).find((f) => f.field === "comment" || f.field === "level");
      if (onField) setFieldError(onField.field as "comment" | "level", { type: "server", message: onField.message }, { shouldFocus: true });
      else requestAnimationFrame(() => alertRef.current?.focus());
    }
  };

  const evidenceHeadingId = `validate-${d.skill.id}-evidence`;
  return (
    <form
      ref={formRef}
      className="pl-skill-form pl-validate-form"
      onSubmit={(event) => void handleSubmit(save)(event)}
      noValidate
      aria-label={`Valider le niveau de « ${d.skill.name} »`}
    >
      <div ref={alertRef} tabIndex={-1} className="pl-focus-target pl-validate-alert">
        {error && <Alert severity="error" small title={error.title} description={error.description} as="h4" className="fr-mb-2w" />}
      </div>
      {/* The evidence beside the levels (below them on a narrow screen): what the level rests on. */}
      <ReviewedEvidence declared={d} skillName={d.skill.name} headingId={evidenceHeadingId} />
      <div className="pl-validate-fields">
        <RadioButtons
          legend="Niveau validé"
          hintText={`Niveau déclaré : ${d.level.code} — ${d.level.label}.`}
          name={`validate-${d.skill.id}`}
          options={d.skill.levels.map((l) => ({
            label: `Niveau ${l.code} — ${l.label}${l.value === d.level.value ? " (déclaré)" : ""}`,
            nativeInputProps: { value: String(l.value), ...register("level") },
          }))}
        />
        <Input
          label={different ? "Commentaire" : "Commentaire (facultatif)"}
          hintText={different ? "Obligatoire quand le niveau validé diffère du niveau déclaré." : undefined}
          textArea
          state={commentError ? "error" : "default"}
          stateRelatedMessage={commentError}
          nativeTextAreaProps={{ rows: 3, required: different, ...register("comment") }}
        />
      </div>
      <ul className="pl-actions pl-validate-actions">
        <li>
          <Button type="submit" disabled={isSubmitting}>
            Valider
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

import { useRef, useState } from "react";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Notice } from "@codegouvfr/react-dsfr/Notice";
import { Tabs } from "@codegouvfr/react-dsfr/Tabs";
import { Link, PageHeading, useDocumentTitle } from "../router";
import { paths } from "../paths";
import { useSession } from "../session/SessionProvider";
import { useQuery } from "../graphql/useQuery";
import { PROFILE_QUERY, SKILLS_FRAMEWORK_QUERY } from "../graphql/operations";
import type { ProfileQuery, SkillsFrameworkQuery } from "../gql/graphql";
import { useReloadableQuery } from "../profile/useReloadableQuery";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";
import { rankingFrom } from "../profile/topSkills";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import { Disclosure } from "../components/Disclosure";
import { SkillWheel } from "../components/SkillWheel";
import { ValidationBadge } from "../components/ValidationBadge";
import { SkillHistory } from "../components/SkillHistory";
import { DeclareSkillForm } from "../components/DeclareSkillForm";
import { TopSkills } from "../components/TopSkills";
import { plural } from "../format";
import { EVIDENCE_KIND_LABELS, formatDate } from "../profile/labels";

type Declared = NonNullable<ProfileQuery["profile"]>["skills"][number];
type Framework = NonNullable<SkillsFrameworkQuery["framework"]>;

const TABS = [
  { tabId: "pix", label: "Pix — culture numérique" },
  { tabId: "ecf", label: "e-CF — métiers du numérique" },
];

/** MySkillsPage lets the signed-in agent declare, change, rank and remove their skills. */
export function MySkillsPage() {
  useDocumentTitle("Mes compétences");
  const { me } = useSession();
  const profileId = me?.profile.id ?? "";
  const { state, reload } = useReloadableQuery(PROFILE_QUERY, { id: profileId });
  const [tab, setTab] = useState("pix");
  const [status, setStatus] = useState("");
  const topHeading = useRef<HTMLHeadingElement>(null);
  const focusAfterRender = useFocusAfterRender();

  if (me === null) return null;
  const profile = state.status === "success" ? state.data.profile : null;
  const declared = profile?.skills ?? [];

  const done = async (message: string) => {
    await reload();
    setStatus(message);
  };

  return (
    <>
      <Breadcrumb currentPageLabel="Mes compétences" homeLinkProps={{ href: paths.home }} segments={[]} />
      <PageHeading>Mes compétences</PageHeading>
      <p className="fr-text--lead">
        Déclarez vos compétences sur les référentiels Pix et e-CF, indiquez votre niveau et ce qui le justifie.
      </p>
      <p>
        <Link href={paths.profile(profileId)} className="fr-link fr-icon-eye-line fr-link--icon-left">
          Voir mon profil tel que les autres le voient
        </Link>
      </p>
      {!me.profile.visibilityChosen && (
        <Notice
          className="fr-mb-3w"
          title={
            <>
              Votre profil n’est visible que par vous tant que vous n’avez pas choisi qui peut le voir.{" "}
              <Link href={paths.onboarding}>Compléter mon profil</Link>
            </>
          }
        />
      )}
      <p role="status" className="pl-status">
        {status}
      </p>

      {state.status === "loading" && <Loading label="Chargement de vos compétences…" />}
      {state.status === "error" && <ErrorAlert error={state.error} />}
      {profile && (
        <>
          <h2 ref={topHeading} tabIndex={-1} className="fr-h3 pl-focus-target">
            Mes compétences phares
          </h2>
          {declared.length === 0 ? (
            <p>Déclarez d’abord des compétences : vous pourrez ensuite en choisir cinq au plus, par ordre d’importance.</p>
          ) : (
            <TopSkills
              key={rankingFrom(declared.map((d) => ({ id: d.skill.id, topRank: d.topRank }))).join(",") + declared.length}
              skills={declared.map((d) => ({ id: d.skill.id, label: `${d.skill.code} ${d.skill.name}` }))}
              initial={rankingFrom(declared.map((d) => ({ id: d.skill.id, topRank: d.topRank })))}
              onSaved={async (message) => {
                // The ranking is drawn again (its key changes): its heading takes the focus.
                focusAfterRender(() => topHeading.current);
                await done(message);
              }}
            />
          )}

          <h2 className="fr-h3 fr-mt-6w">Par référentiel</h2>
          <Tabs selectedTabId={tab} tabs={TABS} onTabChange={setTab} label="Référentiels de compétences">
            <FrameworkSkills key={tab} code={tab} declared={declared} onDone={done} />
          </Tabs>
        </>
      )}
    </>
  );
}

function FrameworkSkills({
  code,
  declared,
  onDone,
}: {
  code: string;
  declared: readonly Declared[];
  onDone: (message: string) => Promise<void>;
}) {
  const result = useQuery(SKILLS_FRAMEWORK_QUERY, { code });
  if (result.status === "loading") return <Loading label="Chargement du référentiel…" />;
  if (result.status === "error") return <ErrorAlert error={result.error} />;
  const framework = result.data.framework;
  if (!framework) return null;
  return <FrameworkSkillsList framework={framework} declared={declared} onDone={onDone} />;
}

function FrameworkSkillsList({
  framework,
  declared,
  onDone,
}: {
  framework: Framework;
  declared: readonly Declared[];
  onDone: (message: string) => Promise<void>;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement | null>());
  const focusAfterRender = useFocusAfterRender();
  const mine = declared.filter((d) => d.skill.framework.code === framework.code);
  const maxLevel = framework.levels.length;
  const declaredCount = mine.length;

  const close = (skillId: string) => {
    focusAfterRender(() => buttons.current.get(skillId));
    setOpen(null);
  };

  return (
    <>
      <h3 className="fr-h4">Mon profil {framework.name} par domaine</h3>
      <p>
        {plural(declaredCount, "compétence déclarée", "compétences déclarées")} sur{" "}
        {plural(framework.domains.reduce((n, d) => n + d.skills.edges.length, 0), "compétence", "compétences")}.
      </p>
      <SkillWheel
        frameworkName={framework.name}
        domains={framework.domains}
        declared={mine.map((d) => ({ domainCode: d.skill.domain.code, level: d.level.value }))}
        maxLevel={maxLevel}
      />
      <Disclosure label={`Échelle des niveaux ${framework.name}`} className="fr-mt-2w">
        <dl className="pl-levels">
          {framework.levels.map((l) => (
            <div key={l.value}>
              <dt>
                Niveau {l.code} — {l.label}
              </dt>
              <dd>{l.description}</dd>
            </div>
          ))}
        </dl>
      </Disclosure>

      {framework.domains.map((domain) => (
        <section key={domain.code} aria-labelledby={`domaine-${framework.code}-${domain.code}`}>
          <h3 id={`domaine-${framework.code}-${domain.code}`} className="fr-h5 fr-mt-4w">
            <span className="pl-code">{domain.code}</span> {domain.name}
          </h3>
          <ul className="pl-skill-list">
            {domain.skills.edges.map(({ node: skill }) => {
              const d = mine.find((x) => x.skill.id === skill.id) ?? null;
              const isOpen = open === skill.id;
              return (
                <li key={skill.id}>
                  <h4 className="fr-h6">
                    <span className="pl-code">{skill.code}</span> {skill.name}
                  </h4>
                  <p className="fr-text--sm">{skill.description}</p>
                  {d ? (
                    <p className="pl-declared">
                      <strong>
                        Niveau {d.level.code} — {d.level.label}
                      </strong>{" "}
                      <ValidationBadge status={d.validationStatus} />
                      {d.topRank !== null && (
                        <Badge severity="new" small noIcon>
                          {`Compétence phare n° ${d.topRank}`}
                        </Badge>
                      )}{" "}
                      <span className="pl-mention">
                        {plural(d.endorsementCount, "recommandation", "recommandations")}
                        {d.wantsToDevelop ? " · à développer" : ""}
                        {d.currentUse ? "" : " · utilisée par le passé"}
                      </span>
                    </p>
                  ) : (
                    <p className="pl-mention fr-text--sm">Non déclarée</p>
                  )}
                  {d && d.evidence.length > 0 && (
                    <ul className="pl-evidence-summary fr-text--sm" aria-label={`Justificatifs de « ${skill.name} »`}>
                      {d.evidence.map((e) => (
                        <li key={e.id}>
                          {EVIDENCE_KIND_LABELS[e.kind]} : {e.title}
                          {e.score !== null && ` — score Pix ${e.score}`}
                          {e.obtainedOn && ` — obtention : ${formatDate(e.obtainedOn)}`}
                        </li>
                      ))}
                    </ul>
                  )}
                  {d && d.validationStatus !== "NOT_VALIDATED" && d.validatedAt && d.validatedLevel && (
                    <p className="fr-text--sm">
                      {`Niveau ${d.validatedLevel.code} validé le ${formatDate(d.validatedAt)} `}
                      {d.validatedByName ? `par ${d.validatedByName}.` : "par un manager dont le compte a été supprimé."}
                    </p>
                  )}
                  {d?.validationStatus === "VALIDATED_LOWER" && d.validatedLevel && (
                    <p className="fr-text--sm">
                      Niveau validé : {d.validatedLevel.code}. Commentaire du manager : « {d.validationComment} »
                    </p>
                  )}
                  {!isOpen && (
                    <button
                      type="button"
                      ref={(el) => {
                        buttons.current.set(skill.id, el);
                      }}
                      className={`fr-btn fr-btn--sm fr-btn--icon-left ${d ? "fr-btn--secondary fr-icon-edit-line" : "fr-icon-add-line"}`}
                      aria-expanded={false}
                      onClick={() => setOpen(skill.id)}
                    >
                      {d ? "Modifier" : "Déclarer"}
                      <span className="fr-sr-only"> « {skill.name} »</span>
                    </button>
                  )}
                  {isOpen && (
                    <DeclareSkillForm
                      skill={{ ...skill, levels: skill.levels }}
                      declared={d}
                      onCancel={() => close(skill.id)}
                      onDone={async (message) => {
                        await onDone(message);
                        close(skill.id);
                      }}
                    />
                  )}
                  {d && d.history.length > 0 && <SkillHistory skillName={skill.name} history={d.history} />}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}

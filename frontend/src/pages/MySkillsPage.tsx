import { useRef, useState } from "react";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Notice } from "@codegouvfr/react-dsfr/Notice";
import { Tabs } from "@codegouvfr/react-dsfr/Tabs";
import { Link, PageHeading, useDocumentTitle } from "../router";
import { paths } from "../paths";
import { useSession } from "../session/SessionProvider";
import { useGraphQLQuery } from "../graphql/query";
import { PROFILE_QUERY } from "../profile/profileQuery";
import type { ProfileQuery, SkillsFrameworkQuery } from "../gql/graphql";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";
import { rankingFrom } from "../profile/topSkills";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import { Disclosure } from "../components/Disclosure";
import { SkillWheel } from "../components/SkillWheel";
import { DeclaredSkillSummary } from "../components/DeclaredSkill";
import { SkillHistory } from "../components/SkillHistory";
import { DeclareSkillForm } from "../components/DeclareSkillForm";
import { TopSkills } from "../components/TopSkills";
import { plural } from "../format";
import { graphql } from "../gql";

/** SKILLS_FRAMEWORK_QUERY loads a referential with, for each competence, the levels it defines. */
export const SKILLS_FRAMEWORK_QUERY = graphql(`
  query SkillsFramework($code: String!) {
    framework(code: $code) {
      code
      name
      levels {
        value
        code
        label
        description
      }
      domains {
        code
        name
        skills(first: 100) {
          edges {
            node {
              id
              code
              name
              description
              levels {
                value
                code
                label
                description
              }
            }
          }
        }
      }
    }
  }
`);

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
  const query = useGraphQLQuery(PROFILE_QUERY, { id: profileId }, { enabled: me !== null });
  const [tab, setTab] = useState("pix");
  const [status, setStatus] = useState("");
  const topHeading = useRef<HTMLHeadingElement>(null);
  const focusAfterRender = useFocusAfterRender();

  if (me === null) return null;
  const profile = query.data?.profile ?? null;
  const declared = profile?.skills ?? [];

  // The mutations refetched the profile before calling back: announce what changed.
  const done = (message: string) => {
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

      {query.isPending && <Loading label="Chargement de vos compétences…" />}
      {query.isError && <ErrorAlert error={query.error} />}
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
              onSaved={(message) => {
                // The ranking is drawn again (its key changes): its heading takes the focus.
                focusAfterRender(() => topHeading.current);
                done(message);
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
  onDone: (message: string) => void;
}) {
  const result = useGraphQLQuery(SKILLS_FRAMEWORK_QUERY, { code });
  if (result.status === "pending") return <Loading label="Chargement du référentiel…" />;
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
  onDone: (message: string) => void;
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
                    <DeclaredSkillSummary declared={d} mine />
                  ) : (
                    <p className="pl-mention fr-text--sm">Non déclarée</p>
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
                      onDone={(message) => {
                        onDone(message);
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

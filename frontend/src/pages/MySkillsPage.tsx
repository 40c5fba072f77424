import { useRef, useState } from "react";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Notice } from "@codegouvfr/react-dsfr/Notice";
import { Tabs } from "@codegouvfr/react-dsfr/Tabs";
import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Link, PageHeading, useDocumentTitle } from "../router";
import { paths } from "../paths";
import { useSession } from "../session/SessionProvider";
import { useGraphQLQuery } from "../graphql/query";
import { PROFILE_QUERY } from "../profile/profileQuery";
import type { ProfileQuery } from "../gql/graphql";
import { useFocusAfterRender } from "../profile/useFocusAfterRender";
import { rankingFrom } from "../profile/topSkills";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import { Disclosure } from "../components/Disclosure";
import { SkillWheel } from "../components/SkillWheel";
import { DeclaredSkillSummary } from "../components/DeclaredSkill";
import { SkillHistory } from "../components/SkillHistory";
import { DeclareSkillForm, type SkillToDeclare } from "../components/DeclareSkillForm";
import { TopSkills } from "../components/TopSkills";
import { RemovedSkills } from "../components/RemovedSkills";
import { MIN_SEARCH_LENGTH, SEARCH_DELAY_MS, useDebounced } from "../components/SkillSearch";
import { SKILLS_FRAMEWORK_QUERY, wheelDeclared, wheelDomains, type Framework } from "../profile/frameworkQuery";
import { plural } from "../format";
import { graphql } from "../gql";

/** FILTER_SKILLS_QUERY finds the competences of every referential that match a text (the server's search). */
export const FILTER_SKILLS_QUERY = graphql(`
  query FilterSkills($search: String!, $first: Int!) {
    skills(search: $search, first: $first) {
      totalCount
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
          framework {
            code
            name
          }
          domain {
            code
            name
          }
        }
      }
    }
  }
`);

type Declared = NonNullable<ProfileQuery["profile"]>["skills"][number];

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
  const [filter, setFilter] = useState("");
  const search = useDebounced(filter.trim(), SEARCH_DELAY_MS);
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
          <SkillFilter text={filter} onChange={setFilter} />
          {search.length >= MIN_SEARCH_LENGTH ? (
            <FilteredSkills search={search} declared={declared} onDone={done} />
          ) : (
            <Tabs className="pl-framework-tabs" selectedTabId={tab} tabs={TABS} onTabChange={setTab} label="Référentiels de compétences">
              <FrameworkSkills key={tab} code={tab} declared={declared} onDone={done} />
            </Tabs>
          )}
          <RemovedSkills profileId={profileId} />
        </>
      )}
    </>
  );
}


/**
 * SkillFilter is the box that filters the competences of both referentials.
 * The server searches (passerelles.FoldForSearch: case, accents and
 * compatibility forms ignored), so the filter finds what the search finds.
 */
function SkillFilter({ text, onChange }: { text: string; onChange: (text: string) => void }) {
  return (
    <form role="search" aria-label="Filtrer les compétences" onSubmit={(event) => event.preventDefault()} className="fr-mb-3w">
      <Input
        label="Filtrer les compétences Pix et e-CF"
        hintText={`Au moins ${MIN_SEARCH_LENGTH} caractères, par exemple «\u00a0données\u00a0» ou «\u00a0securite\u00a0». Les accents sont facultatifs.`}
        iconId="fr-icon-search-line"
        nativeInputProps={{
          type: "search",
          value: text,
          onChange: (event) => onChange(event.target.value),
          autoComplete: "off",
          spellCheck: false,
        }}
      />
    </form>
  );
}

/** byCode orders competence codes as the referentials do (« 1.2 » before « 1.10 »). */
function byCode(a: { code: string }, b: { code: string }): number {
  return a.code.localeCompare(b.code, "fr", { numeric: true });
}

/** FilteredSkills lists the competences that match the filter, by referential, each declarable in place. */
function FilteredSkills({
  search,
  declared,
  onDone,
}: {
  search: string;
  declared: readonly Declared[];
  onDone: (message: string) => void;
}) {
  const result = useGraphQLQuery(FILTER_SKILLS_QUERY, { search, first: 100 });
  const status =
    result.status === "pending"
      ? "Recherche en cours…"
      : result.status === "success"
        ? result.data.skills.totalCount === 0
          ? `Aucune compétence ne correspond à « ${search} ».`
          : `${plural(result.data.skills.totalCount, "compétence correspond", "compétences correspondent")} à « ${search} ».`
        : "";
  const nodes = result.status === "success" ? result.data.skills.edges.map((e) => e.node) : [];
  const frameworks = TABS.map((t) => ({
    code: t.tabId,
    label: t.label,
    skills: nodes.filter((n) => n.framework.code === t.tabId).sort(byCode),
  })).filter((f) => f.skills.length > 0);
  return (
    <>
      <p role="status" aria-live="polite" aria-atomic="true" className="fr-mb-2w">
        {status}
      </p>
      {result.status === "error" && <ErrorAlert error={result.error} />}
      {frameworks.map((f) => (
        <section key={f.code} aria-labelledby={`filtre-${f.code}`}>
          <h3 id={`filtre-${f.code}`} className="fr-h5 fr-mt-2w">
            {f.label}
          </h3>
          <ul className="pl-skill-list">
            {f.skills.map((skill) => (
              <SkillEntry
                key={skill.id}
                skill={skill}
                context={`${skill.domain.code} ${skill.domain.name}`}
                declared={declared.find((d) => d.skill.id === skill.id) ?? null}
                onDone={onDone}
              />
            ))}
          </ul>
        </section>
      ))}
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
  // Domains fold; only an unfolded domain's competences are in the DOM.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const mine = declared.filter((d) => d.skill.framework.code === framework.code);
  const maxLevel = framework.levels.length;

  return (
    <>
      <h3 className="fr-h4">Mon profil {framework.name} par compétence</h3>
      <p>
        {plural(mine.length, "compétence déclarée", "compétences déclarées")} sur{" "}
        {plural(framework.domains.reduce((n, d) => n + d.skills.edges.length, 0), "compétence", "compétences")}.
      </p>
      <SkillWheel
        frameworkName={framework.name}
        domains={wheelDomains(framework)}
        declared={wheelDeclared(mine, framework.code)}
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

      {/* Not an fr-accordions-group: the DSFR would fold a domain when another one unfolds. */}
      <div className="fr-mt-4w">
        {framework.domains.map((domain) => {
          const isOpen = expanded.has(domain.code);
          const count = domain.skills.edges.filter(({ node }) => mine.some((d) => d.skill.id === node.id)).length;
          return (
            <Accordion
              key={domain.code}
              titleAs="h3"
              label={
                <span className="pl-domain-label">
                  <span>
                    <span className="pl-code">{domain.code}</span> {domain.name}
                  </span>
                  <span className="fr-sr-only"> : </span>
                  <span className="pl-mention fr-text--sm">
                    {plural(count, "compétence déclarée", "compétences déclarées")} sur {domain.skills.edges.length}
                  </span>
                </span>
              }
              expanded={isOpen}
              onExpandedChange={(open) =>
                setExpanded((prev) => {
                  const next = new Set(prev);
                  if (open) next.add(domain.code);
                  else next.delete(domain.code);
                  return next;
                })
              }
            >
              {isOpen ? (
                <ul className="pl-skill-list">
                  {domain.skills.edges.map(({ node: skill }) => (
                    <SkillEntry
                      key={skill.id}
                      skill={skill}
                      declared={mine.find((x) => x.skill.id === skill.id) ?? null}
                      onDone={onDone}
                    />
                  ))}
                </ul>
              ) : (
                <></>
              )}
            </Accordion>
          );
        })}
      </div>
    </>
  );
}

/**
 * SkillEntry is one competence to declare: its description, what the agent
 * declared, « Déclarer » or « Modifier » that opens the form in place (its
 * first field takes the focus), and the declaration's history. When the form
 * closes, its button takes the focus back.
 */
function SkillEntry({
  skill,
  context,
  declared: d,
  onDone,
}: {
  skill: SkillToDeclare & { description: string };
  /** context says where the competence belongs when it is shown outside its domain. */
  context?: string;
  declared: Declared | null;
  onDone: (message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const close = () => {
    focusAfterRender(() => button.current);
    setOpen(false);
  };
  return (
    <li>
      <h4 className="fr-h6">
        <span className="pl-code">{skill.code}</span> {skill.name}
      </h4>
      {context && <p className="fr-text--sm pl-mention">Domaine {context}</p>}
      <p className="fr-text--sm">
        {skill.description}
      </p>
      {d ? <DeclaredSkillSummary declared={d} mine /> : <p className="pl-mention fr-text--sm">Non déclarée</p>}
      {!open && (
        <button
          type="button"
          ref={button}
          className={`fr-btn fr-btn--sm fr-btn--icon-left ${d ? "fr-btn--secondary fr-icon-edit-line" : "fr-icon-add-line"}`}
          aria-expanded={false}
          onClick={() => setOpen(true)}
        >
          {d ? "Modifier" : "Déclarer"}
          <span className="fr-sr-only"> « {skill.name} »</span>
        </button>
      )}
      {open && (
        <DeclareSkillForm
          skill={skill}
          declared={d}
          onCancel={close}
          onDone={(message) => {
            onDone(message);
            close();
          }}
        />
      )}
      {d && d.history.length > 0 && <SkillHistory skillName={skill.name} history={d.history} />}
    </li>
  );
}

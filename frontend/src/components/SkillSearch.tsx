import { useEffect, useId, useState } from "react";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Link } from "../router";
import { paths } from "../paths";
import { useGraphQLQuery } from "../graphql/query";
import { ErrorAlert } from "./ErrorAlert";
import { plural } from "../format";
import { graphql } from "../gql";

/** SEARCH_SKILLS_QUERY finds competences by text, optionally in one referential. */
export const SEARCH_SKILLS_QUERY = graphql(`
  query SearchSkills($search: String!, $framework: String, $first: Int!) {
    skills(search: $search, framework: $framework, first: $first) {
      totalCount
      edges {
        node {
          id
          code
          name
          nameEn
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

/** MIN_SEARCH_LENGTH is the shortest text that is sent to the server. */
export const MIN_SEARCH_LENGTH = 2;
/** SEARCH_DELAY_MS is how long typing must pause before a search is sent. */
export const SEARCH_DELAY_MS = 300;
const PAGE_SIZE = 20;

/** skillAnchor is the id of a competence on its framework page. */
export function skillAnchor(code: string): string {
  return `competence-${code.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** useDebounced returns value once it has not changed for delayMs. */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/** searchStatus is the sentence announced to screen readers after a search. */
export function searchStatus(totalCount: number, shown: number, search: string): string {
  if (totalCount === 0) return `Aucune compétence trouvée pour « ${search} ».`;
  const found = `${plural(totalCount, "compétence trouvée", "compétences trouvées")} pour « ${search} »`;
  return shown < totalCount ? `${found}, ${shown} premières affichées.` : `${found}.`;
}

type SkillSearchProps = {
  /** framework limits the search to one referential (its code); otherwise all are searched. */
  framework?: { code: string; name: string };
  headingLevel: "h2" | "h3";
};

/**
 * SkillSearch searches competences as the user types (debounced). The
 * number of results is announced through a live region that stays in the
 * DOM, so that screen readers hear each new count.
 */
export function SkillSearch({ framework, headingLevel: Heading }: SkillSearchProps) {
  const headingId = useId();
  const [text, setText] = useState("");
  const search = useDebounced(text.trim(), SEARCH_DELAY_MS);
  const skip = search.length < MIN_SEARCH_LENGTH;
  const result = useGraphQLQuery(
    SEARCH_SKILLS_QUERY,
    { search, framework: framework?.code ?? null, first: PAGE_SIZE },
    { enabled: !skip },
  );

  let status = "";
  if (!skip && result.status === "pending") status = "Recherche en cours…";
  if (!skip && result.status === "success") {
    status = searchStatus(result.data.skills.totalCount, result.data.skills.edges.length, search);
  }

  return (
    <section aria-labelledby={headingId} className="fr-mb-6w">
      <Heading id={headingId} className="fr-h3">
        {framework ? `Rechercher dans ${framework.name}` : "Rechercher dans tous les référentiels"}
      </Heading>
      <form role="search" onSubmit={(event) => event.preventDefault()}>
        <Input
          label="Rechercher une compétence"
          hintText={`Au moins ${MIN_SEARCH_LENGTH} caractères, par exemple «\u00a0données\u00a0» ou «\u00a0sécurité\u00a0». Les accents sont facultatifs.`}
          iconId="fr-icon-search-line"
          nativeInputProps={{
            type: "search",
            value: text,
            onChange: (event) => setText(event.target.value),
            autoComplete: "off",
            spellCheck: false,
          }}
        />
      </form>
      <p role="status" aria-live="polite" aria-atomic="true" className="fr-mt-2w fr-mb-1w">
        {status}
      </p>
      {!skip && result.status === "error" && <ErrorAlert error={result.error} />}
      {!skip && result.status === "success" && result.data.skills.edges.length > 0 && (
        <ul className="fr-raw-list pl-skill-list">
          {result.data.skills.edges.map(({ node }) => (
            <li key={node.id}>
              <Link
                href={
                  framework
                    ? `#${skillAnchor(node.code)}`
                    : `${paths.framework(node.framework.code)}`
                }
                className="fr-link"
              >
                <span className="pl-code">{node.code}</span>{" "}
                {node.name}
              </Link>
              <p className="fr-text--sm fr-mb-0">
                {framework ? node.domain.name : `${node.framework.name} · ${node.domain.name}`}
                {node.nameEn && node.nameEn !== node.name && (
                  <>
                    {" · "}
                    <span lang="en" className="pl-en">
                      {node.nameEn}
                    </span>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

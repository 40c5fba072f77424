import { Tag } from "@codegouvfr/react-dsfr/Tag";
import type { SearchTalentQuery } from "../gql/graphql";
import { FAMILY_LABELS } from "../profile/labels";
import { ORGANISATION_TYPE_LABELS } from "./explain";
import type { ListKey, TalentSearch } from "./filter";
import type { Referentials } from "./TalentSearchForm";

/** Facets are the counts of a search by bucket. */
export type Facets = NonNullable<SearchTalentQuery["searchTalent"]["facets"]>;

/** Bucket is one value of a facet: what it adds to the filter and how many results fall in it. */
export type Bucket = { value: string; label: string; count: number };

/** FacetGroup is one facet: the list of the filter it fills, its title and its buckets. */
export type FacetGroup = { key: ListKey; title: string; buckets: Bucket[] };

/**
 * facetGroups turns the API's facets into groups of buckets, and keeps the
 * values the filter already holds even when no result falls in them (count 0),
 * so that a chosen value can always be taken out where it was chosen.
 */
export function facetGroups(facets: Facets, search: TalentSearch, refs: Referentials): FacetGroup[] {
  const name = (list: readonly { id: string; name: string }[], id: string) => list.find((x) => x.id === id)?.name ?? id;
  const ministries = refs.ministries.edges.map((e) => e.node);
  const regions = refs.regions.edges.map((e) => e.node);
  const grades = refs.grades.edges.map((e) => ({ id: e.node.code, name: e.node.label }));
  const groups: FacetGroup[] = [
    {
      key: "ministryIds",
      title: "Ministère",
      buckets: facets.ministries.map((f) => ({ value: f.ministry.id, label: f.ministry.name, count: f.count })),
    },
    {
      key: "regionIds",
      title: "Région",
      buckets: facets.regions.map((f) => ({ value: f.region.id, label: f.region.name, count: f.count })),
    },
    {
      key: "gradeCodes",
      title: "Catégorie",
      buckets: facets.grades.map((f) => ({ value: f.grade.code, label: f.grade.label, count: f.count })),
    },
    {
      key: "organisationTypes",
      title: "Type d’entité",
      buckets: facets.organisationTypes.map((f) => ({ value: f.type, label: ORGANISATION_TYPE_LABELS[f.type], count: f.count })),
    },
    {
      key: "currentRoleFamilies",
      title: "Famille du métier actuel",
      buckets: facets.currentRoleFamilies.map((f) => ({ value: f.family, label: FAMILY_LABELS[f.family], count: f.count })),
    },
  ];
  const labelOf: Record<string, (v: string) => string> = {
    ministryIds: (v) => name(ministries, v),
    regionIds: (v) => name(regions, v),
    gradeCodes: (v) => name(grades, v),
    organisationTypes: (v) => ORGANISATION_TYPE_LABELS[v as keyof typeof ORGANISATION_TYPE_LABELS] ?? v,
    currentRoleFamilies: (v) => FAMILY_LABELS[v as keyof typeof FAMILY_LABELS] ?? v,
  };
  for (const g of groups) {
    for (const v of search[g.key] as readonly string[]) {
      if (!g.buckets.some((b) => b.value === v)) g.buckets.push({ value: v, label: labelOf[g.key]?.(v) ?? v, count: 0 });
    }
  }
  return groups.filter((g) => g.buckets.length > 0);
}

/**
 * TalentFacets shows the counts of the results by ministry, region, grade,
 * type of entity and family of the current role; each count is a toggle
 * (aria-pressed) that adds its value to the filter or takes it out.
 */
export function TalentFacets({
  groups,
  search,
  onToggle,
}: {
  groups: readonly FacetGroup[];
  search: TalentSearch;
  onToggle: (key: ListKey, value: string) => void;
}) {
  return (
    <>
      {groups.map((g) => (
        <div key={g.key} className="fr-mb-2w">
          <h3 className="fr-text--md fr-text--bold fr-mb-1w" id={`facette-${g.key}`}>
            {g.title}
          </h3>
          <ul className="fr-tags-group" aria-labelledby={`facette-${g.key}`}>
            {g.buckets.map((b) => {
              const pressed = (search[g.key] as readonly string[]).includes(b.value);
              return (
                <li key={b.value}>
                  <Tag as="button" small pressed={pressed} nativeButtonProps={{ type: "button" }} onClick={() => onToggle(g.key, b.value)}>
                    {b.label}&nbsp;: {b.count.toLocaleString("fr-FR")}
                    <span className="fr-sr-only"> {b.count <= 1 ? "résultat" : "résultats"}</span>
                  </Tag>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </>
  );
}

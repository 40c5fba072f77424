import type { ProfileFormFieldsFragment } from "../gql/graphql";
import { FAMILY_LABELS, VISIBILITY_LABELS } from "../profile/labels";

// The participle agrees with the term it answers: « Entité : Non renseignée »,
// « Métier actuel : Non renseigné ».
const NONE = "Non renseigné";
const NONE_F = "Non renseignée";

/** names joins names as a French list (« a, b et c »), or says that there is none. */
function names(list: readonly string[], none = NONE): string {
  if (list.length === 0) return none;
  return new Intl.ListFormat("fr-FR", { style: "long", type: "conjunction" }).format(list);
}

/**
 * ProfileSummary says what an agent's profile holds, as the profile form saved
 * it: the confirmation of the onboarding and of « Mon profil ».
 */
export function ProfileSummary({ profile: p }: { profile: ProfileFormFieldsFragment }) {
  const mobility = p.openToMobility
    ? [
        "Oui",
        p.mobilityFamilies.length > 0 ? `vers les ${names(p.mobilityFamilies.map((f) => FAMILY_LABELS[f].toLowerCase()))}` : "",
        p.mobilityRegions.length > 0 ? `en ${names(p.mobilityRegions.map((r) => r.name))}` : "",
      ]
        .filter((s) => s !== "")
        .join(", ")
    : "Non";
  const rows: [string, string][] = [
    ["Entité", p.organisation?.name ?? NONE_F],
    ["Région", p.region?.name ?? NONE_F],
    ["Catégorie", p.grade?.label ?? NONE_F],
    ["Métier actuel", p.currentRole?.title ?? NONE],
    ["Métiers visés", names(p.targetRoles.map((r) => r.title), "Aucun")],
    ["Mobilité souhaitée", mobility],
    ["Mentorat", p.willingToMentor ? "Oui" : "Non"],
    ["Présentation", p.bio === "" ? NONE_F : p.bio],
    ["Qui peut voir mon profil", p.visibility ? VISIBILITY_LABELS[p.visibility] : "Pas encore choisi"],
    ["Masqué pour", names((p.hiddenFromOrganisations ?? []).map((o) => o.name), "Aucune entité")],
  ];
  return (
    <dl className="pl-profile">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

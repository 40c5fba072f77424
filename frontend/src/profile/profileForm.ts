// The rules of the profile form (onboarding and « Mon profil »), once, as a zod
// schema over what the form holds, with the conversions between the form, the
// profile the API answers and the input updateMyProfile takes. The server checks
// again (passerelles.ProfileUpdate.Validate); these give the message on the field
// at once. Pure functions, unit-tested.
import { z } from "zod";
import type { RoleFamily, UpdateMyProfileInput, Visibility } from "../gql/graphql";
import { textProblem } from "./forms";
import { storedText } from "./evidence";

/** BIO_MAX is the domain's passerelles.MaxBioLength, in characters. */
export const BIO_MAX = 1000;

/** MAX_CHOSEN is how many target roles, mobility regions or hidden organisations the domain accepts. */
export const MAX_CHOSEN = 20;

/** VISIBILITIES are the choices of who may see a profile, from the most private. */
export const VISIBILITIES: readonly Visibility[] = ["PRIVATE", "MANAGERS", "ALL_AGENTS"];

const FAMILIES = ["BUSINESS", "DIGITAL"] as const satisfies readonly RoleFamily[];

const chosen = (what: string) =>
  z.array(z.string()).max(MAX_CHOSEN, { error: `Vous pouvez choisir ${MAX_CHOSEN} ${what} au plus.` });

/**
 * profileSchema checks the profile as the form holds it. Only the visibility
 * is required: the agent chooses it explicitly (it is never preselected).
 * ministry only narrows the list of entities; it is not sent.
 */
export const profileSchema = z.object({
  ministry: z.string(),
  organisationId: z.string(),
  regionId: z.string(),
  gradeCode: z.string(),
  currentRoleId: z.string(),
  openToMobility: z.boolean(),
  mobilityFamilies: z.array(z.enum(FAMILIES)),
  mobilityRegionIds: chosen("régions"),
  targetRoleIds: chosen("métiers visés"),
  willingToMentor: z.boolean(),
  bio: z.string().superRefine((s, ctx) => {
    // A pasted control or bidirectional character is pointed out on the field.
    const message =
      textProblem("Votre présentation", s, { multiLine: true }) ??
      ([...storedText(s, true)].length > BIO_MAX
        ? `Votre présentation compte ${BIO_MAX.toLocaleString("fr-FR")} caractères au plus.`
        : undefined);
    if (message !== undefined) ctx.addIssue({ code: "custom", message });
  }),
  visibility: z.union([z.enum(VISIBILITIES as [Visibility, ...Visibility[]]), z.literal("")]).refine((v) => v !== "", {
    error: "Choisissez qui peut voir votre profil.",
  }),
  hiddenFromOrganisationIds: chosen("entités"),
});

/** ProfileDraft is the profile as the form holds it (identifiers as strings, "" for none). */
export type ProfileDraft = z.input<typeof profileSchema>;

/** ProfileFieldName names a field of the form. */
export type ProfileFieldName = keyof ProfileDraft;

/** SavedProfile is what the form reads of a saved profile (the ProfileFormFields fragment). */
export type SavedProfile = {
  bio: string;
  visibility: Visibility | null;
  visibilityChosen: boolean;
  openToMobility: boolean;
  willingToMentor: boolean;
  organisation: { id: string; ministry: { code: string } } | null;
  region: { id: string } | null;
  grade: { code: string } | null;
  currentRole: { id: string } | null;
  targetRoles: readonly { id: string }[];
  mobilityFamilies: readonly RoleFamily[];
  mobilityRegions: readonly { id: string }[];
  hiddenFromOrganisations: readonly { id: string }[] | null;
};

/** AssertedOrganisation is the organisation the identity provider asserts, as matched at sign-in. */
export type AssertedOrganisation = { id: string; ministry: { code: string } } | null;

/**
 * draftFrom fills the form from the saved profile. A profile without an entity
 * (the first onboarding) gets the one the identity provider asserts, with its
 * ministry; a visibility that was never chosen is left unchosen.
 */
export function draftFrom(p: SavedProfile | null, asserted: AssertedOrganisation): ProfileDraft {
  const organisation = p?.organisation ?? asserted;
  return {
    ministry: organisation?.ministry.code ?? "",
    organisationId: organisation?.id ?? "",
    regionId: p?.region?.id ?? "",
    gradeCode: p?.grade?.code ?? "",
    currentRoleId: p?.currentRole?.id ?? "",
    openToMobility: p?.openToMobility ?? false,
    mobilityFamilies: [...(p?.mobilityFamilies ?? [])],
    mobilityRegionIds: (p?.mobilityRegions ?? []).map((r) => r.id),
    targetRoleIds: (p?.targetRoles ?? []).map((r) => r.id),
    willingToMentor: p?.willingToMentor ?? false,
    bio: p?.bio ?? "",
    visibility: p?.visibilityChosen && p.visibility ? p.visibility : "",
    hiddenFromOrganisationIds: (p?.hiddenFromOrganisations ?? []).map((o) => o.id),
  };
}

/**
 * profileInput is what updateMyProfile receives: every field, so that what the
 * form shows is what is saved; mobility wishes are emptied when the agent is
 * not open to mobility.
 */
export function profileInput(d: ProfileDraft): UpdateMyProfileInput {
  return {
    organisationId: d.organisationId,
    regionId: d.regionId,
    gradeCode: d.gradeCode,
    currentRoleId: d.currentRoleId,
    openToMobility: d.openToMobility,
    mobilityFamilies: d.openToMobility ? d.mobilityFamilies : [],
    mobilityRegionIds: d.openToMobility ? d.mobilityRegionIds : [],
    targetRoleIds: d.targetRoleIds,
    willingToMentor: d.willingToMentor,
    bio: d.bio,
    ...(d.visibility === "" ? {} : { visibility: d.visibility }),
    hiddenFromOrganisationIds: d.hiddenFromOrganisationIds,
  };
}

/**
 * profileField maps an input field the server names (« bio »,
 * « mobilityRegionIds.3 ») onto the form's field, or null when the form has none.
 */
export function profileField(field: string): ProfileFieldName | null {
  const name = field.split(".", 1)[0] ?? "";
  const fields: readonly ProfileFieldName[] = [
    "organisationId",
    "regionId",
    "gradeCode",
    "currentRoleId",
    "openToMobility",
    "mobilityFamilies",
    "mobilityRegionIds",
    "targetRoleIds",
    "willingToMentor",
    "bio",
    "visibility",
    "hiddenFromOrganisationIds",
  ];
  return (fields as readonly string[]).includes(name) ? (name as ProfileFieldName) : null;
}

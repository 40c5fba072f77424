// The talent search's filter as the page's address holds it: shareable, kept
// by the back button, and read again when the address changes. One pure
// mapping each way (address ↔ TalentSearch) and one to the API's input
// (TalentFilter), unit-tested in filter.test.ts.
import { z } from "zod";
import type { OrganisationType, RoleFamily, TalentFilter } from "../gql/graphql";

/** SkillCriterion is one skill of the search. */
export type SkillCriterion = {
  skillId: string;
  /** required: every result has it at minLevel at least; otherwise it only raises the rank. */
  required: boolean;
  /** minLevel is Level.value on the skill's scale (required skills only). */
  minLevel: number | null;
  /** validatedOnly counts only the level a manager validated. */
  validatedOnly: boolean;
};

/** TalentSearch is what the person asks for, in the order they added the skills. */
export type TalentSearch = {
  skills: SkillCriterion[];
  validatedOnly: boolean;
  ministryIds: string[];
  organisationTypes: OrganisationType[];
  organisationIds: string[];
  regionIds: string[];
  gradeCodes: string[];
  currentRoleIds: string[];
  currentRoleFamilies: RoleFamily[];
  openToMobility: boolean;
  mobilityFamilies: RoleFamily[];
  mobilityRegionIds: string[];
  willingToMentor: boolean;
  /** wantsToDevelopSkillId is "" when the criterion is not used. */
  wantsToDevelopSkillId: string;
  text: string;
};

/** ListKey names the criteria that hold a list of values (the facets toggle them). */
export type ListKey =
  | "ministryIds"
  | "organisationTypes"
  | "organisationIds"
  | "regionIds"
  | "gradeCodes"
  | "currentRoleIds"
  | "currentRoleFamilies"
  | "mobilityFamilies"
  | "mobilityRegionIds";

/** ORGANISATION_TYPES are the values of OrganisationType, in the order the page lists them. */
export const ORGANISATION_TYPES: readonly OrganisationType[] = ["CENTRAL", "DREETS", "DDETS", "ARS", "OPERATOR"];
/** ROLE_FAMILIES are the values of RoleFamily. */
export const ROLE_FAMILIES: readonly RoleFamily[] = ["BUSINESS", "DIGITAL"];

/** EMPTY_SEARCH asks for nothing. */
export const EMPTY_SEARCH: TalentSearch = {
  skills: [],
  validatedOnly: false,
  ministryIds: [],
  organisationTypes: [],
  organisationIds: [],
  regionIds: [],
  gradeCodes: [],
  currentRoleIds: [],
  currentRoleFamilies: [],
  openToMobility: false,
  mobilityFamilies: [],
  mobilityRegionIds: [],
  willingToMentor: false,
  wantsToDevelopSkillId: "",
  text: "",
};

// The address's parameter of each list, in French as the address is read by people.
const LIST_PARAMS: readonly [ListKey, string][] = [
  ["ministryIds", "ministere"],
  ["organisationTypes", "type-entite"],
  ["organisationIds", "entite"],
  ["regionIds", "region"],
  ["gradeCodes", "categorie"],
  ["currentRoleIds", "metier"],
  ["currentRoleFamilies", "famille"],
  ["mobilityFamilies", "mobilite-famille"],
  ["mobilityRegionIds", "mobilite-region"],
];

const SKILL = "competence";
const OPTIONAL = "souhaitee";
const VALIDATED = "valide";

/** ALLOWED restricts the enum lists to their values: an address typed by hand cannot send others. */
const ALLOWED: Partial<Record<ListKey, readonly string[]>> = {
  organisationTypes: ORGANISATION_TYPES,
  currentRoleFamilies: ROLE_FAMILIES,
  mobilityFamilies: ROLE_FAMILIES,
};

/**
 * skillParam writes a criterion as one value of « competence »: the skill's
 * id, then its minimum level or « souhaitee », then « valide » when only
 * validated levels count: « 12-4 », « 12-4-valide », « 31-souhaitee ».
 */
export function skillParam(c: SkillCriterion): string {
  const parts = [c.skillId, c.required ? String(c.minLevel ?? 1) : OPTIONAL];
  if (c.validatedOnly) parts.push(VALIDATED);
  return parts.join("-");
}

/**
 * parseSkillParam reads a value of « competence » (from its end, so that an
 * id may hold dashes); null when it says nothing usable. A required skill
 * without a level asks for any level (1).
 */
export function parseSkillParam(value: string): SkillCriterion | null {
  const parts = value.split("-");
  let validatedOnly = false;
  if (parts.length > 1 && parts[parts.length - 1] === VALIDATED) {
    validatedOnly = true;
    parts.pop();
  }
  let required = true;
  let minLevel: number | null = 1;
  const last = parts[parts.length - 1] ?? "";
  if (parts.length > 1 && last === OPTIONAL) {
    required = false;
    minLevel = null;
    parts.pop();
  } else if (parts.length > 1 && /^[0-9]{1,3}$/.test(last)) {
    minLevel = Math.max(1, Number(last));
    parts.pop();
  }
  const skillId = parts.join("-").trim();
  if (skillId === "") return null;
  return { skillId, required, minLevel, validatedOnly };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ""))];
}

/**
 * parseTalentSearch reads the filter from an address's query string
 * (« ?competence=12-4&region=7 »). What it does not understand is left out;
 * a value given twice counts once (a skill: its first criterion).
 */
export function parseTalentSearch(search: string): TalentSearch {
  const params = new URLSearchParams(search);
  const result: TalentSearch = { ...EMPTY_SEARCH, skills: [] };
  const seen = new Set<string>();
  for (const value of params.getAll(SKILL)) {
    const c = parseSkillParam(value);
    if (c === null || seen.has(c.skillId)) continue;
    seen.add(c.skillId);
    result.skills.push(c);
  }
  for (const [key, name] of LIST_PARAMS) {
    const allowed = ALLOWED[key];
    const values = unique(params.getAll(name)).filter((v) => allowed === undefined || allowed.includes(v));
    (result[key] as string[]) = values;
  }
  result.validatedOnly = params.get(VALIDATED) === "1";
  result.openToMobility = params.get("mobilite") === "1";
  result.willingToMentor = params.get("mentor") === "1";
  result.wantsToDevelopSkillId = (params.get("envie") ?? "").trim();
  result.text = (params.get("texte") ?? "").trim();
  return result;
}

/**
 * formatTalentSearch writes the filter as a query string, « ?… », or "" when
 * it asks for nothing. The order of the parameters is fixed, so one filter
 * has one address.
 */
export function formatTalentSearch(s: TalentSearch): string {
  const params = new URLSearchParams();
  for (const c of s.skills) params.append(SKILL, skillParam(c));
  if (s.validatedOnly) params.append(VALIDATED, "1");
  for (const [key, name] of LIST_PARAMS) for (const v of unique(s[key])) params.append(name, v);
  if (s.openToMobility) params.append("mobilite", "1");
  if (s.willingToMentor) params.append("mentor", "1");
  if (s.wantsToDevelopSkillId !== "") params.append("envie", s.wantsToDevelopSkillId);
  if (s.text.trim() !== "") params.append("texte", s.text.trim());
  const query = params.toString();
  return query === "" ? "" : `?${query}`;
}

/** isEmptySearch tells whether the filter asks for nothing (no search is run then). */
export function isEmptySearch(s: TalentSearch): boolean {
  return formatTalentSearch(s) === "";
}

/**
 * toTalentFilter is the API's input for the filter: required skills with
 * their minimum level, optional ones without, and only the criteria in use.
 */
export function toTalentFilter(s: TalentSearch): TalentFilter {
  const filter: TalentFilter = {};
  const required = s.skills.filter((c) => c.required);
  const optional = s.skills.filter((c) => !c.required);
  if (required.length > 0) {
    filter.required = required.map((c) => ({
      skillId: c.skillId,
      minLevel: c.minLevel ?? 1,
      ...(c.validatedOnly ? { validatedOnly: true } : {}),
    }));
  }
  if (optional.length > 0) {
    filter.optional = optional.map((c) => ({ skillId: c.skillId, ...(c.validatedOnly ? { validatedOnly: true } : {}) }));
  }
  if (s.validatedOnly) filter.validatedOnly = true;
  for (const [key] of LIST_PARAMS) {
    const values = unique(s[key]);
    if (values.length > 0) (filter[key] as string[]) = values;
  }
  if (s.openToMobility) filter.openToMobility = true;
  if (s.willingToMentor) filter.willingToMentor = true;
  if (s.wantsToDevelopSkillId !== "") filter.wantsToDevelopSkillId = s.wantsToDevelopSkillId;
  if (s.text.trim() !== "") filter.text = s.text.trim();
  return filter;
}

/**
 * toggleValue adds value to one list of the filter, or takes it out when it
 * is there: what a facet does.
 */
export function toggleValue<K extends ListKey>(s: TalentSearch, key: K, value: TalentSearch[K][number]): TalentSearch {
  const list = s[key] as readonly string[];
  const next = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  return { ...s, [key]: next };
}

/** removeSkill takes one skill out of the filter. */
export function removeSkill(s: TalentSearch, skillId: string): TalentSearch {
  return { ...s, skills: s.skills.filter((c) => c.skillId !== skillId) };
}

/** MAX_TEXT is the longest search text, in characters (passerelles.TalentFilter.Validate). */
export const MAX_TEXT = 200;
/** MAX_VALUES is how many values one list of the filter takes. */
export const MAX_VALUES = 20;

const values = (what: string) =>
  z.array(z.string()).max(MAX_VALUES, { error: `Vous pouvez choisir ${MAX_VALUES} ${what} au plus.` });

/** NO_CRITERION is the message of a search that asks for nothing. */
export const NO_CRITERION = "Choisissez au moins un critère : une compétence, des mots-clés, un lieu…";

/**
 * talentSearchSchema checks the search form before it changes the address:
 * the bounds the server holds too (TalentFilter.Validate), and at least one
 * criterion (an empty search would list every visible profile).
 */
export const talentSearchSchema = z
  .object({
    skills: z.array(
      z.object({
        skillId: z.string(),
        required: z.boolean(),
        minLevel: z.number().nullable(),
        validatedOnly: z.boolean(),
      }),
    ),
    validatedOnly: z.boolean(),
    ministryIds: values("ministères"),
    organisationTypes: z.array(z.enum(ORGANISATION_TYPES as [OrganisationType, ...OrganisationType[]])),
    organisationIds: values("entités"),
    regionIds: values("régions"),
    gradeCodes: values("catégories"),
    currentRoleIds: values("métiers"),
    currentRoleFamilies: z.array(z.enum(ROLE_FAMILIES as [RoleFamily, ...RoleFamily[]])),
    openToMobility: z.boolean(),
    mobilityFamilies: z.array(z.enum(ROLE_FAMILIES as [RoleFamily, ...RoleFamily[]])),
    mobilityRegionIds: values("régions"),
    willingToMentor: z.boolean(),
    wantsToDevelopSkillId: z.string(),
    text: z.string().refine((t) => [...t.trim().normalize("NFC")].length <= MAX_TEXT, {
      error: `Les mots-clés comptent ${MAX_TEXT} caractères au plus.`,
    }),
  })
  .refine((s) => !isEmptySearch(s), { error: NO_CRITERION, path: ["skills"] });

import { describe, expect, it } from "vitest";
import {
  EMPTY_SEARCH,
  formatTalentSearch,
  isEmptySearch,
  NO_CRITERION,
  parseSkillParam,
  parseTalentSearch,
  skillParam,
  talentSearchSchema,
  toggleValue,
  toTalentFilter,
  type TalentSearch,
} from "./filter";

const FULL: TalentSearch = {
  skills: [
    { skillId: "12", required: true, minLevel: 4, validatedOnly: false },
    { skillId: "31", required: false, minLevel: null, validatedOnly: true },
    { skillId: "7", required: true, minLevel: 2, validatedOnly: true },
  ],
  validatedOnly: true,
  ministryIds: ["1", "3"],
  organisationTypes: ["ARS", "CENTRAL"],
  organisationIds: ["40"],
  regionIds: ["7"],
  gradeCodes: ["A", "CONTRACTUEL"],
  currentRoleIds: ["5"],
  currentRoleFamilies: ["BUSINESS"],
  openToMobility: true,
  mobilityFamilies: ["DIGITAL"],
  mobilityRegionIds: ["2", "9"],
  willingToMentor: true,
  wantsToDevelopSkillId: "33",
  text: "analyse de données « R » & co",
};

describe("address ↔ filter", () => {
  it("an empty filter has an empty address, and back", () => {
    expect(formatTalentSearch(EMPTY_SEARCH)).toBe("");
    expect(parseTalentSearch("")).toEqual(EMPTY_SEARCH);
    expect(isEmptySearch(parseTalentSearch("?inconnu=1"))).toBe(true);
  });

  it("every criterion goes through the address and back unchanged", () => {
    const address = formatTalentSearch(FULL);
    expect(parseTalentSearch(address)).toEqual(FULL);
    // One filter, one address: writing it again gives the same text.
    expect(formatTalentSearch(parseTalentSearch(address))).toBe(address);
  });

  it("writes a readable address, skills in the order chosen", () => {
    const address = formatTalentSearch({
      ...EMPTY_SEARCH,
      skills: FULL.skills,
      regionIds: ["7"],
      text: "data",
    });
    expect(address).toBe("?competence=12-4&competence=31-souhaitee-valide&competence=7-2-valide&region=7&texte=data");
  });

  const cases: { name: string; address: string; want: Partial<TalentSearch> }[] = [
    {
      name: "RequiredWithoutLevelAsksForAnyLevel",
      address: "?competence=12",
      want: { skills: [{ skillId: "12", required: true, minLevel: 1, validatedOnly: false }] },
    },
    {
      name: "ASkillTwiceCountsOnceItsFirstCriterion",
      address: "?competence=12-4&competence=12-souhaitee",
      want: { skills: [{ skillId: "12", required: true, minLevel: 4, validatedOnly: false }] },
    },
    {
      name: "IdWithDashes",
      address: "?competence=a-b-3-valide",
      want: { skills: [{ skillId: "a-b", required: true, minLevel: 3, validatedOnly: true }] },
    },
    { name: "EmptySkillIsLeftOut", address: "?competence=&competence=-4", want: { skills: [] } },
    { name: "UnknownEnumValuesAreLeftOut", address: "?type-entite=ARS&type-entite=MAIRIE&famille=digital", want: { organisationTypes: ["ARS"], currentRoleFamilies: [] } },
    { name: "RepeatedValuesCountOnce", address: "?region=7&region=7&region=%207", want: { regionIds: ["7"] } },
    { name: "FlagsAreOnlyOne", address: "?mobilite=oui&mentor=1&valide=true", want: { openToMobility: false, willingToMentor: true, validatedOnly: false } },
    { name: "TextIsTrimmed", address: "?texte=%20%20d%C3%A9veloppeuse%20", want: { text: "développeuse" } },
    { name: "PlusIsASpace", address: "?texte=chef+de+projet", want: { text: "chef de projet" } },
  ];
  for (const c of cases) {
    it(c.name, () => expect(parseTalentSearch(c.address)).toEqual({ ...EMPTY_SEARCH, ...c.want }));
  }

  it("skillParam and parseSkillParam are inverse", () => {
    for (const c of FULL.skills) expect(parseSkillParam(skillParam(c))).toEqual(c);
    expect(parseSkillParam("")).toBeNull();
  });
});

describe("toTalentFilter", () => {
  it("sends required skills with their level, optional ones without, and only the criteria in use", () => {
    expect(toTalentFilter(FULL)).toEqual({
      required: [
        { skillId: "12", minLevel: 4 },
        { skillId: "7", minLevel: 2, validatedOnly: true },
      ],
      optional: [{ skillId: "31", validatedOnly: true }],
      validatedOnly: true,
      ministryIds: ["1", "3"],
      organisationTypes: ["ARS", "CENTRAL"],
      organisationIds: ["40"],
      regionIds: ["7"],
      gradeCodes: ["A", "CONTRACTUEL"],
      currentRoleIds: ["5"],
      currentRoleFamilies: ["BUSINESS"],
      openToMobility: true,
      mobilityFamilies: ["DIGITAL"],
      mobilityRegionIds: ["2", "9"],
      willingToMentor: true,
      wantsToDevelopSkillId: "33",
      text: "analyse de données « R » & co",
    });
  });

  it("an empty filter sends nothing", () => {
    expect(toTalentFilter(EMPTY_SEARCH)).toEqual({});
    expect(toTalentFilter({ ...EMPTY_SEARCH, text: "   " })).toEqual({});
  });
});

describe("toggleValue", () => {
  it("adds a facet's value, and takes it out again", () => {
    const once = toggleValue(EMPTY_SEARCH, "regionIds", "7");
    expect(once.regionIds).toEqual(["7"]);
    expect(toggleValue(once, "regionIds", "7").regionIds).toEqual([]);
    expect(toggleValue(once, "organisationTypes", "ARS").organisationTypes).toEqual(["ARS"]);
    expect(EMPTY_SEARCH.regionIds).toEqual([]);
  });
});

describe("talentSearchSchema", () => {
  it("refuses a search without criterion, on the skills", () => {
    const result = talentSearchSchema.safeParse(EMPTY_SEARCH);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["skills", NO_CRITERION]]);
  });

  it("counts the text in characters, after trimming", () => {
    expect(talentSearchSchema.safeParse({ ...EMPTY_SEARCH, text: ` ${"é".repeat(200)} ` }).success).toBe(true);
    const long = talentSearchSchema.safeParse({ ...EMPTY_SEARCH, text: "😀".repeat(201) });
    expect(long.error?.issues.map((i) => i.path.join("."))).toEqual(["text"]);
  });

  it("accepts a full search", () => {
    expect(talentSearchSchema.safeParse(FULL).success).toBe(true);
  });
});

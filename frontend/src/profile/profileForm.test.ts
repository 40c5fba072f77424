import { describe, expect, it } from "vitest";
import { draftFrom, profileField, profileInput, profileSchema, type ProfileDraft, type SavedProfile } from "./profileForm";

const asserted = { id: "org-dreets", ministry: { code: "travail" } };

const saved: SavedProfile = {
  bio: "Gestionnaire RH",
  visibility: "MANAGERS",
  visibilityChosen: true,
  openToMobility: true,
  willingToMentor: false,
  organisation: { id: "org-ars", ministry: { code: "sante" } },
  region: { id: "r1" },
  grade: { code: "A" },
  currentRole: { id: "role1" },
  targetRoles: [{ id: "role2" }],
  mobilityFamilies: ["DIGITAL"],
  mobilityRegions: [{ id: "r2" }],
  hiddenFromOrganisations: [{ id: "org-x" }],
};

describe("draftFrom", () => {
  it("prefills a new profile with the asserted entity and its ministry, no visibility", () => {
    const d = draftFrom(null, asserted);
    expect(d.organisationId).toBe("org-dreets");
    expect(d.ministry).toBe("travail");
    expect(d.visibility).toBe("");
  });
  it("keeps the saved entity over the asserted one, and the hidden entities", () => {
    const d = draftFrom(saved, asserted);
    expect(d.organisationId).toBe("org-ars");
    expect(d.ministry).toBe("sante");
    expect(d.visibility).toBe("MANAGERS");
    expect(d.hiddenFromOrganisationIds).toEqual(["org-x"]);
  });
  it("leaves a visibility never chosen unchosen (PRIVATE by default is not a choice)", () => {
    expect(draftFrom({ ...saved, visibility: "PRIVATE", visibilityChosen: false }, null).visibility).toBe("");
  });
});

describe("profileSchema", () => {
  const valid: ProfileDraft = draftFrom(saved, null);
  const cases: { name: string; patch: Partial<ProfileDraft>; field?: keyof ProfileDraft; message?: RegExp }[] = [
    { name: "saved profile", patch: {} },
    { name: "no visibility", patch: { visibility: "" }, field: "visibility", message: /Choisissez qui peut voir votre profil/ },
    { name: "control character in the bio", patch: { bio: "a\u0007b" }, field: "bio", message: /caractère de contrôle/ },
    { name: "bio of 1 000 characters", patch: { bio: "é".repeat(1000) } },
    { name: "bio of 1 001 characters", patch: { bio: "é".repeat(1001) }, field: "bio", message: /1\u202f000 caractères au plus/ },
    { name: "bio of 1 000 emoji (code points, as the server counts)", patch: { bio: "🙂".repeat(1000) } },
    { name: "21 target roles", patch: { targetRoleIds: Array.from({ length: 21 }, (_, i) => String(i)) }, field: "targetRoleIds" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = profileSchema.safeParse({ ...valid, ...c.patch });
      if (c.field === undefined) {
        expect(r.success).toBe(true);
        return;
      }
      expect(r.success).toBe(false);
      const issue = r.error?.issues.find((i) => i.path[0] === c.field);
      expect(issue).toBeDefined();
      if (c.message) expect(issue?.message).toMatch(c.message);
    });
  }
});

describe("profileInput", () => {
  it("sends every field, the mobility wishes only when open to mobility", () => {
    const d = draftFrom(saved, null);
    expect(profileInput(d)).toMatchObject({ organisationId: "org-ars", mobilityFamilies: ["DIGITAL"], hiddenFromOrganisationIds: ["org-x"] });
    const closed = profileInput({ ...d, openToMobility: false });
    expect(closed.mobilityFamilies).toEqual([]);
    expect(closed.mobilityRegionIds).toEqual([]);
  });
});

describe("profileField", () => {
  it("maps the server's input fields onto the form's", () => {
    expect(profileField("bio")).toBe("bio");
    expect(profileField("mobilityRegionIds.3")).toBe("mobilityRegionIds");
    expect(profileField("hiddenFromOrganisationIds")).toBe("hiddenFromOrganisationIds");
    expect(profileField("ministry")).toBeNull();
    expect(profileField("nope")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { canCreateEvent, communitySchema, eventPaths, quoted, roleLabel } from "./rules";

const valid = { code: "data", name: "Communauté Data", description: "", skillIds: [] as string[], creating: true };

function problems(draft: Partial<typeof valid> & { skillIds?: string[] }) {
  const result = communitySchema.safeParse({ ...valid, ...draft });
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("communitySchema", () => {
  it("accepts a complete community", () => {
    expect(problems({})).toEqual({});
  });
  it("asks for a code when creating, in the domain's pattern", () => {
    expect(problems({ code: "" })).toEqual({ code: "Le code de la communauté est obligatoire." });
    expect(problems({ code: "-data" }).code).toMatch(/^Le code de la communauté « -data » est invalide/);
    expect(problems({ code: "données" }).code).toMatch(/est invalide/);
    expect(problems({ code: "a".repeat(41) }).code).toMatch(/est invalide/);
    expect(problems({ code: "produit-design" })).toEqual({});
    expect(problems({ code: "data.gouv_2" })).toEqual({});
  });
  it("leaves the code alone when editing (it never changes)", () => {
    expect(problems({ code: "", creating: false })).toEqual({});
  });
  it("requires a visible name of 200 characters at most, on one line", () => {
    expect(problems({ name: "   " })).toEqual({ name: "Le nom de la communauté est obligatoire." });
    expect(problems({ name: "Data\nProduit" }).name).toMatch(/saut de ligne/);
    expect(problems({ name: "é".repeat(200) })).toEqual({});
    expect(problems({ name: "é".repeat(201) })).toEqual({ name: "Le nom de la communauté dépasse 200 caractères." });
    // Counted as Go counts: code points after NFC (e + combining accent is one).
    expect(problems({ name: "e\u0301".repeat(200) })).toEqual({});
  });
  it("allows a description of several lines, 4 000 characters", () => {
    expect(problems({ description: "Ligne 1\nLigne 2" })).toEqual({});
    expect(problems({ description: "a".repeat(4001) }).description).toMatch(/dépasse 4 000 caractères/);
    expect(problems({ description: "a\u202eb" }).description).toMatch(/inverser/);
  });
  it("takes 12 skills at most", () => {
    const ids = Array.from({ length: 13 }, (_, i) => String(i + 1));
    expect(problems({ skillIds: ids.slice(0, 12) })).toEqual({});
    expect(problems({ skillIds: ids })).toEqual({ skillIds: "Une communauté développe au plus 12 compétences." });
  });
});

describe("words and rules of the community pages", () => {
  it("lets a community's animators and administrators create events", () => {
    expect(canCreateEvent(["AGENT"], "ANIMATOR")).toBe(true);
    expect(canCreateEvent(["AGENT", "ADMIN"], null)).toBe(true);
    expect(canCreateEvent(["AGENT", "MANAGER"], "MEMBER")).toBe(false);
    expect(canCreateEvent(["AGENT"], undefined)).toBe(false);
  });
  it("names the viewer's place", () => {
    expect(roleLabel("ANIMATOR")).toBe("Vous animez cette communauté");
    expect(roleLabel("MEMBER")).toBe("Vous êtes membre");
    expect(roleLabel(null)).toBe("Vous n’êtes pas membre");
  });
  it("writes French quotation marks with non-breaking spaces", () => {
    expect(quoted("Data")).toBe("«\u00a0Data\u00a0»");
  });
  it("links to the event pages at the address the calendar files name", () => {
    expect(eventPaths.event("12")).toBe("/evenements/12");
    expect(eventPaths.newEvent("produit design")).toBe("/evenements/nouveau?communaute=produit%20design");
  });
});

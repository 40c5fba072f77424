import { describe, expect, it } from "vitest";
import { normalise, polar, sectorAngles, sectorPath, sectors, wheelDescription } from "./wheel";

const DOMAINS = [
  {
    code: "1",
    name: "Information et données",
    skills: [
      { id: "a", code: "1.1", name: "Mener une recherche" },
      { id: "b", code: "1.2", name: "Gérer des données" },
    ],
  },
  { code: "2", name: "Communication et collaboration", skills: [{ id: "c", code: "2.1", name: "Interagir" }] },
];

describe("normalise", () => {
  it("divides by the top of the scale and clamps to [0, 1]", () => {
    expect(normalise(4, 8)).toBe(0.5);
    expect(normalise(8, 8)).toBe(1);
    expect(normalise(12, 8)).toBe(1);
    expect(normalise(-1, 8)).toBe(0);
  });
  it("gives 0 for an empty scale or a value that is not a number", () => {
    expect(normalise(3, 0)).toBe(0);
    expect(normalise(Number.NaN, 8)).toBe(0);
  });
});

describe("sectors", () => {
  it("gives each competence, in order, its own level: two levels of one domain are not averaged", () => {
    const s = sectors(
      DOMAINS,
      [
        { skillId: "a", level: 2, levelCode: "2" },
        { skillId: "b", level: 6, levelCode: "6" },
        { skillId: "z", level: 5, levelCode: "5" }, // a competence of another framework: ignored
      ],
      8,
    );
    expect(s.map((x) => x.code)).toEqual(["1.1", "1.2", "2.1"]);
    expect(s[0]).toMatchObject({ level: 2, ratio: 0.25, domainIndex: 0, domainCode: "1" });
    expect(s[1]).toMatchObject({ level: 6, ratio: 0.75, domainIndex: 0 });
    expect(s[2]).toMatchObject({ level: 0, levelCode: "", ratio: 0, domainIndex: 1, domainName: "Communication et collaboration" });
  });
  it("normalises e-CF levels (1–5) to its own scale", () => {
    const ecf = [{ code: "A", name: "Plan", skills: [{ id: "x", code: "A.1", name: "Alignement" }] }];
    expect(sectors(ecf, [{ skillId: "x", level: 4, levelCode: "e-4" }], 5)[0]?.ratio).toBe(0.8);
  });
});

describe("geometry", () => {
  const centre = { x: 100, y: 100 };
  it("measures angles from the top, clockwise", () => {
    expect(polar(centre, 50, 0)).toEqual({ x: 100, y: 50 });
    expect(polar(centre, 50, Math.PI / 2)).toEqual({ x: 150, y: 100 });
    expect(polar(centre, 50, Math.PI)).toEqual({ x: 100, y: 150 });
  });
  it("splits the circle into equal sectors", () => {
    expect(sectorAngles(0, 4)).toEqual({ start: 0, end: Math.PI / 2 });
    expect(sectorAngles(3, 4)).toEqual({ start: (3 * Math.PI) / 2, end: 2 * Math.PI });
  });
  it("draws a sector from the centre, its arc at the given radius", () => {
    expect(sectorPath(centre, 50, 0, 4)).toBe("M 100 100 L 100 50 A 50 50 0 0 1 150 100 Z");
    expect(sectorPath(centre, 50, 1, 4)).toBe("M 100 100 L 150 100 A 50 50 0 0 1 100 150 Z");
  });
  it("draws nothing for a competence not declared, and a full disc for a single one", () => {
    expect(sectorPath(centre, 0, 0, 4)).toBe("");
    expect(sectorPath(centre, 50, 0, 1)).toBe("M 100 50 A 50 50 0 1 1 100 150 A 50 50 0 1 1 100 50 Z");
  });
});

describe("wheelDescription", () => {
  it("says each declared competence's level in French, and how many are not declared", () => {
    const s = sectors(DOMAINS, [{ skillId: "b", level: 3, levelCode: "3" }], 8);
    expect(wheelDescription("Pix", s, 8)).toBe(
      "Roue des compétences Pix, une part par compétence. 1.2 Gérer des données : niveau 3 sur 8. 2 autres compétences non déclarées.",
    );
    expect(wheelDescription("Pix", sectors(DOMAINS, [], 8), 8)).toBe(
      "Roue des compétences Pix, une part par compétence. Aucune compétence déclarée.",
    );
  });
});

import { describe, expect, it } from "vitest";
import { formatMean, normalise, polar, sectorAngles, sectorPath, summarise, wheelDescription } from "./wheel";

const DOMAINS = [
  { code: "1", name: "Information et données" },
  { code: "2", name: "Communication et collaboration" },
  { code: "3", name: "Création de contenu" },
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

describe("summarise", () => {
  it("gives each domain, in order, its count and mean level normalised to the scale", () => {
    const s = summarise(
      DOMAINS,
      [
        { domainCode: "1", level: 3 },
        { domainCode: "1", level: 4 },
        { domainCode: "3", level: 8 },
        { domainCode: "9", level: 5 }, // a domain of another framework: ignored
      ],
      8,
    );
    expect(s.map((d) => d.code)).toEqual(["1", "2", "3"]);
    expect(s[0]).toMatchObject({ count: 2, mean: 3.5, ratio: 3.5 / 8 });
    expect(s[1]).toMatchObject({ count: 0, mean: 0, ratio: 0 });
    expect(s[2]).toMatchObject({ count: 1, mean: 8, ratio: 1 });
  });
  it("normalises e-CF levels (1–5) to its own scale", () => {
    expect(summarise([{ code: "A", name: "Plan" }], [{ domainCode: "A", level: 4 }], 5)[0]?.ratio).toBe(0.8);
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
  it("draws nothing for an empty domain, and a full disc for a single domain", () => {
    expect(sectorPath(centre, 0, 0, 4)).toBe("");
    expect(sectorPath(centre, 50, 0, 1)).toBe("M 100 50 A 50 50 0 1 1 100 150 A 50 50 0 1 1 100 50 Z");
  });
});

describe("wheelDescription", () => {
  it("says each domain's mean level in French", () => {
    const s = summarise(DOMAINS.slice(0, 2), [{ domainCode: "1", level: 3 }, { domainCode: "1", level: 2 }], 8);
    expect(wheelDescription("Pix", s, 8)).toBe(
      "Roue des compétences Pix. Information et données : niveau moyen 2,5 sur 8 ; Communication et collaboration : aucune compétence déclarée.",
    );
    expect(formatMean(3)).toBe("3");
    expect(formatMean(10 / 3)).toBe("3,3");
  });
});

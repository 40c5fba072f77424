import { describe, expect, it } from "vitest";
import { matchKind, matchSentence, points, resultsStatus, scoreSentence, skillLabel, type SkillMatch } from "./explain";

const skill = { id: "12", code: "1.1", name: "Mener une recherche et une veille d’information", framework: { name: "Pix" } };

function match(over: Partial<SkillMatch>): SkillMatch {
  return {
    required: true,
    points: 62,
    validated: false,
    changedOn: "2025-03-12",
    recency: "RECENT",
    level: { code: "5", label: "Avancé" },
    skill,
    ...over,
  };
}

describe("matchSentence", () => {
  const cases: { name: string; m: SkillMatch; validatedOnly?: boolean; want: string }[] = [
    {
      name: "DeclaredRecent",
      m: match({}),
      want: "Niveau 5 (Avancé), déclaré, non validé, mis à jour le 12 mars 2025 (moins d’un an, compte en entier)\u00a0: 62\u00a0points.",
    },
    {
      name: "ValidatedWithinThreeYears",
      m: match({ validated: true, recency: "WITHIN_3_YEARS", points: 66, level: { code: "e-3", label: "Autonome" } }),
      want: "Niveau e-3 (Autonome), validé par un manager, mis à jour le 12 mars 2025 (entre un et trois ans, compte à 85\u00a0%)\u00a0: 66\u00a0points.",
    },
    {
      name: "Older",
      m: match({ recency: "OLDER", points: 1 }),
      want: "Niveau 5 (Avancé), déclaré, non validé, mis à jour le 12 mars 2025 (plus de trois ans, compte à 70\u00a0%)\u00a0: 1\u00a0point.",
    },
    {
      name: "OptionalNotDeclared",
      m: match({ required: false, level: null, changedOn: null, recency: null, points: 0 }),
      want: "Compétence non déclarée\u00a0: 0\u00a0point.",
    },
    {
      name: "NoValidatedLevelWhenOnlyValidatedCount",
      m: match({ required: false, level: null, changedOn: null, recency: null, points: 0 }),
      validatedOnly: true,
      want: "Aucun niveau validé\u00a0: 0\u00a0point.",
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(matchSentence(c.m, c.validatedOnly)).toBe(c.want));
  }

  it("uses French typography: typographic apostrophe, a no-break space before the colon, the percent sign and a unit", () => {
    const text = [matchSentence(match({ recency: "WITHIN_3_YEARS" })), matchSentence(match({}))].join(" ");
    expect(text).not.toContain("'");
    expect(text).toContain("\u00a0:");
    expect(text).not.toMatch(/[^\u00a0]:/);
    expect(text).toContain("\u00a0%");
    expect(text).not.toMatch(/\d points?/);
  });
});

describe("labels", () => {
  it("names the skill with its referential, and its kind", () => {
    expect(skillLabel(match({}))).toBe("Pix 1.1 Mener une recherche et une veille d’information");
    expect(matchKind(match({}))).toBe("Requise");
    expect(matchKind(match({ required: false }))).toBe("Souhaitée");
  });

  it("writes points in French, the number joined to its unit", () => {
    expect(points(0)).toBe("0\u00a0point");
    expect(points(1)).toBe("1\u00a0point");
    expect(points(1250)).toBe("1\u202f250\u00a0points");
  });
});

describe("scoreSentence", () => {
  it("sums up required and optional skills", () => {
    const explanation = [
      match({}),
      match({ skill: { ...skill, id: "13" } }),
      match({ required: false, skill: { ...skill, id: "14" } }),
      match({ required: false, level: null, skill: { ...skill, id: "15" } }),
    ];
    expect(scoreSentence(187, explanation)).toBe(
      "Score\u00a0: 187\u00a0points (2 compétences requises au niveau demandé, 1 compétence souhaitée sur 2).",
    );
  });

  it("says one required skill in the singular", () => {
    expect(scoreSentence(100, [match({})])).toBe("Score\u00a0: 100\u00a0points (1 compétence requise au niveau demandé).");
  });

  it("says when no skill was asked", () => {
    expect(scoreSentence(0, [])).toBe("Correspond à tous les critères (aucune compétence demandée, pas de score).");
  });
});

describe("resultsStatus", () => {
  const cases: { total: number; shown: number; want: string }[] = [
    { total: 0, shown: 0, want: "Aucun profil ne correspond à ces critères." },
    { total: 1, shown: 1, want: "1 profil correspond à ces critères." },
    { total: 12, shown: 12, want: "12 profils correspondent à ces critères." },
    { total: 2345, shown: 20, want: "2\u202f345 profils correspondent à ces critères, 20 affichés." },
  ];
  for (const c of cases) {
    it(`${c.total}/${c.shown}`, () => expect(resultsStatus(c.total, c.shown)).toBe(c.want));
  }
});

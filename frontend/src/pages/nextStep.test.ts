import { describe, expect, it } from "vitest";
import { nextStep } from "./nextStep";

describe("nextStep", () => {
  const cases: { name: string; onboarded: boolean; skills: number | null; want: string[] | null }[] = [
    { name: "onboarding not done", onboarded: false, skills: null, want: ["Compléter mon profil /bienvenue"] },
    { name: "onboarding not done, skills declared", onboarded: false, skills: 3, want: ["Compléter mon profil /bienvenue"] },
    { name: "skills not known yet", onboarded: true, skills: null, want: null },
    { name: "no skill declared", onboarded: true, skills: 0, want: ["Déclarer mes compétences /mes-competences"] },
    { name: "skills declared", onboarded: true, skills: 2, want: ["Mes compétences /mes-competences", "Mon espace /mon-espace"] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const step = nextStep(c.onboarded, c.skills);
      expect(step?.links.map((l) => `${l.label} ${l.href}`) ?? null).toEqual(c.want);
    });
  }
  it("counts in French", () => {
    expect(nextStep(true, 1)?.text).toContain("une compétence.");
    expect(nextStep(true, 4)?.text).toContain("4 compétences.");
  });
});

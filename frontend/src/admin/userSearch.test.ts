import { describe, expect, it } from "vitest";
import { MAX_USER_SEARCH, userSearchSchema } from "./userSearch";

describe("userSearchSchema", () => {
  const cases: [string, string, string | undefined][] = [
    ["a name", "Camille Lefèvre", undefined],
    ["one letter", "c", undefined],
    ["empty", "   ", "La recherche est obligatoire."],
    ["zero-width only", "\u200b", "La recherche doit contenir au moins un caractère visible."],
    ["bidirectional control", "\u202ecamille", "La recherche contient un caractère invisible qui peut inverser l’ordre d’affichage du texte (1er caractère) : retirez-le."],
    ["too long", "a".repeat(MAX_USER_SEARCH + 1), `La recherche compte ${MAX_USER_SEARCH} caractères au plus.`],
  ];
  it.each(cases)("%s", (_, search, want) => {
    const result = userSearchSchema.safeParse({ search });
    expect(result.success ? undefined : result.error.issues[0]?.message).toBe(want);
  });
});

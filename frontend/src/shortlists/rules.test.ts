// @vitest-environment node
import { describe, expect, it } from "vitest";
import { GraphQLRequestError } from "../graphql/client";
import {
  addToShortlistSchema,
  canKeepShortlists,
  departures,
  NEW_LIST,
  noteSchema,
  runSummary,
  shortlistFieldErrors,
  shortlistNameSchema,
} from "./rules";

const messageAt = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }, path: string) =>
  result.error?.issues.find((i) => i.path.join(".") === path)?.message;

describe("shortlistNameSchema", () => {
  const cases = [
    { name: "Plain", value: "Relève data", want: undefined },
    { name: "Blank", value: "  \u00a0", want: "Le nom de la liste est obligatoire." },
    { name: "ZeroWidthOnly", value: "\u200b", want: "Le nom de la liste doit contenir au moins un caractère visible." },
    { name: "Exactly100", value: "é".repeat(100), want: undefined },
    { name: "TooLong", value: "é".repeat(101), want: "Le nom de la liste compte 100 caractères au plus." },
    { name: "SpacesAroundNotCounted", value: ` ${"a".repeat(100)} `, want: undefined },
    { name: "LineFeed", value: "Relève\ndata", want: "Le nom de la liste contient un saut de ligne ou une tabulation (7e caractère) : retirez-le." },
  ];
  for (const c of cases) {
    it(c.name, () => expect(messageAt(shortlistNameSchema.safeParse({ name: c.value }), "name")).toBe(c.want));
  }
});

describe("noteSchema", () => {
  const cases = [
    { name: "Empty", value: "", want: undefined },
    { name: "SeveralLines", value: "Vue au salon data.\r\nÀ rappeler en juin.", want: undefined },
    { name: "Exactly2000", value: "é".repeat(2000), want: undefined },
    { name: "TooLong", value: "é".repeat(2001), want: "La note compte 2\u202f000 caractères au plus." },
    {
      name: "Bidi",
      value: "ok\u202e",
      want: "La note contient un caractère invisible qui peut inverser l’ordre d’affichage du texte (3e caractère) : retirez-le.",
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(messageAt(noteSchema.safeParse({ note: c.value }), "note")).toBe(c.want));
  }
});

describe("addToShortlistSchema", () => {
  const cases = [
    { name: "ListChosen", draft: { list: "12", newName: "", note: "" }, path: "list", want: undefined },
    { name: "NoListChosen", draft: { list: "", newName: "", note: "" }, path: "list", want: "Choisissez une liste." },
    { name: "NewListNamed", draft: { list: NEW_LIST, newName: "Relève data", note: "" }, path: "newName", want: undefined },
    { name: "NewListUnnamed", draft: { list: NEW_LIST, newName: " ", note: "" }, path: "newName", want: "Le nom de la liste est obligatoire." },
    // The name of a new list is ignored when an existing list is chosen.
    { name: "ExistingListIgnoresName", draft: { list: "12", newName: "\u202e", note: "" }, path: "newName", want: undefined },
    { name: "NoteTooLong", draft: { list: "12", newName: "", note: "a".repeat(2001) }, path: "note", want: "La note compte 2\u202f000 caractères au plus." },
  ];
  for (const c of cases) {
    it(c.name, () => expect(messageAt(addToShortlistSchema.safeParse(c.draft), c.path)).toBe(c.want));
  }
});

describe("shortlistFieldErrors", () => {
  it("reads CONFLICT and INVALID_INPUT refusals that name a field, not others", () => {
    const error = new GraphQLRequestError("CONFLICT", {
      errors: [
        { message: "Vous avez déjà une liste nommée « Relève ».", extensions: { code: "CONFLICT", field: "input.name" } },
        { message: "La note est trop longue.", extensions: { code: "INVALID_INPUT", field: "note" } },
        { message: "Cette liste est introuvable.", extensions: { code: "NOT_FOUND", field: "shortlistId" } },
        { message: "Conflit.", extensions: { code: "CONFLICT" } },
      ],
    });
    expect(shortlistFieldErrors(error)).toEqual([
      { field: "name", message: "Vous avez déjà une liste nommée « Relève »." },
      { field: "note", message: "La note est trop longue." },
    ]);
  });
});

describe("wording", () => {
  it("says how many profiles left, in the singular for one", () => {
    expect(departures(1)).toBe("1 profil n’est plus visible");
    expect(departures(3)).toBe("3 profils ne sont plus visibles");
  });
  it("sums up a run", () => {
    expect(runSummary(0, 0)).toBe("Aucun profil ne correspond aujourd’hui.");
    expect(runSummary(1, 1)).toBe("1 profil correspond, dont 1 nouveau depuis la recherche précédente.");
    expect(runSummary(12, 0)).toBe("12 profils correspondent, aucun nouveau depuis la recherche précédente.");
    expect(runSummary(1250, 3)).toBe("1\u202f250 profils correspondent, dont 3 nouveaux depuis la recherche précédente.");
  });
  it("keeps lists for managers and administrators only", () => {
    expect(canKeepShortlists(["AGENT"])).toBe(false);
    expect(canKeepShortlists(["AGENT", "MANAGER"])).toBe(true);
    expect(canKeepShortlists(["AGENT", "ADMIN"])).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { GraphQLRequestError } from "../graphql/client";
import { fieldErrors, formError, isNotFuture, isoDate, isValidIsoDate, textProblem } from "./forms";

const NOW = new Date(2025, 2, 15, 23, 30); // 15 March 2025, late in the evening, local time

describe("dates", () => {
  it("formats local dates as YYYY-MM-DD", () => {
    expect(isoDate(NOW)).toBe("2025-03-15");
  });
  it("accepts today and earlier, refuses tomorrow", () => {
    expect(isNotFuture("2025-03-15", NOW)).toBe(true);
    expect(isNotFuture("2024-12-31", NOW)).toBe(true);
    expect(isNotFuture("2025-03-16", NOW)).toBe(false);
  });
  it("refuses dates that do not exist", () => {
    expect(isValidIsoDate("2025-02-29")).toBe(false);
    expect(isValidIsoDate("2024-02-29")).toBe(true);
    expect(isValidIsoDate("15/03/2025")).toBe(false);
    expect(isNotFuture("2025-13-01", NOW)).toBe(false);
  });
  it("reads the years 0 to 99 as themselves, not as 1900 to 1999", () => {
    expect(isValidIsoDate("0001-01-01")).toBe(true);
    expect(isValidIsoDate("0099-02-29")).toBe(false);
  });
});

describe("textProblem", () => {
  const cases: { name: string; text: string; options?: { multiLine?: boolean; required?: boolean }; want: string | undefined }[] = [
    { name: "plain text", text: "Formation « RGPD » à l’IRA", want: undefined },
    { name: "control character pasted", text: "a\u0000b", want: "Le titre contient un caractère de contrôle invisible (2e caractère) : retirez-le." },
    { name: "escape sequence", text: "\u001b[31mrouge", want: "Le titre contient un caractère de contrôle invisible (1er caractère) : retirez-le." },
    {
      name: "right-to-left override",
      text: "Formation \u202Efdp.exe",
      want: "Le titre contient un caractère invisible qui peut inverser l’ordre d’affichage du texte (11e caractère) : retirez-le.",
    },
    { name: "tag character", text: "ok\u{E0041}", want: "Le titre contient un caractère invisible non autorisé (3e caractère) : retirez-le." },
    { name: "line feed in one line", text: "a\nb", want: "Le titre contient un saut de ligne ou une tabulation (2e caractère) : retirez-le." },
    { name: "line feed and tab in several lines", text: "a\r\n\tb", options: { multiLine: true }, want: undefined },
    { name: "zero-width spaces only", text: "\u200b\u200b\u200b", options: { required: true }, want: "Le titre doit contenir au moins un caractère visible." },
    { name: "Hangul filler only", text: "\u3164", options: { required: true }, want: "Le titre doit contenir au moins un caractère visible." },
    { name: "empty and required", text: "  ", options: { required: true }, want: "Le titre est obligatoire." },
    { name: "decomposed accent", text: "donne\u0301es", options: { required: true }, want: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(textProblem("Le titre", c.text, c.options)).toBe(c.want);
    });
  }
});

describe("formError", () => {
  it("shows the server's own message for invalid input", () => {
    const error = new GraphQLRequestError("INVALID_INPUT", {
      serverMessage: "Le niveau 2 n’est pas défini pour la compétence A.1 du référentiel ecf.",
    });
    expect(formError(error)).toEqual({
      title: "Votre saisie n’a pas été enregistrée",
      description: "Le niveau 2 n’est pas défini pour la compétence A.1 du référentiel ecf.",
      invalid: true,
    });
  });
  it("uses the client's French messages for other errors", () => {
    const error = formError(new GraphQLRequestError("NETWORK"));
    expect(error.invalid).toBe(false);
    expect(error.title).toBe("Service injoignable");
  });
});

describe("fieldErrors", () => {
  const invalid = (errors: { message: string; extensions: Record<string, unknown> }[]) =>
    new GraphQLRequestError("INVALID_INPUT", { serverMessage: errors[0]?.message, errors });
  const cases = [
    {
      name: "FieldNamed",
      error: invalid([{ message: "La date d’obtention ne peut pas être dans le futur.", extensions: { code: "INVALID_INPUT", field: "evidence.0.obtainedOn" } }]),
      want: [{ field: "evidence.0.obtainedOn", message: "La date d’obtention ne peut pas être dans le futur." }],
    },
    {
      name: "InputPrefixDropped",
      error: invalid([{ message: "Choisissez un niveau.", extensions: { code: "INVALID_INPUT", field: "input.level" } }]),
      want: [{ field: "level", message: "Choisissez un niveau." }],
    },
    { name: "NoField", error: invalid([{ message: "Refusé.", extensions: { code: "INVALID_INPUT" } }]), want: [] },
    {
      name: "OtherCode",
      error: new GraphQLRequestError("CONFLICT", { errors: [{ message: "x", extensions: { code: "CONFLICT", field: "level" } }] }),
      want: [],
    },
    { name: "NotAGraphQLError", error: new Error("boom"), want: [] },
  ];
  for (const c of cases) it(c.name, () => expect(fieldErrors(c.error)).toEqual(c.want));
});

// @vitest-environment node
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { declarationSchema, emptyEvidence, evidenceInput, evidenceSchema, type EvidenceDraft } from "./evidence";

/**
 * RULES is testdata/evidence_rules.json, which evidence_rules_test.go runs against
 * the domain's Evidence.Validate: both must give the same verdict on every case.
 */
type ApiEvidence = {
  kind: string;
  title: string;
  description: string | null;
  score: number | null;
  obtainedOn: string | null;
  url: string | null;
};
const RULES = JSON.parse(readFileSync(new URL("../../../testdata/evidence_rules.json", import.meta.url), "utf8")) as {
  today: string;
  cases: { name: string; evidence: ApiEvidence; valid: boolean; field?: string }[];
};

/** draftOf is what a person types into the form to send that EvidenceInput. */
function draftOf(e: ApiEvidence): EvidenceDraft {
  return {
    kind: e.kind as EvidenceDraft["kind"],
    title: e.title,
    description: e.description ?? "",
    score: e.score === null ? "" : String(e.score),
    obtainedOn: e.obtainedOn ?? "",
    url: e.url ?? "",
  };
}

const [year, month, day] = RULES.today.split("-").map(Number) as [number, number, number];
// Late in the evening, local time: today is still today.
const NOW = new Date(year, month - 1, day, 23, 30);

describe("evidence rules shared with the domain (testdata/evidence_rules.json)", () => {
  it("reads the whole table", () => expect(RULES.cases.length).toBeGreaterThanOrEqual(40));
  for (const c of RULES.cases) {
    it(c.name, () => {
      const result = evidenceSchema(NOW).safeParse(draftOf(c.evidence));
      expect(result.success, JSON.stringify(result.error?.issues)).toBe(c.valid);
      if (!c.valid) expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([c.field]);
    });
  }
});

function messages(draft: Partial<EvidenceDraft>, now = NOW): Record<string, string> {
  const result = evidenceSchema(now).safeParse({ ...emptyEvidence(), title: "Certification Pix", kind: "CERTIFICATION", ...draft });
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("evidenceSchema messages", () => {
  it("says what is wrong, field by field, in French", () => {
    expect(messages({ title: " ", score: "1025", obtainedOn: "2026-06-16", url: "pix.fr" })).toEqual({
      title: "Indiquez un titre.",
      score: "Le score Pix est un nombre entier de 0 à 1 024.",
      obtainedOn: "La date d’obtention ne peut pas être dans le futur.",
      url: "Indiquez une adresse complète, commençant par https://.",
    });
  });
  it("refuses a date before 1950 and a link that hides its site behind a user part", () => {
    expect(messages({ obtainedOn: "1949-12-31" }).obtainedOn).toBe("La date d’obtention ne peut pas précéder le 1er janvier 1950.");
    for (const url of ["https://service-public.gouv.fr@evil.example/", "https://service-public.gouv.fr\\@evil.example/"]) {
      expect(messages({ url }).url).toBe("Donnez l’adresse du site sans partie « nom@ » ni barre oblique inversée avant lui.");
    }
    expect(messages({ url: "https://medium.com/@agent/article" })).toEqual({});
  });
  it("points out hostile text on its field", () => {
    expect(messages({ title: "\u200b\u200b", description: "cloche\u0007", url: "https://pix.fr/\u202E" })).toEqual({
      title: "Le titre doit contenir au moins un caractère visible.",
      description: "La description contient un caractère de contrôle invisible (7e caractère) : retirez-le.",
      url: "Le lien contient un caractère invisible qui peut inverser l’ordre d’affichage du texte (16e caractère) : retirez-le.",
    });
  });
  it("refuses a score that is not a whole number", () => {
    expect(messages({ score: "12.5" }).score).toBe("Le score Pix est un nombre entier de 0 à 1 024.");
  });
});

describe("declarationSchema", () => {
  it("asks for a level and 10 pieces of evidence at most", () => {
    const result = declarationSchema(NOW).safeParse({
      level: "",
      use: "current",
      wantsToDevelop: false,
      evidence: Array.from({ length: 11 }, () => ({ ...emptyEvidence(), title: "MOOC" })),
    });
    expect(Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]))).toEqual({
      level: "Choisissez un niveau.",
      evidence: "Une compétence a 10 justificatifs au plus.",
    });
  });
  it("names the field of a piece of evidence by its index", () => {
    const result = declarationSchema(NOW).safeParse({
      level: "2",
      use: "past",
      wantsToDevelop: true,
      evidence: [{ ...emptyEvidence(), title: "MOOC" }, { ...emptyEvidence(), title: "" }],
    });
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["evidence.1.title"]);
  });
});

describe("evidenceInput", () => {
  it("turns a draft into the API's input, empty fields as null", () => {
    expect(evidenceInput({ ...emptyEvidence(), kind: "TRAINING", score: "12", title: " MOOC " })).toEqual({
      kind: "TRAINING",
      title: "MOOC",
      description: null,
      score: null,
      obtainedOn: null,
      url: null,
    });
  });
});

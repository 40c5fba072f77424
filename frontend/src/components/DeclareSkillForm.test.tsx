import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { QueryClientProvider } from "@tanstack/react-query";
import { startReactDsfr } from "@codegouvfr/react-dsfr/spa";
import { createQueryClient } from "../graphql/query";
import { Link } from "../router";
import { DeclareSkillForm, type SkillToDeclare } from "./DeclareSkillForm";

const SKILL: SkillToDeclare = {
  id: "s1",
  code: "1.1",
  name: "Mener une recherche",
  levels: [1, 2, 3].map((value) => ({ value, code: String(value), label: `Niveau ${value}`, description: "" })),
};

const DECLARED = {
  level: { value: 2, code: "2", label: "Niveau 2" },
  currentUse: true,
  wantsToDevelop: false,
  evidence: [
    { id: "e1", kind: "TRAINING" as const, title: "MOOC", description: "", score: null, obtainedOn: "2024-03-15", url: null },
    { id: "e2", kind: "CERTIFICATION" as const, title: "Pix", description: "", score: 512, obtainedOn: null, url: null },
  ],
};

let root: Root | null = null;
let container: HTMLElement;
let sent: unknown[] = [];

function stubServer(answer: unknown) {
  sent = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init: RequestInit) => {
      sent.push(JSON.parse(String(init.body)));
      return new Response(JSON.stringify(answer), { headers: { "Content-Type": "application/json" } });
    }),
  );
}

async function settle() {
  await act(async () => {
    for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
  });
}

function mount(declared: typeof DECLARED | null, onDone = vi.fn()) {
  container = document.createElement("div");
  document.body.appendChild(container);
  root = createRoot(container);
  act(() =>
    root?.render(
      <QueryClientProvider client={createQueryClient()}>
        <DeclareSkillForm skill={SKILL} declared={declared} onDone={onDone} onCancel={() => undefined} />
      </QueryClientProvider>,
    ),
  );
  return onDone;
}

async function submit() {
  const button = [...container.querySelectorAll("button")].find((b) => b.textContent === "Enregistrer");
  act(() => button?.click());
  await settle();
}

/** fieldOf finds the input labelled label in the piece of evidence n (1-based). */
function fieldOf(n: number, label: RegExp): HTMLInputElement {
  const group = container.querySelector(`fieldset[aria-label="Justificatif ${n}"]`);
  const labelEl = [...(group?.querySelectorAll("label") ?? [])].find((l) => label.test(l.textContent ?? ""));
  const input = labelEl ? document.getElementById(labelEl.htmlFor) : null;
  if (!(input instanceof HTMLInputElement)) throw new Error(`no field ${label} in evidence ${n}`);
  return input;
}

/** messageOf is the message the field is described by (what a screen reader reads with it). */
function messageOf(input: HTMLElement): string {
  const ids = (input.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
}

describe("DeclareSkillForm", () => {
  beforeAll(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    startReactDsfr({ defaultColorScheme: "system", Link });
  });

  afterEach(() => {
    act(() => root?.unmount());
    root = null;
    container.remove();
    vi.unstubAllGlobals();
  });

  it("gives the focus to its first field when it opens: the first level, or the level declared", async () => {
    mount(null);
    const first = container.querySelector<HTMLInputElement>("input[type=radio]");
    expect(first?.value).toBe("1");
    expect(document.activeElement).toBe(first);
    act(() => root?.unmount());
    container.remove();
    mount(DECLARED);
    const active = document.activeElement as HTMLInputElement | null;
    expect(active?.type).toBe("radio");
    expect(active?.value).toBe("2");
    expect(active?.checked).toBe(true);
  });

  it("gives the focus to a new piece of evidence's first field (its type) when it is added", async () => {
    mount(null);
    const add = [...container.querySelectorAll("button")].find((b) => b.textContent === "Ajouter un justificatif");
    act(() => add?.click());
    await settle();
    const group = container.querySelector('fieldset[aria-label="Justificatif 1"]');
    expect(group).not.toBeNull();
    expect(document.activeElement).toBe(group?.querySelector("select"));
  });

  it("shows the server's refusal of a field under that field and gives it the focus", async () => {
    stubServer({
      errors: [
        {
          message: "La date d’obtention ne peut pas être dans le futur.",
          extensions: { code: "INVALID_INPUT", field: "evidence.1.obtainedOn", requestId: "r1" },
        },
      ],
    });
    const onDone = mount(DECLARED);
    await submit();
    expect(sent).toHaveLength(1);
    expect(onDone).not.toHaveBeenCalled();
    const date = fieldOf(2, /^Date d’obtention/);
    expect(messageOf(date)).toBe("La date d’obtention ne peut pas être dans le futur.");
    expect(messageOf(fieldOf(1, /^Date d’obtention/))).toBe("");
    expect(document.activeElement).toBe(date);
    expect(container.textContent).toContain("Votre saisie n’a pas été enregistrée");
  });

  it("keeps a refusal without a field in the alert, which takes the focus", async () => {
    stubServer({ errors: [{ message: "Une compétence a 10 justificatifs au plus.", extensions: { code: "INVALID_INPUT" } }] });
    mount(DECLARED);
    await submit();
    await act(async () => new Promise((r) => requestAnimationFrame(() => r(undefined))));
    expect(container.textContent).toContain("Une compétence a 10 justificatifs au plus.");
    expect(document.activeElement?.querySelector(".fr-alert")).not.toBeNull();
  });

  it("checks before sending: nothing is sent and the first field in error takes the focus", async () => {
    stubServer({ data: { declareSkill: { skill: { level: { value: 1 } } } } });
    mount(null);
    await submit();
    expect(sent).toHaveLength(0);
    expect(container.textContent).toContain("Choisissez un niveau.");
    const first = container.querySelector<HTMLInputElement>('input[type="radio"][name="level"]');
    expect(document.activeElement).toBe(first);
  });

  it("sends what the form holds, as the API's input", async () => {
    stubServer({ data: { declareSkill: { skill: { level: { value: 2 } } } } });
    const onDone = mount(DECLARED);
    await submit();
    expect(sent).toEqual([
      expect.objectContaining({
        variables: {
          input: {
            skillId: "s1",
            level: 2,
            currentUse: true,
            wantsToDevelop: false,
            evidence: [
              { kind: "TRAINING", title: "MOOC", description: null, score: null, obtainedOn: "2024-03-15", url: null },
              { kind: "CERTIFICATION", title: "Pix", description: null, score: 512, obtainedOn: null, url: null },
            ],
          },
        },
      }),
    ]);
    expect(onDone).toHaveBeenCalledWith("Déclaration modifiée : « Mener une recherche », niveau 2.");
  });
});

import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { QueryClientProvider } from "@tanstack/react-query";
import type { Operation } from "./client";
import { createQueryClient, operationName, useGraphQLMutation, useGraphQLQuery } from "./query";

const COUNT: Operation<{ count: number }, { id: string }> = "query Count($id: ID!) { count(id: $id) }";
const OTHER: Operation<{ other: number }, Record<string, never>> = "query Other { other }";
const BUMP: Operation<{ bump: boolean }, { id: string }> = "mutation Bump($id: ID!) { bump(id: $id) }";

describe("operationName", () => {
  const cases = [
    { name: "Query", op: "query Profile($id: ID!) { profile(id: $id) { id } }", want: "Profile" },
    { name: "Mutation", op: "\n  mutation DeclareSkill($input: DeclareSkillInput!) { x }", want: "DeclareSkill" },
    { name: "NoVariables", op: "query Me { me { id } }", want: "Me" },
  ];
  for (const c of cases) it(c.name, () => expect(operationName(c.op)).toBe(c.want));
  it("Anonymous", () => expect(() => operationName("{ me { id } }")).toThrow());
});

describe("useGraphQLMutation", () => {
  let root: Root | null = null;
  beforeAll(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  });
  afterEach(() => {
    act(() => root?.unmount());
    root = null;
    vi.unstubAllGlobals();
  });

  it("refetches the queries it invalidates, and only them, before it resolves", async () => {
    const served = { Count: 0, Other: 0, Bump: 0 };
    vi.stubGlobal(
      "fetch",
      vi.fn(async (_url: string, init: RequestInit) => {
        const { query } = JSON.parse(String(init.body)) as { query: string };
        const name = operationName(query) as keyof typeof served;
        served[name] += 1;
        const data = name === "Count" ? { count: served.Count } : name === "Other" ? { other: 1 } : { bump: true };
        return new Response(JSON.stringify({ data }), { headers: { "Content-Type": "application/json" } });
      }),
    );
    let bump: (() => Promise<unknown>) | null = null;
    function Probe() {
      const count = useGraphQLQuery(COUNT, { id: "1" });
      useGraphQLQuery(OTHER, {});
      const mutation = useGraphQLMutation(BUMP, ["Count"]);
      bump = () => mutation.mutateAsync({ id: "1" });
      return <p>{count.data ? `count ${count.data.count}` : "loading"}</p>;
    }
    const container = document.createElement("div");
    root = createRoot(container);
    act(() => root?.render(<QueryClientProvider client={createQueryClient()}><Probe /></QueryClientProvider>));
    await act(async () => {
      for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
    });
    expect(container.textContent).toBe("count 1");

    await act(async () => {
      await bump?.();
    });
    expect(served).toEqual({ Count: 2, Other: 1, Bump: 1 });
    expect(container.textContent).toBe("count 2");
  });
});

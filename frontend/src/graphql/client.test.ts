import { describe, expect, it, vi } from "vitest";
import {
  errorMessage,
  GraphQLRequestError,
  httpError,
  onSessionSignal,
  request,
  type ErrorCode,
  type Operation,
  type SessionSignal,
} from "./client";

const QUERY: Operation<{ framework: { code: string } | null }, { code: string }> =
  "query F($code: String!) { framework(code: $code) { code } }";

function respond(status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return vi.fn<typeof fetch>().mockResolvedValue(new Response(text, { status, headers }));
}

async function failure(fetchImpl: typeof fetch): Promise<GraphQLRequestError> {
  try {
    await request(QUERY, { code: "pix" }, { fetch: fetchImpl });
  } catch (error) {
    if (error instanceof GraphQLRequestError) return error;
    throw error;
  }
  throw new Error("request succeeded, want a GraphQLRequestError");
}

describe("request", () => {
  it("posts one operation as same-origin JSON and returns its data", async () => {
    const fetchImpl = respond(200, { data: { framework: { code: "pix" } } });
    const data = await request(QUERY, { code: "pix" }, { fetch: fetchImpl });
    expect(data).toEqual({ framework: { code: "pix" } });

    const [url, init] = fetchImpl.mock.calls[0] ?? [];
    expect(url).toBe("/graphql");
    expect(init?.method).toBe("POST");
    expect(init?.credentials).toBe("same-origin");
    expect(new Headers(init?.headers).get("Content-Type")).toBe("application/json");
    expect(JSON.parse(String(init?.body))).toEqual({ query: QUERY, variables: { code: "pix" } });
  });

  const cases: { name: string; fetch: () => typeof fetch; code: ErrorCode; requestId?: string; message?: string }[] = [
    {
      name: "NotFoundFromExtensions",
      fetch: () =>
        respond(200, {
          data: { framework: null },
          errors: [{ message: "framework not found", extensions: { code: "NOT_FOUND" } }],
        }),
      code: "NOT_FOUND",
      message: "framework not found",
    },
    {
      // Mutation fields are nullable: a failing mutation answers null beside the result of
      // one that succeeded; the person still gets the failing one's message.
      name: "NullMutationPayloadBesidePartialData",
      fetch: () =>
        respond(200, {
          data: { rankTopSkills: { profile: { id: "7" } }, declareSkill: null },
          errors: [
            { message: "Choisissez un niveau.", path: ["declareSkill"], extensions: { code: "INVALID_INPUT" } },
          ],
        }),
      code: "INVALID_INPUT",
      message: "Choisissez un niveau.",
    },
    {
      name: "InternalWithRequestIdInExtensions",
      fetch: () =>
        respond(200, { errors: [{ message: "internal error", extensions: { code: "INTERNAL", requestId: "req-42" } }] }),
      code: "INTERNAL",
      requestId: "req-42",
    },
    {
      name: "RequestIdFromHeader",
      fetch: () => respond(200, { errors: [{ message: "x", extensions: { code: "INTERNAL" } }] }, { "X-Request-Id": "h-7" }),
      code: "INTERNAL",
      requestId: "h-7",
    },
    {
      name: "UnauthenticatedFromExtensionsOn401",
      fetch: () => respond(401, { errors: [{ message: "sign in", extensions: { code: "UNAUTHENTICATED" } }] }),
      code: "UNAUTHENTICATED",
    },
    {
      name: "UnknownCodeOnErrorStatusFallsBackOnStatus",
      fetch: () => respond(403, { errors: [{ message: "cross-origin request" }] }),
      code: "FORBIDDEN",
    },
    {
      name: "UnknownCodeOn200",
      fetch: () => respond(200, { errors: [{ message: "odd", extensions: { code: "TEAPOT" } }] }),
      code: "UNKNOWN",
    },
    {
      name: "RateLimited",
      fetch: () =>
        respond(
          429,
          { errors: [{ message: "Vous avez fait beaucoup de demandes en peu de temps : réessayez dans 12 secondes.", extensions: { code: "RATE_LIMITED" } }] },
          { "Retry-After": "12" },
        ),
      code: "RATE_LIMITED",
      message: "Vous avez fait beaucoup de demandes en peu de temps : réessayez dans 12 secondes.",
    },
    { name: "RateLimitedWithoutJSON", fetch: () => respond(429, "slow down"), code: "RATE_LIMITED" },
    { name: "BadGatewayWithoutJSON", fetch: () => respond(502, "<html>Bad gateway</html>"), code: "INTERNAL" },
    { name: "TooLargeWithoutJSON", fetch: () => respond(413, "too large"), code: "INVALID_INPUT" },
    { name: "OkWithoutData", fetch: () => respond(200, {}), code: "UNKNOWN" },
    {
      name: "NetworkFailure",
      fetch: () => vi.fn<typeof fetch>().mockRejectedValue(new TypeError("Failed to fetch")),
      code: "NETWORK",
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const error = await failure(c.fetch());
      expect(error.code).toBe(c.code);
      if (c.requestId !== undefined) expect(error.requestId).toBe(c.requestId);
      if (c.message !== undefined) expect(error.serverMessage).toBe(c.message);
    });
  }

  it("lets an abort through unchanged", async () => {
    const controller = new AbortController();
    const fetchImpl = vi.fn<typeof fetch>((_url, init) => {
      return new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      });
    });
    const pending = request(QUERY, { code: "pix" }, { fetch: fetchImpl, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("onSessionSignal", () => {
  async function signals(fetchImpl: typeof fetch): Promise<SessionSignal[]> {
    const seen: SessionSignal[] = [];
    const stop = onSessionSignal((signal) => seen.push(signal));
    try {
      await request(QUERY, { code: "pix" }, { fetch: fetchImpl }).catch(() => undefined);
    } finally {
      stop();
    }
    return seen;
  }

  it("says nothing about an ordinary response", async () => {
    expect(await signals(respond(200, { data: { framework: { code: "pix" } } }))).toEqual([]);
    expect(await signals(respond(200, { errors: [{ message: "x", extensions: { code: "NOT_FOUND" } }] }))).toEqual([]);
  });

  it("reports X-Session-Expired, even on a successful response", async () => {
    const fetchImpl = respond(200, { data: { framework: null } }, { "X-Session-Expired": "1" });
    expect(await signals(fetchImpl)).toEqual([{ sessionExpired: true, unauthenticated: false }]);
  });

  it("reports an UNAUTHENTICATED error, in any position", async () => {
    const fetchImpl = respond(200, {
      errors: [
        { message: "a", extensions: { code: "NOT_FOUND" } },
        { message: "b", extensions: { code: "UNAUTHENTICATED" } },
      ],
    });
    expect(await signals(fetchImpl)).toEqual([{ sessionExpired: false, unauthenticated: true }]);
  });

  it("reports a 401 without a GraphQL body", async () => {
    expect(await signals(respond(401, "Unauthorized"))).toEqual([{ sessionExpired: false, unauthenticated: true }]);
  });

  it("stops after unsubscribing", async () => {
    const seen: SessionSignal[] = [];
    const stop = onSessionSignal((signal) => seen.push(signal));
    stop();
    await request(QUERY, { code: "pix" }, { fetch: respond(200, { data: { framework: null } }, { "X-Session-Expired": "1" }) });
    expect(seen).toEqual([]);
  });
});

describe("errorMessage", () => {
  const titles: [ErrorCode, string][] = [
    ["UNAUTHENTICATED", "Connexion requise"],
    ["FORBIDDEN", "Accès refusé"],
    ["NOT_FOUND", "Élément introuvable"],
    ["INVALID_INPUT", "Données invalides"],
    ["CONFLICT", "Modification en conflit"],
    ["INTERNAL", "Erreur du service"],
    ["RATE_LIMITED", "Trop de demandes"],
    ["NETWORK", "Service injoignable"],
    ["UNKNOWN", "Réponse inattendue"],
  ];
  for (const [code, title] of titles) {
    it(code, () => {
      const message = errorMessage(new GraphQLRequestError(code));
      expect(message.title).toBe(title);
      expect(message.description.length).toBeGreaterThan(20);
    });
  }

  it("shows the server's message for invalid input, meant for a person", () => {
    const error = new GraphQLRequestError("INVALID_INPUT", { serverMessage: "Le niveau doit être compris entre 1 et 8." });
    expect(errorMessage(error).description).toBe("Le niveau doit être compris entre 1 et 8.");
  });

  it("shows when to try again after a rate limit, as the server says", () => {
    const error = new GraphQLRequestError("RATE_LIMITED", { serverMessage: "Vous avez fait beaucoup de demandes en peu de temps : réessayez dans 3 minutes." });
    expect(errorMessage(error).description).toBe("Vous avez fait beaucoup de demandes en peu de temps : réessayez dans 3 minutes.");
  });

  it("never shows an internal error's message, but gives the request id", () => {
    const error = new GraphQLRequestError("INTERNAL", { serverMessage: "sql: no such table", requestId: "req-42" });
    const { description } = errorMessage(error);
    expect(description).not.toContain("sql");
    expect(description).toContain("req-42");
  });

  it("treats anything else as an unexpected answer", () => {
    expect(errorMessage(new Error("boom")).title).toBe("Réponse inattendue");
  });
});

describe("httpError", () => {
  it("reads a rate limit answered in the shape of GraphQL errors", () => {
    const e = httpError(429, {
      errors: [{ message: "Vous avez fait beaucoup de demandes en peu de temps : réessayez dans 60 minutes.", extensions: { code: "RATE_LIMITED", requestId: "r1" } }],
    });
    expect(e.code).toBe("RATE_LIMITED");
    expect(errorMessage(e)).toEqual({ title: "Trop de demandes", description: "Vous avez fait beaucoup de demandes en peu de temps : réessayez dans 60 minutes." });
    expect(e.requestId).toBe("r1");
  });
  it("reads the { error, code } answer of the export", () => {
    const e = httpError(401, { error: "Connectez-vous pour continuer.", code: "UNAUTHENTICATED", requestId: "r2" });
    expect(e.code).toBe("UNAUTHENTICATED");
    expect(e.serverMessage).toBe("Connectez-vous pour continuer.");
  });
  it("falls back on the status when the body says nothing", () => {
    expect(httpError(429, null).code).toBe("RATE_LIMITED");
    expect(httpError(502, "<html>").code).toBe("INTERNAL");
  });
});

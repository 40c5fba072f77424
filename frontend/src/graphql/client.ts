// A small GraphQL client: one POST per operation to the same-origin /graphql
// endpoint, typed by the operation, with errors mapped to French messages.

/**
 * Operation is a GraphQL document whose result and variables types travel
 * with it, so that request() is typed at the call site: the TypedDocumentString
 * that graphql() of src/gql returns (GraphQL Code Generator's client preset),
 * whose toString() is the document's text.
 */
export type Operation<TData, TVariables> = {
  toString(): string;
  readonly __apiType?: (variables: TVariables) => TData;
};

/** ServerErrorCode is one of the codes the server puts in extensions.code. */
export type ServerErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "INVALID_INPUT"
  | "CONFLICT"
  | "INTERNAL"
  | "RATE_LIMITED";

/**
 * ErrorCode adds the client's own cases: the network failed (NETWORK), or
 * the server answered something that is not a GraphQL response (UNKNOWN).
 */
export type ErrorCode = ServerErrorCode | "NETWORK" | "UNKNOWN";

const SERVER_CODES: readonly string[] = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "INVALID_INPUT",
  "CONFLICT",
  "INTERNAL",
  "RATE_LIMITED",
];

/** GraphQLErrorEntry is one entry of a response's errors array. */
export type GraphQLErrorEntry = {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; requestId?: string; [key: string]: unknown };
};

/** GraphQLRequestError is what request() throws. */
export class GraphQLRequestError extends Error {
  readonly code: ErrorCode;
  /** serverMessage is the first error's message, meant for a person. */
  readonly serverMessage: string | undefined;
  /** requestId identifies the request in the server logs, when known. */
  readonly requestId: string | undefined;
  readonly errors: GraphQLErrorEntry[];

  constructor(
    code: ErrorCode,
    options: { serverMessage?: string; requestId?: string; errors?: GraphQLErrorEntry[]; cause?: unknown } = {},
  ) {
    super(options.serverMessage ?? code, { cause: options.cause });
    this.name = "GraphQLRequestError";
    this.code = code;
    this.serverMessage = options.serverMessage;
    this.requestId = options.requestId;
    this.errors = options.errors ?? [];
  }
}

/** errorCodeOf reads extensions.code, falling back on UNKNOWN for codes we do not know. */
export function errorCodeOf(entry: GraphQLErrorEntry | undefined): ErrorCode {
  const code = entry?.extensions?.code;
  return typeof code === "string" && SERVER_CODES.includes(code) ? (code as ServerErrorCode) : "UNKNOWN";
}

function codeFromStatus(status: number): ErrorCode {
  if (status === 401) return "UNAUTHENTICATED";
  if (status === 403) return "FORBIDDEN";
  if (status === 404) return "NOT_FOUND";
  if (status === 400 || status === 413 || status === 415 || status === 422) return "INVALID_INPUT";
  if (status === 409) return "CONFLICT";
  if (status === 429) return "RATE_LIMITED";
  if (status >= 500) return "INTERNAL";
  return "UNKNOWN";
}

/**
 * httpError turns a refused plain HTTP answer (the export download, not GraphQL)
 * into a GraphQLRequestError, so that it is shown like the others. body is the
 * parsed JSON, if any: the server answers either in the shape of GraphQL errors
 * (a rate limit: { errors: [{ message, extensions: { code, requestId } }] }) or as
 * { error, code, requestId }.
 */
export function httpError(status: number, body: unknown): GraphQLRequestError {
  const record = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {});
  const b = record(body);
  const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  const entry = Array.isArray(b.errors) ? (b.errors[0] as GraphQLErrorEntry | undefined) : undefined;
  const code = entry ? errorCodeOf(entry) : typeof b.code === "string" && SERVER_CODES.includes(b.code) ? (b.code as ServerErrorCode) : "UNKNOWN";
  return new GraphQLRequestError(code === "UNKNOWN" ? codeFromStatus(status) : code, {
    serverMessage: text(entry?.message) ?? text(b.error),
    requestId: text(entry?.extensions?.requestId) ?? text(b.requestId),
    errors: entry ? [entry] : [],
  });
}

/**
 * SessionSignal is what a response tells about the session: the server
 * found the session cookie expired (X-Session-Expired: 1), or refused the
 * operation because nobody is signed in (an UNAUTHENTICATED error).
 */
export type SessionSignal = { sessionExpired: boolean; unauthenticated: boolean };

const sessionListeners = new Set<(signal: SessionSignal) => void>();

/**
 * onSessionSignal calls listener after every GraphQL response that says
 * something about the session, before request() resolves or throws; it
 * returns the function that unsubscribes. The session context listens, so
 * that any query of any page can reveal that the session expired.
 */
export function onSessionSignal(listener: (signal: SessionSignal) => void): () => void {
  sessionListeners.add(listener);
  return () => {
    sessionListeners.delete(listener);
  };
}

function emitSessionSignal(signal: SessionSignal): void {
  if (!signal.sessionExpired && !signal.unauthenticated) return;
  for (const listener of sessionListeners) listener(signal);
}

type RequestOptions = {
  signal?: AbortSignal;
  /** fetch is injectable for tests. */
  fetch?: typeof fetch;
  endpoint?: string;
};

/**
 * request runs one GraphQL operation and returns its data. It throws a
 * GraphQLRequestError when the network fails, when the response carries
 * errors (even alongside partial data), or when it is not GraphQL at all.
 * An aborted request rejects with the AbortError of fetch, unchanged.
 */
export async function request<TData, TVariables>(
  operation: Operation<TData, TVariables>,
  variables: TVariables,
  options: RequestOptions = {},
): Promise<TData> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(options.endpoint ?? "/graphql", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({ query: operation.toString(), variables }),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new GraphQLRequestError("NETWORK", { cause });
  }

  const headerRequestId = response.headers.get("X-Request-Id") ?? undefined;
  let body: { data?: TData | null; errors?: GraphQLErrorEntry[] } | undefined;
  try {
    body = (await response.json()) as typeof body;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    body = undefined;
  }

  const errors = Array.isArray(body?.errors) ? body.errors : [];
  emitSessionSignal({
    sessionExpired: response.headers.get("X-Session-Expired") === "1",
    unauthenticated: response.status === 401 || errors.some((e) => errorCodeOf(e) === "UNAUTHENTICATED"),
  });
  if (errors.length > 0) {
    const first = errors[0];
    const code = errorCodeOf(first);
    const extId = first?.extensions?.requestId;
    throw new GraphQLRequestError(code === "UNKNOWN" && !response.ok ? codeFromStatus(response.status) : code, {
      serverMessage: first?.message,
      requestId: typeof extId === "string" ? extId : headerRequestId,
      errors,
    });
  }
  if (!response.ok || body === undefined || body.data === undefined || body.data === null) {
    throw new GraphQLRequestError(response.ok ? "UNKNOWN" : codeFromStatus(response.status), {
      requestId: headerRequestId,
    });
  }
  return body.data;
}

/** ErrorMessage is what the interface shows for an error. */
export type ErrorMessage = { title: string; description: string };

/** errorMessage turns any error into a French title and description for a person. */
export function errorMessage(error: unknown): ErrorMessage {
  const e = error instanceof GraphQLRequestError ? error : new GraphQLRequestError("UNKNOWN", { cause: error });
  const reference = e.requestId ? ` Référence de la demande : ${e.requestId}.` : "";
  switch (e.code) {
    case "UNAUTHENTICATED":
      return {
        title: "Connexion requise",
        description: "Votre session a expiré. Connectez-vous pour continuer.",
      };
    case "FORBIDDEN":
      return {
        title: "Accès refusé",
        description: "Vous n’avez pas les droits nécessaires pour accéder à cette information.",
      };
    case "NOT_FOUND":
      return {
        title: "Élément introuvable",
        description: "L’élément demandé n’existe pas ou n’est plus disponible.",
      };
    case "INVALID_INPUT":
      return {
        title: "Données invalides",
        // The server writes these messages for a person: show them.
        description: e.serverMessage ?? "Certaines informations transmises ne sont pas valides.",
      };
    case "CONFLICT":
      return {
        title: "Modification en conflit",
        description:
          e.serverMessage ??
          "Cette action entre en conflit avec une modification récente. Rechargez la page puis réessayez.",
      };
    case "RATE_LIMITED":
      return {
        title: "Trop de demandes",
        // The server says when to try again.
        description: e.serverMessage ?? "Vous avez fait beaucoup de demandes en peu de temps : réessayez dans un instant.",
      };
    case "NETWORK":
      return {
        title: "Service injoignable",
        description: "Le service ne répond pas. Vérifiez votre connexion puis réessayez.",
      };
    case "INTERNAL":
      return {
        title: "Erreur du service",
        description: `Une erreur inattendue s’est produite. Réessayez dans quelques instants ; si le problème persiste, signalez-le à l’équipe Passerelles.${reference}`,
      };
    case "UNKNOWN":
      return {
        title: "Réponse inattendue",
        description: `Le service a renvoyé une réponse inattendue. Réessayez dans quelques instants.${reference}`,
      };
  }
}

import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { startReactDsfr } from "@codegouvfr/react-dsfr/spa";
import { documentTitle, isInAppClick, Link, matchRoute, navigate, useLocation } from "./router";
import { routes } from "./routes";
import { QueryClientProvider } from "@tanstack/react-query";
import { App } from "./App";
import { createQueryClient } from "./graphql/query";
import { FrameworkPage } from "./pages/FrameworkPage";
import { HomePage } from "./pages/HomePage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { MySpacePage } from "./pages/MySpacePage";
import { EditEventPage, EventPage, EventsPage, NewEventPage } from "./events/lazyPages";

describe("matchRoute", () => {
  const cases: { path: string; page: unknown; params?: Record<string, string> }[] = [
    { path: "/", page: HomePage },
    { path: "/referentiels", page: routes[1]?.component },
    { path: "/referentiels/", page: routes[1]?.component },
    { path: "/referentiels/pix", page: FrameworkPage, params: { code: "pix" } },
    { path: "/referentiels/e%20cf", page: FrameworkPage, params: { code: "e cf" } },
    { path: "/referentiels/pix/extra", page: null },
    { path: "/referentiels/%E0%A4%A", page: null },
    { path: "/mentions-legales", page: routes[3]?.component },
    { path: "/mon-espace", page: MySpacePage },
    { path: "/evenements", page: EventsPage },
    // « nouveau » is the creation form, not an event with that id: its route comes first.
    { path: "/evenements/nouveau", page: NewEventPage },
    { path: "/evenements/12", page: EventPage, params: { id: "12" } },
    { path: "/evenements/12/modifier", page: EditEventPage, params: { id: "12" } },
    { path: "/evenements/12/autre", page: null },
    { path: "/Mentions-Legales", page: null },
    { path: "/inconnue", page: null },
  ];
  for (const c of cases) {
    it(c.path, () => {
      const match = matchRoute(routes, c.path);
      expect(match?.route.component ?? null).toBe(c.page);
      if (c.params) expect(match?.params).toEqual(c.params);
    });
  }
});

describe("routes", () => {
  it("the personal pages, and only they, require sign-in", () => {
    expect(routes.filter((r) => r.requiresAuth).map((r) => r.pattern)).toEqual([
      "/mon-espace",
      "/mes-competences",
      "/bienvenue",
      "/mon-profil",
      "/mes-donnees",
      "/mes-listes",
      "/profils/:id",
      "/administration",
      "/talents",
      "/communautes",
      "/communautes/:code",
      "/administration/communautes",
      "/notifications",
      "/evenements",
      "/evenements/nouveau",
      "/evenements/:id",
      "/evenements/:id/modifier",
    ]);
  });
});

describe("documentTitle", () => {
  it("puts the most specific part first and the service last", () => {
    expect(documentTitle("Pix", "Référentiels")).toBe("Pix — Référentiels — Passerelles");
    expect(documentTitle("Référentiels")).toBe("Référentiels — Passerelles");
    expect(documentTitle("", "Référentiels")).toBe("Référentiels — Passerelles");
  });
});

describe("isInAppClick", () => {
  const plain = { button: 0, metaKey: false, altKey: false, ctrlKey: false, shiftKey: false, defaultPrevented: false };
  const cases: { name: string; event?: Partial<typeof plain>; href: string; target?: string; want: boolean }[] = [
    { name: "InAppPath", href: "/referentiels", want: true },
    { name: "InPageAnchor", href: "#contenu", want: false },
    { name: "OtherOrigin", href: "https://www.cnil.fr/", want: false },
    { name: "ProtocolRelative", href: "//example.org/", want: false },
    { name: "NewTab", href: "/referentiels", target: "_blank", want: false },
    { name: "CtrlClick", event: { ctrlKey: true }, href: "/referentiels", want: false },
    { name: "MiddleClick", event: { button: 1 }, href: "/referentiels", want: false },
    { name: "AlreadyHandled", event: { defaultPrevented: true }, href: "/referentiels", want: false },
    { name: "SignInIsTheServers", href: "/auth/login?return_to=%2F", want: false },
    { name: "ProviderIsTheServers", href: "/devidp/login?id=1", want: false },
    { name: "CalendarFileIsTheServers", href: "/calendar/events/12.ics", want: false },
    { name: "CsvExportIsTheServers", href: "/exports/events/12/participants.csv", want: false },
    { name: "GraphQLIsTheServers", href: "/graphql", want: false },
    { name: "APathThatOnlyStartsLikeAServerOne", href: "/authentification", want: true },
  ];
  for (const c of cases) {
    it(c.name, () => expect(isInAppClick({ ...plain, ...c.event }, c.href, c.target)).toBe(c.want));
  }
});

const PIX = {
  code: "pix",
  name: "Pix",
  description: "Référentiel des compétences numériques.",
  levels: [
    { value: 1, code: "1", label: "Novice", description: "Premier niveau." },
    { value: 2, code: "2", label: "Novice", description: "Deuxième niveau." },
  ],
  domains: [
    {
      code: "1",
      name: "Information et données",
      skills: {
        totalCount: 1,
        edges: [
          {
            node: { id: "s1", code: "1.2", name: "Gérer des données", nameEn: "Managing data", description: "Ranger." },
          },
        ],
      },
    },
  ],
};

let root: Root | null = null;
let container: HTMLElement;

function mount(ui: React.ReactNode) {
  container = document.createElement("div");
  document.body.appendChild(container);
  root = createRoot(container);
  // A fresh cache per test, as the SPA has one per page load.
  act(() => root?.render(<QueryClientProvider client={createQueryClient()}>{ui}</QueryClientProvider>));
}

// Lets pending fetches resolve and effects run.
async function settle() {
  await act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
  });
}

function stubGraphQL(answer: (body: { query: string; variables: Record<string, unknown> }) => unknown) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init: RequestInit) => {
      const payload = answer(JSON.parse(String(init.body)));
      return new Response(JSON.stringify(payload), { headers: { "Content-Type": "application/json" } });
    }),
  );
}

describe("pages", () => {
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

  it("titles each route and moves focus to its heading after navigation, not on first load", async () => {
    expect(window.location.pathname).toBe("/");
    stubGraphQL(({ query }) =>
      /query Site\b/.test(query)
        ? { data: { site: { contactEmail: "passerelles@demo.gouv.fr" } } }
        : { data: { frameworks: { totalCount: 0, edges: [] } } },
    );
    mount(<App />);
    await settle();
    expect(document.title).toBe("Accueil — Passerelles");
    expect(document.activeElement?.tagName).not.toBe("H1");

    act(() => navigate("/referentiels"));
    await settle();
    expect(document.title).toBe("Référentiels — Passerelles");
    expect(document.activeElement?.tagName).toBe("H1");
    expect(document.activeElement?.textContent).toBe("Référentiels de compétences");

    act(() => navigate("/nulle-part"));
    await settle();
    expect(document.title).toBe("Page introuvable — Passerelles");
    expect(document.activeElement?.textContent).toBe("Page introuvable");

    act(() => navigate("/mentions-legales"));
    await settle();
    expect(document.title).toBe("Mentions légales — Passerelles");
    expect(document.activeElement?.textContent).toBe("Mentions légales");
    // The contact address of the configuration (Query.site), as a mailto: link.
    const contact = container.querySelector<HTMLAnchorElement>("main a[href^='mailto:']");
    expect(contact?.getAttribute("href")).toBe("mailto:passerelles@demo.gouv.fr");
    expect(contact?.textContent).toBe("passerelles@demo.gouv.fr");
  });

  it("a change of query string alone re-renders the location without a navigation", async () => {
    act(() => navigate("/talents"));
    const seen: { search: string; navigation: number }[] = [];
    function Probe() {
      const { search, navigation } = useLocation();
      seen.push({ search, navigation });
      return null;
    }
    mount(<Probe />);
    const start = seen[seen.length - 1]?.navigation ?? 0;
    act(() => navigate("/talents?texte=data"));
    expect(seen[seen.length - 1]).toEqual({ search: "?texte=data", navigation: start });
    act(() => navigate("/talents?texte=data&region=7"));
    act(() => window.history.back());
    await vi.waitFor(() => expect(seen[seen.length - 1]?.search).toBe("?texte=data"));
    expect(seen[seen.length - 1]?.navigation).toBe(start);
    act(() => navigate("/referentiels"));
    expect(seen[seen.length - 1]).toEqual({ search: "", navigation: start + 1 });
  });

  it("a click on an in-app link navigates without reloading", async () => {
    act(() => navigate("/"));
    stubGraphQL(() => ({ data: { frameworks: { totalCount: 0, edges: [] } } }));
    mount(<App />);
    await settle();
    const link = [...container.querySelectorAll("main a")].find((a) => a.textContent?.includes("référentiels"));
    expect(link).toBeDefined();
    act(() => (link as HTMLAnchorElement).click());
    await settle();
    expect(window.location.pathname).toBe("/referentiels");
    expect(document.title).toBe("Référentiels — Passerelles");
  });

  it("shows a framework's levels and competences, titled with its name", async () => {
    stubGraphQL(({ variables }) => (variables.code === "pix" ? { data: { framework: PIX } } : {}));
    mount(<FrameworkPage params={{ code: "pix" }} />);
    await settle();
    expect(document.title).toBe("Pix — Référentiels — Passerelles");
    expect(container.querySelector("h1")?.textContent).toBe("Pix");
    expect(container.querySelectorAll("tbody tr")).toHaveLength(2);
    expect(container.querySelector("#competence-1-2 h4")?.textContent).toBe("1.2 Gérer des données");
    expect(container.querySelector("#competence-1-2 [lang=en]")?.textContent).toBe("Managing data");
  });

  it("says so when a framework does not exist", async () => {
    stubGraphQL(() => ({
      data: { framework: null },
      errors: [{ message: "not found", extensions: { code: "NOT_FOUND" } }],
    }));
    mount(<FrameworkPage params={{ code: "inconnu" }} />);
    await settle();
    expect(document.title).toBe("Référentiel introuvable — Référentiels — Passerelles");
    expect(container.textContent).toContain("Aucun référentiel ne porte le code « inconnu »");
  });

  it("shows a server error as a DSFR alert in French", async () => {
    stubGraphQL(() => ({ errors: [{ message: "boom", extensions: { code: "INTERNAL", requestId: "req-9" } }] }));
    mount(<FrameworkPage params={{ code: "pix" }} />);
    await settle();
    const alert = container.querySelector(".fr-alert--error");
    expect(alert?.textContent).toContain("Erreur du service");
    expect(alert?.textContent).toContain("req-9");
    expect(alert?.textContent).not.toContain("boom");
  });

  it("NotFoundPage is the fallback of unknown paths", () => {
    expect(matchRoute(routes, "/nulle-part")).toBeNull();
    mount(<NotFoundPage />);
    expect(container.querySelector("h1")?.textContent).toBe("Page introuvable");
  });
});

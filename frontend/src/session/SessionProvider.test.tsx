// The session as a person sees it in the layout: the header's tools, the
// pages that require sign-in, and the notice of an expired session.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { startReactDsfr } from "@codegouvfr/react-dsfr/spa";
import { App } from "../App";
import { Link, navigate } from "../router";
import type { Me } from "./session";

const SOPHIE: Me = {
  id: "a6",
  givenName: "Sophie",
  usualName: "Marchand",
  email: "sophie.marchand@sg.demo.gouv.fr",
  organisationLabel: "Direction du numérique (DNUM)",
  accessRoles: ["ADMIN", "AGENT"],
  animatedCommunities: [],
  profile: { id: "a6", visibilityChosen: true },
};

type Answer = { body: unknown; headers?: Record<string, string>; status?: number };

/** serve answers the me query with me, and other operations with other(). */
function serve(me: Me | null, other: (query: string) => Answer = () => ({ body: { data: { frameworks: { totalCount: 0, edges: [] } } } })) {
  const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
    const { query } = JSON.parse(String(init.body)) as { query: string };
    const answer: Answer = /query Me\b/.test(query) ? { body: { data: { me } } } : other(query);
    return new Response(JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { "Content-Type": "application/json", ...answer.headers },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

let root: Root | null = null;
let container: HTMLElement;

async function mount(path: string) {
  act(() => navigate(path, { replace: true }));
  container = document.createElement("div");
  document.body.appendChild(container);
  root = createRoot(container);
  act(() => root?.render(<App />));
  await settle();
}

async function settle() {
  await act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
  });
}

function header(): HTMLElement {
  const el = container.querySelector<HTMLElement>("header .fr-header__tools-links");
  if (el === null) throw new Error("no header tools");
  return el;
}

function headerLink(text: string): HTMLAnchorElement | undefined {
  return [...header().querySelectorAll("a")].find((a) => a.textContent === text);
}

/** navEntries lists the header's navigation as it is read: its links and menu buttons, then each menu's links after their button. */
function navEntries(): string[] {
  return [...container.querySelectorAll("header nav .fr-nav__item")].flatMap((item) => {
    const top = item.querySelector(":scope > a, :scope > button");
    const menu = [...item.querySelectorAll(".fr-menu a")].map((a) => `  ${a.textContent ?? ""}`);
    return [top?.textContent ?? "", ...menu];
  });
}

function notice(): HTMLElement | null {
  return container.querySelector(".fr-notice");
}

describe("session in the layout", () => {
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

  it("signed out: the header offers « Se connecter », back to the current page", async () => {
    serve(null);
    await mount("/referentiels");
    const link = headerLink("Se connecter");
    expect(link?.getAttribute("href")).toBe("/auth/login?return_to=%2Freferentiels");
    expect(navEntries()).toEqual(["Référentiels"]);
    expect(notice()).toBeNull();
  });

  it("signed in: name, roles in French and « Se déconnecter » that posts the sign-out form", async () => {
    serve(SOPHIE);
    await mount("/");
    expect(headerLink("Sophie Marchand")?.getAttribute("href")).toBe("/mon-espace");
    const roles = header().querySelector("ul[aria-label='Rôles']");
    expect([...(roles?.querySelectorAll("li") ?? [])].map((e) => e.textContent)).toEqual(["Agent", "Administrateur"]);
    expect(headerLink("Se connecter")).toBeUndefined();

    const button = [...header().querySelectorAll("button")].find((b) => b.textContent === "Se déconnecter");
    expect(button?.type).toBe("submit");
    const form = button?.form;
    expect(form?.getAttribute("method")).toBe("post");
    expect(form?.getAttribute("action")).toBe("/auth/logout");
    // Sophie is an administrator: six entries (the service's name leads home), so that the header holds on one line at 1024 px;
    // communities and events share a menu, « Mes données » and « Mes listes » are on Mon espace.
    expect(navEntries()).toEqual([
      "Référentiels",
      "Mon espace",
      "Mes compétences",
      "Trouver des talents",
      "Communautés et événements",
      "  Communautés",
      "  Événements",
      "Administration",
    ]);
    const menu = container.querySelector<HTMLButtonElement>("header nav button.fr-nav__btn");
    expect(menu?.getAttribute("aria-expanded")).toBe("false");
    expect(document.getElementById(menu?.getAttribute("aria-controls") ?? "")?.querySelectorAll("a").length).toBe(2);
  });

  it("a manager who is not an administrator has « Mes listes » and no link to the administration page", async () => {
    serve({ ...SOPHIE, accessRoles: ["MANAGER", "AGENT"] });
    await mount("/");
    expect(navEntries()).toEqual(["Référentiels", "Mon espace", "Mes compétences", "Trouver des talents", "Communautés et événements", "  Communautés", "  Événements"]);
  });

  it("signed in as an agent only: « Trouver un collègue », no « Mes listes »", async () => {
    serve({ ...SOPHIE, accessRoles: ["AGENT"] });
    await mount("/");
    // « Événements » is in the navigation of every signed-in agent.
    expect(navEntries()).toEqual(["Référentiels", "Mon espace", "Mes compétences", "Trouver un collègue", "Communautés et événements", "  Communautés", "  Événements"]);
  });

  it("the sign-in link is left to the browser: a full-page navigation", async () => {
    serve(null);
    await mount("/referentiels");
    const link = headerLink("Se connecter");
    const event = new MouseEvent("click", { bubbles: true, cancelable: true, button: 0 });
    act(() => {
      link?.dispatchEvent(event);
    });
    // The router did not intercept the click: the browser loads the server's page.
    expect(event.defaultPrevented).toBe(false);
  });

  it("/mon-espace signed out shows « Connexion requise » with a button that comes back", async () => {
    serve(null);
    await mount("/mon-espace");
    expect(container.querySelector("main h1")?.textContent).toBe("Connexion requise");
    expect(document.title).toBe("Connexion requise — Passerelles");
    const button = [...container.querySelectorAll("main a")].find((a) => a.textContent === "Se connecter");
    expect(button?.getAttribute("href")).toBe("/auth/login?return_to=%2Fmon-espace");
  });

  it("/mon-espace signed in greets the person and shows their profile", async () => {
    serve(SOPHIE);
    await mount("/mon-espace");
    expect(container.querySelector("main h1")?.textContent).toBe("Bonjour Sophie");
    expect(document.title).toBe("Mon espace — Passerelles");
    const main = container.querySelector("main")?.textContent ?? "";
    expect(main).toContain("sophie.marchand@sg.demo.gouv.fr");
    expect(main).toContain("Direction du numérique (DNUM)");
    expect(main).toContain("Administrateur");
  });

  it("an answer with X-Session-Expired shows the notice and signs the header out", async () => {
    // The home page's own query (her next step) is answered before the session ends.
    serve(SOPHIE, (query) =>
      /query HomeSkills\b/.test(query)
        ? { body: { data: { profile: { id: "a6", skills: [] } } } }
        : /query UnreadNotifications\b/.test(query)
        ? { body: { data: { me: { id: "a6", notifications: { unreadCount: 2 } } } } }
        : { body: { data: { frameworks: { totalCount: 0, edges: [] } } }, headers: { "X-Session-Expired": "1" } },
    );
    await mount("/");
    expect(headerLink("Sophie Marchand")).toBeDefined();
    // The header's link to the notifications counts the unread ones (its own small query).
    // Its own small query answers after the session's (a few more ticks).
    for (let i = 0; i < 20 && headerLink("Notifications (2 non lues)") === undefined; i++) await settle();
    expect(headerLink("Notifications (2 non lues)")?.getAttribute("href")).toBe("/notifications");
    expect(notice()).toBeNull();

    act(() => navigate("/referentiels"));
    await settle();
    expect(notice()?.textContent).toContain("Votre session a expiré. Reconnectez-vous pour continuer.");
    const again = [...(notice()?.querySelectorAll("a") ?? [])].find((a) => a.textContent === "Se reconnecter");
    expect(again?.getAttribute("href")).toBe("/auth/login?return_to=%2Freferentiels");
    expect(again?.getAttribute("target")).toBe("_self");
    // The notice sits in a live region that was there before, so it is announced.
    expect(notice()?.parentElement?.getAttribute("role")).toBe("status");
    expect(headerLink("Sophie Marchand")).toBeUndefined();
    expect(headerLink("Se connecter")?.getAttribute("href")).toBe("/auth/login?return_to=%2Freferentiels");
    expect(navEntries()).not.toContain("Mon espace");
  });

  it("an UNAUTHENTICATED error while signed in is an expired session too; the notice can be closed", async () => {
    serve(SOPHIE, () => ({
      body: { errors: [{ message: "Connexion requise.", extensions: { code: "UNAUTHENTICATED" } }] },
    }));
    await mount("/");
    act(() => navigate("/referentiels"));
    await settle();
    expect(notice()?.textContent).toContain("Votre session a expiré.");
    const close = notice()?.querySelector("button");
    act(() => close?.click());
    expect(notice()).toBeNull();
    expect(headerLink("Se connecter")).toBeDefined();
  });

  it("an UNAUTHENTICATED error while signed out is not an expiry", async () => {
    serve(null, () => ({ body: { errors: [{ message: "Connexion requise.", extensions: { code: "UNAUTHENTICATED" } }] } }));
    await mount("/referentiels");
    expect(notice()).toBeNull();
  });

  it("on a page that requires sign-in, the expiry is told by the page itself, not twice", async () => {
    serve(SOPHIE, () => ({ body: { data: { frameworks: { totalCount: 0, edges: [] } } }, headers: { "X-Session-Expired": "1" } }));
    await mount("/");
    act(() => navigate("/referentiels"));
    await settle();
    act(() => navigate("/mon-espace"));
    await settle();
    expect(container.querySelector("main h1")?.textContent).toBe("Connexion requise");
    expect(container.querySelector("main")?.textContent).toContain("Votre session a expiré.");
    expect(notice()).toBeNull();
    const again = [...container.querySelectorAll("main a")].find((a) => a.textContent === "Se reconnecter");
    expect(again?.getAttribute("href")).toBe("/auth/login?return_to=%2Fmon-espace");
  });
});

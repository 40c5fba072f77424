// End-to-end tests of sign-in and sign-out through the server's embedded
// development provider (« Connexion de démonstration »), with each demo
// persona, as a person does it: links, buttons and headings, in French.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { BUDGET, axeViolations, launchBrowser, recordErrors, screenshot, screenshotOf, skipOnboarding, startServer } from "./support.js";

/** @typedef {import("playwright-core").Browser} Browser */
/** @typedef {import("playwright-core").BrowserContext} BrowserContext */
/** @typedef {import("playwright-core").Page} Page */

/**
 * The personas of seed/personas.go: the label is the second line of their
 * button on the provider's page, roles what the header shows.
 * @type {{ slug: string, email: string, organisation: string, givenName: string, name: string, label: string, roles: string[] }[]}
 */
const PERSONAS = [
  {
    slug: "camille",
    email: "camille.lefevre@travail.demo.gouv.fr",
    organisation: "DREETS Bretagne",
    givenName: "Camille",
    name: "Camille Lefèvre",
    label: "Agente du ministère du Travail (DREETS Bretagne), gestionnaire RH",
    roles: ["Agent"],
  },
  {
    slug: "karim",
    email: "karim.benali@sante.demo.gouv.fr",
    organisation: "ARS Occitanie",
    givenName: "Karim",
    name: "Karim Benali",
    label: "Agent du ministère de la Santé (ARS Occitanie), chargé d’études statistiques",
    roles: ["Agent"],
  },
  {
    slug: "ines",
    email: "ines.moreau@solidarites.demo.gouv.fr",
    organisation: "Direction générale de la cohésion sociale",
    givenName: "Inès",
    name: "Inès Moreau",
    label: "Agente du ministère des Solidarités (DGCS), chargée de mission",
    roles: ["Agent"],
  },
  {
    slug: "nathalie",
    email: "nathalie.garnier@sg.demo.gouv.fr",
    organisation: "Direction du numérique",
    givenName: "Nathalie",
    name: "Nathalie Garnier",
    label: "Manager à la Direction du numérique (DNUM)",
    roles: ["Agent", "Manager"],
  },
  {
    slug: "thomas",
    email: "thomas.nguyen@sante.demo.gouv.fr",
    organisation: "Direction de la recherche, des études, de l’évaluation et des statistiques",
    givenName: "Thomas",
    name: "Thomas Nguyen",
    label: "Animateur de la Communauté Data (DREES)",
    roles: ["Agent"],
  },
  {
    slug: "sophie",
    email: "sophie.marchand@sg.demo.gouv.fr",
    organisation: "Direction du numérique",
    givenName: "Sophie",
    name: "Sophie Marchand",
    label: "Administratrice de Passerelles (DNUM)",
    roles: ["Agent", "Administrateur"],
  },
];

const SESSION_COOKIE = "passerelles_session"; // development: no __Host- prefix over http
const EXPIRED = "Votre session a expiré. Reconnectez-vous pour continuer.";

/** @type {{ baseURL: string, stop: () => Promise<void> }} */
let server;
/** @type {Browser} */
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * open loads path in a fresh context (no cookie) and waits for the page heading.
 * @param {string} path
 * @returns {Promise<{ context: BrowserContext, page: Page, errors: string[] }>}
 */
async function open(path) {
  const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 800 } });
  await skipOnboarding(context); // these tests are about the session, not the onboarding
  const page = await context.newPage();
  const errors = recordErrors(page);
  await page.goto(server.baseURL + path);
  await page.locator("main h1").waitFor({ state: "visible", timeout: 15_000 });
  return { context, page, errors };
}

/**
 * The header's tools (the desktop ones: the mobile menu holds a hidden copy).
 * @param {Page} page
 */
function tools(page) {
  return page.getByRole("banner").locator(".fr-header__tools-links");
}

/**
 * signedInAs waits until the header shows the person, and returns the role
 * labels it shows.
 * @param {Page} page
 * @param {string} name
 * @returns {Promise<string[]>}
 */
async function signedInAs(page, name) {
  await tools(page).getByRole("link", { name, exact: true }).waitFor({ timeout: 10_000 });
  assert.equal(await tools(page).getByRole("link", { name: "Se connecter" }).count(), 0);
  // The visible labels (any text kept for screen readers only is left out).
  return tools(page)
    .getByRole("list", { name: "Rôles" })
    .getByRole("listitem")
    .evaluateAll((items) =>
      items.map((item) => {
        const copy = /** @type {HTMLElement} */ (item.cloneNode(true));
        copy.querySelectorAll(".fr-sr-only").forEach((e) => e.remove());
        return (copy.textContent ?? "").trim();
      }),
    );
}

/** @param {Page} page */
async function signedOut(page) {
  await tools(page).getByRole("link", { name: "Se connecter" }).waitFor({ timeout: 10_000 });
  assert.equal(await tools(page).getByRole("button", { name: "Se déconnecter" }).count(), 0);
  assert.equal(await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Mon espace" }).count(), 0);
}

/**
 * backHome waits for the home page after sign-out (the provider may add a
 * query string that the SPA then removes).
 * @param {Page} page
 */
async function backHome(page) {
  await page.waitForURL((url) => url.origin === server.baseURL && url.pathname === "/", { timeout: 10_000 });
  await page.getByRole("heading", { level: 1, name: "Passerelles" }).waitFor();
}

/** @param {Page} page */
async function onProviderPage(page) {
  await page.waitForURL(/\/devidp\/login\b/, { timeout: 10_000 });
  await page.getByRole("heading", { level: 1, name: "Connexion de démonstration" }).waitFor();
}

/**
 * signIn clicks « Se connecter » in the header and chooses the persona.
 * @param {Page} page
 * @param {(typeof PERSONAS)[number]} persona
 */
async function signIn(page, persona) {
  await tools(page).getByRole("link", { name: "Se connecter" }).click();
  await onProviderPage(page);
  await page.getByRole("button", { name: `${persona.name} ${persona.label}`, exact: true }).click();
}

/**
 * @param {Page} page
 * @param {string} path
 */
async function assertNoAxeViolation(page, path) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe violations on ${path}:\n${violations.join("\n")}`);
}

describe("sign-in with each persona", () => {
  for (const persona of PERSONAS) {
    it(`${persona.name}: signs in from the home page, sees Mon espace, signs out`, async () => {
      const { context, page, errors } = await open("/");
      try {
        await signedOut(page);
        await tools(page).getByRole("link", { name: "Se connecter" }).click();
        await onProviderPage(page);
        assert.equal(await page.title(), "Connexion de démonstration — Passerelles");
        await assertNoAxeViolation(page, "the provider's sign-in page");
        await page.getByRole("button", { name: `${persona.name} ${persona.label}`, exact: true }).click();

        // Back where the person started, signed in.
        await page.waitForURL(`${server.baseURL}/`);
        await page.getByRole("heading", { level: 1, name: "Passerelles" }).waitFor();
        assert.deepEqual(await signedInAs(page, persona.name), persona.roles);
        if (persona.slug === "sophie" || persona.slug === "nathalie") {
          await screenshotOf(page.getByRole("banner"), `entete-connecte-${persona.slug}`);
        }

        const nav = page.getByRole("navigation", { name: "Menu principal" });
        await nav.getByRole("link", { name: "Mon espace" }).click();
        await page.waitForURL(/\/mon-espace$/);
        await page.getByRole("heading", { level: 1, name: `Bonjour ${persona.givenName}` }).waitFor();
        assert.equal(await page.title(), "Mon espace — Passerelles");
        const main = page.getByRole("main");
        assert.ok(await main.getByText(persona.email, { exact: true }).isVisible(), "the email is not on Mon espace");
        assert.ok(await main.getByText(persona.organisation, { exact: true }).isVisible(), "the organisation is not on Mon espace");
        for (const role of persona.roles) {
          assert.ok(await main.getByText(role, { exact: true }).isVisible(), `role « ${role} » is not on Mon espace`);
        }
        // The animator role is per community: Thomas animates the data community.
        const animates = main.getByText("vous animez la communauté data", { exact: false });
        assert.equal(await animates.count(), persona.slug === "thomas" ? 1 : 0, "animated communities on Mon espace");
        await page.waitForLoadState("networkidle");
        await assertNoAxeViolation(page, "/mon-espace");
        await screenshot(page, `mon-espace-${persona.slug}`);

        await tools(page).getByRole("button", { name: "Se déconnecter" }).click();
        await backHome(page);
        await signedOut(page);
        assert.equal(page.url(), `${server.baseURL}/`, "the provider's ?state= is still in the address");

        // The session really ended on the server.
        await page.goto(`${server.baseURL}/mon-espace`);
        await page.getByRole("heading", { level: 1, name: "Connexion requise" }).waitFor();
        assert.deepEqual(errors, [], "console errors");
      } finally {
        await context.close();
      }
    });
  }

  it("the provider's sign-in page, opened in a new context, has no WCAG 2.1 A/AA violation", async () => {
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 800 } });
    await skipOnboarding(context); // these tests are about the session, not the onboarding
    try {
      const page = await context.newPage();
      await page.goto(`${server.baseURL}/auth/login?return_to=%2Fmon-espace`);
      await onProviderPage(page);
      for (const persona of PERSONAS) {
        assert.ok(await page.getByRole("button", { name: `${persona.name} ${persona.label}`, exact: true }).isVisible());
      }
      assert.ok(await page.getByRole("button", { name: "Annuler", exact: true }).isVisible());
      await assertNoAxeViolation(page, "the provider's sign-in page");
      await screenshot(page, "fournisseur-connexion");

      // return_to brings the person back to the page that asked for sign-in.
      await page.getByRole("button", { name: `${PERSONAS[0]?.name} ${PERSONAS[0]?.label}`, exact: true }).click();
      await page.waitForURL(/\/mon-espace$/);
      await page.getByRole("heading", { level: 1, name: "Bonjour Camille" }).waitFor();
    } finally {
      await context.close();
    }
  });
});

describe("on a phone", () => {
  it("the menu holds the person's name, roles and « Se déconnecter », which works", async () => {
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 375, height: 740 } });
    await skipOnboarding(context); // these tests are about the session, not the onboarding
    try {
      const page = await context.newPage();
      const errors = recordErrors(page);
      await page.goto(`${server.baseURL}/auth/login?return_to=%2F`);
      await onProviderPage(page);
      await page.getByRole("button", { name: /^Sophie Marchand / }).click();
      await backHome(page);

      await page.getByRole("button", { name: "Menu" }).click();
      const menu = page.getByRole("dialog");
      await menu.getByRole("link", { name: "Sophie Marchand", exact: true }).waitFor();
      assert.ok(await menu.getByRole("list", { name: "Rôles" }).isVisible());
      assert.ok(await menu.getByRole("link", { name: "Mon espace" }).isVisible());
      await assertNoAxeViolation(page, "/ with the menu open, signed in");
      await screenshot(page, "menu-mobile-connecte", { fullPage: false });

      await menu.getByRole("button", { name: "Se déconnecter" }).click();
      await backHome(page);
      await page.getByRole("button", { name: "Menu" }).click();
      await page.getByRole("dialog").getByRole("link", { name: "Se connecter" }).waitFor();
      assert.deepEqual(errors, [], "console errors");
    } finally {
      await context.close();
    }
  });
});

describe("pages that require sign-in", () => {
  it("/mon-espace signed out shows « Connexion requise », whose button signs in and comes back", async () => {
    const { context, page, errors } = await open("/mon-espace");
    try {
      await page.getByRole("heading", { level: 1, name: "Connexion requise" }).waitFor();
      assert.equal(await page.title(), "Connexion requise — Passerelles");
      await signedOut(page);
      await page.waitForLoadState("networkidle");
      await assertNoAxeViolation(page, "/mon-espace signed out");
      await screenshot(page, "connexion-requise");

      await page.getByRole("main").getByRole("link", { name: "Se connecter" }).click();
      await onProviderPage(page);
      await page.getByRole("button", { name: /^Inès Moreau / }).click();
      await page.waitForURL(/\/mon-espace$/);
      await page.getByRole("heading", { level: 1, name: "Bonjour Inès" }).waitFor();
      assert.deepEqual(errors, [], "console errors");
    } finally {
      await context.close();
    }
  });

  it("cancelling on the provider's page signs nobody in and says so", async () => {
    const { context, page } = await open("/mon-espace");
    try {
      await page.getByRole("main").getByRole("link", { name: "Se connecter" }).click();
      await onProviderPage(page);
      await page.getByRole("button", { name: "Annuler", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Connexion interrompue" }).waitFor();
      await page.goto(`${server.baseURL}/mon-espace`);
      await page.getByRole("heading", { level: 1, name: "Connexion requise" }).waitFor();
    } finally {
      await context.close();
    }
  });
});

describe("keyboard", () => {
  /**
   * @param {Page} page
   * @returns {Promise<{ tag: string, text: string }>}
   */
  function focused(page) {
    return page.evaluate(() => {
      const el = document.activeElement;
      return { tag: el?.tagName ?? "", text: (el?.textContent ?? "").replace(/\s+/g, " ").trim() };
    });
  }

  /**
   * tabTo presses Tab until the focused element matches, at most 40 times.
   * @param {Page} page
   * @param {(f: { tag: string, text: string }) => boolean} match
   */
  async function tabTo(page, match) {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      if (match(await focused(page))) return;
    }
    assert.fail("the element was not reached with the Tab key");
  }

  it("signs in and out with the keyboard only", async () => {
    const { context, page, errors } = await open("/");
    try {
      await tools(page).getByRole("link", { name: "Se connecter" }).waitFor();
      await tabTo(page, (f) => f.tag === "A" && f.text === "Se connecter");
      await page.keyboard.press("Enter");
      await onProviderPage(page);

      await tabTo(page, (f) => f.tag === "BUTTON" && f.text.startsWith("Karim Benali"));
      await page.keyboard.press("Enter");
      await page.waitForURL(`${server.baseURL}/`);
      assert.deepEqual(await signedInAs(page, "Karim Benali"), ["Agent"]);

      await tabTo(page, (f) => f.tag === "BUTTON" && f.text === "Se déconnecter");
      await page.keyboard.press("Enter");
      await backHome(page);
      await signedOut(page);
      assert.deepEqual(errors, [], "console errors");
    } finally {
      await context.close();
    }
  });
});

describe("session expiry", () => {
  /**
   * expireSession replaces the session cookie with one the server does not
   * know, as if the session had ended on the server.
   * @param {BrowserContext} context
   */
  async function expireSession(context) {
    const cookies = await context.cookies(server.baseURL);
    assert.ok(cookies.some((c) => c.name === SESSION_COOKIE), `no ${SESSION_COOKIE} cookie after sign-in`);
    await context.addCookies([{ name: SESSION_COOKIE, value: "session-inconnue-du-serveur", url: server.baseURL, httpOnly: true, sameSite: "Lax" }]);
  }

  it("the next request after expiry shows the notice, signs the header out, and « Se reconnecter » comes back", async () => {
    const { context, page, errors } = await open("/");
    try {
      await signIn(page, /** @type {(typeof PERSONAS)[number]} */ (PERSONAS[0]));
      await page.waitForURL(`${server.baseURL}/`);
      await signedInAs(page, "Camille Lefèvre");

      await expireSession(context);
      // A client-side navigation: the referentials page asks the server, which says the session expired.
      await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Référentiels" }).click();
      await page.getByRole("heading", { level: 1, name: "Référentiels de compétences" }).waitFor();
      const notice = page.getByRole("status").filter({ hasText: EXPIRED });
      await notice.waitFor({ timeout: 10_000 });
      await signedOut(page);
      // The page itself still works: the referentials are public.
      await page.getByRole("link", { name: /Pix/ }).first().waitFor();
      await page.waitForLoadState("networkidle");
      await assertNoAxeViolation(page, "/referentiels with the expiry notice");
      await screenshot(page, "session-expiree");

      const again = notice.getByRole("link", { name: "Se reconnecter" });
      assert.equal(await again.getAttribute("href"), "/auth/login?return_to=%2Freferentiels");
      await again.click();
      await onProviderPage(page);
      await page.getByRole("button", { name: /^Camille Lefèvre / }).click();
      await page.waitForURL(/\/referentiels$/);
      await signedInAs(page, "Camille Lefèvre");
      assert.equal(await page.getByText(EXPIRED).count(), 0, "the notice is still shown after signing in again");
      assert.deepEqual(errors, [], "console errors");
    } finally {
      await context.close();
    }
  });

  it("an expired cookie on the first load shows the notice; on Mon espace the page says it", async () => {
    const { context, page, errors } = await open("/");
    try {
      const nathalie = /** @type {(typeof PERSONAS)[number]} */ (PERSONAS[3]);
      await signIn(page, nathalie);
      await page.waitForURL(`${server.baseURL}/`);
      await signedInAs(page, "Nathalie Garnier");

      // Coming back later to a public page: the very first answer says the session expired.
      await expireSession(context);
      await page.goto(`${server.baseURL}/referentiels/pix`);
      await page.getByRole("heading", { level: 1, name: "Pix" }).waitFor();
      await page.getByRole("status").filter({ hasText: EXPIRED }).waitFor({ timeout: 10_000 });
      await signedOut(page);
      // The notice can be closed.
      await page.getByRole("status").filter({ hasText: EXPIRED }).getByRole("button", { name: "Masquer le message" }).click();
      assert.equal(await page.getByText(EXPIRED).count(), 0);

      // Coming back later to Mon espace: the page itself says it, once.
      await signIn(page, nathalie);
      await page.waitForURL(/\/referentiels\/pix$/);
      await signedInAs(page, "Nathalie Garnier");
      await expireSession(context);
      await page.goto(`${server.baseURL}/mon-espace`);
      await page.getByRole("heading", { level: 1, name: "Connexion requise" }).waitFor();
      const main = page.getByRole("main");
      await main.getByText(EXPIRED).waitFor();
      assert.equal(await main.getByRole("link", { name: "Se reconnecter" }).getAttribute("href"), "/auth/login?return_to=%2Fmon-espace");
      assert.equal(await page.getByText(EXPIRED).count(), 1);
      await signedOut(page);
      await screenshot(page, "connexion-requise-session-expiree");

      // The server cleared the cookie: a reload is simply signed out.
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Connexion requise" }).waitFor();
      await main.getByText("Connectez-vous pour accéder à cette page.").waitFor();
      assert.equal(await page.getByText(EXPIRED).count(), 0);
      assert.deepEqual(errors, [], "console errors");
    } finally {
      await context.close();
    }
  });
});

describe("sobriety budget, signed in", () => {
  it(`first load of /mon-espace: < ${BUDGET.requests} requests, < ${BUDGET.bytes / 1024} KB, < ${BUDGET.elements} elements`, async (t) => {
    const { context, page } = await open("/");
    try {
      await signIn(page, /** @type {(typeof PERSONAS)[number]} */ (PERSONAS[5]));
      await page.waitForURL(`${server.baseURL}/`);
      await signedInAs(page, "Sophie Marchand");

      const fresh = await context.newPage();
      const cdp = await context.newCDPSession(fresh);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      let requests = 0;
      let bytes = 0;
      cdp.on("Network.requestWillBeSent", () => requests++);
      cdp.on("Network.loadingFinished", (event) => (bytes += event.encodedDataLength));
      await fresh.goto(`${server.baseURL}/mon-espace`, { waitUntil: "networkidle" });
      await fresh.getByRole("heading", { level: 1, name: "Bonjour Sophie" }).waitFor();
      await fresh.waitForLoadState("networkidle");
      const elements = await fresh.evaluate(() => document.getElementsByTagName("*").length);
      t.diagnostic(`/mon-espace: ${requests} requests, ${(bytes / 1024).toFixed(1)} KB transferred, ${elements} elements`);
      assert.ok(requests < BUDGET.requests, `${requests} requests`);
      assert.ok(bytes < BUDGET.bytes, `${bytes} bytes transferred`);
      assert.ok(elements < BUDGET.elements, `${elements} elements`);
    } finally {
      await context.close();
    }
  });
});

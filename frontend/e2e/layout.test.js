// The SPA as its users read it (issue 10's review): a header that holds on one
// line at 1366 and 1024 px for every persona, the month view that shows each
// event once, one way of writing dates and seats, a confirmation after saving
// an event, one confirmation after registering, and addresses naming a
// section (/mon-espace#agenda) that focus it. Its own server; Chromium; axe
// on each page; screenshots in e2e/screenshots (entete-*, mois-*, agenda-*).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  assertNoAxeViolation,
  graphqlAs,
  launchBrowser,
  parisLocal,
  screenshot,
  screenshotOf,
  signInAs as signIn,
  startServer,
} from "./support.js";

/** @typedef {import("playwright-core").Page} Page */

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {import("playwright-core").Browser} */
let browser;
/** @type {import("playwright-core").BrowserContext[]} */
const contexts = [];

const PERSONAS = [
  { slug: "sophie", name: "Sophie Marchand", what: "administrator" },
  { slug: "thomas", name: "Thomas Nguyen", what: "animator" },
  { slug: "karim", name: "Karim Benali", what: "agent" },
];
const TITLE = "Revue des tableaux de bord";

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

/**
 * @param {string} name
 * @param {string} returnTo
 * @param {number} [width]
 */
async function signInAs(name, returnTo, width = 1366) {
  const signedIn = await signIn(browser, server.baseURL, name, returnTo, { width });
  contexts.push(signedIn.context);
  return signedIn;
}

/**
 * focused describes the element that has the focus.
 * @param {Page} page
 */
function focused(page) {
  return page.evaluate(() => ({
    id: document.activeElement?.id ?? "",
    tag: document.activeElement?.tagName ?? "",
    text: (document.activeElement?.textContent ?? "").replace(/\s+/g, " ").trim(),
  }));
}

/**
 * waitForFocus waits until the focused element's text starts with text.
 * @param {Page} page
 * @param {string} text
 */
async function waitForFocus(page, text) {
  await page.waitForFunction((t) => (document.activeElement?.textContent ?? "").replace(/\s+/g, " ").trim().startsWith(t), text);
}

describe("the SPA read by its users", () => {
  for (const persona of PERSONAS) {
    it(`the header holds on one line at 1366 and 1024 px, and behind « Menu » at 390 px (${persona.what})`, async () => {
      for (const width of [1366, 1024, 390]) {
        const { page, errors } = await signInAs(persona.name, "/mon-espace", width);
        const header = page.getByRole("banner");
        const layout = await page.evaluate(() => {
          const items = [...document.querySelectorAll("header .fr-nav__list > .fr-nav__item")].filter((e) => e.getBoundingClientRect().height > 0);
          const tools = [...document.querySelectorAll("header .fr-header__tools-links .fr-btns-group > li")];
          return {
            navTops: [...new Set(items.map((e) => Math.round(e.getBoundingClientRect().top)))],
            navCount: items.length,
            toolsTops: [...new Set(tools.map((e) => Math.round(e.getBoundingClientRect().top)))],
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            logoRight: Math.round(document.querySelector("header .fr-header__logo")?.getBoundingClientRect().right ?? 0),
            serviceLeft: Math.round(document.querySelector("header .fr-header__service")?.getBoundingClientRect().left ?? 0),
          };
        });
        assert.equal(layout.overflow, 0, `${persona.slug} at ${width} px: the page scrolls sideways`);
        // The brand block (« Ministères sociaux ») is not covered by the service's name (beside it from 62 em).
        if (width >= 1024) assert.ok(layout.logoRight <= layout.serviceLeft + 1, `${persona.slug} at ${width} px: the service's name covers the logo`);
        if (width >= 1024) {
          assert.ok(layout.navCount >= 5, `${persona.slug} at ${width} px: the navigation is shown (${layout.navCount} entries)`);
          assert.equal(layout.navTops.length, 1, `${persona.slug} at ${width} px: the navigation wraps (${layout.navTops.join(", ")})`);
        } else {
          // At 390 px the navigation and the tools are behind the « Menu » button.
          await header.getByRole("button", { name: "Menu" }).waitFor();
        }
        await screenshotOf(header, `entete-${persona.slug}-${width}`);
        await screenshot(page, `mon-espace-${persona.slug}-${width}`, { fullPage: false });
        assert.deepEqual(errors, [], "console errors");
      }
    });
  }

  it("the communities and the events are reached by keyboard through the header's menu", async () => {
    const { page } = await signInAs("Karim Benali", "/mon-espace", 1024);
    let found = false;
    for (let i = 0; i < 40 && !found; i++) {
      await page.keyboard.press("Tab");
      found = (await focused(page)).text === "Communautés et événements";
    }
    assert.ok(found, "Tab never reached « Communautés et événements »");
    await page.keyboard.press("Enter");
    const menuButton = page.getByRole("button", { name: "Communautés et événements" });
    assert.equal(await menuButton.getAttribute("aria-expanded"), "true");
    // The DSFR unfolds the menu with a transition: its links take the focus once shown.
    await page.getByRole("banner").getByRole("link", { name: "Communautés", exact: true }).waitFor({ state: "visible" });
    await page.keyboard.press("Tab");
    assert.equal((await focused(page)).text, "Communautés");
    await page.keyboard.press("Tab");
    assert.equal((await focused(page)).text, "Événements");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Événements" }).waitFor();
    await waitForFocus(page, "Événements");
    assert.equal((await focused(page)).tag, "H1");
    await screenshotOf(page.getByRole("banner"), "entete-menu-ouvert-1024");
    // The menu closes once a page is chosen.
    await page.waitForFunction(() => document.querySelector("header .fr-nav__btn")?.getAttribute("aria-expanded") === "false");
  });

  it("/mon-espace#agenda scrolls to « Mon agenda » and gives it the focus, on arrival and from a link", async () => {
    const { page } = await signInAs("Karim Benali", "/mon-espace", 1366);
    await page.goto(`${server.baseURL}/mon-espace#agenda`);
    await page.waitForFunction(() => document.activeElement?.id === "agenda");
    const top = await page.evaluate(() => document.getElementById("agenda")?.getBoundingClientRect().top ?? -1);
    assert.ok(top >= 0 && top < 900, `« Mon agenda » is out of view (top ${top})`);
    await screenshot(page, "agenda-focalise-1366", { fullPage: false });

    // An in-page link to a section (« Choisir comment les recevoir ») focuses it too.
    await page.goto(`${server.baseURL}/notifications`);
    await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
    await page.getByRole("link", { name: "Choisir comment les recevoir" }).click();
    await page.waitForFunction(() => document.activeElement?.id === "preferences");
  });

  it("an event in this month: shown once in the month view, dates and seats in one form, saved with a confirmation", async () => {
    const sophie = await signInAs("Sophie Marchand", "/mon-espace", 1366);
    const { communities } = await graphqlAs(sophie.page, "query { communities(first: 1) { edges { node { id code } } } }");
    const community = communities.edges[0].node;
    // Two hours from now, one seat: within this month unless the month ends tonight.
    const start = new Date(Date.now() + 2 * 3600 * 1000);
    const end = new Date(start.getTime() + 3600 * 1000);
    const created = await graphqlAs(
      sophie.page,
      "mutation($input: CreateEventInput!) { createEvent(input: $input) { event { id } } }",
      {
        input: {
          communityId: community.id,
          title: TITLE,
          kind: "WORKSHOP",
          format: "ONLINE",
          onlineUrl: "https://webinaire.numerique.gouv.fr/tableaux",
          startsAt: parisLocal(start),
          endsAt: parisLocal(end),
          timeZone: "Europe/Paris",
          capacity: 1,
        },
      },
    );
    const id = created.createEvent.event.id;
    await graphqlAs(sophie.page, "mutation($input: PublishEventInput!) { publishEvent(input: $input) { event { id } } }", { input: { eventId: id } });
    const month = parisLocal(start).slice(0, 7);

    // The month view: one presentation at a time.
    for (const width of [1366, 390]) {
      const { page } = await signInAs("Karim Benali", `/evenements?vue=mois&mois=${month}`, width);
      await page.getByText(/^\d+ événements? en /).waitFor();
      assert.equal(await page.getByRole("link", { name: new RegExp(TITLE) }).count(), 1, `${width} px: the event is listed more than once`);
      if (width === 1366) {
        assert.equal(await page.getByRole("table", { name: /^Calendrier de/ }).count(), 1, "the grid is shown");
        await page.getByText("Liste par jour").click();
        assert.equal(await page.getByRole("table", { name: /^Calendrier de/ }).count(), 0, "the grid is hidden with the list");
        assert.equal(await page.getByRole("link", { name: new RegExp(TITLE) }).count(), 1);
      }
      await assertNoAxeViolation(page, `the month view at ${width} px`);
      await screenshot(page, `mois-${width}`);
    }

    // The event page: « 14 h 00 » never breaks, a span written « day, start – end », the seats in one sentence.
    const { page } = sophie;
    await page.goto(`${server.baseURL}/evenements/${id}`);
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    const when = await page.locator(".pl-event-facts dd").first().innerText();
    assert.match(when, /^\p{L}+ (1er|\d{1,2}) \p{L}+ \d{4}, \d{1,2}\u00a0h\u00a0\d{2}\u00a0– /u, when);
    await page.getByText("1 place libre sur 1", { exact: true }).waitFor();

    // Edited, the page says it is saved, with the focus.
    await page.getByRole("link", { name: "Modifier l’événement" }).click();
    await page.getByLabel(/^Titre/).fill(`${TITLE} (nouvelle salle)`);
    await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
    await page.getByRole("heading", { level: 1, name: `${TITLE} (nouvelle salle)` }).waitFor();
    await waitForFocus(page, "Vos modifications sont enregistrées.");
    await assertNoAxeViolation(page, "the event page after saving");
    await screenshot(page, "evenement-enregistre-1366", { fullPage: false });

    // Registered, then waitlisted: each says it once.
    const karim = await signInAs("Karim Benali", `/evenements/${id}`, 390);
    await karim.page.getByRole("button", { name: "S’inscrire" }).click();
    await waitForFocus(karim.page, "Votre inscription est confirmée");
    assert.equal(await karim.page.getByText(/inscription est confirmée/).count(), 1, "the confirmation is shown twice");
    // « Mon agenda », a client-side link to /mon-espace#agenda, lands on that section with the focus.
    await karim.page.getByRole("link", { name: "Mon agenda", exact: true }).click();
    await karim.page.waitForFunction(() => document.activeElement?.id === "agenda");
    const camille = await signInAs("Camille Lefèvre", `/evenements/${id}`, 390);
    await camille.page.getByText("Complet : liste d’attente ouverte", { exact: true }).waitFor();
    await camille.page.getByRole("button", { name: "S’inscrire" }).click();
    await waitForFocus(camille.page, "Vous êtes sur la liste d’attente, en 1re position.");
    assert.equal(await camille.page.getByText(/liste d’attente, en 1re position/).count(), 1, "the waitlist place is told twice");
    await camille.page.getByText("Complet : 1 personne en liste d’attente", { exact: true }).waitFor();
    await assertNoAxeViolation(camille.page, "the event page, waitlisted, at 390 px");
    await screenshot(camille.page, "evenement-liste-attente-390");
  });
});

// End-to-end tests of the communities, notifications and « Mon agenda »: an
// administrator creates a community and names an animator; an agent joins it
// and sees it on its page, the animator is offered « Créer un événement »;
// the agent reads a notification, marks all read, saves preferences (a
// refusal on its field first); the personal calendar feed is created (its
// address shown once), fetched with plain HTTP (text/calendar), revoked (404).
// axe-core audits each page; screenshots at 1366 and 390 px wide, with no
// sideways scroll at 390.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, graphqlAs, launchBrowser, screenshot, signInAs as signIn, startServer } from "./support.js";

/** @typedef {import("playwright-core").Page} Page */

/** @type {{ baseURL: string, stop: () => Promise<void> }} */
let server;
/** @type {import("playwright-core").Browser} */
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
 * signInAs opens a fresh context of the given width, signs in as the persona
 * through the provider's page and comes back to returnTo.
 * @param {string} name
 * @param {string} returnTo
 * @param {number} [width]
 */
async function signInAs(name, returnTo, width = 1366) {
  return signIn(browser, server.baseURL, name, returnTo, { width });
}

/**
 * checkPage audits the page with axe and, at 390 px, checks that nothing
 * scrolls sideways; then takes its screenshot.
 * @param {Page} page
 * @param {string} name
 * @param {number} width
 */
async function checkPage(page, name, width) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe violations on ${name} (${width} px):\n${violations.join("\n")}`);
  if (width <= 390) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow} px at ${width} px`);
  }
  await screenshot(page, `${name}-${width}`);
}

/** @param {Page} page */
async function focusedText(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (el instanceof HTMLInputElement) return `input:${el.value}`;
    return (el?.textContent ?? "").replace(/\s+/g, " ").trim();
  });
}

const NAME = "Communauté Géomatique";

describe("communities, notifications and the calendar feed", () => {
  it("an administrator, Sophie, creates a community and names Camille its animator", async () => {
    const sophie = await signInAs("Sophie Marchand", "/administration");
    try {
      const { page, errors } = sophie;
      await page.getByRole("heading", { level: 1, name: "Administration" }).waitFor();
      await page.getByRole("main").getByRole("link", { name: "Communautés et animateurs" }).click();
      await page.getByRole("heading", { level: 1, name: "Administration des communautés" }).waitFor();
      await page.getByRole("button", { name: "Créer une communauté" }).click();
      const form = page.getByRole("form", { name: "Nouvelle communauté" });
      // An empty form is refused on its fields, the first of which takes the focus.
      await form.getByRole("button", { name: "Créer la communauté" }).click();
      await form.getByText("Le code de la communauté est obligatoire.").waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "code");
      await form.getByRole("textbox", { name: /^Code/ }).fill("geomatique");
      await form.getByRole("textbox", { name: /^Nom/ }).fill(NAME);
      await form.getByRole("textbox", { name: /^Description/ }).fill("Cartes, données géographiques et systèmes d’information géographique.\nUne rencontre par trimestre.");
      await form.getByRole("searchbox", { name: /^Ajouter une compétence/ }).fill("données");
      await form.getByRole("status").filter({ hasText: /compétences? trouvées?/ }).waitFor();
      await form.getByRole("button", { name: /^Ajouter/ }).first().click();
      await form.getByRole("button", { name: /^Retirer/ }).waitFor();
      await checkPage(page, "communautes-admin-creation", 1366);
      await form.getByRole("button", { name: "Créer la communauté" }).click();
      const created = page.getByText(`La communauté «\u00a0${NAME}\u00a0» est créée. Nommez maintenant ses animateurs.`);
      await created.waitFor();
      assert.match(await focusedText(page), /est créée/);

      // The same code again is refused by the server under « Code ».
      await page.getByRole("button", { name: "Créer une communauté" }).click();
      const again = page.getByRole("form", { name: "Nouvelle communauté" });
      await again.getByRole("textbox", { name: /^Code/ }).fill("geomatique");
      await again.getByRole("textbox", { name: /^Nom/ }).fill("Autre");
      await again.getByRole("button", { name: "Créer la communauté" }).click();
      await again.getByRole("alert").filter({ hasText: "Votre saisie n’a pas été enregistrée" }).first().waitFor();
      // The server's refusal (CONFLICT on « code ») is under the field, which has the focus.
      await again.getByText(/existe déjà/).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "code");
      await again.getByRole("button", { name: "Annuler" }).click();

      const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: NAME }) });
      await item.getByRole("button", { name: `Nommer un animateur de ${NAME}` }).click();
      const finder = item.getByRole("search", { name: `Trouver un animateur pour ${NAME}` });
      await finder.getByRole("searchbox").fill("camille lefevre");
      await finder.getByRole("button", { name: "Rechercher" }).click();
      await item.getByRole("button", { name: "Nommer animateur : Camille Lefèvre" }).click();
      await item
        .getByRole("status")
        .getByText(`Camille Lefèvre anime maintenant «\u00a0${NAME}\u00a0». La modification est enregistrée dans le journal d’audit.`)
        .waitFor();
      assert.match(await focusedText(page), /^Nommer un animateur/);
      await item.getByRole("list").getByText("Camille Lefèvre").first().waitFor();
      await checkPage(page, "communautes-admin", 1366);
      assert.deepEqual(errors, [], "console errors");
    } finally {
      await sophie.context.close();
    }
    const narrow = await signInAs("Sophie Marchand", "/administration/communautes", 390);
    try {
      await narrow.page.getByRole("heading", { level: 3, name: NAME }).waitFor();
      await checkPage(narrow.page, "communautes-admin", 390);
    } finally {
      await narrow.context.close();
    }
  });

  it("Camille, now animator, is offered « Créer un événement » on its page and from Mon espace", async () => {
    const camille = await signInAs("Camille Lefèvre", "/communautes/geomatique");
    try {
      const { page } = camille;
      await page.getByRole("heading", { level: 1, name: NAME }).waitFor();
      await page.getByText(/Vous animez cette communauté$/).waitFor();
      const create = page.getByRole("link", { name: "Créer un événement" });
      assert.equal(await create.getAttribute("href"), "/evenements/nouveau?communaute=geomatique");
      await page.goto(`${server.baseURL}/mon-espace`);
      await page.getByRole("link", { name: `créer un événement de ${NAME}` }).waitFor();
    } finally {
      await camille.context.close();
    }
  });

  let feedURL = "";

  for (const width of [1366, 390]) {
    it(`an agent, Karim, joins the community and sees it on its page (${width} px)`, async () => {
      const karim = await signInAs("Karim Benali", "/mon-espace", width);
      try {
        const { page, errors } = karim;
        if (width === 1366) {
          // « Communautés » is in the header's « Communautés et événements » menu.
          const nav = page.getByRole("navigation", { name: /Menu principal/ });
          await nav.getByRole("button", { name: "Communautés et événements" }).click();
          await nav.getByRole("link", { name: "Communautés", exact: true }).click();
        } else {
          await page.goto(`${server.baseURL}/communautes`);
        }
        await page.getByRole("heading", { level: 1, name: "Communautés" }).waitFor();
        const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: NAME }) });
        if (width === 1366) {
          await card.getByText("Vous n’êtes pas membre").waitFor();
          await card.getByRole("button", { name: `Rejoindre «\u00a0${NAME}\u00a0»` }).click();
          await card.getByRole("status").getByText(`Vous êtes membre de «\u00a0${NAME}\u00a0».`).waitFor();
          assert.match(await focusedText(page), /^Quitter/);
        }
        await card.getByText("Vous êtes membre").first().waitFor();
        await checkPage(page, "communautes", width);
        await card.getByRole("link", { name: NAME }).click();
        await page.getByRole("heading", { level: 1, name: NAME }).waitFor();
        await page.getByText(/membres? · Vous êtes membre$/).waitFor();
        await page.getByRole("heading", { level: 2, name: "Animation" }).waitFor();
        await page.getByText("Camille Lefèvre").first().waitFor();
        await page.getByText("Une rencontre par trimestre.", { exact: false }).waitFor();
        await page.getByText("Aucun événement à venir.").waitFor();
        // Not an animator nor an administrator: no « Créer un événement ».
        assert.equal(await page.getByRole("link", { name: "Créer un événement" }).count(), 0);
        await checkPage(page, "communaute", width);
        assert.deepEqual(errors, [], "console errors");
      } finally {
        await karim.context.close();
      }
    });
  }

  it("Karim reads his notification, marks all read and saves his preferences", async () => {
    for (const width of [1366, 390]) {
      const karim = await signInAs("Karim Benali", "/mon-espace", width);
      try {
        const { page, errors } = karim;
        if (width === 1366) {
          // A registration writes a notification (« Votre inscription est confirmée »).
          const found = await graphqlAs(page, "query { events(filter: { when: UPCOMING }, first: 50) { edges { node { id title seatsLeft status myRegistration { status } } } } }");
          /** @type {{ id: string, seatsLeft: number | null, status: string, myRegistration: unknown }[]} */
          const events = found.events.edges.map((/** @type {{ node: any }} */ e) => e.node);
          const open = events.find((e) => e.status === "PUBLISHED" && e.seatsLeft === null && e.myRegistration === null);
          assert.ok(open, "an unlimited demo event is open");
          const registered = await graphqlAs(page, "mutation($input: RegisterForEventInput!) { registerForEvent(input: $input) { registration { status } } }", {
            input: { eventId: open.id },
          });
          assert.equal(registered.registerForEvent.registration.status, "REGISTERED");
          await page.reload();
          const link = page.getByRole("banner").getByRole("link", { name: "Notifications (1 non lue)" }).first();
          await link.waitFor();
          await link.click();
        } else {
          await page.goto(`${server.baseURL}/notifications`);
        }
        await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
        await page.getByRole("heading", { level: 3, name: /Votre inscription est confirmée/ }).waitFor();
        if (width === 1366) {
          await page.getByText("1 notification, dont 1 non lue.").waitFor();
          await checkPage(page, "notifications-non-lues", width);
          await page.getByRole("button", { name: "Tout marquer comme lu" }).click();
          await page.getByRole("status").getByText("Toutes vos notifications sont marquées comme lues.").waitFor();
          await page.getByText("1 notification, lue.").waitFor();
          await page.getByRole("banner").getByRole("link", { name: "Notifications", exact: true }).first().waitFor();

          // Preferences: this server has no SMTP, the form says so.
          await page.getByText(/Ce serveur n’envoie pas de courriel pour le moment/).waitFor();
          const form = page.getByRole("form", { name: "Mes préférences" });
          await form.locator("label", { hasText: /^Résumé hebdomadaire/ }).click();
          await form.getByRole("combobox", { name: "Jour du résumé" }).selectOption("FRIDAY");
          await form.getByLabel(/^Heure du résumé/).fill("17:30");
          await form.locator("label", { hasText: /^Heures de calme/ }).click();
          await form.getByLabel(/^Début des heures de calme/).fill("22:00");
          await form.getByLabel(/^Fin des heures de calme/).fill("22:00");
          await form.getByRole("button", { name: "Enregistrer mes préférences" }).click();
          await form.getByText("Les heures de calme finissent à une autre heure qu’elles ne commencent.").waitFor();
          assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "quietHoursEnd");
          await form.getByLabel(/^Fin des heures de calme/).fill("07:00");
          await form.getByRole("button", { name: "Enregistrer mes préférences" }).click();
          await form.getByText("Vos préférences sont enregistrées").waitFor();
          await form
            .getByText(/^Un résumé de la semaine vous sera envoyé par courriel chaque vendredi à 17\sh\s30 \(heure de Paris\)\. Aucun courriel entre 22\sh\s00 et 7\sh\s00/)
            .waitFor();
        }
        // The emails' footer links to #preferences: the section takes the focus.
        await page.goto(`${server.baseURL}/notifications#preferences`);
        await page.getByRole("heading", { level: 2, name: "Mes préférences" }).waitFor();
        await page.waitForFunction(() => document.activeElement?.id === "preferences");
        const form = page.getByRole("form", { name: "Mes préférences" });
        assert.equal(await form.getByLabel(/^Heure du résumé/).inputValue(), "17:30");
        assert.equal(await form.getByLabel(/^Début des heures de calme/).inputValue(), "22:00");
        assert.equal(await form.getByLabel(/^Fin des heures de calme/).inputValue(), "07:00");
        await checkPage(page, "notifications", width);
        assert.deepEqual(errors, [], "console errors");
      } finally {
        await karim.context.close();
      }
    }
  });

  it("Karim creates his calendar link (shown once), which answers text/calendar, then revokes it (404)", async () => {
    const karim = await signInAs("Karim Benali", "/mon-espace");
    try {
      const { page, errors } = karim;
      await page.getByRole("heading", { level: 2, name: "Mon agenda" }).waitFor();
      await page.getByRole("button", { name: "Créer mon lien d’agenda" }).click();
      const address = page.getByRole("textbox", { name: /^Adresse de votre agenda/ });
      await address.waitFor();
      feedURL = await address.inputValue();
      assert.match(feedURL, /^http:\/\/127\.0\.0\.1:\d+\/calendar\/me\/[A-Za-z0-9_-]{43}\.ics$/);
      assert.equal(await focusedText(page), `input:${feedURL}`);
      await page.getByText(/Copiez ce lien maintenant : il ne sera plus affiché/).waitFor();
      await checkPage(page, "mon-agenda-lien", 1366);

      // Plain HTTP, no cookie: the feed is its own credential.
      const response = await fetch(feedURL);
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type") ?? "", /^text\/calendar/);
      const body = await response.text();
      assert.match(body, /^BEGIN:VCALENDAR\r\n/);
      assert.match(body, /BEGIN:VEVENT/);

      // Shown once: after a reload, only since when it works.
      await page.reload();
      await page.getByText(/Votre lien d’agenda fonctionne depuis le/).waitFor();
      assert.equal(await page.getByRole("textbox", { name: /^Adresse de votre agenda/ }).count(), 0);
      await page.getByRole("button", { name: "Supprimer le lien" }).click();
      await page.getByText(/^Supprimer votre lien d’agenda \?/).waitFor();
      assert.match(await focusedText(page), /^Supprimer votre lien d’agenda/);
      await page.getByRole("button", { name: "Supprimer le lien" }).click();
      await page.getByRole("status").getByText("Votre lien d’agenda est supprimé : son adresse ne fonctionne plus.").waitFor();
      await page.getByRole("button", { name: "Créer mon lien d’agenda" }).waitFor();
      const gone = await fetch(feedURL);
      assert.equal(gone.status, 404);
      await checkPage(page, "mon-agenda", 1366);
      assert.deepEqual(errors, [], "console errors");
    } finally {
      await karim.context.close();
    }
    const narrow = await signInAs("Karim Benali", "/mon-espace", 390);
    try {
      await narrow.page.getByRole("heading", { level: 2, name: "Des événements pour vous" }).waitFor();
      await narrow.page.getByRole("heading", { level: 2, name: "Mon agenda" }).waitFor();
      await checkPage(narrow.page, "mon-espace", 390);
    } finally {
      await narrow.context.close();
    }
  });
});

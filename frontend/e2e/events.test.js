// End-to-end test of the events (issue 10): an administrator names an
// animator; the animator creates an event of 2 seats for tomorrow through the
// form (refused first on its end, under the field) and publishes it; three
// agents register from the event page, the third is waitlisted and is promoted
// when one leaves; the edit form refuses a start in the past; the animator
// cancels another event. Then the server restarts on the same database with
// its clock two days ahead (-dev-clock-offset, development only) and the
// browser's clock with it: the event took place, so the animator marks
// attendance and downloads the CSV (header row and rows checked), and may no
// longer cancel it. The list with filters and the month view are audited too.
// axe-core on each page, at 1366 and 390 px (no sideways scroll at 390). One
// server for the whole file; steps build on each other.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { axeViolations, launchBrowser, parisLocal, recordErrors, screenshot, skipOnboarding, startServer } from "./support.js";

/** @typedef {import("playwright-core").Browser} Browser */
/** @typedef {import("playwright-core").BrowserContext} BrowserContext */
/** @typedef {import("playwright-core").Page} Page */
/** @typedef {{ context: BrowserContext, page: Page, errors: string[] }} Person */

/** @type {{ baseURL: string, stop: () => Promise<void>, restart: (args: string[]) => Promise<void> }} */
let server;
/** @type {Browser} */
let browser;
/** @type {Person} */ let karim;
/** @type {Person} */ let sophie;
/** @type {Person} */ let camille;
/** @type {Person} */ let ines;
/** @type {Person} */ let nathalie;
/** @type {Person} */ let karimLater; // the animator, signed in again after the restart
/** everyone gives the people signed in so far. */
const everyone = () => ({ karim, sophie, camille, ines, nathalie, karimLater });
const COMMUNITY = "securite";
const TITLE = "Atelier e2e : sécuriser ses tableaux de bord";
const CANCELLED_TITLE = "Webinaire e2e : annulé faute d’intervenant";
let eventURL = "";
/** The month (YYYY-MM, Paris) the event starts in: tomorrow's. */
let eventMonth = "";
/**
 * How far ahead the server's clock runs after the restart: the event starts
 * tomorrow and ends at 16:00, before the end of tomorrow, so two days ahead
 * is after it.
 */
const LATER_MS = 48 * 3600 * 1000;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  for (const p of Object.values(everyone())) await p?.context.close();
  await browser?.close();
  await server?.stop();
});

/**
 * signInAs opens a fresh context, signs in as the persona through the
 * provider's page and comes back to returnTo.
 * @param {string} name the persona's full name, first words of their button
 * @param {string} returnTo
 * @param {{ clockAheadMs?: number }} [options] the browser's clock ahead of the real one, as the server's
 * @returns {Promise<Person>}
 */
async function signInAs(name, returnTo, { clockAheadMs = 0 } = {}) {
  const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  // The page's clock runs with the server's (it decides, say, whether attendance is open yet).
  if (clockAheadMs) await context.clock.install({ time: Date.now() + clockAheadMs });
  await skipOnboarding(context);
  const page = await context.newPage();
  const errors = recordErrors(page);
  await page.goto(`${server.baseURL}/auth/login?return_to=${encodeURIComponent(returnTo)}`);
  await page.getByRole("heading", { level: 1, name: "Connexion de démonstration" }).waitFor();
  await page.getByRole("button", { name: new RegExp(`^${name}`) }).click();
  await page.waitForURL((url) => url.pathname !== "/devidp/login" && !url.pathname.startsWith("/auth"));
  await page.locator("main h1").first().waitFor();
  return { context, page, errors };
}

/**
 * graphql sends one operation from the page with the person's session (set-up steps).
 * @param {Page} page
 * @param {string} query
 * @param {Record<string, unknown>} [variables]
 * @returns {Promise<any>}
 */
async function graphql(page, query, variables = {}) {
  const body = await page.evaluate(
    async ([q, v]) => {
      const response = await fetch("/graphql", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ query: q, variables: v }) });
      return response.json();
    },
    /** @type {const} */ ([query, variables]),
  );
  assert.equal(body.errors, undefined, `GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/**
 * audit runs axe at 1366 and 390 px, checks no sideways scroll at 390 and saves both screenshots.
 * @param {Page} page
 * @param {string} name
 */
async function audit(page, name) {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(100);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `axe violations on ${name} at ${width} px:\n${violations.join("\n")}`);
    if (width === 390) {
      const overflow = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll("main *")]
          .filter((el) => el.getBoundingClientRect().right > width + 1)
          .slice(0, 3)
          .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`);
        return { by: document.documentElement.scrollWidth - width, wide };
      });
      assert.ok(overflow.by <= 0, `${name}: sideways scroll of ${overflow.by} px at 390 px (${overflow.wide.join(", ")})`);
    }
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}


/**
 * focusedLabel gives the label of the field that has the focus.
 * @param {Page} page
 */
function focusedLabel(page) {
  return page.evaluate(() => {
    const el = /** @type {HTMLInputElement | null} */ (document.activeElement);
    return (el?.labels?.[0]?.textContent ?? el?.textContent ?? "").replace(/\s+/g, " ").trim();
  });
}

/**
 * register opens the event page as the person and presses « S’inscrire »; returns the announced sentence.
 * @param {Person} person
 */
async function register(person) {
  await person.page.goto(eventURL);
  await person.page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
  await person.page.getByRole("button", { name: "S’inscrire" }).click();
  const alert = person.page.locator(".pl-event-registration .fr-alert");
  await alert.waitFor();
  await person.page.getByRole("button", { name: "Se désinscrire" }).waitFor();
  return (await alert.innerText()).replace(/\s+/g, " ").trim();
}

describe("events", () => {
  it("an administrator names an animator (through the API: the communities' administration page is another branch)", async () => {
    karim = await signInAs("Karim Benali", "/mon-espace");
    const { me } = await graphql(karim.page, "query { me { id } }");
    sophie = await signInAs("Sophie Marchand", "/mon-espace");
    const { community } = await graphql(sophie.page, "query($code: String!) { community(code: $code) { id } }", { code: COMMUNITY });
    const named = await graphql(
      sophie.page,
      "mutation($input: SetCommunityAnimatorInput!) { setCommunityAnimator(input: $input) { community { animators { agentId } } } }",
      { input: { communityId: community.id, agentId: me.id, animator: true } },
    );
    assert.ok(named.setCommunityAnimator.community.animators.some((/** @type {{agentId: string}} */ a) => a.agentId === me.id));
  });

  it("the animator creates an event of 2 seats through the form, refused first under « Fin », and publishes it", async () => {
    const { page } = karim;
    // The header links to the events for every signed-in agent, in its « Communautés et événements » menu.
    await page.getByRole("button", { name: "Communautés et événements" }).click();
    await page.getByRole("link", { name: "Événements", exact: true }).first().click();
    await page.getByRole("heading", { level: 1, name: "Événements" }).waitFor();
    await page.goto(`${server.baseURL}/evenements/nouveau?communaute=${COMMUNITY}`);
    await page.getByRole("heading", { level: 1, name: "Créer un événement" }).waitFor();
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    const day = parisLocal(tomorrow).slice(0, 10);
    eventMonth = day.slice(0, 7);
    await page.getByLabel(/^Titre/).fill(TITLE);
    await page.getByLabel(/^Type/).selectOption({ label: "Atelier" });
    await page.getByLabel("Sur place", { exact: true }).check({ force: true });
    await page.getByLabel(/^Début/).fill(`${day}T14:00`);
    await page.getByLabel(/^Fin/).fill(`${day}T13:00`);
    await page.getByLabel(/^Adresse du lieu/).fill("Tour Mirabeau, 39-43 quai André-Citroën, 75015 Paris");
    await page.getByLabel(/^Nombre de places/).fill("2");
    await page.getByLabel(/^Description/).fill("Un atelier **pratique**.\n\n<script>alert(1)</script>\n\n[Programme](https://www.numerique.gouv.fr/)");
    await page.getByRole("button", { name: "Créer le brouillon" }).click();
    await page.getByText("La fin de l’événement doit suivre son début.").waitFor();
    assert.match(await focusedLabel(page), /^Fin/);
    await audit(page, "evenement-formulaire-refuse");
    await page.getByLabel(/^Fin/).fill(`${day}T16:00`);
    await page.getByRole("button", { name: "Créer le brouillon" }).click();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    eventURL = page.url();
    assert.match(new URL(eventURL).pathname, /^\/evenements\/\d+$/);
    await page.getByText("Brouillon", { exact: true }).first().waitFor();
    // The description is the server's sanitised HTML: the link, no script.
    const description = page.locator(".pl-event-description");
    assert.equal(await description.locator("script").count(), 0);
    assert.equal(await description.getByRole("link", { name: "Programme" }).getAttribute("rel"), "nofollow noreferrer noopener");
    await page.getByRole("button", { name: "Publier" }).click();
    await page.getByText("L’événement est publié : chaque agent le voit et peut s’y inscrire.").waitFor();
    await page.getByText("2 places libres sur 2", { exact: true }).waitFor();
    await audit(page, "evenement-anime");
  });

  it("three agents register: the third is waitlisted, and promoted when one leaves", async () => {
    camille = await signInAs("Camille Lefèvre", "/mon-espace");
    ines = await signInAs("Inès Moreau", "/mon-espace");
    nathalie = await signInAs("Nathalie Garnier", "/mon-espace");
    assert.equal(await register(camille), "Votre inscription est confirmée : votre place est réservée.");
    assert.equal(await register(ines), "Votre inscription est confirmée : votre place est réservée.");
    const nathaliePage = nathalie.page;
    await nathaliePage.goto(eventURL);
    await nathaliePage.getByText("Complet : liste d’attente ouverte", { exact: true }).waitFor();
    await nathaliePage.getByText(/^L’événement est complet : en vous inscrivant/).waitFor();
    assert.equal(await register(nathalie), "Vous êtes sur la liste d’attente, en 1re position. Une notification vous préviendra si une place se libère.");
    await nathaliePage.getByText(/^Vous êtes sur la liste d’attente, en 1re position\./).waitFor();
    await audit(nathaliePage, "evenement-liste-attente");
    // « Ajouter à mon agenda » is the event's iCalendar file, fetched with the session.
    const href = await nathaliePage.getByRole("link", { name: "Ajouter à mon agenda" }).getAttribute("href");
    assert.match(href ?? "", /^\/calendar\/events\/\d+\.ics$/);
    const ics = await nathaliePage.evaluate(async (h) => {
      const r = await fetch(h);
      return { type: r.headers.get("content-type"), text: await r.text() };
    }, href ?? "");
    assert.match(ics.type ?? "", /^text\/calendar/);
    // On the waitlist, the file marks the event tentative (NOTES-C).
    assert.match(ics.text, /STATUS:TENTATIVE/);

    const camillePage = camille.page;
    await camillePage.getByRole("button", { name: "Se désinscrire" }).click();
    await camillePage.getByText(/^Votre inscription est annulée\./).waitFor();
    await camillePage.getByRole("button", { name: "S’inscrire" }).waitFor();

    await nathaliePage.reload();
    await nathaliePage.getByText(/^Une place s’est libérée pour vous : votre inscription est confirmée/).waitFor();
    await nathaliePage.getByText("Place réservée").or(nathaliePage.getByRole("button", { name: "Se désinscrire" })).first().waitFor();
  });

  it("the animator reads participants; the edit form refuses a start in the past, under « Début »", async () => {
    const { page } = karim;
    await page.goto(eventURL);
    const participants = page.getByRole("table", { name: /^Participants/ });
    await participants.waitFor();
    assert.deepEqual(
      (await participants.locator("tbody th").allInnerTexts()).map((/** @type {string} */ t) => t.split("\n")[0]),
      ["Inès Moreau", "Nathalie Garnier"],
    );
    await page.getByText("Personne n’attend de place.").waitFor();
    await page.getByText("La présence se note une fois l’événement commencé.").waitFor();
    await page.getByRole("link", { name: "Modifier l’événement" }).click();
    await page.getByRole("heading", { level: 1, name: `Modifier «\u00a0${TITLE}\u00a0»` }).waitFor();
    assert.equal(await page.getByLabel(/^Nombre de places/).inputValue(), "2");
    // An event is never moved into the past (it would be changed after it took place).
    await page.getByLabel(/^Début/).fill(parisLocal(new Date(Date.now() - 3600 * 1000)));
    await page.getByLabel(/^Fin/).fill(parisLocal(new Date(Date.now() + 3600 * 1000)));
    await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
    await page.getByText(/^Le début de l’événement doit être à venir/).first().waitFor();
    assert.match(await focusedLabel(page), /^Début/);
    await audit(page, "evenement-modifier");
  });

  it("the animator cancels another event after a confirmation; a participant reads that it is cancelled", async () => {
    const { page } = karim;
    const { community } = await graphql(page, "query($code: String!) { community(code: $code) { id } }", { code: COMMUNITY });
    const start = new Date(Date.now() + 24 * 3600 * 1000);
    const created = await graphql(page, "mutation($in: CreateEventInput!) { createEvent(input: $in) { event { id } } }", {
      in: {
        communityId: community.id, title: CANCELLED_TITLE, description: "Un webinaire.", kind: "WEBINAR", format: "ONLINE",
        onlineUrl: "https://webconf.numerique.gouv.fr/e2e", startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3600 * 1000).toISOString(),
      },
    });
    const id = created.createEvent.event.id;
    await graphql(page, "mutation($id: ID!) { publishEvent(input: { eventId: $id }) { event { id } } }", { id });
    await graphql(ines.page, "mutation($id: ID!) { registerForEvent(input: { eventId: $id }) { registration { status } } }", { id });
    const cancelledURL = `${server.baseURL}/evenements/${id}`;

    await page.goto(cancelledURL);
    await page.getByRole("heading", { level: 1, name: CANCELLED_TITLE }).waitFor();
    await page.getByRole("button", { name: "Annuler l’événement" }).click();
    const question = page.getByRole("group", { name: /^Annuler «/ });
    await question.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("role")), "group", "the question has the focus");
    await question.getByRole("button", { name: "Garder l’événement" }).click();
    await page.waitForFunction(() => document.activeElement?.textContent?.trim() === "Annuler l’événement");
    await page.getByRole("button", { name: "Annuler l’événement" }).click();
    await page.getByRole("group", { name: /^Annuler «/ }).getByRole("button", { name: "Annuler l’événement" }).click();
    await page.getByText("L’événement est annulé : la personne inscrite est prévenue.").waitFor();

    const ip = ines.page;
    await ip.goto(cancelledURL);
    await ip.getByRole("heading", { level: 2, name: "Cet événement est annulé" }).waitFor();
    await ip.getByText(/^Cet événement est annulé : toutes les inscriptions et la liste d’attente ont été libérées\./).waitFor();
    assert.equal(await ip.getByRole("button", { name: /^S’inscrire|^Se désinscrire/ }).count(), 0);
    await audit(ip, "evenement-annule");
  });

  it("the list filters in the address and the month view show the event", async () => {
    const { page } = camille;
    await page.goto(`${server.baseURL}/evenements`);
    await page.getByRole("heading", { level: 1, name: "Événements" }).waitFor();
    await page.getByLabel(/^Mots-clés/).fill("tableaux de bord");
    await page.getByLabel("Communauté").selectOption(COMMUNITY);
    await page.getByLabel("Type").selectOption({ label: "Atelier" });
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.waitForURL((/** @type {URL} */ url) => url.search.includes("texte=tableaux"));
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("communaute"), COMMUNITY);
    assert.equal(url.searchParams.get("type"), "atelier");
    await page.getByText("1 événement correspond à ces critères, 1 affiché.").waitFor();
    await page.getByRole("link", { name: TITLE }).waitFor();
    await audit(page, "evenements-liste");

    await page.getByRole("link", { name: "Calendrier du mois" }).click();
    await page.waitForURL((/** @type {URL} */ u) => u.search.includes("vue=mois"));
    if (eventMonth !== parisLocal(new Date()).slice(0, 7)) {
      await page.getByText(/^(\d+ événements?|Aucun événement) en /).waitFor();
      await page.getByRole("link", { name: "Mois suivant" }).click();
      await page.waitForURL((/** @type {URL} */ u) => u.searchParams.get("mois") === eventMonth);
    }
    await page.getByText(/^1 événement en /).waitFor();
    // The grid links to the event (keyboard reachable); the list by day is the other presentation, not shown at once.
    assert.equal(await page.getByRole("link", { name: new RegExp(TITLE) }).count(), 1);
    await audit(page, "evenements-mois");

    // A shared address gives the same list: the past ones hold none of tomorrow's.
    await page.goto(`${server.baseURL}/evenements?quand=passes&communaute=${COMMUNITY}&texte=tableaux`);
    await page.getByText("Aucun événement ne correspond à ces critères.").waitFor();
  });

  it("two days later (the server restarted with its clock ahead), the animator marks attendance and downloads the CSV", async () => {
    // The pages of the first day are closed (their errors are kept): they would
    // call a server that is restarting.
    for (const p of Object.values(everyone())) await p?.context.close();
    await server.restart(["-dev-clock-offset", `${LATER_MS / 1000}s`]);
    // Sessions end after 30 minutes idle: two days later, the animator signs in again.
    karimLater = await signInAs("Karim Benali", "/mon-espace", { clockAheadMs: LATER_MS });
    const { page } = karimLater;
    await page.goto(eventURL);
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await page.getByText("L’événement a commencé : notez la présence ou l’absence de chaque personne.").waitFor();
    await page.getByRole("group", { name: "Présence d’Inès Moreau" }).getByRole("button", { name: "Présence" }).click();
    await page.getByText("Présence d’Inès Moreau notée.").waitFor();
    await page.getByRole("group", { name: "Présence de Nathalie Garnier" }).getByRole("button", { name: "Absence" }).click();
    await page.getByText("Absence de Nathalie Garnier notée.").waitFor();
    assert.equal(
      await page.getByRole("group", { name: "Présence d’Inès Moreau" }).getByRole("button", { name: "Présence" }).getAttribute("aria-pressed"),
      "true",
    );
    await audit(page, "evenement-presence");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger la liste (CSV)" }).click()]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const path = await download.path();
    const csv = readFileSync(path, "utf8");
    assert.equal(csv.charCodeAt(0), 0xfeff, "the CSV starts with a byte order mark (Excel)");
    const rows = csv.slice(1).trimEnd().split("\r\n").map((line) => line.split(";"));
    assert.deepEqual(rows[0], ["Nom", "Prénom", "Courriel", "Organisation", "Statut", "Rang en liste d’attente", "Inscription", "Présence"]);
    assert.equal(rows.length, 3, `two participants, no waitlist: ${JSON.stringify(rows)}`);
    assert.deepEqual(
      rows.slice(1).map((r) => [r[0], r[1], r[2], r[4], r[5], r[7]]),
      [
        ["Moreau", "Inès", "ines.moreau@solidarites.demo.gouv.fr", "Place réservée", "", "Oui"],
        ["Garnier", "Nathalie", "nathalie.garnier@sg.demo.gouv.fr", "Place réservée", "", "Non"],
      ],
    );
    assert.match(rows[1]?.[6] ?? "", /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

    // The event took place: the server refuses to cancel it (the attendance would go).
    const id = new URL(eventURL).pathname.split("/").pop();
    const refused = await page.evaluate(async (eventId) => {
      const response = await fetch("/graphql", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ query: "mutation($id: ID!) { cancelEvent(input: { eventId: $id }) { event { status } } }", variables: { id: eventId } }),
      });
      return (await response.json()).errors?.[0];
    }, id);
    assert.equal(refused?.extensions?.code, "CONFLICT");
    assert.match(refused?.message ?? "", /^Cet événement a déjà commencé/);

    // And the past events now hold it.
    await page.goto(`${server.baseURL}/evenements?quand=passes&communaute=${COMMUNITY}&texte=tableaux`);
    await page.getByRole("link", { name: TITLE }).waitFor();
  });

  it("no console error on any page", () => {
    for (const [name, p] of Object.entries(everyone())) assert.deepEqual(p?.errors ?? [], [], `${name}: ${p?.errors.join("\n")}`);
  });
});

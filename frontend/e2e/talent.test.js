// End-to-end tests of « Trouver des talents » (/talents): a manager searches
// two skills at minimum levels in a region, reads why the first result
// matches, refines with a facet and comes back with the back button, opens
// the profile; an agent finds (keyboard only) a colleague who shows herself to
// all, and not one who shows herself to managers only. axe-core on each page,
// screenshots at 1366 and 390 px. One server for the whole file.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { assertNoAxeViolation, graphqlAs, launchBrowser, screenshot, signInAs as signIn, startServer } from "./support.js";

/** @typedef {import("playwright-core").Browser} Browser */
/** @typedef {import("playwright-core").BrowserContext} BrowserContext */
/** @typedef {import("playwright-core").Page} Page */

/** @type {{ baseURL: string, stop: () => Promise<void> }} */
let server;
/** @type {Browser} */
let browser;
/** @type {BrowserContext[]} */
const contexts = [];

// The two colleagues of the search: Karim shows his profile to all agents,
// Inès to managers only; both write « cartographie » in their presentation.
const KARIM = "Karim Benali";
const INES = "Inès Moreau";
let karimId = "";
let inesId = "";

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
 * signInAs opens a fresh context (1366 × 900), signs in as the persona through
 * the provider's page and comes back to returnTo.
 * @param {string} name the persona's full name, first words of their button
 * @param {string} returnTo
 */
async function signInAs(name, returnTo) {
  const signedIn = await signIn(browser, server.baseURL, name, returnTo, {});
  contexts.push(signedIn.context);
  return signedIn;
}

/**
 * bothWidths checks axe and takes screenshots at 1366 and 390 px, then comes
 * back to 1366.
 * @param {Page} page
 * @param {string} name
 */
async function bothWidths(page, name) {
  await assertNoAxeViolation(page, `${name} (1366 px)`);
  await screenshot(page, `${name}-1366`);
  await page.setViewportSize({ width: 390, height: 844 });
  await assertNoAxeViolation(page, `${name} (390 px)`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${name}: the page scrolls sideways at 390 px (${overflow} px)`);
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1366, height: 900 });
}

/**
 * activeElement describes the focused element: its tag and its text.
 * @param {Page} page
 */
function activeElement(page) {
  return page.evaluate(() => ({
    tag: document.activeElement?.tagName ?? "",
    text: (document.activeElement?.textContent ?? "").replace(/\s+/g, " ").trim(),
  }));
}

/**
 * @param {Page} page
 * @param {string} tag
 * @param {string | RegExp} text
 */
async function focusOn(page, tag, text) {
  const deadline = Date.now() + 5000;
  let last = await activeElement(page);
  while (Date.now() < deadline) {
    last = await activeElement(page);
    if (last.tag === tag && (typeof text === "string" ? last.text === text : text.test(last.text))) return;
    await page.waitForTimeout(50);
  }
  assert.fail(`focus on ${last.tag} « ${last.text} », expected ${tag} « ${text} »`);
}

/**
 * results are the list items of the results, in rank order.
 * @param {Page} page
 */
function results(page) {
  return page.getByRole("list", { name: /^Profils trouvés/ }).locator(":scope > li");
}

const SKILL_IDS = `
  query SkillIds($pix: String!, $ecf: String!) {
    pix: skills(search: $pix, framework: "pix", first: 5) { edges { node { id code } } }
    ecf: skills(search: $ecf, framework: "ecf", first: 5) { edges { node { id code } } }
    regions(first: 100) { edges { node { id name } } }
  }
`;
const UPDATE_PROFILE = `mutation ($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { profile { id } } }`;
const DECLARE = `mutation ($input: DeclareSkillInput!) { declareSkill(input: $input) { skill { level { value } } } }`;

describe("talent search", () => {
  it("two colleagues make their profiles findable", async () => {
    const karim = await signInAs(KARIM, "/mon-espace");
    /** @type {any} */
    const refs = await graphqlAs(karim.page, SKILL_IDS, { pix: "traiter données", ecf: "conception développement applications" });
    const pix13 = refs.pix.edges.find((/** @type {any} */ e) => e.node.code === "1.3").node.id;
    const ecfB1 = refs.ecf.edges.find((/** @type {any} */ e) => e.node.code === "B.1").node.id;
    const occitanie = refs.regions.edges.find((/** @type {any} */ e) => e.node.name === "Occitanie").node.id;
    const saved = await graphqlAs(karim.page, UPDATE_PROFILE, {
      input: { visibility: "ALL_AGENTS", regionId: occitanie, bio: "Géomatique et cartographie sanitaire des territoires." },
    });
    karimId = saved.updateMyProfile.profile.id;
    await graphqlAs(karim.page, DECLARE, { input: { skillId: pix13, level: 6, currentUse: true, wantsToDevelop: false } });
    await graphqlAs(karim.page, DECLARE, { input: { skillId: ecfB1, level: 3, currentUse: true, wantsToDevelop: false } });
    assert.deepEqual(karim.errors, []);

    const ines = await signInAs(INES, "/mon-espace");
    const hers = await graphqlAs(ines.page, UPDATE_PROFILE, {
      input: { visibility: "MANAGERS", regionId: occitanie, bio: "Cartographie des aides sociales." },
    });
    inesId = hers.updateMyProfile.profile.id;
    await graphqlAs(ines.page, DECLARE, { input: { skillId: pix13, level: 7, currentUse: true, wantsToDevelop: false } });
    assert.deepEqual(ines.errors, []);
  });

  it("a manager searches two skills at minimum levels in a region, reads why, refines, opens the profile, shortlists the agent with a note, saves the search", async () => {
    const { page, errors } = await signInAs("Nathalie Garnier", "/mon-espace");
    // From « Mon espace » and from the header.
    await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Trouver des talents" }).waitFor();
    await page.locator("main").getByRole("link", { name: "Trouver des talents" }).click();
    await page.getByRole("heading", { level: 1, name: "Trouver des talents" }).waitFor();
    assert.equal(await page.title(), "Trouver des talents — Passerelles");
    await page.getByText(/Chaque recherche est enregistrée/).waitFor();
    await bothWidths(page, "talents-empty");

    // Nothing asked: the form says so and keeps the address.
    await page.getByRole("button", { name: "Rechercher", exact: true }).click();
    await page.getByText(/Choisissez au moins un critère/).waitFor();
    await focusOn(page, "P", /^Choisissez au moins un critère/);
    assert.equal(new URL(page.url()).search, "");

    // Two skills from the filter box, each at its minimum level.
    const box = page.getByLabel("Chercher une compétence à ajouter");
    await box.fill("traiter donnees");
    await page.getByRole("status").filter({ hasText: /compétences? trouvées? pour « traiter donnees »/ }).waitFor();
    await page.getByRole("button", { name: "Ajouter : Pix 1.3 Traiter des données" }).click();
    await focusOn(page, "SELECT", /Requise/);
    await page.getByLabel("Niveau minimum pour Pix 1.3 Traiter des données").selectOption({ label: "5 — Avancé" });
    await box.fill("conception applications");
    await page.getByRole("button", { name: /^Ajouter : e-CF B\.1 / }).click();
    await page.getByLabel(/^Niveau minimum pour e-CF B\.1 /).selectOption({ label: "e-2 — Professionnel" });

    // In a region.
    await page.getByRole("button", { name: "Poste et organisation" }).click();
    await page.getByLabel("Région de travail").selectOption({ label: "Occitanie" });
    await page.getByRole("button", { name: "Ajouter : Région de travail" }).click();
    await page.getByRole("list", { name: "Région de travail" }).getByText("Occitanie").waitFor();
    await screenshot(page, "talents-form-1366");

    await page.getByRole("button", { name: "Rechercher", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/talents" && url.searchParams.getAll("competence").length === 2);
    const address = new URL(page.url());
    assert.equal(address.searchParams.getAll("region").length, 1);
    assert.match(address.searchParams.getAll("competence")[0] ?? "", /^\d+-5$/);
    assert.match(address.searchParams.getAll("competence")[1] ?? "", /^\d+-2$/);
    const status = page.getByRole("status").filter({ hasText: /profils? correspond/ });
    await status.waitFor();
    // The results heading takes the focus; the count is in a live region.
    await focusOn(page, "H2", "Résultats");
    assert.equal(await status.getAttribute("aria-live"), "polite");

    // Why the first result matches: each skill, the level that counted, the points.
    const first = results(page).first();
    const why = first.getByRole("list", { name: /^Pourquoi .+ correspond$/ }).getByRole("listitem");
    assert.equal(await why.count(), 2);
    const pix = (await why.nth(0).innerText()).replace(/\s+/g, " ");
    const ecf = (await why.nth(1).innerText()).replace(/\s+/g, " ");
    assert.match(pix, /^Requise — Pix 1\.3 Traiter des données Niveau ([5-8]) \(.+\), (validé par un manager|déclaré, non validé), mis à jour le .+ : \d+ points\.$/);
    assert.match(ecf, /^Requise — e-CF B\.1 .+ Niveau e-[2-5] \(.+\), .+ : \d+ points\.$/);
    assert.match(await first.innerText(), /Score\s:\s\d+\spoints \(2 compétences requises au niveau demandé\)\./);
    // Karim matches (Pix 6, e-CF e-3, in Occitanie, shown to all).
    const karim = page.getByRole("link", { name: KARIM, exact: true });
    await karim.waitFor();
    assert.equal(await karim.getAttribute("href"), `/profils/${karimId}`);
    await bothWidths(page, "talents-results");

    // A facet is a toggle: the pressed region takes its value out of the
    // address (the search widens), the back button puts it back.
    const before = await status.innerText();
    const regionFacets = page.getByRole("list", { name: "Région" });
    await regionFacets.getByRole("button", { name: /^Occitanie/, pressed: true }).click();
    await page.waitForURL((url) => !url.searchParams.has("region") && url.searchParams.has("competence"));
    await page.getByRole("status").filter({ hasText: /profils? correspond/ }).filter({ hasNotText: "Recherche" }).waitFor();
    await regionFacets.getByRole("button", { name: /^Occitanie/, pressed: false }).waitFor();
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.has("region"));
    await page.getByRole("status").filter({ hasText: before }).waitFor();
    await regionFacets.getByRole("button", { name: /^Occitanie/, pressed: true }).waitFor();
    assert.equal(await page.getByRole("list", { name: "Région de travail" }).getByText("Occitanie").count(), 1);

    // The first result opens the profile.
    const name = await first.getByRole("heading", { level: 3 }).innerText();
    await first.getByRole("link", { name }).click();
    await page.getByRole("heading", { level: 1, name }).waitFor();
    assert.match(new URL(page.url()).pathname, /^\/profils\/\d+$/);

    // She shortlists the agent with a private note, from the profile.
    await page.getByRole("button", { name: `Ajouter à une liste : ${name}` }).click();
    await page.getByLabel("Nom de la nouvelle liste").fill("Géomatique en Occitanie");
    await page.getByRole("textbox", { name: /^Note privée/ }).fill("Vu au Salon de la data, à recontacter en janvier.");
    await page.getByRole("button", { name: "Ajouter à la liste" }).click();
    await page.getByText(`${name} est sur la liste « Géomatique en Occitanie ».`).waitFor();

    // Back to the results, she saves the search; the form opens on its name.
    await page.goBack();
    await page.getByRole("status").filter({ hasText: before }).waitFor();
    await page.getByRole("button", { name: "Sauvegarder cette recherche" }).click();
    const searchName = page.getByLabel("Nom de la recherche");
    await searchName.waitFor();
    await page.waitForFunction((el) => el === document.activeElement, await searchName.elementHandle(), { timeout: 5000 });
    await searchName.fill("Données et applications en Occitanie");
    await page.getByRole("button", { name: "Enregistrer la recherche" }).click();
    await page.getByText("Recherche enregistrée : « Données et applications en Occitanie ».").waitFor();
    await assertNoAxeViolation(page, "/talents, search saved");

    // « Mes listes » holds both: the agent with the note, the search to run again.
    await page.getByRole("link", { name: "mes listes", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Mes listes" }).waitFor();
    const list = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: "Géomatique en Occitanie" }) });
    await list.getByRole("button", { name: "Afficher les profils de « Géomatique en Occitanie »" }).click();
    const entries = page.getByRole("list", { name: "Profils de « Géomatique en Occitanie »" });
    await entries.getByRole("link", { name }).waitFor();
    assert.equal(await entries.locator(".pl-note__text").innerText(), "Vu au Salon de la data, à recontacter en janvier.");
    const saved = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: "Données et applications en Occitanie" }) });
    await saved.getByRole("button", { name: "Relancer « Données et applications en Occitanie »" }).click();
    await saved.getByRole("heading", { level: 4, name: /correspond.*aucun nouveau depuis la recherche précédente\.$/ }).waitFor();
    await saved.getByRole("link", { name }).waitFor();

    // A shared address shows the same search; managers find Inès too (shown to managers).
    await page.goto(`${server.baseURL}/talents?texte=cartographie`);
    await page.getByRole("status").filter({ hasText: /profils? correspond/ }).waitFor();
    await page.getByRole("link", { name: INES, exact: true }).waitFor();
    await page.getByRole("link", { name: KARIM, exact: true }).waitFor();
    assert.equal(await page.getByLabel("Mots-clés").inputValue(), "cartographie");

    // Saved, then refined by a facet: the refined search is another one, which can be saved in its turn.
    await page.getByRole("button", { name: "Sauvegarder cette recherche" }).click();
    await page.getByLabel("Nom de la recherche").fill("Cartographie");
    await page.getByRole("button", { name: "Enregistrer la recherche" }).click();
    await page.getByText("Recherche enregistrée : « Cartographie ».").waitFor();
    await page.getByRole("list", { name: "Région" }).getByRole("button", { name: /^Occitanie/, pressed: false }).click();
    await page.waitForURL((url) => url.searchParams.has("region"));
    await page.getByRole("button", { name: "Sauvegarder cette recherche" }).waitFor();
    assert.equal(await page.getByText(/^Recherche enregistrée/).count(), 0);

    // An address edited by hand with a level off the scale: the server's refusal, in French.
    const pix13 = address.searchParams.getAll("competence")[0]?.split("-")[0];
    await page.goto(`${server.baseURL}/talents?competence=${pix13}-9`);
    const alert = page.locator(".fr-alert--error");
    await alert.waitFor();
    assert.match(await alert.innerText(), /Données invalides/);
    await page.getByRole("status").filter({ hasText: "La recherche a échoué." }).waitFor();
    // The level asked is shown as it is, not as the first level of the scale, so that another can be chosen.
    const level = page.getByLabel(/^Niveau minimum pour Pix 1\.3 /);
    assert.equal(await level.evaluate((el) => /** @type {HTMLSelectElement} */ (el).selectedOptions[0]?.textContent), "9 — hors de l’échelle");
    await assertNoAxeViolation(page, "a refused search");
    assert.deepEqual(
      errors.filter((e) => !/status of 422/.test(e)),
      [],
    );
  });

  it("an agent finds, with the keyboard only, a colleague who shows herself to all, not one who shows herself to managers", async () => {
    const { page, errors } = await signInAs("Camille Lefèvre", "/mon-espace");
    await page.locator("main").getByRole("link", { name: "Trouver un collègue" }).click();
    await page.getByRole("heading", { level: 1, name: "Trouver un collègue" }).waitFor();
    await page.getByText(/Ceux qui ne le montrent qu’aux managers n’apparaissent pas/).waitFor();

    // Keyboard only: Tab to the words, type, Enter searches.
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press("Tab");
      if (await page.getByLabel("Mots-clés").evaluate((el) => el === document.activeElement)) break;
    }
    await page.keyboard.type("cartographie");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.searchParams.get("texte") === "cartographie");
    await focusOn(page, "H2", "Résultats");
    await page.getByRole("status").filter({ hasText: /profils? correspond/ }).waitFor();
    await page.getByRole("link", { name: KARIM, exact: true }).waitFor();
    assert.equal(await page.locator(`a[href="/profils/${inesId}"]`).count(), 0, "Inès shows her profile to managers only");
    assert.equal(await page.getByText(INES).count(), 0);
    await bothWidths(page, "talents-agent");

    // From the results heading, Tab reaches the first result; Enter opens it.
    await page.getByRole("heading", { level: 2, name: "Résultats", exact: true }).focus();
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("Tab");
      const f = await activeElement(page);
      if (f.tag === "A") break;
    }
    const target = await activeElement(page);
    assert.equal(target.tag, "A");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: target.text }).waitFor();
    await assertNoAxeViolation(page, "profile opened from the search");
    assert.deepEqual(errors, []);
  });
});

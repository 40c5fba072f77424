// End-to-end tests of the shortlists and saved searches: a manager adds an
// agent to a new list from the profile page, with a note; finds them in « Mes
// listes » with the note and edits it; runs a saved search again and sees the
// agent marked « Nouveau »; the agent hides from the manager's organisation and
// the manager reads « 1 profil n’est plus visible ». axe-core on each page, at
// 1366 and 390 px. One server for the whole file; the steps build on each other.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { assertNoAxeViolation, graphqlAs, launchBrowser, screenshot, signInAs as signIn, startServer } from "./support.js";

/** @typedef {import("playwright-core").Browser} Browser */
/** @typedef {import("playwright-core").BrowserContext} BrowserContext */
/** @typedef {import("playwright-core").Page} Page */
/** @typedef {{ context: BrowserContext, page: Page, errors: string[] }} Person */

/** @type {{ baseURL: string, stop: () => Promise<void> }} */
let server;
/** @type {Browser} */
let browser;
/** @type {Person} */
let karim;
/** @type {Person} */
let nathalie;
let karimId = "";

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await karim?.context.close();
  await nathalie?.context.close();
  await browser?.close();
  await server?.stop();
});

/**
 * signInAs opens a fresh context, signs in as the persona through the
 * provider's page and comes back to returnTo.
 * @param {string} name the persona's full name, first words of their button
 * @param {string} returnTo
 * @returns {Promise<Person>}
 */
async function signInAs(name, returnTo) {
  return signIn(browser, server.baseURL, name, returnTo, { width: 1280, height: 800, timeout: 10_000 });
}

/**
 * focused describes the element that has the focus: tag and text (spaces
 * collapsed, screen-reader-only text included), or its label for a field.
 * @param {Page} page
 */
function focused(page) {
  return page.evaluate(() => {
    const el = /** @type {HTMLInputElement | null} */ (document.activeElement);
    const label = el?.labels?.[0]?.textContent ?? "";
    return { tag: el?.tagName ?? "", text: (el?.textContent ?? "").replace(/\s+/g, " ").trim(), label: label.replace(/\s+/g, " ").trim() };
  });
}

/**
 * focusSettled waits until the element that has the focus matches.
 * @param {Page} page
 * @param {(f: { tag: string, text: string, label: string }) => boolean} match
 * @param {string} what
 */
async function focusSettled(page, match, what) {
  const deadline = Date.now() + 3000;
  let last = await focused(page);
  while (Date.now() < deadline) {
    last = await focused(page);
    if (match(last)) return;
    await page.waitForTimeout(50);
  }
  assert.fail(`focus should be on ${what}, is on ${JSON.stringify(last)}`);
}

/**
 * atWidths takes a screenshot at 1366 and 390 px, with axe at 390 px, and
 * comes back to the default size.
 * @param {Page} page
 * @param {string} name
 */
async function atWidths(page, name) {
  for (const viewport of [
    { width: 1366, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    await screenshot(page, `${name}-${viewport.width}`);
  }
  await assertNoAxeViolation(page, `${name} at 390 px`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

const SAVED_SEARCH = "Karim en Occitanie";
const NOTE = "Vu au salon data : très à l’aise avec R.\nÀ rappeler en juin.";
const NEW_NOTE = "Entretien prévu le 12 juin.";

describe("shortlists and saved searches", () => {
  it("Nathalie saves a search that nobody matches yet; Karim shows his profile to all", async () => {
    nathalie = await signInAs("Nathalie Garnier", "/mon-espace");
    // Saving counts as the first run: Karim, private until now, is not among its matches.
    const saved = await graphqlAs(
      nathalie.page,
      `mutation($input: SaveSearchInput!) { saveSearch(input: $input) { savedSearch { id } } }`,
      { input: { name: SAVED_SEARCH, filter: { text: "Benali" } } },
    );
    assert.ok(saved.saveSearch.savedSearch.id);

    karim = await signInAs("Karim Benali", "/mon-espace");
    const data = await graphqlAs(
      karim.page,
      `mutation { updateMyProfile(input: { visibility: ALL_AGENTS }) { profile { id } } }`,
    );
    karimId = data.updateMyProfile.profile.id;
    // « Mes listes » is for managers and administrators: Mon espace has no link to it for Karim, who reads so there.
    await karim.page.goto(`${server.baseURL}/mon-espace`);
    await karim.page.getByRole("heading", { level: 1, name: /^Bonjour/ }).waitFor();
    assert.equal(await karim.page.getByRole("main").getByRole("link", { name: "Mes listes" }).count(), 0);
    await karim.page.goto(`${server.baseURL}/mes-listes`);
    await karim.page.getByRole("heading", { level: 1, name: "Mes listes" }).waitFor();
    await karim.page.getByText(/réservées aux managers et aux administrateurs/).waitFor();
    await assertNoAxeViolation(karim.page, "/mes-listes (agent)");
  });

  it("Nathalie adds Karim to a new list with a note from his profile; adding him twice is refused on the field", async () => {
    const { page } = nathalie;
    await page.goto(`${server.baseURL}/profils/${karimId}`);
    await page.getByRole("heading", { level: 1, name: "Karim Benali" }).waitFor();
    const open = page.getByRole("button", { name: "Ajouter à une liste : Karim Benali" });
    await open.focus();
    await page.keyboard.press("Enter");
    // She has no list yet: the new list's name takes the focus.
    const listName = page.getByLabel("Nom de la nouvelle liste");
    await listName.waitFor();
    await focusSettled(page, (f) => f.label.startsWith("Nom de la nouvelle liste"), "the new list's name");
    await assertNoAxeViolation(page, "/profils/:id, add to a list");
    await atWidths(page, "ajouter-a-une-liste");

    // An empty name is refused on the field, which keeps the focus.
    await page.getByRole("button", { name: "Ajouter à la liste" }).click();
    await page.getByText("Le nom de la liste est obligatoire.").waitFor();
    await focusSettled(page, (f) => f.label.startsWith("Nom de la nouvelle liste"), "the name in error");
    // Keyboard only from here: type the name, Tab to the note, Tab to « Ajouter à la liste ».
    await page.keyboard.type("Relève data");
    await page.keyboard.press("Tab");
    await focusSettled(page, (f) => f.tag === "TEXTAREA", "the note");
    await page.keyboard.type(NOTE);
    await page.keyboard.press("Tab");
    await focusSettled(page, (f) => f.text === "Ajouter à la liste", "« Ajouter à la liste »");
    await page.keyboard.press("Enter");
    const done = page.getByText("Karim Benali est sur la liste « Relève data ».");
    await done.waitFor();
    await focusSettled(page, (f) => f.text.startsWith("Karim Benali est sur la liste"), "the confirmation");
    await assertNoAxeViolation(page, "/profils/:id, added");
    await screenshot(page, "ajoute-a-la-liste");

    // Again on the same list: the server refuses, under « Liste », which takes the focus.
    await page.getByRole("button", { name: "Ajouter à une autre liste : Karim Benali" }).click();
    const list = page.getByLabel("Liste", { exact: true });
    await list.waitFor();
    await focusSettled(page, (f) => f.tag === "SELECT", "the list");
    await list.selectOption({ label: "Relève data" });
    await page.getByRole("button", { name: "Ajouter à la liste" }).click();
    await page.locator(".fr-select-group").getByText("Ce profil est déjà sur la liste « Relève data ».").waitFor();
    await focusSettled(page, (f) => f.tag === "SELECT", "the list in error");
    await assertNoAxeViolation(page, "/profils/:id, refused on the field");
    await screenshot(page, "ajouter-refuse");
    await page.getByRole("button", { name: "Annuler" }).click();
    await focusSettled(page, (f) => f.text.startsWith("Ajouter à une liste"), "« Ajouter à une liste »");
  });

  it("Nathalie finds Karim in « Mes listes » with the note, and edits the note", async () => {
    const { page } = nathalie;
    // « Mes listes » is reached from Mon espace (no longer in the header).
    await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Mon espace" }).click();
    await page.getByRole("main").getByRole("link", { name: "Mes listes" }).click();
    await page.getByRole("heading", { level: 1, name: "Mes listes" }).waitFor();
    assert.equal(await page.title(), "Mes listes — Passerelles");
    const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: "Relève data" }) });
    await item.getByText("1 profil ·").waitFor();
    await item.getByRole("button", { name: "Afficher les profils de « Relève data »" }).click();
    const entries = page.getByRole("list", { name: "Profils de « Relève data »" });
    await entries.getByRole("link", { name: "Karim Benali" }).waitFor();
    assert.equal(await entries.locator(".pl-note__text").innerText(), NOTE, "the note, on its two lines");
    await assertNoAxeViolation(page, "/mes-listes");

    await entries.getByRole("button", { name: "Modifier la note sur Karim Benali" }).click();
    const note = entries.getByRole("textbox", { name: /^Note privée/ });
    await focusSettled(page, (f) => f.tag === "TEXTAREA", "the note");
    assert.equal(await note.inputValue(), NOTE);
    await note.fill(NEW_NOTE);
    await page.getByRole("button", { name: "Enregistrer la note" }).click();
    await page.getByRole("status").filter({ hasText: "Note enregistrée pour Karim Benali." }).waitFor();
    await entries.locator(".pl-note__text").filter({ hasText: NEW_NOTE }).waitFor();
    await focusSettled(page, (f) => f.text.startsWith("Modifier la note"), "« Modifier la note »");

    // The saved search: run again, Karim is new since the save.
    const search = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: SAVED_SEARCH }) });
    await search.getByRole("button", { name: `Relancer « ${SAVED_SEARCH} »` }).click();
    const summary = "1 profil correspond, dont 1 nouveau depuis la recherche précédente.";
    await search.getByRole("heading", { level: 4, name: summary }).waitFor();
    await focusSettled(page, (f) => f.text === summary, "the run's summary");
    const result = search.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Karim Benali" }) });
    await result.getByText("Nouveau").waitFor();
    await assertNoAxeViolation(page, "/mes-listes with a run");
    await atWidths(page, "mes-listes");

    // Run again: nobody is new any more.
    await search.getByRole("button", { name: `Relancer « ${SAVED_SEARCH} »` }).click();
    await search.getByRole("heading", { level: 4, name: "1 profil correspond, aucun nouveau depuis la recherche précédente." }).waitFor();
    assert.equal(await result.getByText("Nouveau").count(), 0);
    assert.deepEqual(nathalie.errors, [], "console errors");
  });

  it("Karim hides his profile from Nathalie's organisation; she reads « 1 profil n’est plus visible » and acknowledges it", async () => {
    const { page } = karim;
    await page.goto(`${server.baseURL}/mon-profil`);
    await page.getByRole("heading", { level: 1, name: "Mon profil" }).waitFor();
    const hide = page.getByLabel("Masquer mon profil à certaines entités (facultatif)");
    await hide.locator("option", { hasText: "Direction du numérique" }).waitFor({ state: "attached" });
    await hide.selectOption({ label: "Direction du numérique" });
    await page.getByRole("button", { name: /^Ajouter : Masquer mon profil/ }).click();
    await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
    await page.getByRole("heading", { level: 2, name: "Vos modifications sont enregistrées" }).waitFor();

    const manager = nathalie.page;
    await manager.reload();
    await manager.getByRole("heading", { level: 1, name: "Mes listes" }).waitFor();
    const item = manager.getByRole("listitem").filter({ has: manager.getByRole("heading", { level: 3, name: "Relève data" }) });
    await item.getByRole("heading", { level: 4, name: "1 profil n’est plus visible" }).waitFor();
    await item.getByText("0 profil ·").waitFor();
    // Who left is never told.
    assert.equal(await manager.getByText("Karim Benali").count(), 0);
    await assertNoAxeViolation(manager, "/mes-listes with a departure");
    await atWidths(manager, "mes-listes-depart");

    await item.getByRole("button", { name: "J’ai compris : 1 profil n’est plus visible sur « Relève data »" }).click();
    await manager.getByRole("status").filter({ hasText: "C’est noté pour la liste « Relève data »." }).waitFor();
    await focusSettled(manager, (f) => f.tag === "H3" && f.text === "Relève data", "the list's heading");
    assert.equal(await item.getByText("1 profil n’est plus visible").count(), 0);
    await manager.reload();
    await manager.getByRole("heading", { level: 3, name: "Relève data" }).waitFor();
    assert.equal(await manager.getByText("n’est plus visible").count(), 0, "acknowledged for good");
    assert.deepEqual([...karim.errors, ...nathalie.errors], [], "console errors");
  });

  it("Nathalie renames the list, then deletes it after confirmation", async () => {
    const { page } = nathalie;
    await page.getByRole("button", { name: "Renommer « Relève data »" }).click();
    const name = page.getByLabel("Nouveau nom de la liste");
    await focusSettled(page, (f) => f.tag === "INPUT", "the new name");
    await name.fill("Relève data 2026");
    await page.getByRole("button", { name: "Renommer", exact: true }).click();
    await page.getByRole("heading", { level: 3, name: "Relève data 2026" }).waitFor();
    await focusSettled(page, (f) => f.text.startsWith("Renommer"), "« Renommer »");

    await page.getByRole("button", { name: "Supprimer « Relève data 2026 »" }).click();
    const question = page.getByRole("group", { name: /^Supprimer la liste « Relève data 2026 »/ });
    await question.waitFor();
    await focusSettled(page, (f) => f.tag === "DIV" && f.text.startsWith("Supprimer la liste"), "the question");
    await assertNoAxeViolation(page, "/mes-listes, delete?");
    await question.getByRole("button", { name: "Supprimer la liste" }).click();
    await page.getByRole("status").filter({ hasText: "Liste supprimée : « Relève data 2026 »." }).waitFor();
    await page.getByText("Vous n’avez pas encore de liste.", { exact: false }).waitFor();
    await focusSettled(page, (f) => f.tag === "H2" && f.text === "Listes de profils", "the section's heading");

    // « Créer une liste », twice with the same name: the server refuses it under the field.
    const newName = page.getByRole("textbox", { name: /^Nom de la nouvelle liste/ });
    await newName.fill("Suivi");
    await page.getByRole("button", { name: "Créer la liste" }).click();
    await page.getByRole("heading", { level: 3, name: "Suivi" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Liste créée : « Suivi »." }).waitFor();
    await newName.fill("Suivi");
    await page.getByRole("button", { name: "Créer la liste" }).click();
    await page.locator(".fr-input-group").getByText("Vous avez déjà une liste nommée « Suivi ».").waitFor();
    await focusSettled(page, (f) => f.tag === "INPUT" && f.label.startsWith("Nom de la nouvelle liste"), "the name in error");
    assert.equal(await newName.inputValue(), "Suivi", "what she typed stays");
    await assertNoAxeViolation(page, "/mes-listes, name refused");
    await screenshot(page, "mes-listes-nom-refuse");
    assert.deepEqual(nathalie.errors, [], "console errors");
  });
});

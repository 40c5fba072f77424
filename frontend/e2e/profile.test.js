// End-to-end tests of the agent skill profiles: onboarding, « Mes compétences »
// (declare, change, rank, history, wheel), another agent's profile (validate,
// endorse), « Mes données » (views, deletion, refused for the last
// administrator), with axe-core on each page and a keyboard-only declaration.
// One server for the whole file; the steps build on each other, as a person's
// journey does.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { assertNoAxeViolation, launchBrowser, screenshot, screenshotOf, signInAs as signIn, startServer } from "./support.js";

/** @typedef {import("playwright-core").Browser} Browser */
/** @typedef {import("playwright-core").BrowserContext} BrowserContext */
/** @typedef {import("playwright-core").Page} Page */

/** @type {{ baseURL: string, stop: () => Promise<void> }} */
let server;
/** @type {Browser} */
let browser;
/** @type {{ context: BrowserContext, page: Page, errors: string[] }} */
let camille;
let camilleId = "";

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await camille?.context.close();
  await browser?.close();
  await server?.stop();
});

/**
 * signInAs opens a fresh context, signs in as the persona through the
 * provider's page and comes back to returnTo.
 * @param {string} name the persona's full name, first words of their button
 * @param {string} returnTo
 */
async function signInAs(name, returnTo) {
  return signIn(browser, server.baseURL, name, returnTo, { width: 1280, height: 800, timeout: 10_000, skip: false });
}

/**
 * modalOpened waits until the DSFR modal has finished its opening transition
 * (axe would otherwise measure the contrast of half-transparent text).
 * @param {import("playwright-core").Locator} dialog
 */
async function modalOpened(dialog) {
  await dialog.waitFor();
  await dialog.evaluate(
    (el) =>
      new Promise((resolve) => {
        const check = () => (getComputedStyle(el).opacity === "1" ? resolve(null) : requestAnimationFrame(check));
        check();
      }),
  );
}

/**
 * skillItem is the list item of a competence on « Mes compétences ».
 * @param {Page} page
 * @param {string} name
 */
function skillItem(page, name) {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 4, name }) });
}

/**
 * unfold unfolds the domain of « Mes compétences » whose code is given, when it is folded.
 * @param {Page} page
 * @param {string} code
 */
async function unfold(page, code) {
  const button = page.locator(".fr-accordion__btn").filter({ hasText: new RegExp(`^${code}\\s`) });
  if ((await button.getAttribute("aria-expanded")) === "false") await button.click();
}

/**
 * declare opens the form of a competence, chooses a level and submits.
 * @param {Page} page
 * @param {string} name the heading of the competence (code and name)
 * @param {string} level the label of the level's radio button, from its start
 */
async function declare(page, name, level) {
  await unfold(page, name.split(".")[0] ?? "");
  const item = skillItem(page, name);
  await item.getByRole("button", { name: /^(Déclarer|Modifier)/ }).click();
  await item.getByRole("radio", { name: new RegExp(`^${level.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) }).check({ force: true });
  await item.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await page.getByRole("status").filter({ hasText: /Compétence déclarée|Déclaration modifiée/ }).waitFor();
  await item.getByRole("button", { name: /^Modifier/ }).waitFor();
}

/** @typedef {{ tag: string, text: string, type: string }} Focused */

/**
 * focused describes the element that has the focus: tag, text (spaces
 * collapsed, screen-reader-only text included) and input type.
 * @param {Page} page
 * @returns {Promise<Focused>}
 */
function focused(page) {
  return page.evaluate(() => {
    const el = /** @type {HTMLInputElement | null} */ (document.activeElement);
    return { tag: el?.tagName ?? "", text: (el?.textContent ?? "").replace(/\s+/g, " ").trim(), type: el?.type ?? "" };
  });
}

/**
 * tabTo presses Tab until the focused element matches.
 * @param {Page} page
 * @param {(f: Focused) => boolean} match
 */
async function tabTo(page, match, max = 150) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (match(await focused(page))) return;
  }
  assert.fail("not reached with the Tab key");
}

/**
 * focusSettled waits until the element that has the focus matches (focus
 * moves in an animation frame after a re-render).
 * @param {Page} page
 * @param {(f: Focused) => boolean} match
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

describe("agent skill profiles", () => {
  it("Camille is taken to the onboarding, completes it choosing « Tous les agents connectés »", async () => {
    camille = await signInAs("Camille Lefèvre", "/mon-espace");
    const { page } = camille;
    await page.waitForURL(/\/bienvenue$/);
    await page.getByRole("heading", { level: 1, name: "Bienvenue Camille" }).waitFor();
    assert.equal(await page.title(), "Compléter mon profil — Passerelles");
    await page.getByRole("heading", { level: 2, name: "Mon poste" }).waitFor();
    await assertNoAxeViolation(page, "/bienvenue step 1");
    await screenshot(page, "bienvenue-1");

    // Prefilled with the entity her identity provider asserts (organization_label « DREETS Bretagne »).
    const ministry = page.getByLabel("Ministère (facultatif)");
    const entity = page.getByLabel("Entité (facultatif)");
    assert.equal(await ministry.locator("option:checked").textContent(), "Ministère du Travail, du Plein emploi et de l’Insertion");
    await entity.locator("option", { hasText: "DREETS Bretagne" }).waitFor({ state: "attached" });
    assert.equal(await entity.locator("option:checked").textContent(), "DREETS Bretagne", "the asserted entity");
    // Required fields are not marked; optional ones say « (facultatif) ».
    for (const label of ["Région", "Catégorie", "Métier actuel"]) await page.getByLabel(`${label} (facultatif)`).waitFor();
    await page.getByLabel("Région (facultatif)").selectOption({ label: "Bretagne" });
    await page.getByLabel("Catégorie (facultatif)").selectOption({ index: 1 });
    await page.getByLabel("Métier actuel (facultatif)").selectOption({ index: 1 });
    await page.getByRole("button", { name: "Étape suivante" }).click();

    await page.getByRole("heading", { level: 2, name: "Mes envies" }).waitFor();
    await page.getByText("Je souhaite une mobilité").click();
    await page.getByText("Métiers du numérique").click();
    await page.getByLabel("Présentation courte (facultatif)").fill("Gestionnaire RH, je me forme à la donnée.");
    await page.getByText("41 / 1 000 caractères").waitFor();
    await assertNoAxeViolation(page, "/bienvenue step 2");
    await screenshot(page, "bienvenue-2");
    await page.getByRole("button", { name: "Étape suivante" }).click();

    await page.getByRole("heading", { level: 2, name: "Qui peut voir mon profil" }).waitFor();
    const radios = page.getByRole("radio");
    assert.equal(await radios.count(), 3);
    for (let i = 0; i < 3; i++) assert.equal(await radios.nth(i).isChecked(), false, "no visibility is preselected");
    await assertNoAxeViolation(page, "/bienvenue step 3");
    // Without a choice, the form says so and stays.
    await page.getByRole("button", { name: "Enregistrer mon profil" }).click();
    await page.getByText("Choisissez qui peut voir votre profil.").first().waitFor();
    await assertNoAxeViolation(page, "/bienvenue step 3 with an error");
    await screenshot(page, "bienvenue-3");
    await page.getByText("Tous les agents connectés").click();
    await page.getByRole("button", { name: "Enregistrer mon profil" }).click();

    // The onboarding confirms what was saved, and the confirmation has the focus.
    await page.getByRole("heading", { level: 2, name: "Votre profil est enregistré" }).waitFor();
    await focusSettled(page, (f) => f.text.startsWith("Votre profil est enregistré"), "the confirmation");
    const summary = page.locator("dl.pl-profile");
    await summary.getByText("DREETS Bretagne").waitFor();
    await summary.getByText("Tous les agents connectés").waitFor();
    await summary.getByText("Gestionnaire RH, je me forme à la donnée.").waitFor();
    await assertNoAxeViolation(page, "/bienvenue saved");
    await screenshot(page, "bienvenue-enregistre");
    await page.getByRole("link", { name: "Déclarer mes compétences" }).click();

    await page.waitForURL(/\/mes-competences$/);
    await page.getByRole("heading", { level: 1, name: "Mes compétences" }).waitFor();
    const href = await page.getByRole("link", { name: "Voir mon profil tel que les autres le voient" }).getAttribute("href");
    camilleId = decodeURIComponent((href ?? "").replace("/profils/", ""));
    assert.ok(camilleId !== "", "the link to my profile has my id");
    // The header no longer offers to complete the profile.
    assert.equal(await page.getByRole("banner").getByRole("link", { name: "Compléter mon profil" }).count(), 0);
  });

  it("Camille declares three skills, ranks a top skill, changes a level and sees two versions", async () => {
    const { page } = camille;
    await declare(page, "1.1 Mener une recherche et une veille d’information", "Niveau 3");
    await declare(page, "2.1 Interagir", "Niveau 2");

    // The wheel has an accessible name and a table alternative.
    const wheel = page.getByRole("img", { name: /^Roue des compétences Pix, une part par compétence\./ });
    assert.match((await wheel.getAttribute("aria-label")) ?? "", /1\.1 Mener une recherche et une veille d’information : niveau 3 sur 8 ; 2\.1 Interagir : niveau 2 sur 8/);
    await page.getByRole("button", { name: "Voir ces données sous forme de tableau" }).click();
    await page.getByRole("table", { name: "Niveau déclaré de chaque compétence Pix" }).waitFor();

    await page.getByRole("tab", { name: "e-CF — métiers du numérique" }).click();
    await unfold(page, "A");
    await page.getByRole("heading", { level: 4, name: "A.1 Alignement de la stratégie SI sur la stratégie métier" }).waitFor();
    const a1 = skillItem(page, "A.1 Alignement de la stratégie SI sur la stratégie métier");
    await a1.getByRole("button", { name: /^Déclarer/ }).click();
    // e-CF defines A.1 at levels e-4 and e-5 only.
    assert.equal(await a1.getByRole("radio", { name: /^Niveau e-/ }).count(), 2);
    await a1.getByRole("radio", { name: /^Niveau e-4 — Professionnel expert/ }).waitFor({ state: "attached" });
    await a1.getByRole("radio", { name: /^Niveau e-5 — Principal/ }).waitFor({ state: "attached" });
    await a1.getByRole("radio", { name: /^Niveau e-4/ }).check({ force: true });
    await a1.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await a1.getByRole("button", { name: /^Modifier/ }).waitFor();
    await screenshot(page, "mes-competences-ecf");

    await page.getByRole("tab", { name: "Pix — culture numérique" }).click();
    await unfold(page, "1");
    await page.getByLabel("Ajouter une compétence phare").selectOption({ label: "1.1 Mener une recherche et une veille d’information" });
    await page.getByRole("button", { name: "Ajouter au classement" }).click();
    await page.getByRole("button", { name: "Enregistrer le classement" }).click();
    await page.getByRole("status").filter({ hasText: "Classement de vos compétences phares enregistré." }).waitFor();
    await skillItem(page, "1.1 Mener une recherche et une veille d’information").getByText("Compétence phare n° 1").waitFor();

    // (Ranking writes a version too: the level change is made on another skill.)
    await declare(page, "2.1 Interagir", "Niveau 3");
    const item = skillItem(page, "2.1 Interagir");
    await item.getByRole("button", { name: /^Historique/ }).click();
    const history = item.getByRole("table", { name: /^Historique de la compétence/ });
    await history.waitFor();
    assert.equal(await history.locator("tbody tr").count(), 2, "two versions");
    assert.match((await history.locator("tbody tr").first().textContent()) ?? "", /Modification/);

    // A form open: axe, and the page stays within the DOM budget.
    await skillItem(page, "1.2 Gérer des données").getByRole("button", { name: /^Déclarer/ }).click();
    await skillItem(page, "1.2 Gérer des données").getByRole("button", { name: "Ajouter un justificatif" }).click();
    await assertNoAxeViolation(page, "/mes-competences with a form open");
    await screenshot(page, "mes-competences-formulaire");
    await screenshotOf(skillItem(page, "1.2 Gérer des données"), "mes-competences-formulaire-detail");
    await screenshotOf(item, "mes-competences-historique");
    await skillItem(page, "1.2 Gérer des données").getByRole("button", { name: "Annuler" }).click();
  });

  it("on a fresh load, /mes-competences stays within the DOM budget", async () => {
    const page = await camille.context.newPage();
    try {
      await page.goto(`${server.baseURL}/mes-competences`, { waitUntil: "networkidle" });
      await page.locator(".fr-accordion__btn").first().waitFor();
      const elements = await page.evaluate(() => document.getElementsByTagName("*").length);
      assert.ok(elements < 600, `${elements} elements on /mes-competences`);
      await screenshot(page, "mes-competences");
      await screenshot(page, "mes-competences-haut", { fullPage: false });
      await page.getByRole("img", { name: /^Roue des compétences/ }).scrollIntoViewIfNeeded();
      await screenshot(page, "mes-competences-roue", { fullPage: false });
    } finally {
      await page.close();
    }
  });

  it("a manager, Nathalie, validates one of Camille's skills; Camille sees « Validé »", async () => {
    const nathalie = await signInAs("Nathalie Garnier", `/profils/${camilleId}`);
    try {
      const { page } = nathalie;
      await page.getByRole("heading", { level: 1, name: "Camille Lefèvre" }).waitFor();
      // The wheel draws each of her Pix competences at its own level.
      const wheel = page.getByRole("img", { name: /^Roue des compétences Pix, une part par compétence\./ });
      assert.match((await wheel.getAttribute("aria-label")) ?? "", /2\.1 Interagir : niveau 3 sur 8/);
      assert.equal(await wheel.locator(".pl-wheel__slot").count(), 16);
      await assertNoAxeViolation(page, "/profils/:id (manager)");
      const validate = page.getByRole("button", { name: "Valider le niveau de « Interagir »" });
      const form = page.getByRole("form", { name: "Valider le niveau de « Interagir »" });
      // Cancelled, then done: the focus comes back to « Valider le niveau ».
      await validate.click();
      await form.getByRole("button", { name: "Annuler" }).click();
      await focusSettled(page, (f) => f.text === "Valider le niveau de « Interagir »", "« Valider le niveau » after « Annuler »");
      await validate.click();
      await form.getByRole("button", { name: "Valider", exact: true }).click();
      await page.getByRole("status").filter({ hasText: "Niveau 3 validé pour « Interagir »" }).waitFor();
      await focusSettled(page, (f) => f.text === "Valider le niveau de « Interagir »", "« Valider le niveau » after validating");
      await screenshot(page, "profil-vu-par-manager");
    } finally {
      await nathalie.context.close();
    }
    await camille.page.reload();
    await unfold(camille.page, "2");
    const item = skillItem(camille.page, "2.1 Interagir");
    await item.getByText("Validé", { exact: true }).waitFor();
    // Whatever Nathalie's own visibility, Camille learns who validated her level.
    await item.getByText(/^Niveau 3 validé le .+ par Nathalie Garnier\.$/).waitFor();
  });

  it("another agent, Karim, endorses a skill; Camille sees the count", async () => {
    const karim = await signInAs("Karim Benali", `/profils/${camilleId}`);
    try {
      const { page } = karim;
      await page.getByRole("heading", { level: 1, name: "Camille Lefèvre" }).waitFor();
      assert.equal(await page.getByRole("button", { name: /^Valider le niveau/ }).count(), 0, "an agent cannot validate");
      await page.getByRole("button", { name: "Recommander « Mener une recherche et une veille d’information »" }).click();
      await page.getByRole("status").filter({ hasText: "Vous avez recommandé" }).waitFor();
      // « Recommander » is gone: the skill's heading takes the focus.
      await focusSettled(page, (f) => f.tag === "H3" && f.text.includes("Mener une recherche et une veille d’information"), "the skill's heading");
      await assertNoAxeViolation(page, "/profils/:id (agent)");
      await screenshot(page, "profil-vu-par-agent");
    } finally {
      await karim.context.close();
    }
    await camille.page.reload();
    await unfold(camille.page, "1");
    await skillItem(camille.page, "1.1 Mener une recherche et une veille d’information").getByText(/1 recommandation/).waitFor();
  });

  it("Camille's own profile as others see it; an unknown profile is « introuvable »", async () => {
    const { page } = camille;
    await page.goto(`${server.baseURL}/profils/${camilleId}`);
    await page.getByRole("heading", { level: 1, name: "Camille Lefèvre" }).waitFor();
    assert.equal(await page.getByRole("button", { name: /^Recommander/ }).count(), 0, "no endorsing oneself");
    await page.goto(`${server.baseURL}/profils/999999`);
    await page.getByRole("heading", { level: 1, name: "Profil introuvable ou non visible" }).waitFor();
    await screenshot(page, "profil-introuvable");
  });

  it("back to « Mon poste » in the onboarding, the ministry is the saved entity's", async () => {
    const { page } = camille;
    await page.goto(`${server.baseURL}/bienvenue`);
    await page.getByRole("heading", { level: 2, name: "Mon poste" }).waitFor();
    const ministry = page.getByLabel("Ministère (facultatif)");
    const entity = page.getByLabel("Entité (facultatif)");
    const travail = "Ministère du Travail, du Plein emploi et de l’Insertion";
    assert.match((await entity.locator("option:checked").textContent()) ?? "", /Bretagne/, "the saved entity");
    assert.equal(await ministry.locator("option:checked").textContent(), travail, "the ministry of the saved entity");
    await page.getByRole("button", { name: "Étape suivante" }).click();
    await page.getByRole("heading", { level: 2, name: "Mes envies" }).waitFor();
    await page.getByRole("button", { name: "Étape précédente" }).click();
    await page.getByRole("heading", { level: 2, name: "Mon poste" }).waitFor();
    assert.equal(await ministry.locator("option:checked").textContent(), travail, "the ministry stays");
    assert.match((await entity.locator("option:checked").textContent()) ?? "", /Bretagne/, "the entity stays");
    await assertNoAxeViolation(page, "/bienvenue back to step 1");
  });

  it("Mes données lists Nathalie's view; the delete modal has no axe violation", async () => {
    const { page } = camille;
    await page.goto(`${server.baseURL}/mes-donnees`);
    await page.getByRole("heading", { level: 1, name: "Mes données" }).waitFor();
    const table = page.getByRole("table", { name: "Consultations de mon profil" });
    await table.waitFor();
    assert.match((await table.textContent()) ?? "", /Nathalie Garnier/);
    const download = page.getByRole("link", { name: /Télécharger mes données/ });
    assert.equal(await download.getAttribute("href"), "/me/export.json");
    assert.notEqual(await download.getAttribute("download"), null);
    await assertNoAxeViolation(page, "/mes-donnees");
    await screenshot(page, "mes-donnees");
    await page.getByRole("button", { name: "Supprimer mon compte" }).click();
    const dialog = page.getByRole("dialog", { name: "Supprimer mon compte" });
    await modalOpened(dialog);
    await assertNoAxeViolation(page, "/mes-donnees with the delete modal open");
    await screenshot(page, "mes-donnees-suppression", { fullPage: false });
    await dialog.getByRole("button", { name: "Annuler" }).click();
    await dialog.waitFor({ state: "hidden" });
    assert.deepEqual(camille.errors, [], "console errors");
  });

  it("declares a skill with the keyboard alone", async () => {
    const { page } = camille;
    await page.goto(`${server.baseURL}/mes-competences`);
    await unfold(page, "1");
    await page.getByRole("heading", { level: 4, name: /^1\.3 / }).waitFor();
    await tabTo(page, (f) => f.tag === "BUTTON" && f.text.startsWith("Déclarer « Traiter des données »"));
    await page.keyboard.press("Enter");
    // The form opened with its first field (the first level) focused.
    await focusSettled(page, (f) => f.tag === "INPUT" && f.type === "radio", "the form's first field");
    await page.keyboard.press("ArrowDown"); // level 2
    await page.keyboard.press("Space");
    await tabTo(page, (f) => f.tag === "BUTTON" && f.text === "Enregistrer", 20);
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "« Traiter des données », niveau 2" }).waitFor();
    const item = skillItem(page, "1.3 Traiter des données");
    await item.getByText("Niveau 2 —").waitFor();
    // Focus comes back to the competence's button.
    assert.match((await focused(page)).text, /^Modifier « Traiter des données »/);
  });

  it("adds a certification with a Pix score and a past date to a declared skill, and sees it listed", async () => {
    const { page } = camille;
    const item = skillItem(page, "1.3 Traiter des données");
    await item.getByRole("button", { name: /^Modifier/ }).click();
    await item.getByRole("button", { name: "Ajouter un justificatif" }).click();
    const evidence = item.getByRole("group", { name: "Justificatif 1" });
    await evidence.getByLabel("Type").selectOption({ label: "Certification" });
    await evidence.getByLabel(/^Titre/).fill("Certification Pix");
    await evidence.getByLabel(/^Score Pix/).fill("512");
    await evidence.getByLabel(/^Date d’obtention/).fill("2024-03-15");
    await item.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Déclaration modifiée : « Traiter des données », niveau 2." }).waitFor();
    const list = item.getByRole("list", { name: "Justificatifs de « Traiter des données »" });
    await list.waitFor();
    assert.equal(((await list.textContent()) ?? "").trim(), "Certification : Certification Pix — score Pix 512 — obtention : 15 mars 2024");
    await focusSettled(page, (f) => f.text.startsWith("Modifier « Traiter des données »"), "« Modifier » of the skill");
    await assertNoAxeViolation(page, "/mes-competences with evidence");
    await screenshotOf(item, "mes-competences-justificatif");
    // Opened again, the form holds the piece of evidence.
    await item.getByRole("button", { name: /^Modifier/ }).click();
    assert.equal(await item.getByRole("group", { name: "Justificatif 1" }).getByLabel(/^Titre/).inputValue(), "Certification Pix");
    await assertNoAxeViolation(page, "/mes-competences with evidence in the open form");
    await item.getByRole("button", { name: "Annuler" }).click();
    await focusSettled(page, (f) => f.text.startsWith("Modifier « Traiter des données »"), "« Modifier » after « Annuler »");
  });

  it("a date of evidence in the future is refused in French, and what was typed stays", async () => {
    const { page } = camille;
    const item = skillItem(page, "1.1 Mener une recherche et une veille d’information");
    await item.getByRole("button", { name: /^Modifier/ }).click();
    await item.getByRole("button", { name: "Ajouter un justificatif" }).click();
    const evidence = item.getByRole("group", { name: "Justificatif 1" });
    await evidence.getByLabel("Type").selectOption({ label: "Certification" });
    await evidence.getByLabel(/^Titre/).fill("Certification à venir");
    await evidence.getByLabel(/^Score Pix/).fill("300");
    const future = `${new Date().getFullYear() + 1}-06-30`;
    await evidence.getByLabel(/^Date d’obtention/).fill(future);
    await item.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await item.getByText("Votre saisie contient des erreurs").waitFor();
    await evidence.getByText("La date d’obtention ne peut pas être dans le futur.").waitFor();
    // The first field in error takes the focus, its message under it.
    await focusSettled(page, (f) => f.tag === "INPUT" && f.type === "date", "the date in error");
    assert.equal(await evidence.getByLabel(/^Titre/).inputValue(), "Certification à venir");
    assert.equal(await evidence.getByLabel(/^Score Pix/).inputValue(), "300");
    assert.equal(await evidence.getByLabel(/^Date d’obtention/).inputValue(), future);
    assert.equal(await evidence.getByLabel("Type").inputValue(), "CERTIFICATION");
    await assertNoAxeViolation(page, "/mes-competences with a date in the future");
    await screenshotOf(item, "mes-competences-date-future");
    // Nothing was saved.
    await item.getByRole("button", { name: "Annuler" }).click();
    assert.equal(await item.getByRole("list", { name: /^Justificatifs de/ }).count(), 0);
  });

  it("reorders the top skills with « Monter » and « Descendre », keyboard only", async () => {
    const { page } = camille;
    // Setup: a second top skill, not saved yet.
    await page.getByLabel("Ajouter une compétence phare").selectOption({ label: "2.1 Interagir" });
    await page.getByRole("button", { name: "Ajouter au classement" }).click();
    const ranking = page.getByRole("list", { name: /^Compétences phares, de la plus importante/ });
    const order = async () => (await ranking.locator(".pl-top-list__label").allTextContents()).map((t) => t.trim());
    assert.deepEqual(await order(), ["1.1 Mener une recherche et une veille d’information", "2.1 Interagir"]);

    await page.locator("main h1").focus();
    await tabTo(page, (f) => f.tag === "BUTTON" && f.text === "Descendre « 1.1 Mener une recherche et une veille d’information »", 40);
    await page.keyboard.press("Enter");
    assert.deepEqual(await order(), ["2.1 Interagir", "1.1 Mener une recherche et une veille d’information"]);
    // « Descendre » is now disabled: focus follows the skill to its « Monter ».
    await focusSettled(page, (f) => f.text === "Monter « 1.1 Mener une recherche et une veille d’information »", "« Monter » of 1.1");
    await page.keyboard.press("Enter");
    assert.deepEqual(await order(), ["1.1 Mener une recherche et une veille d’information", "2.1 Interagir"]);
    await focusSettled(page, (f) => f.text === "Descendre « 1.1 Mener une recherche et une veille d’information »", "« Descendre » of 1.1");
    await page.keyboard.press("Enter");
    assert.deepEqual(await order(), ["2.1 Interagir", "1.1 Mener une recherche et une veille d’information"]);

    await tabTo(page, (f) => f.tag === "BUTTON" && f.text === "Enregistrer le classement", 20);
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Classement de vos compétences phares enregistré." }).waitFor();
    await focusSettled(page, (f) => f.tag === "H2" && f.text === "Mes compétences phares", "the heading of the top skills");
    assert.deepEqual(await order(), ["2.1 Interagir", "1.1 Mener une recherche et une veille d’information"]);
    await unfold(page, "2");
    await skillItem(page, "2.1 Interagir").getByText("Compétence phare n° 1").waitFor();
    await skillItem(page, "1.1 Mener une recherche et une veille d’information").getByText("Compétence phare n° 2").waitFor();
    await page.reload();
    await ranking.waitFor();
    assert.deepEqual(await order(), ["2.1 Interagir", "1.1 Mener une recherche et une veille d’information"], "saved order");
  });

  it("removes a skill after confirmation: it reads « Non déclarée »", async () => {
    const { page } = camille;
    await unfold(page, "1");
    const item = skillItem(page, "1.3 Traiter des données");
    await item.getByRole("button", { name: /^Modifier/ }).click();
    // « Retirer » asks first; « Garder la compétence » gives the focus back to « Retirer ».
    await item.getByRole("button", { name: "Retirer", exact: true }).click();
    const confirm = item.getByRole("group", { name: "Retirer « Traiter des données » de votre profil ? Son historique est conservé." });
    await confirm.waitFor();
    await focusSettled(page, (f) => f.text.startsWith("Retirer « Traiter des données » de votre profil ?"), "the confirmation");
    await assertNoAxeViolation(page, "/mes-competences asking to confirm a removal");
    await confirm.getByRole("button", { name: "Garder la compétence" }).click();
    await focusSettled(page, (f) => f.tag === "BUTTON" && f.text === "Retirer", "« Retirer »");
    await item.getByRole("heading", { level: 4 }).waitFor();

    await page.keyboard.press("Enter");
    await confirm.getByRole("button", { name: "Confirmer le retrait" }).click();
    await page.getByRole("status").filter({ hasText: "Compétence retirée de votre profil : « Traiter des données »." }).waitFor();
    await item.getByText("Non déclarée", { exact: true }).waitFor();
    assert.equal(await item.getByRole("list", { name: /^Justificatifs de/ }).count(), 0);
    await focusSettled(page, (f) => f.text.startsWith("Déclarer « Traiter des données »"), "« Déclarer » of the removed skill");
    // The API keeps the history of a removed skill but the profile lists
    // declared skills only: the page has no « Historique » for it today.
    await screenshotOf(item, "mes-competences-retiree");
    assert.deepEqual(camille.errors, [], "console errors");
  });

  it("Inès deletes her account, sees the notice, and signing in again starts a fresh onboarding", async () => {
    const ines = await signInAs("Inès Moreau", "/mes-donnees");
    try {
      const { page } = ines;
      await page.getByRole("heading", { level: 1, name: "Mes données" }).waitFor();
      await page.getByRole("button", { name: "Supprimer mon compte" }).click();
      const dialog = page.getByRole("dialog", { name: "Supprimer mon compte" });
      await dialog.waitFor();
      await dialog.getByRole("button", { name: "Supprimer définitivement mon compte" }).click();
      await dialog.getByText("Saisissez SUPPRIMER en majuscules pour confirmer.").waitFor();
      await dialog.getByLabel("Pour confirmer, saisissez SUPPRIMER").fill("SUPPRIMER");
      await dialog.getByRole("button", { name: "Supprimer définitivement mon compte" }).click();
      await page.waitForURL(/\/\?compte-supprime=1$/);
      await page.getByText("Votre compte et vos données ont été supprimés.").waitFor();
      await page.getByRole("banner").locator(".fr-header__tools-links").getByRole("link", { name: "Se connecter" }).waitFor();
      // The erasure also cleared the session cookie: no « session expirée » notice here.
      await page.waitForLoadState("networkidle");
      assert.equal(await page.getByText("Votre session a expiré", { exact: false }).count(), 0, "expired-session notice after erasure");
      await screenshot(page, "compte-supprime");

      await page.goto(`${server.baseURL}/auth/login?return_to=%2Fmon-espace`);
      await page.getByRole("button", { name: /^Inès Moreau/ }).click();
      await page.waitForURL(/\/bienvenue$/);
      await page.getByRole("heading", { level: 1, name: "Bienvenue Inès" }).waitFor();
    } finally {
      await ines.context.close();
    }
  });

  it("Sophie, the only administrator, cannot delete her account: the modal says to name another administrator first", async () => {
    const sophie = await signInAs("Sophie Marchand", "/mes-donnees");
    try {
      const { page } = sophie;
      await page.getByRole("heading", { level: 1, name: "Mes données" }).waitFor();
      await page.getByRole("button", { name: "Supprimer mon compte" }).click();
      const dialog = page.getByRole("dialog", { name: "Supprimer mon compte" });
      await modalOpened(dialog);
      await dialog.getByLabel("Pour confirmer, saisissez SUPPRIMER").fill("SUPPRIMER");
      await dialog.getByRole("button", { name: "Supprimer définitivement mon compte" }).click();
      await dialog.getByRole("heading", { name: "Suppression impossible" }).waitFor();
      await dialog
        .getByText("Vous êtes le dernier administrateur de Passerelles : nommez d’abord un autre administrateur, puis supprimez votre compte.")
        .waitFor();
      assert.equal(await dialog.getByLabel("Pour confirmer, saisissez SUPPRIMER").inputValue(), "SUPPRIMER", "what was typed stays");
      await assertNoAxeViolation(page, "the refused deletion of the last administrator");
      await screenshotOf(dialog, "mes-donnees-dernier-administrateur");
      // Nothing was erased: a reload still shows her signed in, on her page.
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Mes données" }).waitFor();
      assert.equal(await page.getByRole("banner").locator(".fr-header__tools-links").getByRole("link", { name: "Se connecter" }).count(), 0);
      assert.deepEqual(sophie.errors, [], "console errors");
    } finally {
      await sophie.context.close();
    }
  });

  it("Camille opens « Mon profil » from the header, limits who sees her profile, hides an entity; a reload keeps it", async () => {
    const { page } = camille;
    const errorsBefore = camille.errors.length;
    await page.goto(`${server.baseURL}/mon-espace`);
    await page.getByRole("heading", { level: 1, name: "Bonjour Camille" }).waitFor();
    // Mon espace links to it too.
    await page.getByRole("main").getByRole("link", { name: "Mon profil" }).waitFor();
    // Keyboard: from the top of the page to the header's « Mon profil », then Enter.
    await page.locator("body").focus();
    await tabTo(page, (f) => f.tag === "A" && f.text === "Mon profil");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/mon-profil$/);
    await page.getByRole("heading", { level: 1, name: "Mon profil" }).waitFor();
    assert.equal(await page.title(), "Mon profil — Passerelles");
    const everyone = page.getByRole("radio", { name: /^Tous les agents connectés/ });
    await everyone.waitFor();
    assert.equal(await everyone.isChecked(), true, "the saved visibility");
    assert.equal(
      await page.getByLabel("Présentation courte (facultatif)").inputValue(),
      "Gestionnaire RH, je me forme à la donnée.",
      "the saved bio",
    );
    await assertNoAxeViolation(page, "/mon-profil");
    await screenshot(page, "mon-profil");

    // Keyboard only: the visibility radios, then the hidden-entity picker.
    await everyone.focus();
    await page.keyboard.press("ArrowUp"); // radios of one group: the arrows move the choice
    const managers = page.getByRole("radio", { name: /^Les managers et administrateurs/ });
    assert.equal(await managers.isChecked(), true, "« Les managers » chosen with the keyboard");
    const hide = page.getByLabel("Masquer mon profil à certaines entités (facultatif)");
    await hide.locator("option", { hasText: "ARS Occitanie" }).waitFor({ state: "attached" });
    await hide.selectOption({ label: "ARS Occitanie" });
    await hide.focus();
    await page.keyboard.press("Tab");
    assert.match((await focused(page)).text, /^Ajouter/);
    await page.keyboard.press("Enter");
    await page.getByRole("list", { name: "Masquer mon profil à certaines entités (facultatif)" }).getByText("ARS Occitanie").waitFor();
    await tabTo(page, (f) => f.tag === "BUTTON" && f.text === "Enregistrer les modifications");
    await page.keyboard.press("Enter");

    await page.getByRole("heading", { level: 2, name: "Vos modifications sont enregistrées" }).waitFor();
    await focusSettled(page, (f) => f.text.startsWith("Vos modifications sont enregistrées"), "the confirmation");
    await page.getByText("Qui peut voir votre profil : les managers et administrateurs, sauf l’entité : ARS Occitanie.").waitFor();
    await assertNoAxeViolation(page, "/mon-profil saved");
    await screenshot(page, "mon-profil-enregistre");

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Mon profil" }).waitFor();
    await managers.waitFor();
    assert.equal(await managers.isChecked(), true, "the visibility is kept");
    await page.getByRole("list", { name: "Masquer mon profil à certaines entités (facultatif)" }).getByText("ARS Occitanie").waitFor();
    for (const viewport of [
      { width: 1366, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(viewport);
      await screenshot(page, `mon-profil-${viewport.width}`);
    }
    await assertNoAxeViolation(page, "/mon-profil at 390 px");
    await page.setViewportSize({ width: 1280, height: 800 });
    assert.deepEqual(camille.errors.slice(errorsBefore), [], "console errors");
  });

  it("« Mon profil »: a bio the server refuses shows its message under the field, which takes the focus", async () => {
    const { page } = camille;
    await page.goto(`${server.baseURL}/mon-profil`);
    await page.getByRole("heading", { level: 1, name: "Mon profil" }).waitFor();
    const bio = page.getByLabel("Présentation courte (facultatif)");
    await bio.waitFor();
    // The form refuses a control character at once; a client that did not (an older
    // version) sends it: the request is changed on its way, the real server answers.
    await page.route("**/graphql", async (route) => {
      const body = route.request().postDataJSON();
      if (body?.variables?.input?.bio !== undefined) {
        body.variables.input.bio = "Gestionnaire RH\u0007";
        await route.continue({ postData: JSON.stringify(body) });
      } else {
        await route.continue();
      }
    });
    await bio.fill("Gestionnaire RH, je me forme à la donnée et aux statistiques.");
    await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
    const message = page.locator(".fr-input-group--error").getByText(/La présentation contient un caractère de contrôle invisible/);
    await message.waitFor();
    await focusSettled(page, (f) => f.tag === "TEXTAREA", "the bio");
    await page.getByRole("heading", { level: 2, name: "Votre saisie n’a pas été enregistrée" }).waitFor();
    assert.equal(await bio.inputValue(), "Gestionnaire RH, je me forme à la donnée et aux statistiques.", "what was typed stays");
    await assertNoAxeViolation(page, "/mon-profil with a field error");
    await screenshot(page, "mon-profil-erreur");
    await page.unroute("**/graphql");
    // Corrected, the message goes as it is typed, and the bio is saved.
    await bio.fill("Gestionnaire RH, je me forme à la donnée.");
    await message.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
    await page.getByRole("heading", { level: 2, name: "Vos modifications sont enregistrées" }).waitFor();
  });
});

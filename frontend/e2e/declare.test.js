// End-to-end tests of declaring on « Mes compétences »: the filter over both
// referentials (accents optional, as the server's search), a declaration made
// with the keyboard alone (focus on the form's first field when it opens, on a
// new piece of evidence's first field when added, on a refused field with its
// message under it), domains that fold, the wheel drawn competence by
// competence with its table, a removed skill's timeline, and the e-CF tab at
// 390 px wide. axe-core on each state. One server for the whole file; the steps
// build on each other.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { assertNoAxeViolation, launchBrowser, screenshot, signInAs as signIn, startServer } from "./support.js";

/** @typedef {import("playwright-core").Browser} Browser */
/** @typedef {import("playwright-core").BrowserContext} BrowserContext */
/** @typedef {import("playwright-core").Page} Page */

/** @type {{ baseURL: string, stop: () => Promise<void> }} */
let server;
/** @type {Browser} */
let browser;
/** @type {{ context: BrowserContext, page: Page, errors: string[] }} */
let karim;

const PIX_41 = "4.1 Sécuriser l’environnement numérique";
const ECF_E8 = "E.8 Gestion de la sécurité de l’information";

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await karim?.context.close();
  await browser?.close();
  await server?.stop();
});

/**
 * signInAs opens a context of the given width, signs in as the persona through
 * the provider's page and comes back to returnTo (the onboarding is not offered).
 * @param {string} name the persona's full name, first words of their button
 * @param {string} returnTo
 * @param {number} width
 */
async function signInAs(name, returnTo, width) {
  return signIn(browser, server.baseURL, name, returnTo, { width, timeout: 10_000 });
}

/** @typedef {{ tag: string, text: string, type: string, name: string, value: string, label: string }} Focused */

/**
 * focused describes the element that has the focus.
 * @param {Page} page
 * @returns {Promise<Focused>}
 */
function focused(page) {
  return page.evaluate(() => {
    const el = /** @type {HTMLInputElement | null} */ (document.activeElement);
    const labels = el && "labels" in el && el.labels ? [...el.labels].map((l) => l.textContent ?? "").join(" ") : "";
    return {
      tag: el?.tagName ?? "",
      text: (el?.textContent ?? "").replace(/\s+/g, " ").trim(),
      type: el?.type ?? "",
      name: el?.name ?? "",
      value: el?.value ?? "",
      label: labels.replace(/\s+/g, " ").trim(),
    };
  });
}

/**
 * tabTo presses Tab until the focused element matches.
 * @param {Page} page
 * @param {(f: Focused) => boolean} match
 */
async function tabTo(page, match, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (match(await focused(page))) return;
  }
  assert.fail("not reached with the Tab key");
}

/**
 * focusSettled waits until the element that has the focus matches.
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

/**
 * skillItem is the list item of a competence on « Mes compétences ».
 * @param {Page} page
 * @param {string} name
 */
function skillItem(page, name) {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 4, name }) });
}

describe("declaring on « Mes compétences »", () => {
  it("Karim filters the competences of both referentials without typing accents", async () => {
    karim = await signInAs("Karim Benali", "/mes-competences", 1366);
    const { page } = karim;
    await page.getByRole("heading", { level: 1, name: "Mes compétences" }).waitFor();
    await page.getByRole("searchbox", { name: /^Filtrer les compétences Pix et e-CF/ }).fill("securite");
    await page.getByRole("status").filter({ hasText: /compétences correspondent à « securite »/ }).waitFor();
    await page.getByRole("heading", { level: 3, name: "Pix — culture numérique" }).waitFor();
    await page.getByRole("heading", { level: 3, name: "e-CF — métiers du numérique" }).waitFor();
    await page.getByRole("heading", { level: 4, name: PIX_41 }).waitFor();
    await page.getByRole("heading", { level: 4, name: ECF_E8 }).waitFor();
    // While the filter is on, the referentials' tabs give way to the results.
    assert.equal(await page.getByRole("tab").count(), 0);
    await assertNoAxeViolation(page, "/mes-competences filtered");
    await screenshot(page, "declarer-filtre");
  });

  it("Karim declares with the keyboard only: focus on the form, then on the new evidence, then on the refused date", async () => {
    const { page } = karim;
    const item = skillItem(page, PIX_41);
    // Start from the filter box and Tab to « Déclarer ».
    await page.getByRole("searchbox", { name: /^Filtrer les compétences/ }).focus();
    await tabTo(page, (f) => f.tag === "BUTTON" && f.text === "Déclarer « Sécuriser l’environnement numérique »");
    await page.keyboard.press("Enter");
    // The form opened: its first field (the first level) has the focus.
    await focusSettled(page, (f) => f.type === "radio" && f.name === "level" && f.value === "1", "the form's first field");
    await page.keyboard.press("ArrowDown"); // level 2
    await focusSettled(page, (f) => f.type === "radio" && f.value === "2", "level 2");
    await tabTo(page, (f) => f.tag === "BUTTON" && f.text === "Ajouter un justificatif");
    await page.keyboard.press("Enter");
    // The new piece of evidence's first field (its type) has the focus.
    await focusSettled(page, (f) => f.tag === "SELECT" && f.label.startsWith("Type"), "the new evidence's type");
    await page.keyboard.press("Tab");
    await focusSettled(page, (f) => f.label.startsWith("Titre"), "the title");
    await page.keyboard.type("Sensibilisation à la cybersécurité");
    await tabTo(page, (f) => f.type === "date");
    await page.keyboard.type("01012999"); // jj mm aaaa: a date in the future
    await tabTo(page, (f) => f.tag === "BUTTON" && f.text === "Enregistrer");
    await page.keyboard.press("Enter");
    // Refused before sending: the message is under the date, which has the focus.
    await focusSettled(page, (f) => f.type === "date", "the refused date");
    const date = item.getByLabel(/^Date d’obtention/);
    const described = await date.evaluate((el) =>
      (el.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" "),
    );
    assert.match(described, /La date d’obtention ne peut pas être dans le futur\./);
    await assertNoAxeViolation(page, "/mes-competences with a refused date");
    await screenshot(page, "declarer-erreur-date");
    // The focus is on the date's first part (the day): type a past date over it.
    await page.keyboard.type("01012024");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Compétence déclarée : « Sécuriser l’environnement numérique », niveau 2." }).waitFor();
    await focusSettled(page, (f) => f.tag === "BUTTON" && f.text === "Modifier « Sécuriser l’environnement numérique »", "« Modifier »");
    await item.getByText("Sensibilisation à la cybersécurité").waitFor();
  });

  it("domains fold, and the wheel has one sector per Pix competence, with its table", async () => {
    const { page } = karim;
    await page.getByRole("searchbox", { name: /^Filtrer les compétences/ }).fill("");
    await page.getByRole("tab", { name: "Pix — culture numérique" }).waitFor();
    const domain = page.getByRole("button", { name: /^4 Protection et sécurité/ });
    assert.equal(await domain.getAttribute("aria-expanded"), "false", "domains start folded");
    assert.match((await domain.textContent()) ?? "", /1 compétence déclarée sur 3/);
    assert.equal(await page.getByRole("heading", { level: 4, name: PIX_41 }).count(), 0, "a folded domain's competences are not shown");

    const wheel = page.getByRole("img", { name: /^Roue des compétences Pix, une part par compétence\./ });
    assert.match((await wheel.getAttribute("aria-label")) ?? "", /4\.1 Sécuriser l’environnement numérique : niveau 2 sur 8\. 15 autres compétences non déclarées\./);
    assert.equal(await wheel.locator(".pl-wheel__slot").count(), 16, "one sector per Pix competence");
    assert.equal(await wheel.locator(".pl-wheel__sector").count(), 1, "one declared");
    assert.equal(await wheel.locator('.pl-wheel__sector[data-code="4.1"]').count(), 1);
    await page.getByRole("button", { name: "Voir ces données sous forme de tableau" }).click();
    const table = page.getByRole("table", { name: "Niveau déclaré de chaque compétence Pix" });
    assert.equal(await table.locator("tbody th[scope=row]").count(), 16);
    assert.equal(((await table.getByRole("row", { name: new RegExp(`^${PIX_41}`) }).textContent()) ?? "").includes("2 sur 8"), true);

    await domain.click();
    assert.equal(await domain.getAttribute("aria-expanded"), "true");
    await page.getByRole("heading", { level: 4, name: PIX_41 }).waitFor();
    await assertNoAxeViolation(page, "/mes-competences, Pix, a domain unfolded");
    await screenshot(page, "declarer-roue");
  });

  it("Karim removes the skill: « Compétences retirées » shows its timeline", async () => {
    const { page } = karim;
    const item = skillItem(page, PIX_41);
    await item.getByRole("button", { name: /^Modifier/ }).click();
    await item.getByRole("button", { name: "Retirer", exact: true }).click();
    await item.getByRole("button", { name: "Confirmer le retrait" }).click();
    await page.getByRole("status").filter({ hasText: "Compétence retirée de votre profil" }).waitFor();
    const removed = page.getByRole("region", { name: "Compétences retirées" });
    await removed.getByRole("heading", { level: 3, name: new RegExp(`^${PIX_41}`) }).waitFor();
    await removed.getByRole("button", { name: /^Historique/ }).click();
    const history = removed.getByRole("table", { name: "Historique de la compétence « Sécuriser l’environnement numérique »" });
    assert.equal(await history.locator("tbody tr").count(), 2, "declared, then removed");
    assert.match((await history.locator("tbody tr").first().textContent()) ?? "", /Retrait/);
    await assertNoAxeViolation(page, "/mes-competences with a removed skill");
    await screenshot(page, "declarer-retiree");
    assert.deepEqual(karim.errors, []);
  });

  it("at 390 px wide, the e-CF tab has no horizontal scroll and targets of 24 px at least", async () => {
    const mobile = await signInAs("Karim Benali", "/mes-competences", 390);
    try {
      const { page } = mobile;
      await page.getByRole("tab", { name: "e-CF — métiers du numérique" }).click();
      const domain = page.getByRole("button", { name: /^A Planifier/ });
      await domain.click();
      const a1 = skillItem(page, "A.1 Alignement de la stratégie SI sur la stratégie métier");
      await a1.getByRole("button", { name: /^Déclarer/ }).click();
      await focusSettled(page, (f) => f.type === "radio" && f.label.startsWith("Niveau e-4"), "the form's first field");
      await page.getByRole("button", { name: "Voir ces données sous forme de tableau" }).click();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `the page is ${width} px wide at 390`);
      const small = await page.evaluate(() =>
        [...document.querySelectorAll(".fr-tabs :is(button, [role=tab], select, input:not([type=radio]):not([type=checkbox]), label, a)")]
          .map((el) => ({ el, box: el.getBoundingClientRect() }))
          .filter(({ box }) => box.width > 0 && (box.width < 24 || box.height < 24))
          .map(({ el, box }) => `${el.tagName} « ${(el.textContent ?? "").trim().slice(0, 40)} » ${Math.round(box.width)}×${Math.round(box.height)}`),
      );
      assert.deepEqual(small, [], "targets under 24 px");
      await assertNoAxeViolation(page, "/mes-competences, e-CF, 390 px");
      await screenshot(page, "declarer-ecf-390");
      await page.getByRole("tab", { name: "Pix — culture numérique" }).click();
      await page.getByRole("img", { name: /^Roue des compétences Pix/ }).waitFor();
      await screenshot(page, "declarer-pix-390");
      assert.deepEqual(mobile.errors, []);
    } finally {
      await mobile.context.close();
    }
  });
});

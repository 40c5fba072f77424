// End-to-end tests of what managers and administrators do on others' behalf:
// a manager validates a level with the skill's evidence in view, an
// administrator finds an agent by name and grants MANAGER (the agent then sees
// the badge), and the last administrator cannot revoke their own ADMIN. axe-core
// audits each page; screenshots at 1366 and 390 px wide.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { assertNoAxeViolation, graphqlAs, launchBrowser, screenshot, signInAs as signIn, startServer } from "./support.js";

/** @typedef {import("playwright-core").Browser} Browser */
/** @typedef {import("playwright-core").Page} Page */

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
 * signInAs opens a fresh context of the given width, signs in as the persona
 * through the provider's page and comes back to returnTo.
 * @param {string} name the persona's full name, first words of their button
 * @param {string} returnTo
 * @param {number} [width]
 */
async function signInAs(name, returnTo, width = 1366) {
  return signIn(browser, server.baseURL, name, returnTo, { width, timeout: 10_000, skip: false });
}

describe("managers and administrators", () => {
  let camilleId = "";

  it("Camille shows her profile to managers and backs « Interagir » with two pieces of evidence", async () => {
    const camille = await signInAs("Camille Lefèvre", "/mon-espace");
    try {
      const { page } = camille;
      const me = await graphqlAs(page, "query { me { id } }");
      camilleId = me.me.id;
      const skills = await graphqlAs(page, `query { skills(framework: "pix", search: "Interagir", first: 1) { edges { node { id name } } } }`);
      const skill = skills.skills.edges[0].node;
      assert.equal(skill.name, "Interagir");
      await graphqlAs(page, `mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { profile { id } } }`, {
        input: { visibility: "MANAGERS" },
      });
      await graphqlAs(page, `mutation($input: DeclareSkillInput!) { declareSkill(input: $input) { skill { level { value } } } }`, {
        input: {
          skillId: skill.id,
          level: 3,
          currentUse: true,
          wantsToDevelop: false,
          evidence: [
            { kind: "CERTIFICATION", title: "Certification Pix", score: 512, obtainedOn: "2024-03-15", url: "https://pix.fr/certificat/demo" },
            { kind: "EXPERIENCE", title: "Animation du réseau des référents", description: "Visioconférences mensuelles\navec 40 agents." },
          ],
        },
      });
    } finally {
      await camille.context.close();
    }
  });

  for (const width of [1366, 390]) {
    it(`a manager, Nathalie, sees the evidence of « Interagir » in the validation form, then validates (${width} px)`, async () => {
      const nathalie = await signInAs("Nathalie Garnier", `/profils/${camilleId}`, width);
      try {
        const { page, errors } = nathalie;
        await page.getByRole("heading", { level: 1, name: "Camille Lefèvre" }).waitFor();
        await page.getByRole("button", { name: "Valider le niveau de « Interagir »" }).click();
        const form = page.getByRole("form", { name: "Valider le niveau de « Interagir »" });
        const evidence = form.getByRole("list", { name: "Justificatifs déclarés" });
        await evidence.waitFor();
        // The form opens with the focus on its first field, the declared level, not on the page.
        const declaredLevel = form.getByRole("radio", { name: /\(déclaré\)$/ });
        await page.waitForFunction((el) => document.activeElement === el, await declaredLevel.elementHandle(), { timeout: 5000 });
        const items = evidence.getByRole("listitem");
        assert.equal(await items.count(), 2);
        const first = ((await items.nth(0).innerText()) ?? "").replace(/\s+/g, " ").trim();
        assert.equal(first, "Certification Certification Pix Obtenu le 15 mars 2024 · score Pix 512 Voir le justificatif (pix.fr)");
        const link = items.nth(0).getByRole("link", { name: "Voir le justificatif (pix.fr)" });
        assert.equal(await link.getAttribute("href"), "https://pix.fr/certificat/demo");
        assert.equal(await link.getAttribute("target"), "_blank");
        assert.match((await items.nth(1).innerText()) ?? "", /Expérience professionnelle\s+Animation du réseau des référents\s+Date non précisée\s+Visioconférences mensuelles\s+avec 40 agents\./);
        // The evidence and the levels are in view together: on a wide screen side by side.
        const list = await evidence.boundingBox();
        const levels = await form.getByRole("group", { name: /^Niveau validé/ }).boundingBox();
        assert.ok(list && levels, "evidence and levels are shown");
        if (width >= 1024) assert.ok(list.x + list.width <= levels.x, "the evidence stands beside the levels");
        else assert.ok(list.y + list.height <= levels.y, "the evidence comes before the levels");
        await assertNoAxeViolation(page, `the validation form with evidence (${width} px)`);
        await screenshot(page, `validation-justificatifs-${width}`);
        if (width === 1366) {
          await form.getByRole("button", { name: "Valider", exact: true }).click();
          await page.getByRole("status").filter({ hasText: "Niveau 3 validé pour « Interagir »" }).waitFor();
        }
        assert.deepEqual(errors, [], "console errors");
      } finally {
        await nathalie.context.close();
      }
    });
  }

  it("an administrator, Sophie, finds Camille by name without accents and grants MANAGER; Camille then sees the badge", async () => {
    for (const width of [390, 1366]) {
      const sophie = await signInAs("Sophie Marchand", "/mon-espace", width);
      try {
        const { page, errors } = sophie;
        // Reached from Mon espace (and from the header's navigation). The first visit of a tab
        // may have taken her to the onboarding: Mon espace no longer does.
        await page.goto(`${server.baseURL}/mon-espace`);
        await page.getByRole("heading", { level: 1, name: "Bonjour Sophie" }).waitFor();
        await page.getByRole("main").getByRole("link", { name: "Administration : rôles d’accès" }).click();
        await page.getByRole("heading", { level: 1, name: "Administration" }).waitFor();
        await page.getByRole("searchbox", { name: /^Prénom ou nom/ }).fill("camille lefevre");
        await page.getByRole("button", { name: "Rechercher" }).click();
        await page.getByRole("status").filter({ hasText: /personnes? trouvées? pour « camille lefevre »/ }).waitFor();
        const person = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: "Camille Lefèvre" }) });
        await person.getByRole("list", { name: "Rôles" }).getByText("Agent", { exact: true }).waitFor();
        await assertNoAxeViolation(page, `/administration with results (${width} px)`);
        if (width === 1366) {
          const grant = person.getByRole("button", { name: "Donner le rôle manager à Camille Lefèvre" });
          await grant.click();
          await person.getByRole("status").getByText("Camille Lefèvre a maintenant le rôle manager. La modification est enregistrée dans le journal d’audit.").waitFor();
          await person.getByRole("list", { name: "Rôles" }).getByText("Manager", { exact: true }).waitFor();
          // The focus stays on the button pressed, which now offers the opposite.
          const focused = await page.evaluate(() => (document.activeElement?.textContent ?? "").replace(/\s+/g, " ").trim());
          assert.equal(focused, "Retirer le rôle manager à Camille Lefèvre");
          await assertNoAxeViolation(page, "/administration after a grant");
        }
        await screenshot(page, `administration-${width}`);
        assert.deepEqual(errors, [], "console errors");
      } finally {
        await sophie.context.close();
      }
    }
    const camille = await signInAs("Camille Lefèvre", "/mon-espace");
    try {
      const roles = camille.page.getByRole("banner").getByRole("list", { name: "Rôles" });
      await roles.getByText("Manager", { exact: true }).first().waitFor();
      // Not an administrator: no link to the administration page.
      assert.equal(await camille.page.getByRole("link", { name: /^Administration/ }).count(), 0);
      await camille.page.goto(`${server.baseURL}/administration`);
      await camille.page.getByText("Cette page est réservée aux administrateurs de Passerelles.").waitFor();
    } finally {
      await camille.context.close();
    }
  });

  it("Sophie, the last administrator, cannot revoke her own ADMIN: the page says why", async () => {
    const sophie = await signInAs("Sophie Marchand", "/administration");
    try {
      const { page, errors } = sophie;
      await page.getByRole("searchbox", { name: /^Prénom ou nom/ }).fill("Sophie Marchand");
      await page.getByRole("button", { name: "Rechercher" }).click();
      const person = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: "Sophie Marchand" }) });
      await person.getByRole("button", { name: "Retirer le rôle administrateur à Sophie Marchand" }).click();
      const alert = person.getByRole("alert");
      await alert.getByRole("heading", { name: "Retrait impossible" }).waitFor();
      await alert.getByText("Impossible de retirer le dernier administrateur : nommez-en d’abord un autre.").waitFor();
      await person.getByRole("list", { name: "Rôles" }).getByText("Administrateur", { exact: true }).waitFor();
      await assertNoAxeViolation(page, "/administration, the refused revocation");
      await screenshot(page, "administration-dernier-administrateur");
      // A search that the server's text rule refuses is shown under the field.
      await page.getByRole("searchbox", { name: /^Prénom ou nom/ }).fill("\u200b");
      await page.getByRole("button", { name: "Rechercher" }).click();
      await page.getByText("La recherche doit contenir au moins un caractère visible.").waitFor();
      assert.deepEqual(errors, [], "console errors");
    } finally {
      await sophie.context.close();
    }
  });
});

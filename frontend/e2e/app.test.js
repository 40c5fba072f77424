// End-to-end tests of the SPA served by the real Passerelles binary, written
// as what a person sees: headings, labels, roles, in French.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import { BUDGET, launchBrowser, screenshot, startServer } from "./support.js";

/** @typedef {import("playwright-core").Browser} Browser */
/** @typedef {import("playwright-core").Page} Page */
/** @typedef {import("playwright-core").BrowserContext} BrowserContext */

// The exact labels of the referentials (shared REFERENTIALS.md).
/** @type {[code: string, label: string][]} */
const PIX = [
  ["1.1", "Mener une recherche et une veille d’information"],
  ["1.2", "Gérer des données"],
  ["1.3", "Traiter des données"],
  ["2.1", "Interagir"],
  ["2.2", "Partager et publier"],
  ["2.3", "Collaborer"],
  ["2.4", "S’insérer dans le monde numérique"],
  ["3.1", "Développer des documents textuels"],
  ["3.2", "Développer des documents multimédia"],
  ["3.3", "Adapter les documents à leur finalité"],
  ["3.4", "Programmer"],
  ["4.1", "Sécuriser l’environnement numérique"],
  ["4.2", "Protéger les données personnelles et la vie privée"],
  ["4.3", "Protéger la santé, le bien-être et l’environnement"],
  ["5.1", "Résoudre des problèmes techniques"],
  ["5.2", "Construire un environnement numérique"],
];

/** @type {[code: string, english: string][]} */
const ECF = [
  ["A.1", "IS and Business Strategy Alignment"],
  ["A.2", "Service Level Management"],
  ["A.3", "Business Plan Development"],
  ["A.4", "Product / Service Planning"],
  ["A.5", "Architecture Design"],
  ["A.6", "Application Design"],
  ["A.7", "Technology Trend Monitoring"],
  ["A.8", "Sustainable Development"],
  ["A.9", "Innovating"],
  ["B.1", "Application Development"],
  ["B.2", "Component Integration"],
  ["B.3", "Testing"],
  ["B.4", "Solution Deployment"],
  ["B.5", "Documentation Production"],
  ["B.6", "Systems Engineering"],
  ["C.1", "User Support"],
  ["C.2", "Change Support"],
  ["C.3", "Service Delivery"],
  ["C.4", "Problem Management"],
  ["D.1", "Information Security Strategy Development"],
  ["D.2", "ICT Quality Strategy Development"],
  ["D.3", "Education and Training Provision"],
  ["D.4", "Purchasing"],
  ["D.5", "Sales Proposal Development"],
  ["D.6", "Channel Management"],
  ["D.7", "Sales Management"],
  ["D.8", "Contract Management"],
  ["D.9", "Personnel Development"],
  ["D.10", "Information and Knowledge Management"],
  ["D.11", "Needs Identification"],
  ["D.12", "Digital Marketing"],
  ["E.1", "Forecast Development"],
  ["E.2", "Project and Portfolio Management"],
  ["E.3", "Risk Management"],
  ["E.4", "Relationship Management"],
  ["E.5", "Process Improvement"],
  ["E.6", "ICT Quality Management"],
  ["E.7", "Business Change Management"],
  ["E.8", "Information Security Management"],
  ["E.9", "IS Governance"],
];


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
 * open loads path in a fresh context and waits for the page heading. It
 * records console errors (a Content-Security-Policy violation is one) and
 * uncaught exceptions.
 * @param {string} path
 * @returns {Promise<{ context: BrowserContext, page: Page, errors: string[], status: number | undefined }>}
 */
async function open(path) {
  const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`exception: ${error.message}`));
  const response = await page.goto(server.baseURL + path);
  await page.locator("main h1").waitFor({ state: "visible", timeout: 15_000 });
  return { context, page, errors, status: response?.status() };
}

/** @param {Page} page */
function countElements(page) {
  return page.evaluate(() => document.getElementsByTagName("*").length);
}

describe("referentials", () => {
  it("the Pix page shows its 16 competences by their exact labels, and its 8 levels", async () => {
    const { context, page } = await open("/referentiels/pix");
    try {
      await assert.doesNotReject(page.getByRole("heading", { level: 1, name: "Pix" }).waitFor());
      const main = page.getByRole("main");
      for (const [code, label] of PIX) {
        const heading = main.getByRole("heading", { level: 4, name: `${code} ${label}`, exact: true });
        assert.ok(await heading.isVisible(), `competence ${code} « ${label} » is not visible`);
      }
      assert.equal(await main.getByRole("heading", { level: 4 }).count(), 16);

      const levels = main.getByRole("table").locator("tbody tr");
      assert.equal(await levels.count(), 8);
      for (let value = 1; value <= 8; value++) {
        assert.equal((await levels.nth(value - 1).locator("td").first().innerText()).trim(), String(value));
      }
      assert.equal(await page.title(), "Pix — Référentiels — Passerelles");
    } finally {
      await context.close();
    }
  });

  it("the e-CF page, reached from the list, shows its 40 competences within the DOM budget", async () => {
    const { context, page } = await open("/referentiels");
    try {
      await page.getByRole("link", { name: /e-CF/ }).click();
      await page.getByRole("heading", { level: 1, name: "e-CF" }).waitFor();
      const main = page.getByRole("main");
      const headings = main.getByRole("heading", { level: 4 });
      assert.equal(await headings.count(), 40);
      const names = await headings.allInnerTexts();
      for (const [code, english] of ECF) {
        assert.ok(
          names.some((name) => name.startsWith(`${code} `)),
          `competence ${code} is missing`,
        );
        assert.ok(await main.getByText(english, { exact: true }).first().isVisible(), `« ${english} » is not visible`);
      }
      const elements = await countElements(page);
      assert.ok(elements < BUDGET.elements, `e-CF page has ${elements} elements, budget ${BUDGET.elements}`);
      await screenshot(page, "referentiel-ecf");
    } finally {
      await context.close();
    }
  });

  it("an unknown referential says so (the server answers NOT_FOUND)", async () => {
    const { context, page } = await open("/referentiels/inconnu");
    try {
      await page.getByRole("heading", { level: 1, name: "Référentiel introuvable" }).waitFor({ timeout: 5_000 });
      assert.equal(await page.title(), "Référentiel introuvable — Référentiels — Passerelles");
      assert.ok(await page.getByText("Aucun référentiel ne porte le code « inconnu »").isVisible());
    } finally {
      await context.close();
    }
  });

  it("a search without accents finds « Gérer des données » and announces the count", async () => {
    const { context, page } = await open("/referentiels/pix");
    try {
      await page.getByLabel("Rechercher une compétence").fill("donnees");
      const status = page.getByRole("status").filter({ hasText: "trouvée" });
      await status.waitFor({ timeout: 10_000 });
      assert.match(await status.innerText(), /^\d+ compétences? trouvées? pour « donnees »/);
      const result = page.getByRole("search").locator("..").getByRole("link", { name: "1.2 Gérer des données" });
      assert.ok(await result.isVisible(), "« Gérer des données » is not among the results");
      await screenshot(page, "recherche-donnees");
    } finally {
      await context.close();
    }
  });
});

describe("accessibility", () => {
  /** @type {[screenshot: string, path: string, title: string][]} */
  const pages = [
    ["accueil", "/", "Accueil — Passerelles"],
    ["referentiels", "/referentiels", "Référentiels — Passerelles"],
    ["referentiel-pix", "/referentiels/pix", "Pix — Référentiels — Passerelles"],
    ["referentiel-ecf", "/referentiels/ecf", "e-CF — Référentiels — Passerelles"],
    ["mentions-legales", "/mentions-legales", "Mentions légales — Passerelles"],
    ["donnees-personnelles", "/donnees-personnelles", "Données personnelles — Passerelles"],
    ["accessibilite", "/accessibilite", "Déclaration d’accessibilité — Passerelles"],
    ["page-introuvable", "/cette-page-n-existe-pas", "Page introuvable — Passerelles"],
  ];
  for (const [name, path, title] of pages) {
    it(`axe-core finds no WCAG 2.1 A/AA violation on ${path}`, async () => {
      const { context, page, errors, status } = await open(path);
      try {
        // An unknown route answers 404 (with the SPA, which says « Page introuvable »);
        // Chromium reports the document's own 404 as a console error, the only one allowed.
        const notFound = name === "page-introuvable";
        assert.equal(status, notFound ? 404 : 200, `status of ${path}`);
        if (notFound) {
          const own = errors.findIndex((e) => e.includes("the server responded with a status of 404"));
          assert.notEqual(own, -1, "the 404 of the document itself");
          errors.splice(own, 1);
        }
        // Let data-driven content settle before the audit.
        await page.waitForLoadState("networkidle");
        assert.equal(await page.title(), title);
        const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
        const violations = results.violations.map(
          (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
        );
        await screenshot(page, name);
        assert.deepEqual(violations, [], `axe violations on ${path}:\n${violations.join("\n")}`);
        assert.deepEqual(errors, [], `console errors on ${path}`);
      } finally {
        await context.close();
      }
    });
  }
});

describe("keyboard", () => {
  /**
   * @param {Page} page
   * @returns {Promise<{ tag: string, text: string, inMain: boolean, inNav: boolean }>}
   */
  function focused(page) {
    return page.evaluate(() => {
      const el = document.activeElement;
      return {
        tag: el?.tagName ?? "",
        text: (el?.textContent ?? "").trim(),
        inMain: el?.closest("main") !== null,
        inNav: el?.closest("nav") !== null,
      };
    });
  }

  /**
   * tabTo presses Tab until the focused element matches, at most 40 times.
   * @param {Page} page
   * @param {(f: Awaited<ReturnType<typeof focused>>) => boolean} match
   */
  async function tabTo(page, match) {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      if (match(await focused(page))) return;
    }
    assert.fail("the element was not reached with the Tab key");
  }

  it("the skip link is the first Tab stop and moves focus to the content", async () => {
    const { context, page } = await open("/");
    try {
      await page.keyboard.press("Tab");
      const first = await focused(page);
      assert.equal(first.text, "Aller au contenu");
      await page.keyboard.press("Enter");
      assert.equal((await focused(page)).inMain, true, "focus is not in main after the skip link");
    } finally {
      await context.close();
    }
  });

  it("from the home page, reaches a framework with the keyboard only", async () => {
    const { context, page } = await open("/");
    try {
      await tabTo(page, (f) => f.tag === "A" && f.inNav && f.text === "Référentiels");
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/referentiels$/);
      await page.getByRole("heading", { level: 1, name: "Référentiels de compétences" }).waitFor();
      assert.deepEqual(await focused(page), { tag: "H1", text: "Référentiels de compétences", inMain: true, inNav: false });
      assert.equal(await page.title(), "Référentiels — Passerelles");

      await page.getByRole("link", { name: /Pix/ }).waitFor();
      await tabTo(page, (f) => f.tag === "A" && f.inMain && f.text.startsWith("Pix"));
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/referentiels\/pix$/);
      await page.getByRole("heading", { level: 1, name: "Pix" }).waitFor();
      assert.equal((await focused(page)).tag, "H1");
    } finally {
      await context.close();
    }
  });
});

describe("sobriety budget", () => {
  for (const path of ["/", "/referentiels/pix"]) {
    it(`first load of ${path}: < ${BUDGET.requests} requests, < ${BUDGET.bytes / 1024} KB, < ${BUDGET.elements} elements`, async (t) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send("Network.enable");
        await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
        let requests = 0;
        let bytes = 0;
        cdp.on("Network.requestWillBeSent", () => requests++);
        cdp.on("Network.loadingFinished", (event) => (bytes += event.encodedDataLength));
        await page.goto(server.baseURL + path, { waitUntil: "networkidle" });
        await page.locator("main h1").waitFor({ state: "visible" });
        await page.waitForLoadState("networkidle");
        const elements = await countElements(page);
        t.diagnostic(`${path}: ${requests} requests, ${(bytes / 1024).toFixed(1)} KB transferred, ${elements} elements`);
        assert.ok(requests < BUDGET.requests, `${requests} requests`);
        assert.ok(bytes < BUDGET.bytes, `${bytes} bytes transferred`);
        assert.ok(elements < BUDGET.elements, `${elements} elements`);
      } finally {
        await context.close();
      }
    });
  }
});

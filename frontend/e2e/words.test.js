// The words of every page, as each person reads them: French typography
// (typographic apostrophes, no middle-dot inclusive writing) and no English
// left in what is shown, except inside elements marked lang="en" (the e-CF's
// English labels). Every route of routes.json is visited as an anonymous
// visitor and as a signed-in agent, the personal pages also as a manager and
// an administrator; axe audits each page.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { axeViolations, launchBrowser, recordErrors, skipOnboarding, startServer } from "./support.js";

/** @typedef {import("playwright-core").Browser} Browser */
/** @typedef {import("playwright-core").BrowserContext} BrowserContext */
/** @typedef {import("playwright-core").Page} Page */

/** @type {Record<string, { pattern: string, requiresAuth?: boolean }>} */
const ROUTES = JSON.parse(readFileSync(new URL("../src/routes.json", import.meta.url), "utf8"));

/**
 * ENGLISH are words that, shown without lang="en", are English left in a
 * French page: the usual words of an interface, the e-CF's English labels
 * and what a program prints by mistake. Matched as whole words, with case.
 */
const ENGLISH = [
  "Loading", "Error", "Submit", "Cancel", "Search", "Sign in", "Sign out", "Log in", "Log out", "Login", "Logout",
  "Home", "Next", "Previous", "Back", "Close", "Skip", "Not found", "Unauthorized", "Forbidden", "Settings",
  "Dashboard", "Skills", "Skill", "Save", "Delete", "Edit", "Remove", "Download", "Upload", "Profile", "Welcome",
  "Please", "Required", "Optional", "Level", "Yes", "the", "and", "of", "with", "your", "you",
  "Build", "Run", "Enable", "Manage", "Management", "Development", "Design", "Testing", "Engineering", "Integration",
  "Deployment", "Governance", "Framework", "undefined", "null", "NaN", "[object Object]",
];

/** PROBLEMS are what the words test looks for, each with what it means. */
const PROBLEMS = [
  { name: "straight apostrophe between letters (write ’)", re: /\p{L}'\p{L}/u },
  { name: "middle dot between letters (inclusive writing)", re: /\p{L}[\u00B7\u2027\u2219\u22C5]\p{L}/u },
  {
    name: "English outside lang=\"en\"",
    re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${ENGLISH.map((w) => w.replace(/[[\]]/g, "\\$&")).join("|")})(?![\\p{L}\\p{N}])`, "u"),
  },
];

/**
 * visibleTexts returns the texts a person reads or hears on the page: text
 * of rendered elements, and the alt, title, aria-label and placeholder of
 * visible ones, leaving out what sits inside an element whose language is
 * not French (lang="en").
 * @param {Page} page
 * @returns {Promise<string[]>}
 */
function visibleTexts(page) {
  return page.evaluate(() => {
    /** @param {Element} el */
    const french = (el) => {
      const lang = el.closest("[lang]")?.getAttribute("lang") ?? "fr";
      return lang === "" || lang.toLowerCase().startsWith("fr");
    };
    /** @param {Element} el */
    const shown = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: false });
    /** @type {string[]} */
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"].includes(el.tagName)) continue;
      const text = (node.textContent ?? "").trim();
      if (text !== "" && shown(el) && french(el)) out.push(text);
    }
    for (const el of document.body.querySelectorAll("[alt], [title], [aria-label], [placeholder]")) {
      if (!shown(el) || !french(el)) continue;
      for (const name of ["alt", "title", "aria-label", "placeholder"]) {
        const value = el.getAttribute(name)?.trim();
        if (value) out.push(`${value} (${name})`);
      }
    }
    out.push(`${document.title} (title)`);
    return out;
  });
}

/**
 * problemsOf lists, one line each, the texts of the page that break a rule.
 * @param {Page} page
 */
async function problemsOf(page) {
  const texts = await visibleTexts(page);
  /** @type {string[]} */
  const found = [];
  for (const text of texts) {
    for (const p of PROBLEMS) {
      const m = p.re.exec(text);
      if (m) found.push(`${p.name}: « ${m[0]} » in « ${text.slice(0, 160)} »`);
    }
  }
  return found;
}

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
 * signIn returns a context of the persona whose sign-in button starts with
 * name (anonymous with null). The onboarding is not forced on the pages.
 * @param {string | null} name
 * @returns {Promise<{ context: BrowserContext, page: Page, errors: string[] }>}
 */
async function signIn(name) {
  const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(15_000);
  await skipOnboarding(context);
  const page = await context.newPage();
  const errors = recordErrors(page);
  if (name !== null) {
    await page.goto(`${server.baseURL}/auth/login?return_to=${encodeURIComponent("/")}`);
    await page.getByRole("button", { name: new RegExp(`^${name}`) }).click();
    await page.waitForURL((url) => url.pathname === "/");
  }
  return { context, page, errors };
}

/**
 * graphql runs one operation as the page's person, from the page (same origin).
 * @param {Page} page
 * @param {string} query
 * @param {Record<string, unknown>} [variables]
 */
function graphql(page, query, variables = {}) {
  return page.evaluate(
    async ({ query, variables }) => {
      const response = await fetch("/graphql", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    },
    { query, variables },
  );
}

/**
 * otherProfile finds the id of a profile, not the person's own, that the
 * person may see: demo agents have consecutive ids.
 * @param {Page} page
 */
async function otherProfile(page) {
  for (let id = 1; id <= 80; id++) {
    const answer = await graphql(page, "query P($id: ID!) { profile(id: $id) { id isMe } }", { id: String(id) });
    if (answer.data?.profile && !answer.data.profile.isMe) return answer.data.profile.id;
  }
  throw new Error("no visible profile of another agent among the first 80 ids");
}

/**
 * paths returns the addresses to visit for each route: both referentials
 * (e-CF shows English labels), one's own profile and another's.
 * @param {{ me: string | null, other: string | null }} ids
 * @param {(route: { pattern: string, requiresAuth?: boolean }) => boolean} keep
 */
function paths(ids, keep) {
  /** @type {string[]} */
  const out = [];
  for (const route of Object.values(ROUTES)) {
    if (!keep(route)) continue;
    if (route.pattern.includes(":code")) {
      out.push(route.pattern.replace(":code", "pix"), route.pattern.replace(":code", "ecf"));
    } else if (route.pattern.includes(":id")) {
      for (const id of [ids.me, ids.other]) if (id) out.push(route.pattern.replace(":id", id));
      if (!ids.me) out.push(route.pattern.replace(":id", "1"));
    } else {
      out.push(route.pattern);
    }
  }
  return out;
}

/**
 * checkPages visits each path in the person's context, waits for the page to
 * settle, and fails on the words and axe violations found.
 * @param {Page} page
 * @param {string[]} errors
 * @param {string[]} list
 * @param {string} who
 */
async function checkPages(page, errors, list, who) {
  /** @type {string[]} */
  const failures = [];
  for (const path of list) {
    await page.goto(server.baseURL + path);
    await page.locator("main h1").first().waitFor({ state: "visible" });
    // The page's queries are answered (no « Chargement » left) before reading it.
    await page.waitForFunction(() => !document.querySelector("main [role=status]")?.textContent?.includes("Chargement"));
    await page.waitForLoadState("networkidle");
    for (const problem of await problemsOf(page)) failures.push(`${who} ${path}: ${problem}`);
    for (const violation of await axeViolations(page)) failures.push(`${who} ${path}: axe ${violation}`);
  }
  assert.deepEqual(failures, [], failures.join("\n"));
  assert.deepEqual(errors, [], `console errors:\n${errors.join("\n")}`);
}

describe("words of every page", () => {
  it("the checks find what they look for", () => {
    const cases = [
      ["Mener une veille d'information", true],
      ["Mener une veille d’information", false],
      ["Chargé·e de mission", true],
      ["Planifier · Construire", false],
      ["Planifier (Plan) · Construire (Build)", true],
      ["Chargement…", false],
      ["Thé et café", false],
      ["Loading…", true],
    ];
    for (const [text, bad] of cases) {
      assert.equal(PROBLEMS.some((p) => p.re.test(String(text))), bad, String(text));
    }
  });

  it("anonymous visitor: every route", async () => {
    const { context, page, errors } = await signIn(null);
    try {
      await checkPages(page, errors, paths({ me: null, other: null }, () => true), "anonymous");
      // The legal pages give the configured contact (the demo one here).
      await page.goto(`${server.baseURL}/mentions-legales`);
      await page.getByRole("main").getByRole("link", { name: "passerelles@demo.gouv.fr" }).waitFor();
    } finally {
      await context.close();
    }
  });

  it("agent (Camille): every route, her profile and another agent’s", async () => {
    const { context, page, errors } = await signIn("Camille");
    try {
      const me = await graphql(page, "query { me { profile { id } } }");
      const ids = { me: me.data.me.profile.id, other: await otherProfile(page) };
      await checkPages(page, errors, paths(ids, () => true), "agent");
      // Her next step, on the home page: the onboarding is not done.
      await page.goto(`${server.baseURL}/`);
      const next = page.getByRole("main").getByRole("link", { name: "Compléter mon profil" });
      assert.equal(await next.getAttribute("href"), "/bienvenue");
      // The e-CF page shows its English labels, marked as English.
      await page.goto(`${server.baseURL}/referentiels/ecf`);
      await page.locator("main [lang=en]").first().waitFor();
      assert.ok((await page.locator("main [lang=en]").count()) >= 40, "the 40 English e-CF labels carry lang=\"en\"");
    } finally {
      await context.close();
    }
  });

  for (const { who, name } of [
    { who: "manager", name: "Nathalie" },
    { who: "administrator", name: "Sophie" },
  ]) {
    it(`${who} (${name}): home, personal pages, another agent’s profile`, async () => {
      const { context, page, errors } = await signIn(name);
      try {
        const me = await graphql(page, "query { me { profile { id } } }");
        const ids = { me: me.data.me.profile.id, other: await otherProfile(page) };
        await checkPages(page, errors, paths(ids, (r) => r.requiresAuth === true || r.pattern === "/"), who);
      } finally {
        await context.close();
      }
    });
  }
});

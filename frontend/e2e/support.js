// Helpers of the end-to-end tests: start the real Passerelles binary on a
// free port with a fresh database, and drive Debian's Chromium through
// playwright-core (never a downloaded browser).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";

const here = dirname(fileURLToPath(import.meta.url));

/** SCREENSHOT_DIR receives one picture per page visited (git-ignored). */
export const SCREENSHOT_DIR = join(here, "screenshots");

/** BUDGET is the sobriety budget of a first load (DESIGN §7, RGESN). */
export const BUDGET = { requests: 40, bytes: 500 * 1024, elements: 600 };

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * @param {string} baseURL
 * @param {import("node:child_process").ChildProcess | null} child
 * @param {number} timeoutMs
 */
async function waitReady(baseURL, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(`${baseURL}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not ready after ${timeoutMs} ms (${last})`);
}

/**
 * startServer runs `<bin> serve -addr 127.0.0.1:<port> -db <tmp>/e2e.db -env
 * development -demo-agents 50` and waits until GET /readyz answers 200. The
 * binary is $PASSERELLES_BIN, by default ../bin/passerelles. With
 * $PASSERELLES_URL set, an already running server is used instead (it cannot
 * restart). restart(extraArgs) stops the server and starts it again on the
 * same port and database with more flags (-dev-clock-offset, say): sessions
 * and data survive, as they do across a real restart.
 */
export async function startServer() {
  if (process.env.PASSERELLES_URL) {
    const baseURL = process.env.PASSERELLES_URL.replace(/\/$/, "");
    await waitReady(baseURL, null, 60_000);
    return {
      baseURL,
      stop: async () => {},
      restart: async () => {
        throw new Error("PASSERELLES_URL: an external server cannot be restarted");
      },
    };
  }
  const bin = resolve(here, "..", process.env.PASSERELLES_BIN ?? "../bin/passerelles");
  const dir = mkdtempSync(join(tmpdir(), "passerelles-e2e-"));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const baseArgs = ["serve", "-addr", `127.0.0.1:${port}`, "-db", join(dir, "e2e.db"), "-env", "development", "-demo-agents", "50"];
  let output = "";
  /** @param {Buffer} chunk */
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  /** @type {import("node:child_process").ChildProcess | null} */
  let child = null;
  // Never leave the server behind, even when the test process dies.
  process.once("exit", () => child?.kill("SIGKILL"));

  const halt = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const running = child;
      const exited = new Promise((r) => running.once("exit", r));
      running.kill("SIGTERM");
      const timer = setTimeout(() => running.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const stop = async () => {
    await halt();
    rmSync(dir, { recursive: true, force: true });
  };
  /** @param {string[]} args */
  const launch = async (args) => {
    const started = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    child = started;
    started.stdout.on("data", keep);
    started.stderr.on("data", keep);
    try {
      await new Promise((ok, fail) => {
        started.once("spawn", ok);
        started.once("error", fail);
      });
      await waitReady(baseURL, started, 60_000);
    } catch (error) {
      await stop();
      throw new Error(`could not start ${bin} ${args.join(" ")}: ${error instanceof Error ? error.message : error}\n--- server output ---\n${output}`);
    }
  };
  /** @param {string[]} extraArgs */
  const restart = async (extraArgs) => {
    await halt();
    await launch([...baseArgs, ...extraArgs]);
  };

  await launch(baseArgs);
  return { baseURL, stop, restart, output: () => output };
}

/**
 * launchBrowser starts headless Chromium ($CHROMIUM, default /usr/bin/chromium).
 * chromium.launch gives it a fresh temporary profile (user-data-dir) of its
 * own, and refuses a --user-data-dir argument.
 */
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
  return browser;
}

/**
 * screenshot saves the full page (or, with fullPage false, the viewport) as
 * e2e/screenshots/<name>.png.
 * @param {import("playwright-core").Page} page
 * @param {string} name
 * @param {{ fullPage?: boolean }} [options]
 */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage });
}

/**
 * axeViolations audits the page with axe-core against WCAG 2.1 A and AA and
 * returns one readable line per violation (none is the goal).
 * @param {import("playwright-core").Page} page
 * @returns {Promise<string[]>}
 */
export async function axeViolations(page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
  );
}

/**
 * recordErrors collects the page's console errors (a Content-Security-Policy
 * violation is one) and uncaught exceptions.
 * @param {import("playwright-core").Page} page
 * @returns {string[]}
 */
export function recordErrors(page) {
  /** @type {string[]} */
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()} (${page.url()})`);
  });
  page.on("pageerror", (error) => errors.push(`exception: ${error.message} (${page.url()})`));
  return errors;
}

/**
 * screenshotOf saves one element (the header, say) as e2e/screenshots/<name>.png.
 * @param {import("playwright-core").Locator} locator
 * @param {string} name
 */
export async function screenshotOf(locator, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await locator.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/**
 * ONBOARDING_OFFERED is the sessionStorage key by which the SPA takes a person
 * who has not completed their profile to the onboarding once per tab (see
 * MySpacePage).
 */
export const ONBOARDING_OFFERED = "passerelles.onboarding-offered";

/**
 * skipOnboarding makes every page of the context behave as if the onboarding
 * had already been offered, for tests about something else (the session).
 * @param {import("playwright-core").BrowserContext} context
 */
export async function skipOnboarding(context) {
  await context.addInitScript((key) => window.sessionStorage.setItem(key, "1"), ONBOARDING_OFFERED);
}

/**
 * signInAs opens a fresh browser context (French, width × height), signs in
 * as the persona through the development provider's page and comes back to
 * returnTo, once its page heading is shown. The onboarding is marked as
 * offered unless the test is about it (skip: false).
 * @param {import("playwright-core").Browser} browser
 * @param {string} baseURL
 * @param {string} name the persona's name as the provider's button starts with it
 * @param {string} returnTo
 * @param {{ width?: number, height?: number, skip?: boolean, timeout?: number }} [options]
 */
export async function signInAs(browser, baseURL, name, returnTo, { width = 1366, height = 900, skip = true, timeout = 15_000 } = {}) {
  const context = await browser.newContext({ locale: "fr-FR", viewport: { width, height } });
  context.setDefaultTimeout(timeout);
  if (skip) await skipOnboarding(context);
  const page = await context.newPage();
  const errors = recordErrors(page);
  await page.goto(`${baseURL}/auth/login?return_to=${encodeURIComponent(returnTo)}`);
  await page.getByRole("heading", { level: 1, name: "Connexion de démonstration" }).waitFor();
  await page.getByRole("button", { name: new RegExp(`^${name}`) }).click();
  await page.waitForURL((url) => url.pathname !== "/devidp/login" && !url.pathname.startsWith("/auth"));
  await page.locator("main h1").first().waitFor();
  return { context, page, errors };
}

/**
 * graphqlAs runs one GraphQL operation from the page, as the SPA sends it
 * (same-origin POST, the person's session cookie), for set-up steps that are
 * not under test; any error fails the test.
 * @param {import("playwright-core").Page} page
 * @param {string} query
 * @param {Record<string, unknown>} [variables]
 * @returns {Promise<any>}
 */
export async function graphqlAs(page, query, variables = {}) {
  const body = await page.evaluate(
    async ([query, variables]) => {
      const response = await fetch("/graphql", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    },
    /** @type {[string, Record<string, unknown>]} */ ([query, variables]),
  );
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

/**
 * assertNoAxeViolation fails with axe-core's findings on the page, if any.
 * @param {import("playwright-core").Page} page
 * @param {string} what names the page in the failure
 */
export async function assertNoAxeViolation(page, what) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe violations on ${what}:\n${violations.join("\n")}`);
}

/**
 * parisLocal writes an instant as Paris wall-clock time, « 2026-12-03T14:00 »:
 * what a datetime-local field of the event form holds, and what the API reads
 * in the event's time zone.
 * @param {Date} date
 */
export function parisLocal(date) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Paris",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(date)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

// @ts-check
// Helpers of the end-to-end tests: browser settings, screenshots with an
// accessibility check, sign-in, and waits on the People page.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** Where screenshots, accessibility reports and the server log go (git-ignored). */
export const RESULTS = fileURLToPath(new URL("../test-results/", import.meta.url));
/** Debian's Chromium. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Flags for a headless Chromium on a machine without outside network. */
export const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/**
 * Saves a screenshot of the page and, for the app's own pages, checks it with
 * axe-core (WCAG 2 A and AA): serious or critical violations fail the test.
 * @param {import("playwright-core").Page} page @param {string} name @param {{ audit?: boolean }} [opts]
 */
export async function shot(page, name, { audit = true } = {}) {
  await page.screenshot({ path: `${RESULTS}${name}.png`, fullPage: true });
  if (!audit) return;
  await page.addScriptTag({ path: AXE });
  /** @type {{ id: string, impact: string | null, help: string, nodes: { target: unknown }[] }[]} */
  const violations = await page.evaluate(
    "axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))",
  );
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (violations.length > 0) writeFileSync(`${RESULTS}${name}.a11y.json`, JSON.stringify(violations, null, 2));
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))})`), [], `accessibility of ${name}`);
}

/**
 * Opens a new browser context and signs in as the demo user whose button name matches.
 * @param {import("playwright-core").Browser} browser @param {string} baseURL @param {RegExp} who
 */
export async function signIn(browser, baseURL, who) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  await page.goto(`${baseURL}/`);
  await page.waitForURL(/\/sign-in/);
  await page.getByRole("button", { name: who }).click();
  await page.waitForURL(/\/people/);
  await page.getByRole("heading", { name: "People", level: 1 }).waitFor();
  return { context, page };
}

/**
 * Picks, in the mapping editor, the first discovered attribute matching one of the patterns.
 * @param {import("playwright-core").Page} page @param {string} label @param {RegExp[]} patterns
 */
export async function pickAttribute(page, label, patterns) {
  const select = page.getByLabel(label, { exact: true });
  const values = (await select.locator("option").evaluateAll((os) => os.map((o) => o.getAttribute("value") ?? ""))).filter((v) => v !== "");
  for (const re of patterns) {
    const v = values.find((x) => re.test(x));
    if (v) {
      await select.selectOption(v);
      return v;
    }
  }
  throw new Error(`no attribute for ${label} among ${values.join(", ")}`);
}

/** The number in the People summary ("1,234 people"). @param {import("playwright-core").Page} page */
export async function peopleCount(page) {
  const text = (await page.locator("#people-summary").textContent()) ?? "";
  const m = /([\d,.\s]+)\s+(people|person)/.exec(text);
  return m ? Number(m[1].replace(/[^\d]/g, "")) : -1;
}

/** Waits until the People summary shows a count that satisfies ok. @param {import("playwright-core").Page} page @param {(n: number) => boolean} ok */
export async function waitForCount(page, ok) {
  for (let i = 0; i < 100; i++) {
    const n = await peopleCount(page);
    if (n >= 0 && ok(n) && (await page.locator("table[aria-busy='true']").count()) === 0) return n;
    await page.waitForTimeout(100);
  }
  throw new Error(`people count never satisfied the condition (last ${await peopleCount(page)})`);
}

/** The two viewports the flows are checked at: a laptop and a phone. */
export const VIEWPORTS = [
  { width: 1366, height: 860 },
  { width: 390, height: 844 },
];

/**
 * Takes shot(page, name) at each of VIEWPORTS (name-1366, name-390), then restores the first.
 * @param {import("playwright-core").Page} page @param {string} name
 */
export async function shots(page, name) {
  for (const v of VIEWPORTS) {
    await page.setViewportSize(v);
    await shot(page, `${name}-${v.width}`);
  }
  await page.setViewportSize(/** @type {{ width: number, height: number }} */ (VIEWPORTS[0]));
}

/**
 * Posts a GraphQL request as the signed-in user of page.
 * @param {import("playwright-core").Page} page @param {string} query
 * @returns {Promise<any>}
 */
export async function gql(page, query) {
  return page.evaluate(async (q) => {
    const token = /** @type {any} */ (globalThis).localStorage.getItem("dirsync.token");
    const res = await fetch("/graphql", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: q }),
    });
    return res.json();
  }, query);
}

/**
 * Connects a directory as an admin does, from the Directory Sync settings page: the setup
 * wizard with the provider matching `provider`, then the emulator's Admin Portal, where the
 * IT admin picks the same provider (WorkOS's portal preselects none); `inPortal` may fill
 * more of the portal's fields. Waits for the status page's Sync now.
 * @param {import("playwright-core").Page} page
 * @param {{ provider?: RegExp, inPortal?: (page: import("playwright-core").Page) => Promise<void> }} [opts]
 */
export async function connectThroughPortal(page, { provider = /Okta/, inPortal } = {}) {
  await page.getByRole("button", { name: "Set up Directory Sync" }).click();
  const choice = page.getByRole("radio", { name: provider }).first();
  await choice.check();
  const providerType = (await choice.getAttribute("value")) ?? "";
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("link", { name: "Open the Admin Portal" }).click();
  await page.waitForURL(/\/workos-emulator\/portal\//);
  await page.selectOption("#provider", providerType);
  if (inPortal) await inPortal(page);
  await page.getByRole("button", { name: "Complete setup" }).click();
  await page.waitForURL(/\/settings\/directory-sync/);
  await page.getByRole("button", { name: "Sync now" }).waitFor({ timeout: 60_000 });
}

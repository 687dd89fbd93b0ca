// @ts-check
// Every page of the app, signed in as the admin, at a laptop's size (1366×860)
// and a phone's (390×844): a screenshot of each in test-results/ (pages-<size>-<page>.png),
// axe on each (through shot), and no horizontal overflow on the phone. People on
// the phone also gets its filter drawer, card rows and first result checked.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { chromium } from "playwright-core";
import { ARGS, CHROMIUM, RESULTS, shot, signIn, waitForCount, connectThroughPortal } from "./helpers.mjs";
import { startServer } from "./server.mjs";

/** @type {import("./server.mjs").Server} */
let server;
/** @type {import("playwright-core").Browser} */
let browser;

/** The two sizes every page is seen at. */
const SIZES = [
  { name: "desktop", width: 1366, height: 860 },
  { name: "phone", width: 390, height: 844 },
];

/** What the test measured, written to test-results/pages-measurements.json. */
/** @type {Record<string, unknown>} */
const measured = {};

before(async () => {
  mkdirSync(RESULTS, { recursive: true });
  server = await startServer({ resultsDir: RESULTS, logName: "server-pages.log" });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});

after(async () => {
  writeFileSync(`${RESULTS}pages-measurements.json`, JSON.stringify(measured, null, 2));
  await browser?.close();
  await server?.stop();
});

/**
 * How much wider than the window the document is, and the widest elements that stick out.
 * @param {import("playwright-core").Page} page
 */
async function overflow(page) {
  /** @type {{ scrollWidth: number, innerWidth: number, sticking: string[] }} */
  const o = await page.evaluate(`(() => {
    const sticking = [...document.querySelectorAll("body *")]
      .map((el) => ({ el, right: el.getBoundingClientRect().right }))
      .filter((x) => x.right > window.innerWidth + 0.5)
      .slice(0, 5)
      .map((x) => x.el.tagName.toLowerCase() + "." + x.el.className + " right=" + Math.round(x.right));
    return { scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth, sticking };
  })()`);
  return o;
}

/** What has the focus: its role (or tag) and text. @param {import("playwright-core").Page} page @returns {Promise<string>} */
const focused = (page) => page.evaluate(`(() => { const el = document.activeElement; return (el.getAttribute("role") ?? el.tagName.toLowerCase()) + ": " + (el.getAttribute("aria-label") ?? el.textContent.trim().slice(0, 40)); })()`);

/**
 * Screenshot and axe check of the page, and on the phone no horizontal overflow.
 * @param {import("playwright-core").Page} page @param {{ name: string, width: number }} size @param {string} name
 * @param {{ audit?: boolean }} [opts]
 */
async function check(page, size, name, opts) {
  const o = await overflow(page);
  measured[`${size.name}/${name}`] = { scrollWidth: o.scrollWidth, innerWidth: o.innerWidth };
  await shot(page, `pages-${size.name}-${name}`, opts);
  if (size.name === "phone") assert.ok(o.scrollWidth <= o.innerWidth, `${name} at ${size.width} px is ${o.scrollWidth} px wide: ${o.sticking.join("; ")}`);
}

/**
 * Connects a directory through the setup wizard and the emulator's Admin Portal,
 * and runs one sync, so every Directory Sync page has something to show.
 * @param {import("playwright-core").Page} page
 */
async function connectAndSync(page) {
  await page.goto(`${server.baseURL}/settings/directory-sync`);
  await connectThroughPortal(page);
  await page.getByRole("button", { name: "Sync now" }).click();
  await page.getByRole("status", { name: "Run result" }).waitFor({ timeout: 120_000 });
}

describe("Every page at laptop and phone size", { timeout: 600_000 }, () => {
  test("the sign-in page", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.goto(`${server.baseURL}/sign-in`);
        await page.getByRole("button", { name: /Ada Admin/ }).waitFor();
        await check(page, size, "sign-in");
      }
    } finally {
      await context.close();
    }
  });

  test("an admin's pages", async () => {
    const { context, page } = await signIn(browser, server.baseURL, /Ada Admin/);
    try {
      // Before a directory is connected: the setup wizard.
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.goto(`${server.baseURL}/settings/directory-sync`);
        await page.getByRole("heading", { name: "Connect your directory" }).waitFor();
        await check(page, size, "setup");
      }
      await page.setViewportSize(SIZES[0]);
      await connectAndSync(page);
      await page.goto(`${server.baseURL}/settings/directory-sync/history`);
      const runLink = page.getByRole("link", { name: /Open the run of/ }).first();
      await runLink.waitFor();
      const runPath = (await runLink.getAttribute("href")) ?? "";
      assert.match(runPath, /^\/settings\/directory-sync\/history\/./);

      /** @type {{ name: string, path: string, ready: (p: import("playwright-core").Page) => Promise<void>, audit?: boolean }[]} */
      const pages = [
        { name: "people", path: "/people", ready: async (p) => void (await waitForCount(p, (n) => n > 0)) },
        { name: "people-filtered", path: "/people?status=all", ready: async (p) => void (await waitForCount(p, (n) => n > 0)) },
        { name: "directory-status", path: "/settings/directory-sync", ready: (p) => p.getByRole("button", { name: "Sync now" }).waitFor() },
        { name: "directory-users", path: "/settings/directory-sync/users", ready: (p) => p.locator("tr[data-directory-user]").first().waitFor() },
        { name: "mapping", path: "/settings/directory-sync/mapping", ready: (p) => p.getByRole("heading", { name: "Field mapping" }).waitFor() },
        { name: "schedule", path: "/settings/directory-sync/schedule", ready: (p) => p.getByRole("heading", { name: /Schedule/ }).waitFor() },
        { name: "history", path: "/settings/directory-sync/history", ready: (p) => p.getByRole("link", { name: /Open the run of/ }).first().waitFor() },
        { name: "run", path: runPath, ready: (p) => p.locator("#run-title").waitFor() },
        { name: "notifications", path: "/settings/directory-sync/notifications", ready: (p) => p.getByRole("heading", { name: "Notifications" }).waitFor() },
        { name: "offices", path: "/settings/offices", ready: (p) => p.getByRole("list", { name: "Offices" }).waitFor() },
        { name: "not-found", path: "/no-such-page", ready: (p) => p.locator("h1").first().waitFor() },
      ];
      for (const size of SIZES) {
        await page.setViewportSize(size);
        for (const p of pages) {
          await page.goto(`${server.baseURL}${p.path}`);
          await p.ready(page);
          // Let late layout (fonts, lazy panels) settle before measuring.
          await page.waitForLoadState("networkidle");
          await check(page, size, p.name, { audit: p.audit });
        }
      }
    } catch (e) {
      await shot(page, "99-pages-failure", { audit: false }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  });

  test("People on a phone: first result on the first screen, filters in a drawer, chips, cards", async () => {
    const { context, page } = await signIn(browser, server.baseURL, /Ada Admin/);
    try {
      await page.setViewportSize(SIZES[1]);
      await page.goto(`${server.baseURL}/people`);
      await waitForCount(page, (n) => n > 0);
      const first = page.locator("tbody tr").first();
      const box = await first.boundingBox();
      assert.ok(box, "the first result is laid out");
      measured["phone/people first result top"] = Math.round(box.y);
      assert.ok(box.y + 40 < SIZES[1].height, `the first result starts at ${box.y} px, within the first ${SIZES[1].height} px`);
      assert.ok(box.x >= 0 && box.x + box.width <= SIZES[1].width, "the first result card fits the width");
      assert.equal(await page.getByRole("complementary", { name: "Filters" }).count(), 0, "no side panel on a phone");
      // What the phone shows without scrolling.
      await page.screenshot({ path: `${RESULTS}pages-phone-people-first-screen.png` });

      // The drawer: focus moves in, a facet value filters, Escape closes and focus returns.
      const opener = page.getByRole("button", { name: /^Filters/ });
      await opener.click();
      const drawer = page.getByRole("dialog", { name: "Filters" });
      await drawer.waitFor();
      assert.match(await focused(page), /^dialog: /, "focus moves into the drawer");
      await check(page, SIZES[1], "people-drawer");
      await page.screenshot({ path: `${RESULTS}pages-phone-people-drawer-first-screen.png` });
      const dept = drawer.locator("#facet-departments input[type=checkbox]").first();
      const deptLabel = ((await drawer.locator("#facet-departments .facet-label").first().textContent()) ?? "").trim();
      await dept.click();
      await page.waitForURL((u) => u.searchParams.get("department") === deptLabel);
      await page.keyboard.press("Escape");
      await drawer.waitFor({ state: "detached" });
      assert.equal(await focused(page), "button: Filters (1)", "focus returns to Filters");

      // The chip of the filter removes it.
      const chips = page.getByRole("group", { name: "Active filters" });
      await chips.getByRole("button", { name: `Remove filter Department: ${deptLabel}` }).waitFor();
      await waitForCount(page, (n) => n > 0);
      await check(page, SIZES[1], "people-chips");
      await chips.getByRole("button", { name: `Remove filter Department: ${deptLabel}` }).click();
      await page.waitForURL((u) => !u.searchParams.has("department"));

      // An office lands in the URL by slug, not by id.
      await page.getByRole("button", { name: /^Filters/ }).click();
      await drawer.locator("#facet-offices input[type=checkbox]").first().click();
      await page.waitForURL((u) => u.searchParams.has("office"));
      const office = new URL(page.url()).searchParams.get("office") ?? "";
      assert.match(office, /^[\p{L}\p{N}]+(-[\p{L}\p{N}]+)*$/u, `office ${office} is a slug`);
      await page.keyboard.press("Escape");
    } catch (e) {
      await shot(page, "99-pages-phone-failure", { audit: false }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  });

  test("Directory users on a phone: the Assigned switch is on screen", async () => {
    const { context, page } = await signIn(browser, server.baseURL, /Ada Admin/);
    try {
      await page.setViewportSize(SIZES[1]);
      await page.goto(`${server.baseURL}/settings/directory-sync/users`);
      const sw = page.locator("tr[data-directory-user]").first().getByRole("switch");
      await sw.waitFor();
      await sw.scrollIntoViewIfNeeded();
      const box = await sw.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= SIZES[1].width, `the switch is within the ${SIZES[1].width} px width (${JSON.stringify(box)})`);
      measured["phone/directory-users switch x"] = box && Math.round(box.x);
      await page.screenshot({ path: `${RESULTS}pages-phone-directory-users-first-screen.png` });
    } finally {
      await context.close();
    }
  });

  test("the API playground", async () => {
    const { context, page } = await signIn(browser, server.baseURL, /Ada Admin/);
    try {
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.goto(`${server.baseURL}/playground`);
        await page.locator(".graphiql-container").waitFor();
        // GraphiQL is third-party: screenshot and width only, as admin.test.mjs does.
        const o = await overflow(page);
        measured[`${size.name}/playground`] = { scrollWidth: o.scrollWidth, innerWidth: o.innerWidth };
        await shot(page, `pages-${size.name}-playground`, { audit: false });
      }
    } finally {
      await context.close();
    }
  });
});

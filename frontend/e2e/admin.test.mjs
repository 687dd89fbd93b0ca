// @ts-check
// The admin's day: GraphiQL served from the binary (offline, signed in with the app's
// token) and the Offices page.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { chromium } from "playwright-core";
import { ARGS, CHROMIUM, RESULTS, shot, signIn } from "./helpers.mjs";
import { startServer } from "./server.mjs";

/** @type {import("./server.mjs").Server} */
let server;
/** @type {import("playwright-core").Browser} */
let browser;

before(async () => {
  mkdirSync(RESULTS, { recursive: true });
  server = await startServer({ resultsDir: RESULTS, logName: "server-admin.log" });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe("The admin's day", { timeout: 180_000 }, () => {
  test("an admin opens it from the app and runs the Power Search example offline", async () => {
    const { context, page } = await signIn(browser, server.baseURL, /Ada Admin|admin@acme/i);
    /** @type {string[]} */
    const leftTheMachine = [];
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
      leftTheMachine.push(url.href);
      return route.abort();
    });
    try {
      await page.getByRole("link", { name: "API playground" }).click();
      await page.waitForURL(/\/playground$/);
      await page.locator(".graphiql-container").waitFor();
      await page.getByRole("button", { name: /Execute query/ }).click();
      const result = page.locator(".result-window");
      await result.getByText('"totalCount"').waitFor();
      const text = (await result.textContent()) ?? "";
      assert.match(text, /"totalCount":\s*[1-9]/, "the example finds people on the demo data");
      assert.doesNotMatch(text, /UNAUTHENTICATED/, "the app's token is prefilled");
      await shot(page, "playground", { audit: false });
      assert.deepEqual(leftTheMachine, [], "nothing is loaded from outside the machine");
    } finally {
      await context.close();
    }
  });

  test("an admin creates, renames, aliases and deletes an office", async () => {
    const { context, page } = await signIn(browser, server.baseURL, /Ada Admin/);
    try {
      await page.getByRole("link", { name: "Settings" }).click();
      await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Offices" }).click();
      await page.waitForURL(/\/settings\/offices$/);
      const list = page.getByRole("list", { name: "Offices" });
      await list.waitFor();
      const before = await list.getByRole("listitem").count();
      assert.ok(before > 0, "the demo company has offices");

      await page.getByLabel("New office name").fill("Sydney");
      await page.locator("#new-office-aliases").fill("SYD, Sydney HQ");
      await page.getByRole("button", { name: "Create office" }).click();
      await page.getByRole("status").getByText("Created Sydney.").waitFor();
      await shot(page, "offices");

      const sydney = list.getByRole("listitem", { name: "Sydney", exact: true });
      await sydney.getByText("0 people").waitFor();
      await sydney.getByLabel("Name").fill("Sydney CBD");
      await sydney.getByLabel(/aliases/).fill("SYD");
      await sydney.getByRole("button", { name: "Save" }).click();
      await page.getByRole("status").getByText("Saved Sydney CBD.").waitFor();

      const used = list.getByRole("listitem").filter({ hasNot: page.getByText("0 people", { exact: true }) }).first();
      assert.ok(await used.getByRole("button", { name: "Delete" }).isDisabled(), "an office people are in cannot be deleted");

      page.once("dialog", (d) => d.accept());
      await list.getByRole("listitem", { name: "Sydney CBD", exact: true }).getByRole("button", { name: "Delete" }).click();
      await page.getByRole("status").getByText("Deleted Sydney CBD.").waitFor();
      // The list refetches after the status says so: wait for the row to go.
      await list.getByRole("listitem", { name: "Sydney CBD", exact: true }).waitFor({ state: "detached" });
      assert.equal(await list.getByRole("listitem").count(), before);
    } finally {
      await context.close();
    }
  });
});

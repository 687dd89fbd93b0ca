// @ts-check
// GraphiQL at /playground is served from the binary: it renders and runs a query with
// every request that leaves the machine blocked, signed in with the app's token.
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
  server = await startServer({ resultsDir: RESULTS, logName: "server-playground.log" });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe("GraphQL playground", { timeout: 120_000 }, () => {
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
});

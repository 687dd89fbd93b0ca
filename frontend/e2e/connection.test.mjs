// @ts-check
// Connection management in real headless Chromium against `dirsync dev`: the setup link
// handed to the IT admin, a provider other than the one chosen, Disconnect and Reconnect,
// and the audit log saying what happened.
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
  server = await startServer({ resultsDir: RESULTS, demoUsers: 50, logName: "server-connection.log" });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe("Connection management", { timeout: 240_000 }, () => {
  test("an admin copies the setup link, sees the provider the IT admin chose, disconnects and reconnects", async () => {
    const { context, page } = await signIn(browser, server.baseURL, /Ada Admin/);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.baseURL });
    try {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
      await page.getByRole("button", { name: "Set up Directory Sync" }).click();
      await page.getByRole("radio", { name: /Okta/ }).first().check();
      await page.getByRole("button", { name: "Continue" }).click();

      // The portal step: which provider to choose there, and the link for the IT admin.
      await page.getByText(/In the Admin Portal, choose Okta/).waitFor();
      await page.getByRole("button", { name: "Copy setup link" }).click();
      await page.getByRole("status").getByText(/Setup link copied/).waitFor();
      await shot(page, "connection-01-setup-link");
      /** @type {string} */
      const copied = await page.evaluate("navigator.clipboard.readText()");
      const href = (await page.getByRole("link", { name: "Open the Admin Portal" }).getAttribute("href")) ?? "";
      assert.equal(copied, href, "the copied link is the portal link");
      assert.match(copied, /\/portal\/setup\?token=/);

      // The IT admin opens the copied link and picks another provider there.
      await page.goto(copied);
      await page.selectOption("#provider", "generic scim v2.0");
      await page.getByRole("button", { name: "Complete setup" }).click();
      await page.waitForURL(/\/settings\/directory-sync/);
      await page.getByRole("button", { name: "Sync now" }).waitFor({ timeout: 60_000 });
      await page.getByRole("note").getByText(/You chose Okta when you started the setup/).waitFor();

      // Disconnect, after the confirmation.
      await page.getByRole("button", { name: "Disconnect", exact: true }).click();
      const dialog = page.getByRole("alertdialog");
      await dialog.getByText("Nobody is inactivated.", { exact: false }).waitFor();
      await shot(page, "connection-02-confirm-disconnect");
      await dialog.getByRole("button", { name: "Disconnect and stop syncing" }).click();
      await page.getByRole("heading", { name: "Directory Sync is disconnected" }).waitFor();
      await shot(page, "connection-03-disconnected");

      // Reconnect the same directory.
      await page.getByRole("button", { name: /^Reconnect / }).click();
      await page.getByRole("button", { name: "Sync now" }).waitFor({ timeout: 60_000 });

      // The audit log says what happened.
      await page.getByRole("link", { name: "Sync history" }).click();
      const activity = page.getByRole("region", { name: "Recent activity" });
      await activity.getByText(/Disconnected the directory/).waitFor();
      await activity.getByText(/Connected the directory/).first().waitFor();
    } finally {
      await context.close();
    }
  });
});

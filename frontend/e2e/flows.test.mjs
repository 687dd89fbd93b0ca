// @ts-check
// The admin's day, end to end in headless Chromium against `dirsync dev`: the first sync
// links demo people by email, an unmatched office is fixed from the mapping preview, Sync
// now while a dry run is active is queued behind it (and says so), and a connected
// directory still syncs after the dev server restarted on the same data dir.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { chromium } from "playwright-core";
import { ARGS, CHROMIUM, RESULTS, VIEWPORTS, gql, shot, shots, signIn } from "./helpers.mjs";
import { startServer } from "./server.mjs";

/** @type {import("./server.mjs").Server} */
let server;
/** @type {import("playwright-core").Browser} */
let browser;

before(async () => {
  mkdirSync(RESULTS, { recursive: true });
  server = await startServer({ resultsDir: RESULTS, demoUsers: 300, logName: "flows-server.log" });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * Sets the emulator's faults of the company's directory (the control API).
 * @param {import("playwright-core").Page} page @param {object} faults
 */
async function setFaults(page, faults) {
  const conn = await gql(page, "{ directorySync { connection { directoryId } } }");
  const dirID = conn.data.directorySync.connection.directoryId;
  const res = await fetch(`${server.baseURL}/workos-emulator/_emulator/directories/${dirID}/faults`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(faults),
  });
  assert.equal(res.status, 200, await res.text());
}

/** @param {import("playwright-core").Page} page */
const dsNav = (page) => page.getByRole("navigation", { name: "Directory Sync" });

/**
 * Opens Directory Sync; the first time, sets up a directory in the emulator's Admin Portal
 * and runs the first sync, which links the demo people the directory shares with Acme Corp.
 * @param {import("playwright-core").Page} page
 */
async function connected(page) {
  await page.goto(`${server.baseURL}/settings/directory-sync`);
  const setUp = page.getByRole("button", { name: "Set up Directory Sync" });
  const syncNow = page.getByRole("button", { name: "Sync now" });
  await setUp.or(syncNow).first().waitFor();
  if (await syncNow.isVisible()) return;
  await setUp.click();
  const okta = page.getByRole("radio", { name: /Okta/ }).first();
  await okta.check();
  const providerType = await okta.getAttribute("value");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("link", { name: "Open the Admin Portal" }).click();
  await page.waitForURL(/\/workos-emulator\/portal\//);
  if (providerType) await page.selectOption("#provider", providerType);
  await page.getByRole("button", { name: "Complete setup" }).click();
  await page.waitForURL(/\/settings\/directory-sync/);
  await syncNow.waitFor({ timeout: 60_000 });
  await syncNow.click();
  const result = page.getByRole("status", { name: "Run result" }).filter({ hasText: "Succeeded" });
  await result.waitFor({ timeout: 120_000 });
  // Two in five of the portal directory's 25 users are Acme Corp people already in the app.
  assert.match((await result.textContent()) ?? "", /25 directory users read: 15 created, 10 updated/);
}

describe("The admin's day: flows", { timeout: 600_000 }, () => {
  test("an admin fixes an unmatched office from the mapping preview and the preview shows it matched", async () => {
    const { context, page } = await signIn(browser, server.baseURL, /Ada Admin/);
    await page.setViewportSize(/** @type {{ width: number, height: number }} */ (VIEWPORTS[0]));
    try {
      await connected(page);
      await dsNav(page).getByRole("link", { name: "Field mapping", exact: true }).click();
      await page.getByRole("heading", { name: "Field mapping" }).waitFor();
      // The picker speaks names, not JSON Pointer: search "office", pick "Office name", see its pointer.
      const officeSearch = page.getByLabel("Search attributes for Office");
      if ((await officeSearch.count()) > 0) await officeSearch.fill("office");
      const office = page.getByLabel("Office", { exact: true });
      const labels = await office.locator("option").allTextContents();
      assert.ok(labels.some((l) => /^Office name · \d+%$/.test(l)), `a friendly option among ${labels.join(", ")}`);
      assert.ok(labels.every((l) => !l.startsWith("/")), "no option is a raw pointer");
      await office.selectOption("/custom_attributes/office_name");
      await page.locator("code", { hasText: "/custom_attributes/office_name" }).first().waitFor();
      const preview = page.getByRole("table", { name: "Mapping preview" });
      const fixes = page.getByRole("list", { name: "Office values that match no office" });
      await fixes.waitFor();
      const item = fixes.getByRole("listitem").first();
      const value = ((await item.locator("strong").first().textContent()) ?? "").trim();
      assert.ok(value !== "", "the preview names an office value that matches no office");
      const unmatchedCell = preview.getByRole("cell", { name: `${value} (no match)`, exact: true });
      assert.ok((await unmatchedCell.count()) > 0, `the preview shows ${value} unmatched`);
      await shots(page, "flows-01-preview-unmatched-office");

      await item.getByRole("button", { name: `Create office ${value}`, exact: true }).click();
      await page.getByRole("status").filter({ hasText: `Created the office ${value}.` }).waitFor();
      await unmatchedCell.first().waitFor({ state: "detached" });
      assert.ok((await preview.getByRole("cell", { name: value, exact: true }).count()) > 0, `the preview shows ${value} matched`);
      assert.equal(await page.getByRole("button", { name: `Create office ${value}`, exact: true }).count(), 0, `${value} is no longer offered a fix`);
      await shots(page, "flows-02-preview-office-created");

      // The office exists for the rest of the app.
      const offices = await gql(page, "{ offices { name } }");
      assert.ok(offices.data.offices.some((/** @type {{ name: string }} */ o) => o.name === value));
      await page.getByRole("button", { name: "Save mapping" }).click();
      await page.getByText(/Mapping saved/).waitFor();

      // The dry run lists the other unmatched offices as issues; fixing one there runs the
      // dry run again, which matches it, and the preview matches it too.
      const dryRun = page.getByRole("region", { name: "Dry run" });
      await dryRun.getByRole("button", { name: "Run a dry run" }).click();
      const firstResult = dryRun.getByRole("status", { name: "Run result" }).filter({ hasText: "Dry run Succeeded" });
      await firstResult.waitFor({ timeout: 120_000 });
      await firstResult.locator("summary").filter({ hasText: /issues?$/ }).click();
      const group = dryRun.locator(".issue-group-title").filter({ hasText: "unmatched office" }).first();
      await group.waitFor();
      const other = ((await group.locator("strong").textContent()) ?? "").replace(/\s*·\s*$/, "").trim();
      assert.ok(other !== "" && other !== value, `the dry run names another unmatched office (${other})`);
      assert.ok((await preview.getByRole("cell", { name: `${other} (no match)`, exact: true }).count()) > 0, `the preview shows ${other} unmatched`);
      await shots(page, "flows-02b-dry-run-unmatched-office");
      await dryRun.getByRole("button", { name: `Create office ${other}`, exact: true }).click();
      await dryRun.getByRole("status").filter({ hasText: `Created the office ${other}. The dry run runs again with it.` }).waitFor();
      // The changes show once the new dry run finished (the note hid the old ones).
      await dryRun.getByRole("region", { name: "What the next sync would change" }).waitFor({ timeout: 120_000 });
      const rerun = dryRun.getByRole("status", { name: "Run result" }).filter({ hasText: "Dry run Succeeded" });
      // Other directory offices still match no office, so the new run has issues to open.
      await rerun.locator("summary").filter({ hasText: /issues?$/ }).click();
      await dryRun.locator(".issue-group-title").filter({ hasText: "unmatched office" }).first().waitFor();
      assert.equal(await dryRun.locator(".issue-group-title").filter({ hasText: `${other} · unmatched office` }).count(), 0, `the dry run matches ${other}`);
      assert.equal(await preview.getByRole("cell", { name: `${other} (no match)`, exact: true }).count(), 0, `the preview matches ${other}`);
      await shots(page, "flows-02c-dry-run-office-created");
    } catch (e) {
      await shot(page, "flows-99-office-failure", { audit: false }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  });

  test("Sync now while a dry run is active is queued after it, says so, and then runs", async () => {
    const { context, page } = await signIn(browser, server.baseURL, /Ada Admin/);
    await page.setViewportSize(/** @type {{ width: number, height: number }} */ (VIEWPORTS[0]));
    try {
      await connected(page);
      // A slow directory keeps the dry run active while the admin clicks Sync now.
      await setFaults(page, { latency: "2s" });
      await dsNav(page).getByRole("link", { name: "Field mapping", exact: true }).click();
      await page.getByRole("button", { name: "Run a dry run" }).click();
      await page.getByRole("button", { name: "Dry run in progress…" }).waitFor();

      await dsNav(page).getByRole("link", { name: "Status", exact: true }).click();
      await page.getByRole("button", { name: "Sync now" }).click();
      await page.getByText("Queued: starts after the current dry run").waitFor();
      assert.ok(await page.getByRole("button", { name: "Queued…" }).isDisabled(), "Sync now waits while queued");
      await shots(page, "flows-03-sync-now-queued");

      await setFaults(page, {});
      const result = page.getByRole("status", { name: "Run result" });
      await result.filter({ hasText: "Succeeded" }).waitFor({ timeout: 120_000 });
      await page.locator("dd").filter({ hasText: "Succeeded · Sync now" }).waitFor();
      const runs = await gql(page, "{ directorySync { runs(first: 2) { edges { node { trigger status dryRun } } } } }");
      assert.deepEqual(
        runs.data.directorySync.runs.edges.map((/** @type {any} */ e) => `${e.node.trigger} ${e.node.status}`),
        ["MANUAL SUCCEEDED", "DRY_RUN SUCCEEDED"],
        "the queued Sync now ran after the dry run",
      );
      await shots(page, "flows-04-sync-now-done");
    } catch (e) {
      await shot(page, "flows-99-queued-failure", { audit: false }).catch(() => undefined);
      throw e;
    } finally {
      await setFaults(page, {}).catch(() => undefined);
      await context.close();
    }
  });

  test("after dirsync dev restarts on the same data dir, the directory is still connected and Sync now succeeds", async () => {
    const { context, page } = await signIn(browser, server.baseURL, /Ada Admin/);
    await page.setViewportSize(/** @type {{ width: number, height: number }} */ (VIEWPORTS[0]));
    try {
      await connected(page);
      const before = await gql(page, "{ directorySync { connection { directoryId name } } }");

      await server.restart();
      await page.goto(`${server.baseURL}/settings/directory-sync`);
      const syncNow = page.getByRole("button", { name: "Sync now" });
      await syncNow.waitFor({ timeout: 60_000 });
      const after = await gql(page, "{ directorySync { connection { directoryId name stateLabel } } }");
      assert.equal(after.data.directorySync.connection.directoryId, before.data.directorySync.connection.directoryId);
      await page.locator("dd").filter({ hasText: before.data.directorySync.connection.name }).waitFor();
      await page.locator(".badge").filter({ hasText: "Linked" }).first().waitFor();
      await shots(page, "flows-05-after-restart");

      await syncNow.click();
      await page.getByRole("status", { name: "Run result" }).filter({ hasText: "Succeeded" }).waitFor({ timeout: 120_000 });
      await shots(page, "flows-06-sync-after-restart");
    } catch (e) {
      await shot(page, "flows-99-restart-failure", { audit: false }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  });
});

// @ts-check
// End-to-end test in real headless Chromium against `dirsync dev`: WorkOS's raw_attributes
// deprecation reaches a directory whose mapping reads /job_title. The mapping editor warns,
// the sync that would blank every job title waits for review saying which field, and a
// newer held run supersedes the older one.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { chromium } from "playwright-core";
import { ARGS, CHROMIUM, RESULTS, connectThroughPortal, gql, pickAttribute, shot, signIn } from "./helpers.mjs";
import { startServer } from "./server.mjs";

/** @type {import("./server.mjs").Server} */
let server;
/** @type {import("playwright-core").Browser} */
let browser;

before(async () => {
  mkdirSync(RESULTS, { recursive: true });
  server = await startServer({ resultsDir: RESULTS, demoUsers: 20, logName: "guard-server.log" });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe("WorkOS raw_attributes deprecation", { timeout: 240_000 }, () => {
  test("an admin sees the mapping warning, and the blanking run held for review with its field", async () => {
    const { context, page } = await signIn(browser, server.baseURL, /Ada Admin/);
    const dsNav = () => page.getByRole("navigation", { name: "Directory Sync" });
    try {
      // Set up a directory that still serves legacy payloads (job_title filled).
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
      await connectThroughPortal(page, { inPortal: (p) => p.selectOption("#raw_attributes", "legacy").then(() => undefined) });

      // Map the job title from the top-level /job_title and sync.
      await dsNav().getByRole("link", { name: "Field mapping", exact: true }).click();
      await page.getByRole("heading", { name: "Field mapping" }).waitFor();
      await pickAttribute(page, "Job title", [/^\/job_title$/]);
      await page.getByRole("button", { name: "Save mapping" }).click();
      await page.getByText(/Mapping saved/).waitFor();
      assert.equal(await page.getByRole("status", { name: "Mapping warnings" }).count(), 0, "legacy payloads fill /job_title");
      await dsNav().getByRole("link", { name: "Status", exact: true }).click();
      await page.getByRole("button", { name: "Sync now" }).click();
      const result = page.getByRole("status", { name: "Run result" });
      await result.filter({ hasText: "Succeeded" }).waitFor({ timeout: 120_000 });

      // WorkOS stops filling raw_attributes, job_title and username (the emulator's control API).
      const conn = await gql(page, "{ directorySync { connection { directoryId } } }");
      const dirID = conn.data.directorySync.connection.directoryId;
      const patched = await fetch(`${server.baseURL}/workos-emulator/_emulator/directories/${dirID}`, {
        method: "PATCH",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ raw_attributes: "empty" }),
      });
      assert.equal(patched.status, 200, await patched.text());

      // The next sync would blank every job title: it waits for review and says so.
      await page.reload();
      await page.getByRole("button", { name: "Sync now" }).click();
      await result.filter({ hasText: "Needs review" }).waitFor({ timeout: 120_000 });
      assert.match((await result.textContent()) ?? "", /clear job title for all \d+ users who have one/);
      await shot(page, "40-blanking-held");

      // The mapping editor warns about the saved mapping.
      await dsNav().getByRole("link", { name: "Field mapping", exact: true }).click();
      const warnings = page.getByRole("status", { name: "Mapping warnings" });
      await warnings.waitFor();
      assert.match((await warnings.textContent()) ?? "", /Job title.*\/job_title.*none of the \d+ active directory users has a value/s);
      await shot(page, "41-mapping-warning");

      // A second sync holds again and supersedes the first: only the newest asks for review.
      await dsNav().getByRole("link", { name: "Status", exact: true }).click();
      await page.getByRole("button", { name: "Sync now" }).click();
      await page.getByRole("status", { name: "Run result" }).filter({ hasText: "Needs review" }).waitFor({ timeout: 120_000 });
      await dsNav().getByRole("link", { name: "Sync history", exact: true }).click();
      const history = page.getByRole("table");
      await history.getByText("Superseded").waitFor();
      assert.equal(await page.getByRole("button", { name: "Review" }).count(), 1, "one held run asks for review");
      await page.getByRole("button", { name: "Review" }).click();
      const review = page.getByRole("region", { name: "Review the held run" });
      await review.getByText(/the run would clear job title for all \d+ users who have one/).waitFor();
      const cleared = review.getByRole("region", { name: "Users whose fields this run would change or clear" });
      await cleared.getByText("Job title", { exact: true }).first().waitFor();
      await shot(page, "42-review-cleared-field");
      await review.getByRole("button", { name: "Reject" }).click();
      await review.waitFor({ state: "detached" });
      await history.getByText("Rejected").waitFor();
    } catch (e) {
      await shot(page, "99-guard-failure", { audit: false }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  });
});

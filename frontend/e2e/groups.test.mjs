// @ts-check
// The mapping editor's Groups section against `dirsync dev` and its emulated directory: an
// admin adds a tag field from groups, picks tag groups and a sync-only group, saves, reloads
// and sees them, on a laptop and a phone.
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
  server = await startServer({ resultsDir: RESULTS, logName: "server-groups.log" });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * Calls the API as the signed-in user of page.
 * @param {import("playwright-core").Page} page @param {string} query
 */
async function gql(page, query) {
  const token = await page.evaluate("localStorage.getItem('dirsync.token')");
  const res = await fetch(`${server.baseURL}/graphql`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = /** @type {any} */ (await res.json());
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

/**
 * Fails when the page is wider than its viewport (a horizontal scroll bar).
 * @param {import("playwright-core").Page} page @param {string} what
 */
async function assertNoHorizontalOverflow(page, what) {
  const { scroll, client } = /** @type {{ scroll: number, client: number }} */ (
    await page.evaluate("({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })")
  );
  assert.ok(scroll <= client, `${what}: the page is ${scroll}px wide in a ${client}px viewport`);
}

/**
 * In the group picker named legend, searches text and ticks the group named name.
 * @param {import("playwright-core").Page} page @param {string} legend @param {string} text @param {string} name
 */
async function pickGroup(page, legend, text, name) {
  const picker = page.getByRole("group", { name: legend, exact: true });
  await picker.getByLabel("Search groups").fill(text);
  const box = picker.getByRole("checkbox", { name: new RegExp(`^${name} \\(\\d+ members?\\)$`) });
  await box.check();
  await picker.getByRole("list", { name: `Chosen groups: ${legend}` }).getByText(name, { exact: true }).waitFor();
  await picker.getByRole("button", { name: "Done" }).click();
}

describe("Directory groups in the mapping editor", { timeout: 300_000 }, () => {
  test("an admin makes groups tags, syncs only members of a group, saves, reloads and sees the rules", async () => {
    const { context, page } = await signIn(browser, server.baseURL, /Ada Admin/);
    try {
      // Connect the emulated directory through the setup wizard and its Admin Portal.
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
      await page.getByRole("button", { name: "Set up Directory Sync" }).click();
      const okta = page.getByRole("radio", { name: /Okta/ }).first();
      await okta.check();
      const providerType = await okta.getAttribute("value");
      await page.getByRole("button", { name: "Continue" }).click();
      await page.getByRole("link", { name: "Open the Admin Portal" }).click();
      await page.waitForURL(/\/workos-emulator\/portal\//);
      if (providerType) await page.selectOption("#provider", providerType).catch(() => undefined);
      await page.getByRole("button", { name: "Complete setup" }).click();
      await page.waitForURL(/\/settings\/directory-sync/);

      // The first pull after setup mirrors the directory's groups (one per department).
      let groups = [];
      for (let i = 0; i < 240 && groups.length === 0; i++) {
        groups = (await gql(page, "{ directorySync { groups(first: 100) { edges { node { id name memberCount } } } } }")).directorySync.groups.edges.map(
          (/** @type {any} */ e) => e.node,
        );
        if (groups.length === 0) await page.waitForTimeout(500);
      }
      const names = groups.map((/** @type {any} */ g) => g.name);
      for (const n of ["Engineering", "Product", "Sales"]) assert.ok(names.includes(n), `the demo directory has the group ${n} (${names.join(", ")})`);

      await page.setViewportSize({ width: 1366, height: 860 });
      await page.getByRole("navigation", { name: "Directory Sync" }).getByRole("link", { name: "Field mapping", exact: true }).click();
      await page.getByRole("heading", { name: "Field mapping" }).waitFor();
      const startedAt = performance.now();

      // A tag field whose values are the user's groups.
      await page.getByRole("button", { name: "Add a tag field from groups" }).click();
      const field = page.getByRole("group", { name: "Tag field 1", exact: true });
      await field.getByLabel("Name").fill("Teams");
      assert.equal(await field.getByLabel("Values from").inputValue(), "groups");

      // The three rules: chosen tag groups, sync only members of, company administrators from a group.
      const section = page.getByRole("group", { name: "Groups", exact: true });
      await section.getByRole("radio", { name: "Only the groups I choose" }).check();
      await pickGroup(page, "Groups that become tags", "eng", "Engineering");
      await pickGroup(page, "Groups that become tags", "prod", "Product");
      await pickGroup(page, "Sync only members of", "sal", "Sales");
      await pickGroup(page, "Company administrators are members of", "eng", "Engineering");
      await page.getByText("Unsaved changes").waitFor();
      // The live preview applies the draft's rules before saving: each sample user's chosen groups
      // as tags, and a role for everyone (the editor previews the first 10 directory users).
      const preview = page.getByRole("table", { name: "Mapping preview" });
      await preview.getByRole("columnheader", { name: "Role" }).waitFor();
      const samples = (await gql(page, "{ directorySync { directoryUsers(first: 10) { edges { node { groups { name } } } } } }"))
        .directorySync.directoryUsers.edges;
      const chosenTags = samples.flatMap((/** @type {any} */ e) => e.node.groups.map((/** @type {any} */ g) => g.name)).filter((/** @type {string} */ n) => n === "Engineering" || n === "Product");
      assert.deepEqual((await preview.locator(".group-tag").allTextContents()).sort(), chosenTags.sort(), "the preview's group tags");
      assert.equal(await preview.getByText(/^(Company administrator|Member)$/).count(), samples.length, "a role for each sample user");
      console.log(`the three rules took ${Math.round(performance.now() - startedAt)} ms of scripted input`);
      await section.scrollIntoViewIfNeeded();
      await shot(page, "groups-1366");

      // From the keyboard: a full-page screenshot just before can leave the page scrolling under a mouse click.
      await page.getByRole("button", { name: "Save mapping" }).focus();
      await page.keyboard.press("Enter");
      const status = page.getByRole("status").filter({ hasText: /Mapping saved/ });
      await status.waitFor();
      const focused = await page.evaluate("[document.activeElement?.getAttribute('role'), document.activeElement?.textContent]");
      assert.deepEqual(focused, ["status", await status.textContent()], "the focus is on the saved status");

      // Saved on the server, and shown again after a reload.
      const cfg = (await gql(page, "{ directorySync { configuration { mapping { tagFields { key label pointer fromGroups } } groupRules { allGroupsAsTags tagGroups { name } syncOnlyGroups { name } adminGroups { name } } } } }"))
        .directorySync.configuration;
      assert.deepEqual(cfg.mapping.tagFields, [{ key: "teams", label: "Teams", pointer: null, fromGroups: true }]);
      assert.deepEqual(cfg.groupRules, {
        allGroupsAsTags: false,
        tagGroups: [{ name: "Engineering" }, { name: "Product" }],
        syncOnlyGroups: [{ name: "Sales" }],
        adminGroups: [{ name: "Engineering" }],
      });

      await page.reload();
      await page.getByRole("heading", { name: "Field mapping" }).waitFor();
      assert.equal(await page.getByRole("group", { name: "Tag field 1", exact: true }).getByLabel("Name").inputValue(), "Teams");
      assert.ok(await page.getByRole("radio", { name: "Only the groups I choose" }).isChecked());
      const chosen = async (/** @type {string} */ legend) =>
        (await page.getByRole("list", { name: `Chosen groups: ${legend}` }).getByRole("listitem").allTextContents()).map((t) => t.replace(/\s*\(.*$/, ""));
      assert.deepEqual(await chosen("Groups that become tags"), ["Engineering", "Product"]);
      assert.deepEqual(await chosen("Sync only members of"), ["Sales"]);
      assert.deepEqual(await chosen("Company administrators are members of"), ["Engineering"]);
      assert.equal(await page.getByText("Unsaved changes").count(), 0, "the reloaded editor has no unsaved changes");

      // On a phone: no sideways scrolling, the group search included.
      await page.setViewportSize({ width: 390, height: 844 });
      await assertNoHorizontalOverflow(page, "the mapping editor at 390px");
      const picker = page.getByRole("group", { name: "Sync only members of", exact: true });
      await picker.getByLabel("Search groups").fill("e");
      await picker.getByText(/groups? contains? “e”/).waitFor();
      await picker.getByRole("list", { name: "Matching groups" }).waitFor();
      await assertNoHorizontalOverflow(page, "the open group search at 390px");
      await shot(page, "groups-390");
    } finally {
      await context.close();
    }
  });
});

// @ts-check
// End-to-end tests in real headless Chromium against `dirsync dev` on a fresh
// database. Run with `DIRSYNC_BIN=/abs/path/bin/dirsync npm run e2e`.
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { chromium } from "playwright-core";
import { ARGS, CHROMIUM, RESULTS, gql as gqlOf, pickAttribute, shot, signIn as signInWith, waitForCount } from "./helpers.mjs";
import { startServer } from "./server.mjs";

/** @type {import("./server.mjs").Server} */
let server;
/** @type {import("playwright-core").Browser} */
let browser;

before(async () => {
  mkdirSync(RESULTS, { recursive: true });
  for (const f of readdirSync(RESULTS)) if (f.endsWith(".png") || f.endsWith(".json")) rmSync(`${RESULTS}${f}`);
  server = await startServer({ resultsDir: RESULTS });
  // Playwright gives every launch a new, empty --user-data-dir of its own.
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Signs in as the demo user whose button name matches, in a new context. @param {RegExp} who */
const signIn = (who) => signInWith(browser, server.baseURL, who);

describe("OfficeTogether admin app", { timeout: 600_000 }, () => {
  test("a member searches and filters people", async () => {
    const { context, page } = await signIn(/Max Member/);
    try {
      const total = await waitForCount(page, (n) => n > 0);
      await shot(page, "01-people");

      // Keyset "load more".
      assert.ok(total > 50, "the demo company has more than one page of people");
      assert.equal(await page.locator("tbody tr").count(), 50);
      await page.getByRole("button", { name: /Load more/ }).click();
      await page.locator("tbody tr").nth(50).waitFor();
      const emails = await page.locator("tbody tr td:nth-child(2)").allTextContents();
      assert.equal(emails.length, Math.min(100, total), "two pages shown");
      assert.equal(new Set(emails).size, emails.length, "the second page continues the first without repeats");

      // Search as you type: three letters of the first person's name.
      const first = (await page.locator("tbody tr th").first().textContent()) ?? "";
      const q = first.trim().slice(0, 3);
      await page.getByLabel("Search people").fill(q);
      await page.waitForURL((u) => u.searchParams.get("q") === q);
      const found = await waitForCount(page, (n) => n > 0 && n < total);
      assert.ok(found < total, `searching "${q}" narrows ${total} people`);

      // A department facet filters the table and lands in the URL.
      await page.getByLabel("Search people").fill("");
      await page.waitForURL((u) => !u.searchParams.has("q"));
      await waitForCount(page, (n) => n === total);
      const dept = page.locator("#facet-departments input[type=checkbox]").first();
      const deptLabel = ((await page.locator("#facet-departments .facet-label").first().textContent()) ?? "").trim();
      // click, not check(): the box follows the URL, which React Router updates in a transition.
      await dept.click();
      await page.waitForURL((u) => u.searchParams.get("department") === deptLabel);
      const inDept = await waitForCount(page, (n) => n < total);
      const cells = await page.locator("tbody tr td:nth-child(4)").allTextContents();
      assert.ok(cells.length > 0 && cells.every((c) => c === deptLabel), `every row is in ${deptLabel}`);

      // A second facet (office) narrows further; counts in the panel follow.
      await page.locator("#facet-offices input[type=checkbox]").first().click();
      await page.waitForURL((u) => u.searchParams.has("office"));
      // The box follows the URL in a transition: wait for it to render checked.
      const officeChecked = page.locator("#facet-offices input[type=checkbox]:checked");
      await officeChecked.first().waitFor();
      assert.equal(await officeChecked.count(), 1);
      const inBoth = await waitForCount(page, (n) => n <= inDept);
      await shot(page, "02-people-filtered");

      // Back undoes the office filter; the link is shareable.
      await page.goBack();
      await page.waitForURL((u) => !u.searchParams.has("office") && u.searchParams.get("department") === deptLabel);
      await waitForCount(page, (n) => n === inDept);
      const shared = page.url();
      const other = await context.newPage();
      await other.goto(shared);
      await other.getByRole("heading", { name: "People", level: 1 }).waitFor();
      assert.equal(await waitForCount(other, (n) => n === inDept), inDept);
      const deptChecked = other.locator("#facet-departments input[type=checkbox]:checked");
      await deptChecked.first().waitFor();
      assert.equal(await deptChecked.count(), 1);
      assert.ok(inBoth <= inDept);

      // Empty state.
      await page.getByLabel("Search people").fill("zzzzqqq-nobody");
      await page.getByText("No one matches these filters.").waitFor();
      await shot(page, "03-people-empty");
    } finally {
      await context.close();
    }
  });

  test("a platform token in the URL signs in; an invalid one returns to sign-in with a message", async () => {
    const res = await fetch(`${server.baseURL}/dev/demo-users`);
    const users = /** @type {{ email: string, token: string }[]} */ (await res.json());
    const member = users.find((u) => u.email.startsWith("member@"));
    assert.ok(member, "the dev server offers the demo member");
    const context = await browser.newContext();
    context.setDefaultTimeout(20_000);
    try {
      const page = await context.newPage();
      await page.goto(`${server.baseURL}/people?q=a#token=${encodeURIComponent(member.token)}`);
      await page.getByRole("heading", { name: "People", level: 1 }).waitFor();
      assert.equal(new URL(page.url()).hash, "", "the token is stripped from the address bar");
      assert.equal(await page.getByLabel("Search people").inputValue(), "a");

      await page.evaluate('localStorage.setItem("dirsync.token", "expired-or-forged")');
      await page.reload();
      await page.getByRole("alert").filter({ hasText: "Your session has expired" }).waitFor();
      await shot(page, "00-session-expired");
    } finally {
      await context.close();
    }
  });

  test("a member cannot reach Directory Sync", async () => {
    const { context, page } = await signIn(/Max Member/);
    try {
      const nav = page.getByRole("navigation", { name: "Main" });
      assert.equal(await nav.getByRole("link", { name: "Settings" }).count(), 0, "no Settings tab for members");
      await page.goto(`${server.baseURL}/settings/directory-sync`);
      await page.getByText(/only company administrators/i).waitFor();
      await shot(page, "04-member-directory-sync");
    } finally {
      await context.close();
    }
  });

  test("an admin sets up a directory, maps fields, un-assigns a user, syncs and sees the result in People", async () => {
    const { context, page } = await signIn(/Ada Admin/);
    try {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
      await page.getByRole("heading", { name: "Connect your directory" }).waitFor();
      await shot(page, "05-setup-start");

      // Wizard: provider picker with setup minutes, then the Admin Portal link.
      await page.getByRole("button", { name: "Set up Directory Sync" }).click();
      const okta = page.getByRole("radio", { name: /Okta/ }).first();
      await okta.waitFor();
      assert.ok(await page.getByText(/min to set up/).count() > 0, "providers show how long setup takes");
      await okta.check();
      const providerType = await okta.getAttribute("value");
      await shot(page, "06-setup-provider");
      await page.getByRole("button", { name: "Continue" }).click();
      await page.getByRole("link", { name: "Open the Admin Portal" }).click();

      // The emulator's Admin Portal page.
      await page.waitForURL(/\/workos-emulator\/portal\//);
      if (providerType) await page.selectOption("#provider", providerType).catch(() => undefined);
      await shot(page, "07-admin-portal", { audit: false });
      await page.getByRole("button", { name: "Complete setup" }).click();

      // Back in the app: setup completes and the directory shows.
      await page.waitForURL(/\/settings\/directory-sync/);
      await page.getByText("Directory users").first().waitFor({ timeout: 60_000 });
      await page.getByRole("button", { name: "Sync now" }).waitFor();
      await shot(page, "08-directory-status");

      // Field mapping: department, division, office and a tag.
      await page.getByRole("navigation", { name: "Directory Sync" }).getByRole("link", { name: "Field mapping", exact: true }).click();
      await page.getByRole("heading", { name: "Field mapping" }).waitFor();
      await pickAttribute(page, "Department", [/^\/custom_attributes\/department_name$/, /department/i]);
      await pickAttribute(page, "Division", [/^\/custom_attributes\/division_name$/, /division/i]);
      await pickAttribute(page, "Office", [/^\/custom_attributes\/office_name$/, /office|location/i]);
      await page.getByRole("button", { name: "Add tag field" }).click();
      await page.getByRole("group", { name: "Tag field 1", exact: true }).getByLabel("Name").fill("Skills");
      await pickAttribute(page, "Attribute", [/^\/custom_attributes\/tags$/, /tags/i, /employee_type/]);
      const preview = page.getByRole("table", { name: "Mapping preview" });
      await preview.waitFor();
      const previewDept = (await preview.locator("tbody tr td:nth-child(4)").first().textContent()) ?? "";
      assert.ok(previewDept.trim() !== "", "the live preview shows a department");
      await shot(page, "09-mapping");
      await page.getByRole("button", { name: "Save mapping" }).click();
      await page.getByText(/Mapping saved/).waitFor();

      // Dry run: what the next sync would change, before committing to it.
      await page.getByRole("button", { name: "Run a dry run" }).click();
      await page.getByText(/What the next sync would change/).waitFor({ timeout: 60_000 });
      await shot(page, "09b-dry-run");

      // Directory users: un-assign one user.
      await page.getByRole("navigation", { name: "Directory Sync" }).getByRole("link", { name: "Directory users", exact: true }).click();
      const rows = page.locator("tr[data-directory-user]");
      await rows.first().waitFor();
      // Two active directory users with an email: one to un-assign, one to follow into People.
      const active = [];
      for (let i = 0; i < (await rows.count()) && active.length < 2; i++) {
        const email = (await rows.nth(i).getAttribute("data-directory-user")) ?? "";
        const state = ((await rows.nth(i).locator("td").nth(1).textContent()) ?? "").trim();
        if (email.includes("@") && state === "Active") active.push(i);
      }
      assert.equal(active.length, 2, "the directory has active users");
      const [removedRow, keptRow] = /** @type {[number, number]} */ (active);
      const removed = (await rows.nth(removedRow).getAttribute("data-directory-user")) ?? "";
      const kept = (await rows.nth(keptRow).getAttribute("data-directory-user")) ?? "";
      const keptDept = ((await rows.nth(keptRow).locator("td.preview > div").first().textContent()) ?? "").split(" · ");
      await rows.nth(removedRow).getByRole("switch").uncheck();
      await page.getByText(/1 user un-assigned/).waitFor();
      await shot(page, "10-directory-users");

      // Sync now with a live progress bar, then the result.
      await page.getByRole("navigation", { name: "Directory Sync" }).getByRole("link", { name: "Status", exact: true }).click();
      await page.getByRole("button", { name: "Sync now" }).click();
      const result = page.getByRole("status", { name: "Run result" });
      await result.waitFor({ timeout: 120_000 });
      const resultText = (await result.textContent()) ?? "";
      await shot(page, "11-sync-result");
      assert.match(resultText, /Succeeded/, `the sync succeeded: ${resultText}`);

      // Sync history lists the run.
      await page.getByRole("navigation", { name: "Directory Sync" }).getByRole("link", { name: "Sync history", exact: true }).click();
      await page.getByRole("table").getByText("Sync now").first().waitFor();
      await shot(page, "12-sync-history");

      // People: the kept user is there with the mapped department; the un-assigned one is not.
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
      await page.getByLabel("Search people").fill(kept);
      await waitForCount(page, (n) => n === 1);
      const row = page.locator("tbody tr").first();
      const dept = ((await row.locator("td:nth-child(4)").textContent()) ?? "").trim();
      assert.ok(dept !== "" && keptDept.includes(dept), `${kept} has the mapped department (${dept} in ${keptDept.join(", ")})`);
      assert.ok(((await row.locator("td:nth-child(7)").textContent()) ?? "").trim() !== "", "tags are synced");
      await shot(page, "13-people-synced");
      await page.getByLabel("Search people").fill(removed);
      await page.getByText("No one matches these filters.").waitFor();
    } catch (e) {
      await shot(page, "99-admin-failure", { audit: false }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  });
  // Continues from the directory set up above.
  test("an admin reviews and approves a run held by the deactivation guard", async () => {
    const { context, page } = await signIn(/Ada Admin/);
    const dsNav = () => page.getByRole("navigation", { name: "Directory Sync" });
    try {
      // Schedule & safety: a guard that holds any inactivation.
      await page.goto(`${server.baseURL}/settings/directory-sync/schedule`);
      await page.getByLabel("Share of synced users (%)").fill("0");
      await page.getByLabel("Number of users").fill("0");
      await page.getByRole("button", { name: "Save settings" }).click();
      await page.getByText("Settings saved.").waitFor();
      await shot(page, "14-schedule");

      // Bulk un-assign two assigned users.
      await dsNav().getByRole("link", { name: "Directory users", exact: true }).click();
      await page.getByLabel("Assignment").selectOption("assigned");
      const rows = page.locator("tr[data-directory-user]");
      // The unfiltered rows stay on screen while the filtered list loads (the user
      // un-assigned above among them): wait until only assigned users show.
      await rows.filter({ has: page.locator("input[role='switch']:not(:checked)") }).first().waitFor({ state: "detached" });
      await page.locator("table[aria-busy='false'] tr[data-directory-user]").first().waitFor();
      const emails = [];
      for (let i = 0; i < 2; i++) {
        emails.push((await rows.nth(i).getAttribute("data-directory-user")) ?? "");
        await rows.nth(i).getByRole("checkbox", { name: /^Select / }).check();
      }
      await page.getByRole("button", { name: "Un-assign selected" }).click();
      await page.getByText(/2 users un-assigned/).waitFor();

      // Sync now first says whom it would inactivate and asks; then it stops for review.
      await dsNav().getByRole("link", { name: "Status", exact: true }).click();
      await page.getByRole("button", { name: "Sync now" }).click();
      const confirm = page.getByRole("alertdialog");
      await confirm.getByText("This sync will inactivate 2 people.").waitFor();
      await shot(page, "15a-confirm-inactivations");
      await confirm.getByRole("button", { name: "Cancel" }).click();
      await confirm.waitFor({ state: "detached" });
      await page.getByRole("button", { name: "Sync now" }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Inactivate 2 people and sync" }).click();
      const result = page.getByRole("status", { name: "Run result" });
      await result.filter({ hasText: "Needs review" }).waitFor({ timeout: 120_000 });
      await shot(page, "15-needs-review");

      // History: the held run lists whom it would inactivate; approve it.
      await dsNav().getByRole("link", { name: "Sync history", exact: true }).click();
      await page.getByRole("button", { name: "Review" }).click();
      const review = page.getByRole("region", { name: "Review the held run" });
      for (const email of emails) await review.getByText(email).waitFor();
      await shot(page, "16-review");
      await review.getByRole("button", { name: "Approve and apply" }).click();
      await review.waitFor({ state: "detached" });
      await page.getByRole("table").getByText("Needs review").waitFor({ state: "detached" });

      // People: the inactivated users are gone from the active list.
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
      await page.getByLabel("Search people").fill(emails[0] ?? "");
      await page.getByText("No one matches these filters.").waitFor();
    } catch (e) {
      await shot(page, "99-review-failure", { audit: false }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  });
  // Continues from the directory set up above.
  test("an admin sees a deleted directory and connects a new one through the Admin Portal", async () => {
    const { context, page } = await signIn(/Ada Admin/);
    try {
      const token = await page.evaluate("localStorage.getItem('dirsync.token')");
      /** @param {string} query */
      const gql = async (query) => {
        const res = await fetch(`${server.baseURL}/graphql`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
        });
        return /** @type {any} */ (await res.json()).data;
      };
      const before = await gql(`{ directorySync { connection { directoryId } } users(filter: {status: ACTIVE}) { totalCount } }`);
      const deletedID = before.directorySync.connection.directoryId;

      // The IT admin deletes the directory in WorkOS (the emulator's control API): its
      // dsync.deleted reaches the app by webhook.
      const del = await fetch(`${server.baseURL}/workos-emulator/_emulator/directories/${deletedID}`, { method: "DELETE" });
      assert.ok(del.ok, `the emulator deleted the directory (${del.status})`);
      await page.goto(`${server.baseURL}/settings/directory-sync`);
      const notice = page.getByRole("region", { name: "Your directory was deleted in WorkOS" });
      for (let i = 0; i < 60 && !(await notice.isVisible()); i++) {
        await page.waitForTimeout(500);
        await page.reload();
      }
      await notice.getByText("Nothing was changed in OfficeTogether").waitFor();
      assert.ok(await page.getByRole("button", { name: "Sync now" }).isDisabled(), "nothing to sync from a deleted directory");
      await shot(page, "17-directory-deleted");
      const after = await gql(`{ users(filter: {status: ACTIVE}) { totalCount } }`);
      assert.equal(after.users.totalCount, before.users.totalCount, "nobody was inactivated");

      // Connect a new directory through the Admin Portal.
      await notice.getByRole("button", { name: "Connect a new directory" }).click();
      await page.getByRole("heading", { name: "Connect a new directory" }).waitFor();
      const okta = page.getByRole("radio", { name: /Okta/ }).first();
      await okta.check();
      const providerType = await okta.getAttribute("value");
      await shot(page, "18-connect-new-directory");
      await page.getByRole("button", { name: "Continue" }).click();
      const runsQuery = `{ directorySync { runs(first: 10) { edges { node { id trigger status fetched } } } } }`;
      /** @type {Set<string>} */
      const earlier = new Set((await gql(runsQuery)).directorySync.runs.edges.map((/** @type {any} */ e) => e.node.id));
      await page.getByRole("link", { name: "Open the Admin Portal" }).click();
      await page.waitForURL(/\/workos-emulator\/portal\//);
      if (providerType) await page.selectOption("#provider", providerType).catch(() => undefined);
      await page.getByRole("button", { name: "Complete setup" }).click();
      await page.waitForURL(/\/settings\/directory-sync/);
      await page.getByText(/Your directory is connected/).waitFor({ timeout: 60_000 });
      // Its dsync.activated pulls the new directory into the mirror (an EVENTS run that changes
      // nobody); until then an admin's run would do that pull instead of applying, so wait for it.
      for (let i = 0; ; i++) {
        const edges = (await gql(runsQuery)).directorySync.runs.edges;
        const pulled = edges.some((/** @type {any} */ e) => !earlier.has(e.node.id) && e.node.trigger === "EVENTS" && e.node.status === "SUCCEEDED" && e.node.fetched > 0);
        if (pulled) break;
        assert.ok(i < 240, "the new directory's first pull did not come within 2 minutes");
        await page.waitForTimeout(500);
      }
      await page.getByText("Linked", { exact: true }).waitFor();
      assert.ok(await page.getByRole("button", { name: "Sync now" }).isEnabled(), "the new directory can be synced");
      await shot(page, "19-new-directory-connected");
      const now = await gql(`{ directorySync { connection { directoryId state } } }`);
      assert.notEqual(now.directorySync.connection.directoryId, deletedID, "the new directory is connected");
      assert.equal(now.directorySync.connection.state, "linked");
    } catch (e) {
      await shot(page, "99-lifecycle-failure", { audit: false }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  });
});

describe("Directory sync alerts", { timeout: 180_000 }, () => {
  test("a held run puts a banner on every admin page and mails the admin, linking to its review", async () => {
    const { context, page } = await signIn(/Ada Admin/);
    const dsNav = () => page.getByRole("navigation", { name: "Directory Sync" });
    const banner = page.getByRole("region", { name: "Directory sync needs you" });
    try {
      await page.goto(`${server.baseURL}/settings/directory-sync/schedule`);
      await page.getByLabel("Share of synced users (%)").fill("0");
      await page.getByLabel("Number of users").fill("0");
      const save = page.getByRole("button", { name: "Save settings" });
      if (await save.isEnabled()) {
        await save.click();
        await page.getByText("Settings saved.").waitFor();
      }

      // Un-assign one user and sync: the guard holds the run.
      await dsNav().getByRole("link", { name: "Directory users", exact: true }).click();
      await page.getByLabel("Assignment").selectOption("assigned");
      const rows = page.locator("table[aria-busy='false'] tr[data-directory-user]");
      await rows.filter({ has: page.locator("input[role='switch']:not(:checked)") }).first().waitFor({ state: "detached" });
      await rows.first().getByRole("checkbox", { name: /^Select / }).check();
      await page.getByRole("button", { name: "Un-assign selected" }).click();
      await page.getByText(/1 user un-assigned/).waitFor();
      await dsNav().getByRole("link", { name: "Status", exact: true }).click();
      await page.getByRole("button", { name: "Sync now" }).click();
      // Sync now first says whom the run would inactivate and asks.
      await page.getByRole("button", { name: /^Inactivate \d+ (people|person) and sync$/ }).click();
      // A run is held: this Sync now, or the EVENTS run of the directory the test before connected,
      // when that one came first (it plans the same inactivations); either raises the alert.
      for (let i = 0; ; i++) {
        const runs = await gqlOf(page, "{ directorySync { runs(first: 10) { edges { node { status } } } } }");
        if (runs.data.directorySync.runs.edges.some((/** @type {any} */ e) => e.node.status === "NEEDS_REVIEW")) break;
        assert.ok(i < 240, "no run was held within 2 minutes");
        await page.waitForTimeout(500);
      }

      // People, another page: the banner says so and links to the run's review.
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
      await banner.getByText(/held for review: it would inactivate/).first().waitFor();
      await shot(page, "17-attention-banner");
      await banner.getByRole("link", { name: "Review the run" }).last().click();
      const review = page.getByRole("region", { name: "Review the held run" });
      // The plan's inactivations (the directory was replaced in the test before: its people
      // not in the new directory are what this run would inactivate).
      await review.getByText(/Users this run would inactivate/).waitFor();

      // The mail the admin got, caught by the dev SMTP sink, links to the same review.
      const runId = new URL(page.url()).searchParams.get("review") ?? "";
      assert.match(runId, /^[0-9a-f-]{36}$/);
      const mail = await context.newPage();
      let text = "";
      for (let i = 0; i < 60 && !text.includes(runId); i++) {
        if (i > 0) await mail.waitForTimeout(1000);
        await mail.goto(`${server.baseURL}/dev/mail`);
        text = (await mail.locator("body").textContent()) ?? "";
      }
      assert.ok(text.includes("Acme Corp: a directory sync is waiting for your review"), text);
      assert.ok(text.includes(`To admin@acme.example`), text);
      assert.ok(text.includes(`${server.baseURL}/settings/directory-sync/history?review=${runId}`), text);
      await mail.close();

      // Rejecting it takes it off the banner.
      await review.getByRole("button", { name: "Reject" }).click();
      await review.waitFor({ state: "detached" });
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
      await page.getByRole("heading", { name: "People", level: 1 }).waitFor();
      await page.locator(`a[href$="review=${runId}"]`).waitFor({ state: "detached" });
    } catch (e) {
      await shot(page, "99-banner-failure", { audit: false }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  });
});

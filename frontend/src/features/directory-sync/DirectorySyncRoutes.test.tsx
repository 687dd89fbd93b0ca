// @vitest-environment jsdom
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callsOf, current, fakeGraphql, type FakeHandler } from "../../test/fakeGraphql";
import { renderDirectorySync, viewerOf } from "./testRender";
import { fakeConnection, fakeRun } from "./testData";

const viewer = viewerOf;

const overview = (connection: typeof fakeConnection | null, lastRun: ReturnType<typeof fakeRun> | null = null): FakeHandler => () => ({
  data: { directorySync: { connection, configuration: { enabled: true, nextRunAt: "2026-01-02T02:00:00Z", dailyAt: "03:00", timeZone: "UTC" }, lastRun } },
});


describe("Directory Sync access", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("tells members it is for company administrators, without asking the server", async () => {
    const calls = fakeGraphql({ Viewer: viewer(false) });
    renderDirectorySync();
    expect(await screen.findByText(/only company administrators/i)).toBeInTheDocument();
    expect(callsOf(calls, "DirectorySyncOverview")).toHaveLength(0);
  });

  it("says the same when the server answers FORBIDDEN", async () => {
    fakeGraphql({ Viewer: viewer(true), DirectorySyncOverview: () => ({ error: "FORBIDDEN" }) });
    renderDirectorySync();
    expect(await screen.findByText(/only company administrators/i)).toBeInTheDocument();
  });

  it("shows a retryable error when the server fails", async () => {
    fakeGraphql({ Viewer: viewer(true), DirectorySyncOverview: () => ({ error: "INTERNAL", message: "not implemented" }) });
    renderDirectorySync();
    expect(await screen.findByRole("alert")).toHaveTextContent(/cannot be loaded/);
    expect(screen.queryByText(/not implemented/)).toBeNull();
  });
});

describe("Directory Sync setup", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("picks a provider and offers the Admin Portal link", async () => {
    const calls = fakeGraphql({
      Viewer: viewer(true),
      DirectorySyncOverview: overview(null),
      DirectoryProviders: () => ({ data: { directorySync: { providers: [{ type: "okta scim v2.0", name: "Okta", setupMinutes: 10 }, { type: "gsuite directory", name: "Google Workspace", setupMinutes: 5 }] } } }),
      StartDirectorySetup: () => ({ data: { startDirectorySetup: { url: "http://emulator/portal/setup?token=abc", expiresAt: "2099-01-01T00:05:00Z", provider: "gsuite directory", providerName: "Google Workspace" } } }),
    });
    const user = userEvent.setup();
    renderDirectorySync();
    await user.click(await screen.findByRole("button", { name: "Set up Directory Sync" }));
    await user.click(await screen.findByRole("radio", { name: /Google Workspace/ }));
    expect(screen.getByText("about 5 min to set up")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Continue" }));
    const link = await screen.findByRole("link", { name: "Open the Admin Portal" });
    expect(link).toHaveAttribute("href", "http://emulator/portal/setup?token=abc");
    expect(callsOf(calls, "StartDirectorySetup")[0]?.variables).toEqual({ provider: "gsuite directory" });
  });

  it("completes setup once on return from the portal and shows the directory", async () => {
    let connected = false;
    const calls = fakeGraphql({
      Viewer: viewer(true),
      DirectorySyncOverview: () => overview(connected ? fakeConnection : null)({}),
      CompleteDirectorySetup: () => {
        connected = true;
        return { data: { completeDirectorySetup: { id: "conn1", providerName: "Okta", name: "Acme Okta", state: "linked", userCount: 25 } } };
      },
    });
    renderDirectorySync("/settings/directory-sync?setup=complete");
    expect(await screen.findByText(/Your directory is connected/)).toBeInTheDocument();
    expect(screen.getByText("Okta")).toBeInTheDocument();
    expect(current.search).toBe("");
    expect(callsOf(calls, "CompleteDirectorySetup")).toHaveLength(1);
  });
});

describe("Directory Sync status", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("runs a sync with a live progress bar and shows the result", async () => {
    let polls = 0;
    const calls = fakeGraphql({
      Viewer: viewer(true),
      DirectorySyncOverview: overview(fakeConnection, fakeRun({ id: "old", trigger: "SETUP" })),
      PendingDeactivations: () => ({ data: { directorySync: { pendingDeactivations: { count: 0, sample: [] } } } }),
      RunDirectorySync: () => ({ data: { runDirectorySync: fakeRun({ id: "r2", status: "QUEUED", progress: 0, finishedAt: null, issueCount: 0 }) } }),
      SyncRun: () => {
        polls++;
        const run = polls < 2 ? fakeRun({ id: "r2", status: "RUNNING", progress: 0.5, finishedAt: null, issueCount: 0 }) : fakeRun({ id: "r2" });
        return { data: { directorySync: { run } } };
      },
    });
    const user = userEvent.setup();
    renderDirectorySync();
    await user.click(await screen.findByRole("button", { name: "Sync now" }));
    const bar = await screen.findByRole("progressbar");
    await waitFor(() => expect(bar).toHaveAttribute("aria-valuenow", "50"));
    const result = await screen.findByRole("status", { name: "Run result" }, { timeout: 4000 });
    expect(result).toHaveTextContent("Succeeded");
    expect(result).toHaveTextContent("24 created");
    expect(result).toHaveTextContent("1 issue");
    expect(callsOf(calls, "RunDirectorySync")[0]?.variables).toEqual({ dryRun: false });
    expect(await screen.findByRole("button", { name: "Sync now" })).toBeEnabled();
    const pollsAtEnd = polls;
    await new Promise((r) => setTimeout(r, 1200));
    expect(polls).toBe(pollsAtEnd);
  });
});

// @vitest-environment jsdom
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callsOf, fakeGraphql, type FakeHandler } from "../../../test/fakeGraphql";
import { renderDirectorySync, viewerOf } from "../testRender";
import { fakeConnection } from "../testData";

const viewer = viewerOf();

const deleted = {
  ...fakeConnection,
  state: "deleted",
  stateLabel: "Deleted",
  stateExplanation: "The directory was deleted in WorkOS. Nothing is synced and no user was changed.",
  healthy: false,
  stateChangedAt: "2026-01-03T08:00:00Z",
};

const overview = (connection: typeof fakeConnection): FakeHandler => () => ({
  data: { directorySync: { connection, configuration: { enabled: true, nextRunAt: null, dailyAt: "03:00", timeZone: "UTC" }, lastRun: null } },
});


describe("Directory state on the status page", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("says a deleted directory changed nothing and offers to connect a new one through the Admin Portal", async () => {
    const calls = fakeGraphql({
      Viewer: viewer,
      DirectorySyncOverview: overview(deleted),
      DirectoryProviders: () => ({ data: { directorySync: { providers: [{ type: "okta scim v2.0", name: "Okta", setupMinutes: 10 }] } } }),
      StartDirectorySetup: () => ({ data: { startDirectorySetup: { url: "http://emulator/portal/setup?token=new", expiresAt: "2099-01-01T00:05:00Z", provider: "okta scim v2.0", providerName: "Okta" } } }),
    });
    const user = userEvent.setup();
    renderDirectorySync();
    const region = await screen.findByRole("region", { name: "Your directory was deleted in WorkOS" }, { timeout: 5000 });
    expect(region).toHaveTextContent("Nothing was changed in OfficeTogether");
    expect(region).toHaveTextContent("no user was changed");
    expect(screen.getByText("Deleted")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sync now" })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Connect a new directory" }));
    expect(await screen.findByRole("heading", { name: "Connect a new directory" }, { timeout: 5000 })).toBeInTheDocument();
    await user.click(await screen.findByRole("radio", { name: /Okta/ }, { timeout: 5000 }));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(await screen.findByRole("link", { name: "Open the Admin Portal" })).toHaveAttribute("href", "http://emulator/portal/setup?token=new");
    expect(callsOf(calls, "StartDirectorySetup")).toHaveLength(1);
  }, 20_000);

  it("lists the organization's other active directories and connects one", async () => {
    let connected = false;
    const other = { id: "directory_2", providerName: "Okta", name: "Acme Okta 2", state: "linked" };
    const calls = fakeGraphql({
      Viewer: viewer,
      DirectorySyncOverview: () => overview(connected ? { ...fakeConnection, directoryId: other.id } : { ...deleted, otherDirectories: [other] })({}),
      CompleteDirectorySetup: () => {
        connected = true;
        return { data: { completeDirectorySetup: { id: "conn1", providerName: "Okta", name: other.name, state: "linked", userCount: 3 } } };
      },
    });
    const user = userEvent.setup();
    renderDirectorySync();
    const list = await screen.findByRole("region", { name: "Other directories of your organization" }, { timeout: 5000 });
    expect(list).toHaveTextContent("Acme Okta 2");
    await user.click(screen.getByRole("button", { name: "Connect Acme Okta 2" }));
    expect(callsOf(calls, "CompleteDirectorySetup")[0]?.variables).toEqual({ directoryId: "directory_2" });
    await screen.findByRole("button", { name: "Sync now" });
    expect(await screen.findByText("Linked")).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: /deleted/ })).toBeNull();
  }, 20_000);

  it("shows other directories without offering to switch while the directory is linked", async () => {
    fakeGraphql({
      Viewer: viewer,
      DirectorySyncOverview: overview({ ...fakeConnection, otherDirectories: [{ id: "d2", providerName: "BambooHR", name: "HR", state: "linked" }] }),
    });
    renderDirectorySync();
    const list = await screen.findByRole("region", { name: "Other directories of your organization" }, { timeout: 5000 });
    expect(list).toHaveTextContent("not synced");
    expect(screen.queryByRole("button", { name: /Connect HR/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Sync now" })).toBeEnabled();
  });
});

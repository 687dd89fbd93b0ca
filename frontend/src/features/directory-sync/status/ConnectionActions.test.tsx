// @vitest-environment jsdom
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callsOf, fakeGraphql } from "../../../test/fakeGraphql";
import { renderDirectorySync, viewerOf } from "../testRender";
import { fakeConnection, fakeRun } from "../testData";

const viewer = viewerOf();
const configuration = { enabled: true, nextRunAt: "2026-01-02T02:00:00Z", dailyAt: "03:00", timeZone: "UTC" };
const disconnected = { directoryId: "directory_1", providerName: "Okta", name: "Acme Okta", disconnectedAt: "2026-01-03T08:00:00Z" };
const connected = (over: Partial<typeof fakeConnection> = {}) => ({
  data: { directorySync: { connection: { ...fakeConnection, ...over }, disconnected: null, configuration, lastRun: fakeRun() } },
});
const notConnected = { data: { directorySync: { connection: null, disconnected, configuration, lastRun: fakeRun() } } };


describe("Disconnect and Reconnect", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("asks before disconnecting, saying that syncing stops and nobody is inactivated, then says it is disconnected", async () => {
    let isConnected = true;
    const calls = fakeGraphql({
      Viewer: viewer,
      DirectorySyncOverview: () => (isConnected ? connected() : notConnected),
      DisconnectDirectory: () => {
        isConnected = false;
        return { data: { disconnectDirectory: true } };
      },
    });
    const user = userEvent.setup();
    renderDirectorySync();
    await user.click(await screen.findByRole("button", { name: "Disconnect" }));
    const dialog = screen.getByRole("alertdialog", { name: "Disconnect Acme Okta?" });
    expect(dialog).toHaveTextContent("Syncing stops");
    expect(dialog).toHaveTextContent("Nobody is inactivated. Everyone keeps their account and their details");
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(callsOf(calls, "DisconnectDirectory")).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Disconnect" }));
    await user.click(screen.getByRole("button", { name: "Disconnect and stop syncing" }));
    expect(await screen.findByRole("heading", { name: "Directory Sync is disconnected" })).toBeInTheDocument();
    expect(screen.getByText(/was disconnected on/)).toHaveTextContent("Nothing is synced: nobody was inactivated");
    expect(callsOf(calls, "DisconnectDirectory")).toHaveLength(1);
    expect(screen.getByRole("button", { name: "Connect a directory" })).toBeInTheDocument();
  });

  it("reconnects the disconnected directory", async () => {
    let isConnected = false;
    const calls = fakeGraphql({
      Viewer: viewer,
      DirectorySyncOverview: () => (isConnected ? connected() : notConnected),
      CompleteDirectorySetup: () => {
        isConnected = true;
        return { data: { completeDirectorySetup: { ...fakeConnection } } };
      },
    });
    const user = userEvent.setup();
    renderDirectorySync();
    await user.click(await screen.findByRole("button", { name: "Reconnect Acme Okta" }));
    expect(await screen.findByRole("button", { name: "Sync now" })).toBeInTheDocument();
    expect(callsOf(calls, "CompleteDirectorySetup")[0]!.variables).toEqual({ directoryId: "directory_1" });
  });

  it("Reconnect on a connected directory starts the setup again", async () => {
    fakeGraphql({
      Viewer: viewer,
      DirectorySyncOverview: () => connected(),
      DirectoryProviders: () => ({ data: { directorySync: { providers: [{ type: "okta scim v2.0", name: "Okta", setupMinutes: 10 }] } } }),
    });
    const user = userEvent.setup();
    renderDirectorySync();
    await user.click(await screen.findByRole("button", { name: "Reconnect" }));
    expect(await screen.findByRole("heading", { name: "Reconnect your directory" })).toBeInTheDocument();
    expect(await screen.findByRole("radio", { name: /Okta/ })).toBeInTheDocument();
  });

  it("shows the last error in words and a provider other than the one chosen", async () => {
    const text = "WorkOS does not know the connected directory or organization. Nothing was changed. Check WORKOS_API_KEY, or reconnect the directory.";
    fakeGraphql({
      Viewer: viewer,
      DirectorySyncOverview: () =>
        connected({ lastError: text, provider: "generic scim v2.0", providerName: "Generic SCIM", requestedProvider: "okta scim v2.0", requestedProviderName: "Okta" }),
    });
    renderDirectorySync();
    expect(await screen.findByRole("alert")).toHaveTextContent(`Last error: ${text}`);
    expect(screen.getByRole("note")).toHaveTextContent(
      "You chose Okta when you started the setup, but the directory connected in the Admin Portal is Generic SCIM.",
    );
  });
});

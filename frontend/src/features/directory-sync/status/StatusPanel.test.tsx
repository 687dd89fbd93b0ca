// @vitest-environment jsdom
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callsOf, fakeGraphql, type FakeHandler } from "../../../test/fakeGraphql";
import { renderDirectorySync, viewerOf } from "../testRender";
import { fakeConnection, fakeRun } from "../testData";

const viewer = viewerOf();

const overview = (lastRun: ReturnType<typeof fakeRun>): FakeHandler => () => ({
  data: { directorySync: { connection: fakeConnection, configuration: { enabled: true, nextRunAt: "2026-01-02T02:00:00Z", dailyAt: "03:00", timeZone: "UTC" }, lastRun } },
});

const pending = (count: number, sample: string[]): FakeHandler => () => ({ data: { directorySync: { pendingDeactivations: { count, sample } } } });


describe("Sync now", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("says a sync queued behind a directory-events run waits, follows it to its end, then refreshes", async () => {
    let polls = 0;
    const waiting = fakeRun({ id: "w1", status: "WAITING", progress: 0, startedAt: null, finishedAt: null, waitingFor: { id: "e1", trigger: "EVENTS" } });
    const calls = fakeGraphql({
      Viewer: viewer,
      DirectorySyncOverview: overview(fakeRun({ id: "old" })),
      PendingDeactivations: pending(0, []),
      RunDirectorySync: () => ({ data: { runDirectorySync: waiting } }),
      SyncRun: () => {
        polls++;
        return { data: { directorySync: { run: polls < 2 ? waiting : fakeRun({ id: "w1" }) } } };
      },
    });
    const user = userEvent.setup();
    renderDirectorySync();
    await user.click(await screen.findByRole("button", { name: "Sync now" }));
    expect(await screen.findByText("Queued: starts after the current directory-events run")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Queued…" })).toBeDisabled();
    const result = await screen.findByRole("status", { name: "Run result" }, { timeout: 4000 });
    expect(result).toHaveTextContent("Succeeded");
    await waitFor(() => expect(callsOf(calls, "DirectorySyncOverview").length).toBeGreaterThan(1));
    expect(await screen.findByRole("button", { name: "Sync now" })).toBeEnabled();
  });

  it("follows a run active on load to its end and offers Sync now again, though the overview still says it runs", async () => {
    let polls = 0;
    const running = fakeRun({ id: "r0", status: "RUNNING", progress: 0.2, finishedAt: null });
    fakeGraphql({
      Viewer: viewer,
      DirectorySyncOverview: overview(running),
      SyncRun: () => {
        polls++;
        return { data: { directorySync: { run: polls < 2 ? running : fakeRun({ id: "r0" }) } } };
      },
    });
    renderDirectorySync();
    expect(await screen.findByRole("button", { name: "Syncing…" })).toBeDisabled();
    expect(await screen.findByRole("status", { name: "Run result" }, { timeout: 4000 })).toHaveTextContent("Succeeded");
    expect(await screen.findByRole("button", { name: "Sync now" })).toBeEnabled();
  });

  it("asks before a sync that inactivates people, and Cancel starts nothing", async () => {
    const calls = fakeGraphql({
      Viewer: viewer,
      DirectorySyncOverview: overview(fakeRun({ id: "old" })),
      PendingDeactivations: pending(7, ["Ann Lee", "Bo Park"]),
      RunDirectorySync: () => ({ data: { runDirectorySync: fakeRun({ id: "r2", status: "QUEUED", progress: 0, finishedAt: null }) } }),
      SyncRun: () => ({ data: { directorySync: { run: fakeRun({ id: "r2" }) } } }),
    });
    const user = userEvent.setup();
    renderDirectorySync();
    await user.click(await screen.findByRole("button", { name: "Sync now" }));
    const dialog = await screen.findByRole("alertdialog");
    expect(dialog).toHaveTextContent("This sync will inactivate 7 people.");
    expect(dialog).toHaveTextContent("Ann Lee, Bo Park and 5 more will lose access");
    expect(screen.getByRole("button", { name: "Cancel" })).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(callsOf(calls, "RunDirectorySync")).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Sync now" }));
    await user.click(await screen.findByRole("button", { name: "Inactivate 7 people and sync" }));
    expect(await screen.findByRole("status", { name: "Run result" }, { timeout: 4000 })).toHaveTextContent("Succeeded");
    expect(callsOf(calls, "RunDirectorySync")).toHaveLength(1);
    expect(callsOf(calls, "PendingDeactivations")).toHaveLength(2);
  });
});

// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callsOf, fakeGraphql, renderWithClient } from "../../../test/fakeGraphql";
import { fakeRun } from "../testData";
import { HistoryPanel } from "./HistoryPanel";

describe("HistoryPanel", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("lists runs and approves a held run after showing whom it would inactivate", async () => {
    let held = true;
    const calls = fakeGraphql({
      SyncRuns: () => ({
        data: {
          directorySync: {
            runs: {
              pageInfo: { hasNextPage: false, endCursor: null },
              edges: [
                { node: fakeRun({ id: "r2", status: held ? "NEEDS_REVIEW" : "SUCCEEDED", trigger: "SCHEDULE", deactivated: 12, issueCount: 0 }) },
                { node: fakeRun({ id: "r1", trigger: "SETUP" }) },
              ],
            },
          },
        },
      }),
      SyncRunChanges: () => ({
        data: {
          directorySync: {
            run: {
              id: "r2",
              changes: [
                { action: "DEACTIVATE", userId: "u7", directoryUserId: "du7", email: "gone@x.example", name: "Gone Person", fields: [] },
                { action: "UPDATE", userId: "u8", directoryUserId: "du8", email: "stay@x.example", name: "Stay Person", fields: [] },
              ],
            },
          },
        },
      }),
      AuditEvents: () => ({
        data: { directorySync: { auditEvents: { edges: [{ node: { id: "a1", action: "setup.completed", details: {}, createdAt: "2026-01-01T09:00:00Z", actor: { id: "u1", name: "Ada Admin" } } }] } } },
      }),
      ApproveSyncRun: () => {
        held = false;
        return { data: { approveSyncRun: fakeRun({ id: "r2" }) } };
      },
    });
    const onChanged = vi.fn();
    const user = userEvent.setup();
    renderWithClient(<HistoryPanel onChanged={onChanged} />);
    expect(await screen.findByText("Needs review")).toBeInTheDocument();
    expect(screen.getByText("Setup")).toBeInTheDocument();
    expect(screen.getByText("1 issue")).toBeInTheDocument();
    expect(await screen.findByText(/Connected the directory/)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Review" }));
    const review = await screen.findByRole("region", { name: "Review the held run" });
    expect(await within(review).findByText("Gone Person")).toBeInTheDocument();
    expect(within(review).queryByText("Stay Person")).toBeNull();
    await user.click(within(review).getByRole("button", { name: "Approve and apply" }));
    await waitFor(() => expect(screen.getAllByText("Succeeded")).toHaveLength(2));
    expect(callsOf(calls, "ApproveSyncRun")[0]?.variables).toEqual({ id: "r2" });
    expect(onChanged).toHaveBeenCalled();
  });
});

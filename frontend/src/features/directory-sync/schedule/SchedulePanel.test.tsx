// @vitest-environment jsdom
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callsOf, fakeGraphql, renderWithClient } from "../../../test/fakeGraphql";
import { fakeConfig } from "../testData";
import { SchedulePanel } from "./SchedulePanel";

describe("SchedulePanel", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("edits the schedule, guard and auto-assign, validating before saving", { timeout: 30_000 }, async () => {
    const calls = fakeGraphql({
      SyncConfiguration: () => ({ data: { directorySync: { configuration: fakeConfig({ updatedAt: "2026-11-01T10:00:00Z" }) } } }),
      UpdateSyncConfiguration: (v) => ({ data: { updateSyncConfiguration: fakeConfig(v.input as object) } }),
    });
    const user = userEvent.setup();
    renderWithClient(<SchedulePanel />);
    const zone = await screen.findByLabelText("Time zone");
    expect(zone).toHaveValue("Europe/Berlin");
    await user.clear(zone);
    await user.paste("Mars/Olympus");
    expect(await screen.findByText(/Pick a time zone from the list/)).toBeInTheDocument();
    await user.clear(zone);
    await user.paste("America/New_York");
    const count = screen.getByLabelText("Number of users");
    await user.clear(count);
    await user.type(count, "-1");
    expect(await screen.findByText("The count must be a whole number of 0 or more.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Save settings" })).toBeDisabled();
    await user.clear(count);
    await user.type(count, "25");
    await user.click(screen.getByLabelText("Assign new directory users automatically"));
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expect(await screen.findByText("Settings saved.")).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByRole("status")).toHaveFocus());
    expect(callsOf(calls, "UpdateSyncConfiguration")[0]?.variables.input).toEqual({
      enabled: true,
      dailyAt: "03:00",
      timeZone: "America/New_York",
      autoAssignNewUsers: false,
      maxDeactivationPercent: 5,
      maxDeactivationCount: 25,
    });
  });

  it("suggests the browser's time zone until the settings are first saved", { timeout: 30_000 }, async () => {
    vi.spyOn(Intl.DateTimeFormat.prototype, "resolvedOptions").mockReturnValue({
      ...new Intl.DateTimeFormat("en").resolvedOptions(),
      timeZone: "Asia/Tokyo",
    });
    const calls = fakeGraphql({
      SyncConfiguration: () => ({ data: { directorySync: { configuration: fakeConfig({ timeZone: "UTC", updatedAt: null }) } } }),
      UpdateSyncConfiguration: (v) => ({ data: { updateSyncConfiguration: fakeConfig(v.input as object) } }),
    });
    const user = userEvent.setup();
    renderWithClient(<SchedulePanel />);
    expect(await screen.findByLabelText("Time zone")).toHaveValue("Asia/Tokyo");
    expect(screen.getByText(/Suggested from your browser: Asia\/Tokyo/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expect(await screen.findByText("Settings saved.")).toBeInTheDocument();
    expect(callsOf(calls, "UpdateSyncConfiguration")[0]?.variables.input).toMatchObject({ timeZone: "Asia/Tokyo" });
  });
});

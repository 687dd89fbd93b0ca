// @vitest-environment jsdom
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callsOf, fakeGraphql, renderWithClient } from "../../test/fakeGraphql";
import { NotificationSettings, parseEmails } from "./NotificationSettings";

const page = (over: { alerts?: boolean; emails?: string[] } = {}) => ({
  data: {
    viewer: { directorySyncAlerts: over.alerts ?? true },
    directorySync: {
      mailEnabled: false,
      configuration: { notifyAdmins: true, notificationEmails: over.emails ?? [], weeklyDigest: false },
      notifications: [
        { id: "m1", kind: "held_run", subject: "Acme Corp: a directory sync is waiting for your review", email: "admin@acme.example",
          status: "PENDING", attempts: 0, lastError: null, createdAt: "2026-11-30T09:00:00Z", sentAt: null },
      ],
    },
  },
});

describe("NotificationSettings", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("saves who is told and shows the server's complaint about an address", { timeout: 20_000 }, async () => {
    let bad = true;
    const calls = fakeGraphql({
      NotificationSettings: () => page(),
      UpdateNotificationSettings: (v) => {
        const input = v.input as { notificationEmails: string[] };
        if (bad) return { error: "BAD_USER_INPUT", message: `notificationEmails: "${input.notificationEmails[1]}" is not an email address such as it@example.com` };
        return { data: { updateSyncConfiguration: { notifyAdmins: true, notificationEmails: input.notificationEmails, weeklyDigest: true } } };
      },
    });
    const user = userEvent.setup();
    renderWithClient(<NotificationSettings />);
    expect(await screen.findByText(/sends no email/)).toBeInTheDocument();
    expect(screen.getByText("waiting")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Also email these addresses (one per line)"), "it@acme.example{enter}nope");
    await user.click(screen.getByLabelText(/weekly digest/));
    await user.click(screen.getByRole("button", { name: "Save notification settings" }));
    expect(await screen.findByRole("alert")).toHaveTextContent('"nope" is not an email address');
    bad = false;
    await user.click(screen.getByRole("button", { name: "Save notification settings" }));
    expect(await screen.findByText("Notification settings saved.")).toBeInTheDocument();
    expect(callsOf(calls, "UpdateNotificationSettings")[1]?.variables.input).toEqual({
      notifyAdmins: true,
      notificationEmails: ["it@acme.example", "nope"],
      weeklyDigest: true,
    });
  });

  it("turns the viewer's own alerts off", async () => {
    let on = true;
    const calls = fakeGraphql({
      NotificationSettings: () => page({ alerts: on }),
      SetDirectorySyncAlerts: (v) => {
        on = v.enabled as boolean;
        return { data: { setDirectorySyncAlerts: { directorySyncAlerts: on } } };
      },
    });
    const user = userEvent.setup();
    renderWithClient(<NotificationSettings />);
    const mine = await screen.findByLabelText("Email me when directory sync needs an administrator");
    expect(mine).toBeChecked();
    await user.click(mine);
    expect(callsOf(calls, "SetDirectorySyncAlerts")[0]?.variables).toEqual({ enabled: false });
    await waitFor(() => expect(screen.getByLabelText("Email me when directory sync needs an administrator")).not.toBeChecked());
  });

  it("reads addresses separated by lines, commas or spaces", () => {
    expect(parseEmails(" a@x.example,b@x.example\n\n c@x.example ; ")).toEqual(["a@x.example", "b@x.example", "c@x.example"]);
  });
});

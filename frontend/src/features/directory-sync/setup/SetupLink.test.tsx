// @vitest-environment jsdom
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { callsOf, fakeGraphql, renderWithClient } from "../../../test/fakeGraphql";
import { SetupLink, isFresh, type PortalLink } from "./SetupLink";

const generatedAt = Date.parse("2026-03-02T10:00:00Z");
const link = (url: string, at: number): PortalLink => ({
  url,
  expiresAt: new Date(at + 5 * 60_000).toISOString(),
  provider: "okta scim v2.0",
  providerName: "Okta",
});

function stubClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
}

describe("SetupLink", () => {
  beforeEach(() => {
    // Only Date is faked: the clock the link's expiry is read against.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(generatedAt);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("says which provider to choose in the portal", () => {
    fakeGraphql({});
    renderWithClient(<SetupLink initial={link("https://portal.test/1", generatedAt)} onBack={() => undefined} />);
    expect(screen.getByText(/choose/)).toHaveTextContent("In the Admin Portal, choose Okta as the directory provider");
    expect(screen.getByRole("link", { name: "Open the Admin Portal" })).toHaveAttribute("href", "https://portal.test/1");
  });

  it("copies the link while it works and makes a new one once it expired", async () => {
    const calls = fakeGraphql({
      StartDirectorySetup: () => ({ data: { startDirectorySetup: link("https://portal.test/2", Date.now()) } }),
    });
    const user = userEvent.setup();
    const copied: string[] = [];
    stubClipboard(async (text) => {
      copied.push(text);
    });
    renderWithClient(<SetupLink initial={link("https://portal.test/1", generatedAt)} onBack={() => undefined} />);

    vi.setSystemTime(generatedAt + 4 * 60_000);
    await user.click(screen.getByRole("button", { name: "Copy setup link" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Setup link copied. Send it to your IT administrator now");
    expect(copied).toEqual(["https://portal.test/1"]);
    expect(callsOf(calls, "StartDirectorySetup")).toHaveLength(0);

    vi.setSystemTime(generatedAt + 5 * 60_000 + 1);
    await user.click(screen.getByRole("button", { name: "Copy setup link" }));
    await screen.findByRole("status");
    expect(copied).toEqual(["https://portal.test/1", "https://portal.test/2"]);
    const starts = callsOf(calls, "StartDirectorySetup");
    expect(starts).toHaveLength(1);
    expect(starts[0]!.variables).toEqual({ provider: "okta scim v2.0" });
    expect(screen.getByRole("link", { name: "Open the Admin Portal" })).toHaveAttribute("href", "https://portal.test/2");
  });

  it("shows the link to copy by hand when the browser refuses the clipboard", async () => {
    fakeGraphql({});
    const user = userEvent.setup();
    stubClipboard(() => Promise.reject(new Error("denied")));
    renderWithClient(<SetupLink initial={link("https://portal.test/1", generatedAt)} onBack={() => undefined} />);
    await user.click(screen.getByRole("button", { name: "Copy setup link" }));
    expect(await screen.findByRole("textbox", { name: "Setup link" })).toHaveValue("https://portal.test/1");
  });

  it("counts a link as expired shortly before WorkOS does", () => {
    const l = link("u", generatedAt);
    expect(isFresh(l, generatedAt + 4 * 60_000)).toBe(true);
    expect(isFresh(l, generatedAt + 5 * 60_000 - 10_000)).toBe(false);
  });
});

// @vitest-environment jsdom
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callsOf, current, fakeGraphql, renderWithClient, type FakeHandler } from "../../test/fakeGraphql";
import { ViewerProvider } from "../auth/ViewerContext";
import { AttentionBanner } from "./AttentionBanner";

const viewer = (admin: boolean): FakeHandler => () => ({
  data: { viewer: { isCompanyAdmin: admin, user: { id: "u1", name: "Ada Admin", email: "admin@acme.example" }, company: { id: "c1", name: "Acme Corp" } } },
});

const held = {
  kind: "HELD_RUN",
  message: "A directory sync is held for review: it would inactivate 12 people.",
  actionLabel: "Review the run",
  path: "/settings/directory-sync/history?review=r1",
  since: "2026-11-30T09:00:00Z",
  runId: "r1",
};

function renderBanner() {
  return renderWithClient(
    <ViewerProvider>
      <AttentionBanner />
      <Routes>
        <Route path="*" element={<p>page</p>} />
      </Routes>
    </ViewerProvider>,
    "/people",
  );
}

describe("AttentionBanner", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows admins what waits for them with a link to where to act", async () => {
    fakeGraphql({ Viewer: viewer(true), Attention: () => ({ data: { directorySync: { attention: [held] } } }) });
    const user = userEvent.setup();
    renderBanner();
    const banner = await screen.findByRole("region", { name: "Directory sync needs you" });
    expect(banner).toHaveTextContent("held for review");
    await user.click(screen.getByRole("link", { name: "Review the run" }));
    expect(current.pathname).toBe("/settings/directory-sync/history");
    expect(current.search).toBe("?review=r1");
  });

  it("shows nothing when nothing waits", async () => {
    const calls = fakeGraphql({ Viewer: viewer(true), Attention: () => ({ data: { directorySync: { attention: [] } } }) });
    renderBanner();
    await waitFor(() => expect(callsOf(calls, "Attention").length).toBeGreaterThan(0));
    expect(await screen.findByText("page")).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Directory sync needs you" })).toBeNull();
  });

  it("never asks for members", async () => {
    const calls = fakeGraphql({ Viewer: viewer(false) });
    renderBanner();
    expect(await screen.findByText("page")).toBeInTheDocument();
    expect(callsOf(calls, "Attention")).toHaveLength(0);
  });
});

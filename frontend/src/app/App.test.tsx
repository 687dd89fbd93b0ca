// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthProvider } from "../features/auth/AuthContext";
import { loadToken, saveToken } from "../features/auth/token";
import { fakeGraphql, type FakeHandler } from "../test/fakeGraphql";
import { App } from "./App";

const viewer: FakeHandler = () => ({
  data: { viewer: { isCompanyAdmin: false, user: { id: "u2", name: "Max Member", email: "member@acme.example" }, company: { id: "c1", name: "Acme Corp" } } },
});
const people: FakeHandler = () => ({
  data: { users: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [], facets: { departments: [], divisions: [], offices: [], tags: [] } } },
});
const demoUsers = () =>
  Response.json([
    { email: "admin@acme.example", name: "Ada Admin", role: "COMPANY_ADMIN", token: "admin-token" },
    { email: "member@acme.example", name: "Max Member", role: "MEMBER", token: "member-token" },
  ]);

function renderApp(url: string) {
  return render(
    <MemoryRouter initialEntries={[url]}>
      <AuthProvider>
        <App />
      </AuthProvider>
    </MemoryRouter>,
  );
}

describe("sign-in", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("offers demo users on a dev server and returns to the page asked for", async () => {
    fakeGraphql({ Viewer: viewer, PeopleSearch: people }, { "/dev/demo-users": demoUsers });
    const user = userEvent.setup();
    renderApp("/people?q=ann");
    await user.click(await screen.findByRole("button", { name: /Max Member/ }));
    expect(await screen.findByRole("heading", { name: "People", level: 1 })).toBeInTheDocument();
    expect(screen.getByLabelText("Search people")).toHaveValue("ann");
    expect(loadToken()).toBe("member-token");
    expect(screen.queryByRole("link", { name: "Settings" })).toBeNull();
  });

  it("shows the signed-out page where there are no demo users", async () => {
    fakeGraphql({}, { "/dev/demo-users": () => new Response("404 page not found", { status: 404, headers: { "Content-Type": "text/plain" } }) });
    renderApp("/people");
    expect(await screen.findByRole("heading", { name: "You are signed out" })).toBeInTheDocument();
  });

  it("sends an expired session back to sign-in with a message", async () => {
    saveToken("expired-token");
    fakeGraphql({ Viewer: () => ({ error: "UNAUTHENTICATED", message: "token expired" }) }, { "/dev/demo-users": demoUsers });
    renderApp("/people");
    expect(await screen.findByRole("alert")).toHaveTextContent("Your session has expired");
    expect(loadToken()).toBeNull();
    expect(await screen.findByRole("button", { name: /Ada Admin/ })).toBeInTheDocument();
  });
});
